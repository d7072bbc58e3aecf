/** `duesight user`: add, list and disable logins of the web dashboard (every change goes into the audit log). */
import type { Command, CommandContext } from '../command.ts';
import { ROLES } from '../../lib/auth-roles.ts';
import { cliAuditActor } from '../../lib/server/audit.ts';
import { addUser, disableUser, listUsers } from '../../lib/server/auth/users.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { table } from '../format.ts';

const USAGE = `user add NAME --role ${ROLES.join('|')} (password on stdin) | user list [--json] | user disable NAME`;

/** The password piped in: standard input less one line ending. */
async function passwordFromStdin(ctx: CommandContext): Promise<string> {
  if (process.stdin.isTTY) ctx.err('Type the password, then Enter and Ctrl+D (it shows as you type: pipe it in to avoid that).');
  return (await ctx.stdin()).replace(/\r?\n$/, '');
}

async function add(ctx: CommandContext, name: string | undefined): Promise<number> {
  const role = ctx.flags.role;
  if (!name || typeof role !== 'string') throw new DuesightError(`give a name and a role, as in: duesight user add alice --role ${ROLES[0]} < password.txt`);
  const db = await ctx.openDb();
  await addUser(db, { name, role, password: await passwordFromStdin(ctx) }, cliAuditActor());
  ctx.err(`Added the login "${name}" (${role}).`);
  return 0;
}

async function list(ctx: CommandContext): Promise<number> {
  const users = await listUsers(await ctx.openDb());
  if (ctx.flags.json) {
    ctx.out(JSON.stringify(users));
    return 0;
  }
  if (!users.length) {
    ctx.err('No logins yet: add one with "duesight user add NAME --role admin" (the password on standard input).');
    return 0;
  }
  ctx.out(table(['name', 'role', 'status', 'created', 'sessions'], users.map((u) => [u.name, u.role, u.disabled ? 'disabled' : 'active', u.created, String(u.sessions)])));
  return 0;
}

async function disable(ctx: CommandContext, name: string | undefined): Promise<number> {
  if (!name) throw new DuesightError('give the login to disable, as in: duesight user disable alice');
  await disableUser(await ctx.openDb(), name, cliAuditActor());
  ctx.err(`Disabled the login "${name}"; its sessions have ended.`);
  return 0;
}

export const userCommand: Command = {
  name: 'user',
  usage: USAGE,
  summary: 'logins of the web dashboard: add (password on stdin), list, disable',
  options: { role: { type: 'string' }, json: { type: 'boolean' } },
  usesDb: true,
  async run(ctx) {
    const [action, name, ...extra] = ctx.args;
    if (extra.length) throw new DuesightError(`too many arguments. Usage: duesight ${USAGE}`);
    if (action === 'add') return add(ctx, name);
    if (action === 'list') return list(ctx);
    if (action === 'disable') return disable(ctx, name);
    throw new DuesightError(`"${action ?? ''}" is not a user action; use add, list or disable. Usage: duesight ${USAGE}`);
  },
};
