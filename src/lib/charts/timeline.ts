/** Pure helpers of the payment timeline: lateness classes and their colours, and lanes that pack invoice bars. */
import { agingColors } from './scales.ts';

/** What the payment timeline reads of an invoice (the server's TimelineInvoice has more). */
export interface TimelineInvoice {
  invoice_id: string;
  invoice_date: string;
  due_date: string;
  /** Null while open at the as-of date. */
  settle_date: string | null;
  /** (settle date, or the as-of date while open) − due date. */
  days_late: number;
}

/** A class of lateness: from `from` days late (inclusive) up to the next class; the first starts at −∞ (on time). */
export interface LatenessClass {
  from: number;
  label: string;
  color: string;
}

/**
 * Lateness classes for days-late edges (e.g. 30, 60, 90, 120): on time (≤ 0), 1–30, 31–60, …,
 * 120+, coloured as the aging buckets are (blue, then light orange to dark brown: safe for the
 * common colour-vision deficiencies, and darker means later). `labels` names them in order.
 */
export function latenessClasses(edges: readonly number[], labels: readonly string[]): LatenessClass[] {
  const colors = agingColors(labels);
  const froms = [Number.NEGATIVE_INFINITY, 1, ...edges.map((e) => e + 1)];
  return froms.map((from, i) => ({ from, label: labels[i], color: colors[i] }));
}

/** The class of `daysLate` (the last whose `from` it reaches). */
export function latenessClass(classes: readonly LatenessClass[], daysLate: number): LatenessClass {
  let found = classes[0];
  for (const c of classes) if (daysLate >= c.from) found = c;
  return found;
}

/** An interval between two ISO dates, both included. */
export interface Span {
  start: string;
  end: string;
}

/**
 * Packs spans into as few lanes as a greedy pass allows: in order of start (ties by input
 * order), each goes into the first lane whose last span ended strictly before it starts.
 * Returns each span's lane (in input order) and the number of lanes.
 */
export function packLanes(spans: readonly Span[]): { lanes: number[]; count: number } {
  const order = spans.map((s, i) => i).sort((a, b) => (spans[a].start < spans[b].start ? -1 : spans[a].start > spans[b].start ? 1 : a - b));
  const laneEnds: string[] = [];
  const lanes = new Array<number>(spans.length);
  for (const i of order) {
    let lane = laneEnds.findIndex((end) => end < spans[i].start);
    if (lane < 0) lane = laneEnds.push(spans[i].end) - 1;
    else laneEnds[lane] = spans[i].end;
    lanes[i] = lane;
  }
  return { lanes, count: laneEnds.length };
}
