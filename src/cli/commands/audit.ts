/** `duesight audit`: checks the audit log's hash chain, or lists its latest entries. */
import type { Command, CommandContext } from '../command.ts';
import { recentAuditEntries, verifyAuditChain } from '../../lib/server/audit.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { intFlag } from '../book-flags.ts';
import { table } from '../format.ts';

const USAGE = 'audit verify [--json] | audit list [--limit N] [--json] (newest first)';

async function verify(ctx: CommandContext): Promise<number> {
  const result = await verifyAuditChain(await ctx.openDb());
  if (ctx.flags.json) ctx.out(JSON.stringify(result));
  else if (result.ok) ctx.err(`The audit log is intact: ${result.entries} entries, the last hash ${result.headHash}.`);
  else ctx.err(`The audit log has been tampered with at entry ${result.broken!.seq}: ${result.broken!.reason}. The ${result.entries} entries before it are intact.`);
  return result.ok ? 0 : 1;
}

async function list(ctx: CommandContext): Promise<number> {
  const limit = intFlag(ctx.flags, 'limit', 50)!;
  const db = await ctx.openDb();
  const entries = await db.read((conn) => recentAuditEntries(conn, limit));
  if (ctx.flags.json) ctx.out(JSON.stringify(entries));
  else ctx.out(table(['seq', 'at', 'actor', 'via', 'action', 'target', 'outcome'], entries.map((e) => [String(e.seq), e.at, e.actor, e.via, e.action, e.target ?? '', e.outcome])));
  return 0;
}

export const auditCommand: Command = {
  name: 'audit',
  usage: USAGE,
  summary: "checks the audit log's hash chain (verify), or shows its latest entries (list)",
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    const [action, ...extra] = ctx.args;
    if (extra.length) throw new DuesightError(`too many arguments. Usage: duesight ${USAGE}`);
    if (action === 'verify') return verify(ctx);
    if (action === 'list') return list(ctx);
    throw new DuesightError(`"${action ?? ''}" is not an audit action; use verify or list. Usage: duesight ${USAGE}`);
  },
};
