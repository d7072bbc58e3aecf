/** A small hand-made book for the export tests, and helpers to export it to a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '../helpers/book.ts';
import type { Database } from '../../src/lib/server/db.ts';
import { exportToFile } from '../../src/lib/server/export/files.ts';
import { reportParameters, type ExportRequest } from '../../src/lib/server/export/parameters.ts';
import type { ExportFormat } from '../../src/lib/server/export/report.ts';

/** The names a spreadsheet would run as formulas, and a Chinese name the PDF must show. */
export const CHINESE_NAME = '上海贸易有限公司';
export const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

/**
 * Base USD, as of 2024-03-31 (bucket edges 30, 60, 90, 120):
 *   C1 上海贸易有限公司 (USD): I1 2024-01-05 due 02-04, 1000, paid 600 on 02-10 → open 400, 56 days past due → 31-60
 *                           I2 2024-03-15 due 04-14, 800 → current
 *   C2 =HYPERLINK(…)  (USD): I3 2024-02-01 due 03-02, 500, credit note 100 on 03-01 → open 400, 29 days → 1-30
 *   C3 +1             (EUR): I4 2024-03-10 due 04-09, 200 EUR at 1.1 (rate of 2024-03-01) → 220 USD, current
 *   C4 -2             (USD): I5 2024-01-10 due 02-09, 300, paid 350 on 03-05 → a credit of −50 (unapplied)
 *   C5 @x             (USD): I6 2023-10-01 due 10-31, 150, 152 days past due → 120+; unapplied payment P3 of 70 on 03-20 → −70
 */
export const exportBook: Book = {
  customers: [
    { customer_id: 'C1', name: CHINESE_NAME },
    { customer_id: 'C2', name: FORMULA_NAME },
    { customer_id: 'C3', name: '+1', currency: 'EUR' },
    { customer_id: 'C4', name: '-2' },
    { customer_id: 'C5', name: '@x' },
  ],
  invoices: [
    { invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-01-05', due_date: '2024-02-04', amount: 1000 },
    { invoice_id: 'I2', customer_id: 'C1', invoice_date: '2024-03-15', due_date: '2024-04-14', amount: 800 },
    { invoice_id: 'I3', customer_id: 'C2', invoice_date: '2024-02-01', due_date: '2024-03-02', amount: 500 },
    { invoice_id: 'I4', customer_id: 'C3', invoice_date: '2024-03-10', due_date: '2024-04-09', amount: 200, currency: 'EUR' },
    { invoice_id: 'I5', customer_id: 'C4', invoice_date: '2024-01-10', due_date: '2024-02-09', amount: 300 },
    { invoice_id: 'I6', customer_id: 'C5', invoice_date: '2023-10-01', due_date: '2023-10-31', amount: 150 },
  ],
  payments: [
    { payment_id: 'P1', invoice_id: 'I1', payment_date: '2024-02-10', amount: 600 },
    { payment_id: 'P2', invoice_id: 'I5', payment_date: '2024-03-05', amount: 350 },
    { payment_id: 'P3', customer_id: 'C5', invoice_id: null, payment_date: '2024-03-20', amount: 70 },
  ],
  adjustments: [{ adjustment_id: 'A1', invoice_id: 'I3', date: '2024-03-01', amount: 100, kind: 'credit_note' }],
  fx: [{ date: '2024-03-01', currency: 'EUR', rate_to_base: 1.1 }],
};

export const AS_OF = '2024-03-31';
export const ACTOR = { actor: 'cli:tester', role: null, via: 'cli' } as const;

/** A temporary folder, removed by the returned function. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'duesight-export-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Exports `request` (as of AS_OF unless said) as `format` into `dir/name`. */
export function exportTo(db: Database, dir: string, name: string, format: ExportFormat, request: Partial<ExportRequest> = {}) {
  return exportToFile(db, reportParameters({ asOf: AS_OF, ...request }), format, join(dir, name), ACTOR);
}
