/**
 * vitest globalSetup: compiles src/ to dist/ once before any test file runs, so tests that spawn
 * `node bin/rvsim.js` (test/cli) run the code under test, not a stale build. Once per run, not per
 * file: test files run in parallel workers and concurrent tsc runs would race on dist/.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`tsc -p tsconfig.json failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
}
