// `npm run bench [-- name …]`: runs bench/*.bench.ts (or the named ones) and prints their figures.
// Figures are ratios measured in one run, since shared machines are noisy.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}; have: ${readdirSync(here).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  console.log(`\n== ${name} ==`);
  const started = Date.now();
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: (log: (line: string) => void) => Promise<void> };
  await mod.default((line) => console.log(`  ${line}`));
  console.log(`  (${name}: ${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
}
