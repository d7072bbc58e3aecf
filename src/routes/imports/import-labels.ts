/** Interface text of the imports pages that depends on data: kinds, stages, outcomes, sizes. */
import { formatNumber } from '$lib/format';
import { t, type MessageKey } from '$lib/i18n';
import { en } from '$lib/i18n/en';
import type { ImportKind } from '$lib/types';

/** The name of a kind of file (the import log also records 'demo' for a generated book; anything else shows as stored). */
export function kindName(kind: ImportKind | string): string {
  const key = `imports.kind.${kind}`;
  return key in en ? t(key as MessageKey) : kind;
}

/** The name of an import's outcome. */
export function statusName(status: 'imported' | 'rejected' | 'unchanged'): string {
  return t(`imports.status.${status}`);
}

/** A stage of the import pipeline as progress/stage strings name it ("writing invoices", "staging", …). */
export function stageName(stage: string): string {
  const [first, ...rest] = stage.split(' ');
  switch (first) {
    case 'reading':
    case 'converting':
    case 'staging':
    case 'validating':
    case 'committing':
    case 'refreshing':
    case 'done':
      return t(`imports.stage.${first}`);
    case 'writing':
      return t('imports.stage.writing', { table: rest.join(' ') });
    case 'queueing':
      return t('imports.stage.queueing');
    case 'updating':
      return t('imports.stage.updating');
    default:
      return stage;
  }
}

/** A file size for reading: "12.3 KB", "4.5 MB". */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? t('imports.size.mb', { n: formatNumber(bytes / 1024 / 1024, 1) })
    : t('imports.size.kb', { n: formatNumber(Math.max(0.1, bytes / 1024), 1) });
}

/** An ISO UTC moment as "2024-03-31 14:05 UTC": unambiguous in both languages. */
export function moment(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
