#!/usr/bin/env node
// The `duesight` command: runs the TypeScript CLI through tsx so that the CLI and the web app share src/lib/server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
