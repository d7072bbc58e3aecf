/** `duesight export`: an audit report (aging detail, KPI pack, statements of account, ECL workpaper) as CSV, XLSX or PDF, with its manifest. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Command, CommandContext } from '../command.ts';
import { agingByCustomer } from '../../lib/server/aging.ts';
import { cliAuditActor } from '../../lib/server/audit.ts';
import type { Database } from '../../lib/server/db.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { exportToFile } from '../../lib/server/export/files.ts';
import { reportParameters, type ExportRequest } from '../../lib/server/export/parameters.ts';
import { EXPORT_FORMATS, REPORT_NAMES, type ExportFormat } from '../../lib/server/export/report.ts';
import { asOfFlag, bookFlags, bookOptions, filterFlags, intFlag, overlayFlag } from '../book-flags.ts';

function formatFlag(ctx: CommandContext, out: string): ExportFormat {
  const raw = typeof ctx.flags.format === 'string' ? ctx.flags.format : extname(out).slice(1).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(raw)) {
    throw new DuesightError(`--format must be ${EXPORT_FORMATS.join(', ')} (got "${raw || 'nothing'}").`);
  }
  return raw as ExportFormat;
}

/** The customers --customer names (repeatable). */
function customerFlags(ctx: CommandContext): string[] {
  const raw = ctx.flags.customer as unknown;
  if (raw === undefined) return [];
  return Array.isArray(raw) ? (raw as string[]) : [String(raw)];
}

/** A customer id made safe for a file name. */
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Statements: one customer to a file, or many (every customer with a balance when none is named) into a folder. */
async function statementTargets(ctx: CommandContext, db: Database, request: ExportRequest, out: string, format: ExportFormat): Promise<[string, string][]> {
  let customers = customerFlags(ctx);
  const isDir = existsSync(out) && statSync(out).isDirectory();
  if (customers.length === 1 && !isDir && !out.endsWith('/')) return [[customers[0], out]];
  if (customers.length === 0) {
    const rows = await agingByCustomer(db, { asOf: request.asOf, buckets: request.buckets, filter: request.filter });
    customers = rows.map((r) => r.customer_id).sort();
  }
  mkdirSync(out, { recursive: true });
  return customers.map((id) => [id, join(out, `statement-${fileSafe(id)}.${format}`)]);
}

export const exportCommand: Command = {
  name: 'export',
  usage:
    'export --as-of DATE --format csv|xlsx|pdf --out FILE [--report aging-detail|kpi-pack|statements|ecl] [--basis due|invoice] ' +
    '[--buckets 30,60,90,120] [--window-days W] [--months 12] [--overlay BUCKET=RATE,…] [--from DATE] [--customer ID …] [--segment S] [--region R] [--currency C] [--json]',
  summary: 'an audit report with its manifest and fingerprint (statements: one file per customer into a folder)',
  options: {
    ...bookOptions,
    customer: { type: 'string', multiple: true },
    report: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    basis: { type: 'string' },
    months: { type: 'string' },
    overlay: { type: 'string' },
    from: { type: 'string' },
  },
  usesDb: true,
  async run(ctx) {
    if (typeof ctx.flags.out !== 'string') throw new DuesightError('--out FILE is required (a folder for the statements of several customers).');
    const out = resolve(ctx.flags.out);
    const format = formatFlag(ctx, out);
    const report = typeof ctx.flags.report === 'string' ? ctx.flags.report : 'aging-detail';
    if (!(REPORT_NAMES as readonly string[]).includes(report)) throw new DuesightError(`--report must be one of ${REPORT_NAMES.join(', ')} (got "${report}").`);
    const db = await ctx.openDb();
    const customers = customerFlags(ctx);
    if (report !== 'statements' && customers.length > 1) throw new DuesightError('--customer can be given once, except for --report statements.');
    const { windowDays, buckets } = bookFlags({ ...ctx.flags, customer: undefined });
    const request: ExportRequest = {
      report,
      asOf: await asOfFlag(ctx, db),
      filter: filterFlags({ ...ctx.flags, customer: customers[0] }),
      buckets,
      basis: typeof ctx.flags.basis === 'string' ? ctx.flags.basis : undefined,
      windowDays,
      months: intFlag(ctx.flags, 'months'),
      overlay: overlayFlag(ctx.flags.overlay),
      from: typeof ctx.flags.from === 'string' ? ctx.flags.from : undefined,
    };
    const targets: [string | undefined, string][] =
      report === 'statements' ? await statementTargets(ctx, db, { ...request, filter: filterFlags({ ...ctx.flags, customer: undefined }) }, out, format) : [[undefined, out]];
    const actor = cliAuditActor();
    const results = [];
    for (const [customerId, path] of targets) {
      const params = reportParameters(customerId ? { ...request, filter: filterFlags({ ...ctx.flags, customer: undefined }), customerId } : request);
      const { manifest, files } = await exportToFile(db, params, format, path, actor);
      ctx.err(`wrote ${files.join(' and ')} (${manifest.report} as of ${manifest.as_of}, sha256 ${manifest.fingerprint.value})`);
      results.push({ files, manifest });
    }
    if (targets.length === 0) ctx.err('No customer has a balance at that date: no statement written.');
    if (ctx.flags.json) ctx.out(JSON.stringify(results.length === 1 && report !== 'statements' ? results[0] : results));
    return 0;
  },
};
