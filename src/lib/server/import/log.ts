/** Records each import in import_log: what file (by name and SHA-256), what came of it, and when. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportKind, ImportReport } from '../../types.ts';
import { execute, query } from '../sql.ts';
import { recordAudit, type AuditActor } from '../audit.ts';

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
  await auditImport(conn, entry);
}

/**
 * Who imported, for the audit log: the CLI passes `cli:<OS user>` (see audit.ts cliActor), the
 * web app the signed-in user's name (its role read from users); no name is the library itself.
 */
async function importActor(conn: DuckDBConnection, userName: string | null): Promise<AuditActor> {
  if (!userName) return { actor: 'cli:(unnamed)', role: null, via: 'cli' };
  if (userName.startsWith('cli:')) return { actor: userName, role: null, via: 'cli' };
  const [user] = await query<{ role: AuditActor['role'] }>(conn, 'auth_user_get', { name: userName });
  return { actor: userName, role: user?.role ?? null, via: 'web' };
}

/** Records the import in the audit log, in the same transaction as its import_log row: both land or neither. */
async function auditImport(conn: DuckDBConnection, entry: LogEntry): Promise<void> {
  const { status, ...counts } = entry.counts;
  await recordAudit(conn, {
    ...(await importActor(conn, entry.userName)),
    action: 'import',
    target: entry.fileName,
    params: { kind: entry.kind, import_id: entry.importId, sha256: entry.sha256, status, ...counts },
    outcome: status === 'rejected' ? 'rejected' : 'ok',
    at: entry.finishedAt,
  });
}
