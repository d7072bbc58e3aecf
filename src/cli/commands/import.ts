/** `duesight import`: loads one file of customers, invoices, payments, adjustments, fx rates or ledger rows. */
import type { Command } from '../command.ts';
import { cliActor } from '../../lib/server/audit.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { importFile, type ImportResult } from '../../lib/server/import/index.ts';
import { IMPORT_KINDS, type ImportKind, type ProgressListener } from '../../lib/types.ts';

/** Errors listed on the terminal; --json lists them all. */
const SHOWN_ERRORS = 50;


/** A one-line progress display on stderr, redrawn at most every 100 ms; only on a terminal. */
function terminalProgress(fileName: string): { listener?: ProgressListener; clear(): void } {
  if (!process.stderr.isTTY) return { clear() {} };
  let last = 0;
  const listener: ProgressListener = (done, total, stage) => {
    const now = Date.now();
    if (now - last < 100 && stage !== 'done') return;
    last = now;
    const amount = total ? ` ${Math.min(100, Math.round((done / total) * 100))}%` : stage === 'reading' ? ` ${(done / 1e6).toFixed(1)} MB` : '';
    process.stderr.write(`\r\x1b[Kimporting ${fileName}: ${stage}${amount}`);
  };
  return { listener, clear: () => process.stderr.write('\r\x1b[K') };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The short human summary: what happened, then what to do about it. */
function summary(r: ImportResult): string {
  const counts = `${plural(r.rows, 'row')}, ${r.accepted.toLocaleString('en-US')} valid, ${r.rejected.toLocaleString('en-US')} rejected`;
  const logged = r.import_id === null ? '' : ` (import #${r.import_id})`;
  if (r.dry_run) {
    const verdict = r.status === 'rejected' ? 'the file would be rejected' : 'the file would be accepted';
    return `Dry run of ${r.file}: ${counts}; ${verdict}. Nothing was written.`;
  }
  if (r.status === 'rejected') {
    const hint = r.accepted > 0 ? ` Correct the rows below, or use --accept-valid to import the ${plural(r.accepted, 'valid row')}.` : '';
    return `Rejected ${r.file}: ${counts}; nothing was written${logged}.${hint}`;
  }
  if (r.status === 'unchanged') return `${r.file}: ${counts}; the database already holds all of it, nothing new was written${logged}.`;
  const tables = Object.entries(r.inserted_by_table).filter(([, n]) => n > 0).map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`).join(', ');
  const skipped = r.rejected > 0 ? ` The ${plural(r.rejected, 'rejected row')} below were left out.` : '';
  return `Imported ${r.file}: ${counts}; wrote ${tables}${logged}.${skipped}`;
}

export const importCommand: Command = {
  name: 'import',
  usage: `import <${IMPORT_KINDS.join('|')}> FILE [--mapping MAP.json] [--dry-run] [--accept-valid] [--json] [--encoding E] [--sheet NAME] [--delimiter C]`,
  summary: 'loads a CSV, Parquet or XLSX file; a file with an invalid row is rejected whole unless --accept-valid',
  options: {
    mapping: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'accept-valid': { type: 'boolean' },
    json: { type: 'boolean' },
    encoding: { type: 'string' },
    sheet: { type: 'string' },
    delimiter: { type: 'string' },
  },
  usesDb: true,
  createsDb: true,
  async run(ctx) {
    const [kind, path, ...extra] = ctx.args;
    if (!kind || !path || extra.length) {
      throw new DuesightError(`give the kind and one file, as in: duesight ${importCommand.usage}`);
    }
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw new DuesightError(`"${kind}" is not a kind of import file; use one of ${IMPORT_KINDS.join(', ')}.`);
    }
    const str = (name: string) => (typeof ctx.flags[name] === 'string' ? (ctx.flags[name] as string) : undefined);
    const db = await ctx.openDb();
    const progress = terminalProgress(path);
    let result: ImportResult;
    try {
      result = await importFile(db, {
        kind: kind as ImportKind,
        path,
        mapping: str('mapping'),
        dryRun: Boolean(ctx.flags['dry-run']),
        acceptValid: Boolean(ctx.flags['accept-valid']),
        encoding: str('encoding'),
        delimiter: str('delimiter'),
        sheet: str('sheet'),
        userName: cliActor(), // `cli:<OS user>`, in the import log and the audit log alike
        onProgress: progress.listener,
      });
    } finally {
      progress.clear();
    }
    if (ctx.flags.json) {
      ctx.out(JSON.stringify(result));
    } else {
      ctx.err(summary(result));
      for (const e of result.errors.slice(0, SHOWN_ERRORS)) ctx.err(`  ${e.message}`);
      const more = result.errors.length - SHOWN_ERRORS;
      if (more > 0) ctx.err(`  … and ${plural(more, 'more error')} (--json lists them all).`);
      if (result.ignored_columns.length) ctx.err(`Columns not read: ${result.ignored_columns.map((c) => `"${c}"`).join(', ')}.`);
    }
    return result.status === 'rejected' ? 1 : 0;
  },
};
