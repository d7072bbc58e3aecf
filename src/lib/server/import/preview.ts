/** The first records of a staged file exactly as read, for the import page's preview. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { query, type Params } from '../sql.ts';
import type { KindSpec } from './kinds.ts';

/** One record as the file holds it: its file row number and its text by canonical column (null when absent). */
export interface PreviewRow {
  row_no: number;
  values: Record<string, string | null>;
}

/** The first `limit` staged records of `spec`'s staging table on `conn`, in file order. */
export async function previewStaged(conn: DuckDBConnection, spec: KindSpec, params: Params, limit: number): Promise<PreviewRow[]> {
  const rows = await query<Record<string, string | number | null>>(conn, `import_preview_${spec.table}`, { ...params, limit });
  return rows.map(({ row_no, ...values }) => ({ row_no: Number(row_no), values: values as Record<string, string | null> }));
}
