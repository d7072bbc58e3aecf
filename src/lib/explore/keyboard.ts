/** Keyboard control of the explorer's brushes: the bins picked after a key press, on a row of bins and on the scatter's grid of cells. */

/** Picked bins [first, end). */
export type Bins = readonly [first: number, end: number];

/** The part of a key press the brushes read. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
}

/** `picked` moved one bin by `step` (±1) within [0, n), or widened/narrowed at its end when `resize`; a first press picks an end bin. */
export function stepRange(picked: Bins | null, n: number, step: number, resize: boolean): Bins {
  if (!picked) return step > 0 ? [0, 1] : [n - 1, n];
  const [first, end] = picked;
  if (resize) return [first, Math.min(n, Math.max(first + 1, end + step))];
  return first + step < 0 || end + step > n ? picked : [first + step, end + step];
}

/**
 * The bins picked after `key` on a row of `n` bins: Left/Right (or Down/Up when `axis` is
 * vertical) move the pick one bin, with Shift they move its end (widen or narrow); Home and End
 * move it to the first or last bins; Escape clears it (null). Undefined: not a brush key.
 */
export function rangeKey(key: KeyPress, picked: Bins | null, n: number, axis: 'horizontal' | 'vertical'): Bins | null | undefined {
  if (n <= 0) return undefined;
  const [back, forth] = axis === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowDown', 'ArrowUp'];
  if (key.key === 'Escape') return picked ? null : undefined;
  if (key.key === forth) return stepRange(picked, n, 1, key.shiftKey);
  if (key.key === back) return stepRange(picked, n, -1, key.shiftKey);
  const width = picked ? picked[1] - picked[0] : 1;
  if (key.key === 'Home') return [0, width];
  if (key.key === 'End') return [n - width, n];
  return undefined;
}

/** A box of the scatter's cells: amount bins and days bins. */
export interface CellBox {
  x: Bins;
  y: Bins;
}

/**
 * The box picked after `key` on a grid of `nx` × `ny` cells: Left/Right move it along the amounts,
 * Up/Down along the days, with Shift they widen or narrow it; Escape clears it (null). A first
 * arrow picks the middle cell. Undefined: not a brush key.
 */
export function boxKey(key: KeyPress, box: CellBox | null, nx: number, ny: number): CellBox | null | undefined {
  if (nx <= 0 || ny <= 0) return undefined;
  if (key.key === 'Escape') return box ? null : undefined;
  const horizontal = key.key === 'ArrowLeft' || key.key === 'ArrowRight';
  const vertical = key.key === 'ArrowUp' || key.key === 'ArrowDown';
  if (!horizontal && !vertical) return undefined;
  if (!box) {
    const cx = Math.floor(nx / 2);
    const cy = Math.floor(ny / 2);
    return { x: [cx, cx + 1], y: [cy, cy + 1] };
  }
  if (horizontal) return { ...box, x: rangeKey(key, box.x, nx, 'horizontal') as Bins };
  return { ...box, y: rangeKey(key, box.y, ny, 'vertical') as Bins };
}
