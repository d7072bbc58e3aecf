// Timing helpers shared by the benchmarks: medians of a few runs, peak memory.

/** Runs `fn` `runs` times (after one warm-up when `warm`), returning the median seconds. */
export async function medianSeconds(fn: () => Promise<unknown>, runs = 3, warm = true): Promise<number> {
  if (warm) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The process's peak resident memory so far, in MB (DuckDB's memory lives in the same process). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function fmt(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
}
