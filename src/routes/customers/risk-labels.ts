/** How the customer pages name and colour tiers, and how a payment timeline's lateness classes read. */
import { latenessClasses, type LatenessClass } from '$lib/charts/timeline';
import { OKABE_ITO } from '$lib/charts/scales';
import { t, type MessageKey } from '$lib/i18n';
import { TIERS, type Tier } from '$lib/risk/types';
import { DEFAULT_BUCKET_EDGES } from '$lib/types';

const TIER_KEYS: Record<Tier, MessageKey> = {
  vip: 'customers.tier.vip',
  standard: 'customers.tier.standard',
  watch: 'customers.tier.watch',
  high_risk: 'customers.tier.high_risk',
  unrated: 'customers.tier.unrated',
};

/** A tier for reading: "VIP", "High risk". */
export function tierName(tier: Tier): string {
  return t(TIER_KEYS[tier]);
}

/** Tier colours (Okabe–Ito; the badge always says the tier in words too). */
export const TIER_COLORS: Record<Tier, string> = {
  vip: OKABE_ITO.blue,
  standard: OKABE_ITO.green,
  watch: OKABE_ITO.orange,
  high_risk: OKABE_ITO.vermilion,
  unrated: '#8a93a3',
};

/** Whether `value` names a tier. */
export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

/** The payment timeline's lateness classes: on time, then the default aging buckets as days late. */
export function timelineClasses(): LatenessClass[] {
  const edges = [...DEFAULT_BUCKET_EDGES];
  const ranges = [...edges.map((e, i) => `${i === 0 ? 1 : edges[i - 1] + 1}–${e}`), `${edges[edges.length - 1]}+`];
  return latenessClasses(edges, [t('customer.late.onTime'), ...ranges.map((range) => t('customer.late.days', { range }))]);
}
