/** The import log as the web page lists it: newest first, a page at a time. */
import type { Database } from '../db.ts';
import { query } from '../sql.ts';
import type { ImportKind, ImportReport } from '../../types.ts';

/** One logged import. Times are ISO UTC. */
export interface ImportLogEntry {
  import_id: number;
  kind: ImportKind | 'demo';
  file_name: string;
  sha256: string;
  rows: number;
  accepted: number;
  rejected: number;
  inserted: number;
  status: ImportReport['status'];
  user_name: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
}

/** One page of the history and how many imports there are in all. */
export interface ImportHistory {
  entries: ImportLogEntry[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** Page `page` (from 1, clamped to the last) of the import log, `pageSize` entries a page. */
export async function importHistory(db: Database, page: number, pageSize = 25): Promise<ImportHistory> {
  return db.read(async (conn) => {
    const [{ imports }] = await query<{ imports: number }>(conn, 'import_history_count');
    const pages = Math.max(1, Math.ceil(imports / pageSize));
    const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const entries = await query<ImportLogEntry>(conn, 'import_history', { limit: pageSize, offset: (at - 1) * pageSize });
    return { entries, total: imports, page: at, pages, pageSize };
  });
}
