/** Every `duesight` sub-command, in the order `--help` lists them. */
import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { kpiCommand } from './kpi.ts';
import { agingCommand } from './aging.ts';
import { trendCommand } from './trend.ts';
import { eclCommand } from './ecl.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { userCommand } from './user.ts';
import { auditCommand } from './audit.ts';
import { exportCommand } from './export.ts';
import { verifyCommand } from './verify.ts';
import { scoresCommand } from './scores.ts';
import { alertsCommand } from './alerts.ts';
import { backtestCommand } from './backtest.ts';

export const commands: Command[] = [demoCommand, importCommand, kpiCommand, agingCommand, trendCommand, eclCommand, serveCommand, startCommand];
// Logins and the audit log.
commands.push(userCommand, auditCommand);
// Audit-ready exports and their verification.
commands.push(exportCommand, verifyCommand);
// Credit risk: scores, early warnings and their backtest.
commands.push(scoresCommand, alertsCommand, backtestCommand);
