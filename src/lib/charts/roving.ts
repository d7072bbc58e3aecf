/** Keyboard movement among a chart's marks: one tab stop per chart, arrow keys between marks. */

/**
 * The mark to focus after `key` in a list of `count` marks, from `index`: arrows step by one,
 * Home and End jump to the ends. Null when the key does not move (the caller leaves it alone).
 */
export function listStep(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The cell to focus after `key` in a grid of `count` cells laid out row by row, `columns` wide:
 * left/right within the row, up/down within the column, Home/End to the row's ends.
 */
export function gridStep(key: string, index: number, columns: number, count: number): number | null {
  if (count === 0 || columns < 1) return null;
  const row = Math.floor(index / columns);
  const col = index % columns;
  const rowEnd = Math.min(count - 1, row * columns + columns - 1);
  switch (key) {
    case 'ArrowRight':
      return Math.min(rowEnd, index + 1);
    case 'ArrowLeft':
      return col > 0 ? index - 1 : index;
    case 'ArrowDown':
      return index + columns < count ? index + columns : index;
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'Home':
      return row * columns;
    case 'End':
      return rowEnd;
    default:
      return null;
  }
}
