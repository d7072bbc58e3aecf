// PaymentTimeline renders on the server one bar per invoice from its date to its settlement (open
// ones to the as-of date), packed into lanes, coloured by days late, with due-date marks and tooltips.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import PaymentTimeline from '../../src/lib/charts/PaymentTimeline.svelte';
import { latenessClass, latenessClasses, packLanes } from '../../src/lib/charts/timeline.ts';
import { hasBadNumbers, snapshotSvg, tags, texts, titles, withClass } from './svg.ts';

const classes = latenessClasses([30, 60, 90, 120], ['On time', '1–30 days late', '31–60', '61–90', '91–120', '120+']);
// As of 2024-03-31. days_late = (settle date, or D when open) − due date.
const invoices = [
  // settled 6 days before due: on time
  { invoice_id: 'I1', invoice_date: '2024-01-01', due_date: '2024-01-31', settle_date: '2024-01-25', days_late: -6 },
  // settled 2024-03-10, due 2024-02-19: 20 days late
  { invoice_id: 'I2', invoice_date: '2024-01-20', due_date: '2024-02-19', settle_date: '2024-03-10', days_late: 20 },
  // open, due 2024-03-02: 29 days late at D
  { invoice_id: 'I3', invoice_date: '2024-02-01', due_date: '2024-03-02', settle_date: null, days_late: 29 },
  // settled 2024-03-20, due 2023-12-15: 16 + 31 + 29 + 20 = 96 days late
  { invoice_id: 'I4', invoice_date: '2023-11-15', due_date: '2023-12-15', settle_date: '2024-03-20', days_late: 96 },
];

function html(props: Partial<ComponentProps<typeof PaymentTimeline>> = {}): string {
  return render(PaymentTimeline, {
    props: {
      invoices,
      asOf: '2024-03-31',
      classes,
      describe: (i: (typeof invoices)[number]) => `${i.invoice_id}: ${i.days_late} days late`,
      formatDate: (d: string) => d.slice(0, 7),
      words: { open: 'Open', due: 'Due date', asOf: 'As of' },
      label: 'Payment timeline',
      width: 600,
      ...props,
    },
  }).body;
}

const bars = (out: string) => withClass(out, 'rect', 'bar').map((r) => ({ x: Number(r.x), y: Number(r.y), w: Number(r.width), fill: r.fill }));

describe('lateness classes and lanes', () => {
  test('on time up to 0 days, then the aging buckets’ edges', () => {
    const label = (d: number) => latenessClass(classes, d).label;
    expect([-6, 0, 1, 30, 31, 60, 61, 96, 120, 121].map(label)).toEqual([
      'On time', 'On time', '1–30 days late', '1–30 days late', '31–60', '31–60', '61–90', '91–120', '91–120', '120+',
    ]);
    // Blue for on time, then darker and darker oranges.
    expect(classes[0].color).toBe('#3a78b5');
    expect(new Set(classes.map((c) => c.color)).size).toBe(6);
  });

  test('packs invoices into the first lane free before they start', () => {
    // By date: I4 (Nov–Mar) lane 0; I1 (Jan 1–25) lane 1; I2 (Jan 20–Mar 10) overlaps both: lane 2;
    // I3 (from Feb 1) fits after I1 in lane 1.
    const spans = invoices.map((i) => ({ start: i.invoice_date, end: i.settle_date ?? '2024-03-31' }));
    expect(packLanes(spans)).toEqual({ lanes: [1, 2, 1, 0], count: 3 });
    // A span ending the day another starts does not share its lane.
    expect(packLanes([{ start: '2024-01-01', end: '2024-01-05' }, { start: '2024-01-05', end: '2024-01-06' }]).count).toBe(2);
  });
});

describe('PaymentTimeline', () => {
  test('one bar per invoice, in three lanes, coloured by days late; tooltips wait for a hover', () => {
    const out = html();
    const b = bars(out);
    expect(b).toHaveLength(4);
    expect(new Set(b.map((r) => r.y)).size).toBe(3);
    expect(b[0].y).toBe(b[2].y); // I1 and I3 share a lane
    expect(b.map((r) => r.fill)).toEqual([classes[0].color, classes[1].color, classes[1].color, classes[4].color]);
    // Each bar names its invoice for the hover listener; no tooltip is written before a hover.
    expect(withClass(out, 'rect', 'bar').map((r) => r['data-k'])).toEqual(['0', '1', '2', '3']);
    expect(titles(out)).toEqual([]);
    expect(out).not.toContain('chart-tooltip');
    expect(hasBadNumbers(out)).toBe(false);
  });

  test('bars run from issue to settlement on a time axis; the open one ends at the as-of line', () => {
    const out = html();
    const [i1, i2, i3, i4] = bars(out);
    const asOf = Number(withClass(out, 'line', 'as-of')[0].x1);
    expect(i3.x + i3.w).toBeCloseTo(asOf, 0);
    // I4 is the oldest and starts at the left edge; I1 spans 25 days (Jan 1–25 inclusive), I2 51.
    expect(i4.x).toBe(0);
    expect(i2.w / i1.w).toBeCloseTo(51 / 25, 1);
    // Only the open invoice is drawn as open: striped over its colour (one rectangle of the stripes path).
    const [stripes] = withClass(out, 'path', 'stripes');
    expect(stripes.fill).toBe('url(#timeline-open)');
    expect(stripes.d).toBe(`M${i3.x},${i3.y}h${i3.w}v12h${-i3.w}Z`);
  });

  test('marks the due date inside each bar that reaches it (I1 was paid before it was due)', () => {
    const out = html();
    // One vertical stroke per mark, in the due-date path.
    const [due] = withClass(out, 'path', 'due');
    expect(due.d.match(/M[\d.]+,[\d.]+V[\d.]+/g)).toHaveLength(3);
  });

  test('has a legend with every class, month ticks and an accessible name', () => {
    const out = html();
    for (const c of classes) expect(out).toContain(c.label);
    expect(texts(out)).toContain('As of');
    expect(texts(out).some((t) => /^2024-0[1-3]$/.test(t))).toBe(true);
    expect(tags(out, 'svg').find((s) => s.role === 'img')?.['aria-label']).toBe('Payment timeline');
  });

  test('renders no invoices without NaN, and thins lanes to fit many', () => {
    const empty = html({ invoices: [] });
    expect(bars(empty)).toHaveLength(0);
    expect(hasBadNumbers(empty)).toBe(false);
    const many = Array.from({ length: 200 }, (_, k) => ({ ...invoices[2], invoice_id: `M${k}` }));
    const out = html({ invoices: many, maxPlotHeight: 400 });
    // 200 overlapping invoices need 200 lanes: 400 px / 200 = 2, held at the 3 px minimum.
    const ys = bars(out).map((r) => r.y);
    expect(ys[1] - ys[0]).toBeCloseTo(3, 5);
  });

  test('matches the stored SVG (numbers rounded), so a change of drawing shows in review', async () => {
    await expect(snapshotSvg(html())).toMatchFileSnapshot('./__snapshots__/payment-timeline.svg');
  });
});
