/** Every SQL console statement goes into the audit log: who ran what, how it ended, how many rows. */
import type { SessionUser } from '../../auth-roles.ts';
import { audit, type AuditOutcome } from '../audit.ts';
import type { Database } from '../db.ts';
import { ConsoleRefusal } from './sql-guard.ts';

/** What a console run came to, for its audit entry. */
export interface ConsoleOutcome {
  /** Rows returned (or written to a download). */
  rows?: number;
  truncated?: boolean;
  ms?: number;
  /** The download's format, when it was one. */
  download?: string;
  error?: unknown;
}

/** How an error ends a console run in the audit log: a refusal is 'rejected', anything else 'failed'. */
function outcomeOf(error: unknown): AuditOutcome {
  if (error === undefined) return 'ok';
  return error instanceof ConsoleRefusal ? 'rejected' : 'failed';
}

/** Records one console statement (its full text) and its outcome. */
export async function auditConsoleQuery(db: Database, user: SessionUser, sql: string, outcome: ConsoleOutcome): Promise<void> {
  const { error, ...figures } = outcome;
  await audit(db, {
    actor: user.name,
    role: user.role,
    via: 'web',
    action: outcome.download ? 'sql_download' : 'sql_query',
    target: null,
    params: { sql, ...figures, ...(error instanceof ConsoleRefusal ? { refused: error.kind } : {}) },
    outcome: outcomeOf(error),
    detail: error === undefined ? null : (error as Error).message,
  });
}
