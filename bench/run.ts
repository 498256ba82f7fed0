/**
 * Runs the benchmarks one after another, each in its own process (so one's memory does not
 * weigh on the next): `npm run bench`, or `npm run bench -- first_map` for one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const here = new URL('.', import.meta.url).pathname;
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

let failed = 0;
for (const name of benches) {
  console.log(`\n# ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${here}${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
