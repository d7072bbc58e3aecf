/** Records each import in import_log: what file (by name and SHA-256), what came of it, and when. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind, ImportReport } from '../../types.ts';
import { execute, query } from '../sql.ts';

/** A fresh id from import_id_seq, for the log row and every row the import writes. */
export async function nextImportId(conn: DuckDBConnection): Promise<number> {
  const [{ import_id }] = await query<{ import_id: number }>(conn, 'import_next_id');
  return import_id;
}

/** DuckDB TIMESTAMP text of a moment, in UTC. */
function utc(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** One line of the import log. */
export interface LogEntry {
  importId: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  counts: Pick<ImportReport, 'rows' | 'accepted' | 'rejected' | 'inserted' | 'status'>;
  userName: string | null;
  startedAt: Date;
  finishedAt: Date;
}

/** Writes `entry` into import_log, inside the import's own transaction. */
export async function logImport(conn: DuckDBConnection, entry: LogEntry): Promise<void> {
  await execute(conn, 'import_log_insert', {
    import_id: entry.importId,
    kind: entry.kind,
    file_name: entry.fileName,
    sha256: entry.sha256,
    rows: entry.counts.rows,
    accepted: entry.counts.accepted,
    rejected: entry.counts.rejected,
    inserted: entry.counts.inserted,
    status: entry.counts.status,
    user_name: entry.userName,
    started_at: utc(entry.startedAt),
    finished_at: utc(entry.finishedAt),
  });
}
