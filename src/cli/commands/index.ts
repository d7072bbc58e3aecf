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

export const commands: Command[] = [demoCommand, importCommand, kpiCommand, agingCommand, trendCommand, eclCommand, serveCommand, startCommand];
