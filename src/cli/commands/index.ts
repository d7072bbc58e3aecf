/** Every `duesight` sub-command, in the order `--help` lists them. */
import type { Command } from '../command.ts';
import { kpiCommand } from './kpi.ts';
import { agingCommand } from './aging.ts';
import { trendCommand } from './trend.ts';
import { eclCommand } from './ecl.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';

export const commands: Command[] = [kpiCommand, agingCommand, trendCommand, eclCommand, serveCommand, startCommand];
