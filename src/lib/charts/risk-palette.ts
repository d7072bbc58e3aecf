/** The colours of tiers and warning severities: Okabe–Ito hues, safer tiers blue-green, riskier orange-vermilion. */
import { OKABE_ITO } from './scales.ts';

/** Tier key → colour (keys of src/lib/risk/types.ts TIERS). */
export const TIER_COLORS: Record<string, string> = {
  vip: OKABE_ITO.blue,
  standard: OKABE_ITO.green,
  watch: OKABE_ITO.orange,
  high_risk: OKABE_ITO.vermilion,
  unrated: '#9aa3ad',
};

/** Severity key → colour, low to high: sky blue, orange, vermilion. */
export const SEVERITY_COLORS: Record<string, string> = {
  low: OKABE_ITO.skyBlue,
  medium: OKABE_ITO.orange,
  high: OKABE_ITO.vermilion,
};
