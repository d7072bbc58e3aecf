/**
 * The explorer's Arrow payloads, kept: the last few until the next write to the database, so a
 * reader coming back to a view (or a second analyst on it, or the first visitor after the
 * default view was computed ahead) is sent the same bytes without a DuckDB pass; and one pass
 * per payload while it is being made, however many requests ask for it meanwhile. The
 * database's write clears its remembered answers; a payload is valid only while the generation
 * token taken before it was made is still the current one.
 */
import { DENSE_COLUMNS, type ExploreColumn } from '../../explore/columns.ts';
import { emptySelection } from '../../explore/selection.ts';
import type { Database } from '../db.ts';
import { exploreBins } from './bins.ts';
import { dataGeneration } from './generation.ts';
import { viewInvoices } from './row-limit.ts';
import type { ExploreScope } from './scope.ts';
import { openExploreStream } from './stream.ts';

/** Payloads kept at most (each is tens of MB at a million invoices). */
const CAPACITY = 2;

interface Kept {
  generation: object;
  chunks: Promise<Uint8Array[]>;
}

/** Finished payloads, and those being made (a failed one removes itself). */
const kept = new Map<string, Kept>();


/** A stream of kept chunks. */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

/** Tees `body`: one branch to answer with; the other collected, resolving when complete. */
function collecting(body: ReadableStream<Uint8Array>): { answer: ReadableStream<Uint8Array>; whole: Promise<Uint8Array[]> } {
  const [answer, copy] = body.tee();
  const whole = (async () => {
    const chunks: Uint8Array[] = [];
    const reader = copy.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    return chunks;
  })();
  return { answer, whole };
}

/** An Arrow payload to send, and (when freshly made) how many invoices it holds. */
export interface ExplorePayload {
  body: ReadableStream<Uint8Array>;
  invoices: number | null;
}

/**
 * The Arrow IPC stream of `columns` for `scope`: the kept bytes when they are of the data as it
 * is now (or will be, once the pass already under way ends), else a new DuckDB pass streamed as it
 * goes and kept. Rejects as openExploreStream does (TooManyInvoices, a missing FX rate).
 */
export async function explorePayload(db: Database, scope: ExploreScope, columns: readonly ExploreColumn[]): Promise<ExplorePayload> {
  const key = JSON.stringify([scope, columns]);
  const now = await dataGeneration(db);
  const entry = kept.get(key);
  if (entry && entry.generation === now) {
    const chunks = await entry.chunks.catch(() => null);
    if (chunks) return { body: streamOf(chunks), invoices: null };
  }
  const stream = await openExploreStream(db, scope, columns);
  const { answer, whole } = collecting(stream.body);
  const made: Kept = { generation: now, chunks: whole };
  kept.delete(key);
  kept.set(key, made);
  while (kept.size > CAPACITY) kept.delete(kept.keys().next().value as string);
  whole.catch(() => {
    if (kept.get(key) === made) kept.delete(key);
  });
  return { body: answer, invoices: stream.invoices };
}

/**
 * Makes and keeps what the Explore page asks for a view (no tier filter), so that its first
 * visitor does not wait: for computing the default view ahead. The page's Arrow payload; or, for
 * a view over the row limit, the scope's binned invoices (kept-book.ts).
 */
export async function warmExplorePayload(db: Database, view: { asOf: string; segment: string | null; region: string | null; currency: string | null }): Promise<void> {
  const scope: ExploreScope = { asOf: view.asOf, segment: view.segment, region: view.region, currency: view.currency, tier: null };
  if ((await viewInvoices(db, view)).overLimit) {
    await exploreBins(db, scope, emptySelection());
    return;
  }
  const { body } = await explorePayload(db, scope, [...new Set(DENSE_COLUMNS)]);
  await new Response(body).arrayBuffer();
}
