/** Small readers of server-rendered SVG for the chart tests: count elements, pull attributes, find NaN. */

/** Every opening tag `<name …>` in `html`, with its attributes. */
export function tags(html: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<${name}(\\s[^>]*)?>`, 'g');
  for (const m of html.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

/** Elements carrying `class` (among others). */
export function withClass(html: string, name: string, cls: string): Record<string, string>[] {
  return tags(html, name).filter((a) => (a.class ?? '').split(/\s+/).includes(cls));
}

/** The texts of every <title> element. */
export function titles(html: string): string[] {
  return [...html.matchAll(/<title>([\s\S]*?)<\/title>/g)].map((m) => m[1]);
}

/** The text of every <text> element. */
export function texts(html: string): string[] {
  return [...html.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<!--[\s\S]*?-->/g, '').trim());
}

/** True when some attribute holds NaN, Infinity or "undefined" (a broken scale or a missing value). */
export function hasBadNumbers(html: string): boolean {
  return /="[^"]*(NaN|Infinity|undefined)[^"]*"/.test(html);
}

/**
 * The chart's markup for a stored snapshot: numbers rounded to one decimal, Svelte's scoped-style
 * classes and hydration comments removed, one element per line (so a review shows what moved).
 */
export function snapshotSvg(html: string): string {
  const start = html.indexOf('<svg');
  const end = html.lastIndexOf('</svg>');
  const svg = start >= 0 && end > start ? html.slice(start, end + 6) : html;
  return (
    svg
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/\s*\bsvelte-[a-z0-9]+\b/g, '')
      .replace(/ class=""/g, '')
      .replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10))
      .replace(/></g, '>\n<') + '\n'
  );
}
