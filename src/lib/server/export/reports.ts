/** Every report an export can produce, by name. */
import { agingDetailReport } from './aging-detail.ts';
import { eclWorkpaperReport } from './ecl-workpaper.ts';
import { kpiPackReport } from './kpi-pack.ts';
import type { ReportDefinition, ReportName } from './report.ts';
import { statementReport } from './statement.ts';

/** The report definitions, by the name `--report` and /export/[report] use. */
export const REPORTS: Record<ReportName, ReportDefinition> = {
  'aging-detail': agingDetailReport,
  'kpi-pack': kpiPackReport,
  statements: statementReport,
  ecl: eclWorkpaperReport,
};
