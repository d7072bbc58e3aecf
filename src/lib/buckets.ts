/** Aging bucket edges and their labels, shared by the server, the CLI and the pages. */
import { DEFAULT_BUCKET_EDGES, type AgingBasis } from './types.ts';

/** Checks and normalises bucket edges: whole days, strictly increasing, at least one, all > 0. */
export function parseBucketEdges(input: string | readonly number[] | undefined): number[] {
  if (input === undefined || input === '') return [...DEFAULT_BUCKET_EDGES];
  const edges = typeof input === 'string' ? input.split(',').map((s) => Number(s.trim())) : [...input];
  const ok =
    edges.length > 0 &&
    edges.length <= 12 &&
    edges.every((e, i) => Number.isInteger(e) && e > 0 && e <= 3650 && (i === 0 || e > edges[i - 1]));
  if (!ok) {
    throw new RangeError(
      `Bucket edges must be 1 to 12 whole numbers of days, increasing, between 1 and 3650 (got "${String(input)}").`,
    );
  }
  return edges;
}

/**
 * The bucket labels in order. Due basis: current, 1-30, 31-60, …, 120+.
 * Invoice basis: 0-30, 31-60, …, 120+.
 */
export function bucketLabels(edges: readonly number[], basis: AgingBasis = 'due'): string[] {
  const labels = basis === 'due' ? ['current'] : [];
  let from = basis === 'due' ? 1 : 0;
  for (const edge of edges) {
    labels.push(`${from}-${edge}`);
    from = edge + 1;
  }
  labels.push(`${edges[edges.length - 1]}+`);
  return labels;
}
