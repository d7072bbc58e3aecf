/** How the drill-down names the amount it opens. */
import { bucketName } from '$lib/components/aging-labels';
import { t } from '$lib/i18n';

/** "1–30 days", "Overdue", "Unapplied credit", "AR". */
export function cellName(cell: string): string {
  if (cell === 'overdue') return t('drill.cell.overdue');
  if (cell === 'unapplied') return t('drill.cell.unapplied');
  if (cell === 'ar') return t('drill.cell.ar');
  return bucketName(cell);
}

