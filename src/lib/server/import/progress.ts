/** Reports how far DuckDB has come with a long statement, for a progress bar. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProgressListener } from '../../types.ts';
import { execute } from '../sql.ts';

/**
 * Runs `work` on `conn` while telling `onProgress` the percentage DuckDB reports for its
 * statement, every 200 ms, under `stage`. Without a listener it just runs `work`.
 */
export async function withProgress<T>(conn: DuckDBConnection, stage: string, onProgress: ProgressListener | undefined, work: () => Promise<T>): Promise<T> {
  if (!onProgress) return work();
  onProgress(0, null, stage);
  await execute(conn, 'import_progress_on');
  await execute(conn, 'import_progress_quiet');
  const timer = setInterval(() => {
    const { percentage } = conn.progress;
    if (percentage >= 0) onProgress(Math.round(percentage), 100, stage);
  }, 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
