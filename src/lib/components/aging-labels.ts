/** How aging buckets are named and coloured on pages and charts, and how a view's scope is described. */
import { agingColors, UNAPPLIED_COLOR } from '../charts/scales.ts';
import type { StackKey } from '../charts/types.ts';
import { t } from '../i18n/index.ts';
import type { ViewState } from '../url-state.ts';

/** A bucket label for reading: "Current", "1–30 days", "120+ days"; "Unapplied cash". */
export function bucketName(label: string): string {
  if (label === 'current') return t('bucket.current');
  if (label === 'unapplied') return t('series.unapplied');
  return t('bucket.days', { range: label.replace('-', '–') });
}

/** The layers of an aging chart: the buckets in order, then unapplied cash. */
export function agingStackKeys(labels: readonly string[], withUnapplied = true): StackKey[] {
  const colors = agingColors(labels);
  const keys = labels.map((label, i) => ({ key: label, label: bucketName(label), color: colors[i] }));
  return withUnapplied ? [...keys, { key: 'unapplied', label: bucketName('unapplied'), color: UNAPPLIED_COLOR }] : keys;
}

/** "All customers", or the filters in force: "Segment Enterprise · Region EMEA". */
export function scopeText(view: ViewState): string {
  const parts: string[] = [];
  if (view.segment) parts.push(`${t('view.segment')} ${view.segment}`);
  if (view.region) parts.push(`${t('view.region')} ${view.region}`);
  if (view.currency) parts.push(`${t('view.currency')} ${view.currency}`);
  return parts.length ? parts.join(' · ') : t('view.summary.all');
}
