/**
 * The rule for tests that need a Debian tool (cross compiler, qemu, dtc, opensbi): if the tool is
 * missing, the test is skipped with one line naming the package to install; with
 * RVSIM_REQUIRE_TOOLS=1 (CI), a missing tool is a failure instead.
 */
import { spawnSync } from 'node:child_process';

const seen = new Map<string, boolean>();

/** Whether `cmd` is on PATH (looked up once per process). */
export function hasTool(cmd: string): boolean {
  let found = seen.get(cmd);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
    seen.set(cmd, found);
  }
  return found;
}

/**
 * True if `cmd` is available. If not: throws under RVSIM_REQUIRE_TOOLS=1, otherwise prints one
 * line naming the Debian package and returns false (use it with `describe.skipIf(!...)` / `it.runIf`).
 */
export function requireTool(cmd: string, debianPackage: string): boolean {
  if (hasTool(cmd)) return true;
  const line = `${cmd} not found: install the Debian package ${debianPackage}`;
  if (process.env.RVSIM_REQUIRE_TOOLS === '1') throw new Error(`${line} (RVSIM_REQUIRE_TOOLS=1)`);
  console.warn(`skipping: ${line}`);
  return false;
}
