/** The single-hue ramp of heat maps, and the text colour that stays readable on each of its fills. */
import { interpolateBlues, rgb } from 'd3';

/** The darkest text of the app, and white: a cell's label takes whichever contrasts more with its fill. */
export const DARK_TEXT = '#1b2230';
export const LIGHT_TEXT = '#ffffff';
/** WCAG AA for normal text: every cell's number is at least this far from its fill. */
export const MIN_CONTRAST = 4.5;

/**
 * The fill of a value on a blue ramp from `0` to `max` (values above `max` take the darkest
 * blue). Zero stays white so that "nothing" reads as empty, not as "a little"; the smallest
 * non-zero value starts a step above white so it is still visible.
 */
export function heatFill(value: number, max: number): string {
  if (!Number.isFinite(value) || value <= 0 || !(max > 0)) return '#ffffff';
  let t = 0.12 + 0.88 * Math.min(1, value / max);
  let fill = rgb(interpolateBlues(t)).formatHex();
  // Mid blues are too dark for dark text and too light for white (both under 4.5:1): step past them.
  while (contrastRatio(fill, textOn(fill)) < MIN_CONTRAST && t < 1) {
    t = Math.min(1, t + 0.01);
    fill = rgb(interpolateBlues(t)).formatHex();
  }
  return fill;
}

/** WCAG relative luminance of a CSS colour. */
export function relativeLuminance(color: string): number {
  const c = rgb(color);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (dark or white) with the higher contrast on `fill`. */
export function textOn(fill: string): string {
  return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}
