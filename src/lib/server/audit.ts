/** The audit log: an append-only, hash-chained record of who did what, when, with what outcome. */
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Role } from '../auth-roles.ts';
import type { Database } from './db.ts';
import { execute, query } from './sql.ts';

/** Where an action came from. */
export type AuditVia = 'cli' | 'web';
/** How it ended: done, refused for want of a permission, failed (e.g. a wrong password), or a rejected import. */
export type AuditOutcome = 'ok' | 'denied' | 'failed' | 'rejected';

/** What a caller records. */
export interface AuditEntry {
  /** A user name, `cli:<OS user>` for the command line, or the name tried at a failed login. */
  actor: string;
  role: Role | null;
  via: AuditVia;
  /** What was done, as a short verb: `login`, `login_failed`, `logout`, `import`, `export`, `user_add`, `user_disable`, … */
  action: string;
  /** What it was done to: a file, a user, a report. */
  target?: string | null;
  /** The parameters that matter to a reader (no passwords, no tokens). */
  params?: Record<string, unknown>;
  outcome: AuditOutcome;
  detail?: string | null;
  /** When (default: now). */
  at?: Date;
}

/** Who acts: the part of an entry that is the same for everything one person does in one place. */
export type AuditActor = Pick<AuditEntry, 'actor' | 'role' | 'via'>;

/** An entry as stored: numbered, timed (ISO UTC with milliseconds) and chained. */
export interface StoredAuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  via: AuditVia;
  action: string;
  target: string | null;
  /** Canonical JSON text (keys sorted). */
  params: string;
  outcome: AuditOutcome;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How the command line names its actor: `cli:` and the operating-system user running it. Web
 * user names cannot contain `:`, so the two never mix; anyone who can run the CLI can open the
 * database file, so the OS account is the identity that matters there.
 */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** The command line as an actor: `cli:<OS user>`, with no role (see cliActor). */
export function cliAuditActor(): AuditActor {
  return { actor: cliActor(), role: null, via: 'cli' };
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The SHA-256 (hex) of the previous entry's hash and this entry's content, every column but the hashes. */
export function entryHash(prevHash: string, e: Omit<StoredAuditEntry, 'prev_hash' | 'hash'>): string {
  const content = JSON.stringify([e.seq, e.at, e.actor, e.role, e.via, e.action, e.target, e.params, e.outcome, e.detail]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

interface Head {
  seq: number | null;
  hash: string | null;
  recorded_head: string | null;
}

/**
 * Appends `entry` to the audit log on `conn`, which must be inside a write transaction
 * (Database.write): the process's writes are serialised there, and the seq primary key makes a
 * concurrent append from elsewhere fail rather than fork the chain. Returns the stored entry.
 */
export async function recordAudit(conn: DuckDBConnection, entry: AuditEntry): Promise<StoredAuditEntry> {
  const [head] = await query<Head>(conn, 'audit_head');
  const stored: Omit<StoredAuditEntry, 'hash'> = {
    seq: (head.seq ?? 0) + 1,
    at: (entry.at ?? new Date()).toISOString(),
    actor: entry.actor,
    role: entry.role,
    via: entry.via,
    action: entry.action,
    target: entry.target ?? null,
    params: canonicalJson(entry.params ?? {}),
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    prev_hash: head.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(stored.prev_hash, stored);
  await execute(conn, 'audit_insert', { ...stored, at: stored.at.replace('T', ' ').replace('Z', ''), hash });
  await execute(conn, 'audit_head_save', { head: `${stored.seq}:${hash}` });
  return { ...stored, hash };
}

/** Appends `entry` in a transaction of its own, after the process's earlier writes. */
export function audit(db: Database, entry: AuditEntry): Promise<StoredAuditEntry> {
  return db.write((conn) => recordAudit(conn, entry), { book: false });
}

/** Audit entries after `afterSeq`, oldest first, at most `limit`. */
export function auditEntries(conn: DuckDBConnection, afterSeq = 0, limit = 1000): Promise<StoredAuditEntry[]> {
  return query<StoredAuditEntry>(conn, 'audit_entries', { after_seq: afterSeq, limit });
}

/** A page of the log, newest first: entries numbered at most `beforeSeq` (default: the newest), at most `limit`. */
export function recentAuditEntries(conn: DuckDBConnection, limit = 50, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<StoredAuditEntry[]> {
  return query<StoredAuditEntry>(conn, 'audit_recent', { before_seq: String(beforeSeq), limit });
}

/** What `verifyAuditChain` found. */
export interface AuditVerification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** The hash of the last entry (the genesis hash for an empty log). */
  headHash: string;
  /** The first entry that does not fit the chain, and why (absent when ok). */
  broken?: { seq: number; reason: string };
}

/** Why `e` does not follow an entry numbered `prevSeq` whose hash is `prevHash`; null when it does. */
function chainProblem(e: StoredAuditEntry, prevSeq: number, prevHash: string): string | null {
  if (e.seq !== prevSeq + 1) return `entries ${prevSeq + 1}–${e.seq - 1} are missing (deleted)`;
  if (e.prev_hash !== prevHash) return `its previous-hash does not match entry ${prevSeq} (an entry before it was changed or removed)`;
  if (entryHash(e.prev_hash, e) !== e.hash) return 'its content does not match its hash (it was changed)';
  return null;
}

const VERIFY_BATCH = 5000;

/**
 * Walks the whole audit log and recomputes every hash. Reports the first entry that was changed,
 * whose predecessor was changed or deleted, or missing entries at the end (the head recorded at
 * each append is compared with the last entry).
 */
export async function verifyAuditChain(db: Database): Promise<AuditVerification> {
  return db.read(async (conn) => {
    let prevSeq = 0;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const batch = await auditEntries(conn, prevSeq, VERIFY_BATCH);
      for (const e of batch) {
        const problem = chainProblem(e, prevSeq, prevHash);
        if (problem) return { ok: false, entries: prevSeq, headHash: prevHash, broken: { seq: e.seq, reason: problem } };
        prevSeq = e.seq;
        prevHash = e.hash;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    const [head] = await query<Head>(conn, 'audit_head');
    const expected = prevSeq === 0 ? null : `${prevSeq}:${prevHash}`;
    if (head.recorded_head !== expected) {
      const recordedSeq = Number(head.recorded_head?.split(':')[0] ?? 0);
      const cut = recordedSeq > prevSeq;
      const reason = cut ? `entries ${prevSeq + 1}–${recordedSeq} were cut off the end` : 'the recorded head of the log does not match its last entry';
      return { ok: false, entries: prevSeq, headHash: prevHash, broken: { seq: cut ? prevSeq + 1 : Math.max(prevSeq, 1), reason } };
    }
    return { ok: true, entries: prevSeq, headHash: prevHash };
  });
}
