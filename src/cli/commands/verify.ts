/** `duesight verify FILE`: whether an exported report still matches the database (exit 0), or not (exit 1, saying why). */
import type { Command } from '../command.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { verifyExport } from '../../lib/server/export/verify.ts';

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify FILE [--json]',
  summary: 'whether an exported report (.csv with its .manifest.json, .xlsx, .pdf) still matches the database',
  options: { json: { type: 'boolean' } },
  usesDb: true,
  async run(ctx) {
    const [file] = ctx.args;
    if (!file || ctx.args.length > 1) throw new DuesightError('verify takes one file: duesight verify FILE.');
    const db = await ctx.openDb({ readOnly: true });
    const result = await verifyExport(db, file);
    if (ctx.flags.json) {
      ctx.out(JSON.stringify({ matches: result.matches, file: result.file, message: result.message, fingerprint: result.manifest.fingerprint.value, now: result.now }));
    } else if (result.matches) {
      ctx.out(result.message);
    } else {
      ctx.err(result.message);
    }
    return result.matches ? 0 : 1;
  },
};
