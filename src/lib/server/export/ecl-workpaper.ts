/** The expected-credit-loss workpaper: roll rates, loss rates, the provision matrix with its overlay, and the resulting provision. */
import { CLOSED_STATES } from '../../loss-rates.ts';
import { expectedCreditLoss } from '../ecl.ts';
import { canonicalRow, col, type Column } from './columns.ts';
import { memorySection, type ReportDefinition } from './report.ts';

export const eclWorkpaperReport: ReportDefinition = {
  name: 'ecl',
  version: 1,
  title: 'Expected credit loss workpaper',
  async prepare(db, params) {
    const months = params.months ?? 12;
    const overlay = params.overlay ?? {};
    const r = await expectedCreditLoss(db, { asOf: params.as_of, months, overlay, buckets: params.buckets, filter: params.filter });
    const money = r.currency;
    const labels = r.provision_matrix.map((m) => m.bucket);

    const rollColumns: Column[] = [
      col('from', 'From bucket', 'text', 10),
      col('opening', `Observed balance (${money})`, 'money', 16),
      ...[...labels, ...CLOSED_STATES].map((to) => col(`to ${to}`, `→ ${to.replace('_', ' ')}`, 'ratio', 9)),
    ];
    const rollRows = r.roll_rates.map((row) =>
      canonicalRow(rollColumns, { from: row.from, opening: row.opening, ...Object.fromEntries(Object.entries(row.to).map(([k, v]) => [`to ${k}`, v])) }),
    );
    const matrixColumns = [
      col('bucket', 'Bucket', 'text', 10), col('balance', `Balance (${money})`, 'money', 16), col('loss_rate', 'Loss rate', 'ratio', 11),
      col('overlay', 'Overlay', 'ratio', 10), col('rate', 'Rate applied', 'ratio', 11), col('provision', `Provision (${money})`, 'money', 16),
    ];
    const gross = r.ar - r.unapplied;
    const matrixRows = [
      ...r.provision_matrix.map((m) => canonicalRow(matrixColumns, { ...m })),
      canonicalRow(matrixColumns, { bucket: 'total', balance: gross, rate: r.coverage, provision: r.ecl }),
    ];
    const summaryColumns = [col('item', 'Item', 'text', 36), col('value', 'Value', 'text', 40)];
    const summaryRows = [
      ['AR(D)', r.ar.toFixed(2)],
      ['unapplied credit (carries no provision)', r.unapplied.toFixed(2)],
      ['gross receivables in the buckets', gross.toFixed(2)],
      ['expected credit loss', r.ecl.toFixed(2)],
      ['coverage (ECL / gross receivables)', r.coverage === null ? null : r.coverage.toFixed(6)],
      ['roll-rate history', `${months} months: month-ends ${r.month_ends[0]} to ${r.month_ends[r.month_ends.length - 1]}`],
      ['overlay', Object.keys(overlay).length ? Object.entries(overlay).map(([b, v]) => `${b} ${v}`).join(', ') : 'none'],
      ['method', 'IFRS 9 simplified approach: loss rate = share of a bucket written off under the observed monthly roll rates'],
    ];
    return {
      name: this.name,
      version: this.version,
      title: this.title,
      subtitle: `As of ${params.as_of}, roll rates over ${months} months, in ${money}`,
      parameters: { ...params, months, overlay },
      controlTotals: { ar: r.ar, unapplied: r.unapplied, gross_receivables: gross, ecl: r.ecl, coverage: r.coverage },
      sections: [
        memorySection('summary', 'Summary', summaryColumns, summaryRows, undefined, true),
        memorySection('roll_rates', "Roll rates (share of each bucket's balance one month later)", rollColumns, rollRows),
        memorySection('provision_matrix', 'Provision matrix (loss rate + overlay, capped to 0–100%)', matrixColumns, matrixRows, (row) => row[0] === 'total'),
      ],
    };
  },
};
