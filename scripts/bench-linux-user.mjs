#!/usr/bin/env node
// The Linux user-mode part of `npm run bench`: one of our static Linux programs
// (programs/build/linux/qsort, 100,000 elements) on rvsim (`rvsim run`, timing none) and on
// Debian's qemu-riscv64, same binary, best of 2 each; output must be identical.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROG = join(ROOT, 'programs/build/linux/qsort');
const ARG = '100000';
const tmp = mkdtempSync(join(tmpdir(), 'rvsim-bench-lu-'));
try {
  let best;
  for (let i = 0; i < 2; i++) {
    const json = join(tmp, 's.json');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/rvsim.js'), 'run', '--timing', 'none', '--stats-json', json, PROG, '--', ARG], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0 || !existsSync(json)) throw new Error(`rvsim failed on qsort: ${(r.stderr ?? '').split('\n')[0]}`);
    const s = JSON.parse(readFileSync(json, 'utf8'));
    if (best === undefined || s.seconds < best.seconds) best = { ...s, out: r.stdout };
  }
  let q = null;
  const have = spawnSync('qemu-riscv64', ['--version'], { stdio: 'ignore' });
  if (!have.error && have.status === 0) {
    for (let i = 0; i < 2; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync('qemu-riscv64', [PROG, ARG], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (q === null || seconds < q.seconds) q = { seconds, out: r.stdout, status: r.status };
    }
  }
  console.log(chalk.bold('Linux user program (qsort 100000)  instructions  rvsim s  MIPS  qemu-riscv64 s  rvsim/QEMU'));
  console.log(
    `${'programs/build/linux/qsort'.padEnd(34)}  ${best.instructions.toLocaleString('en-US').padStart(12)}  ${best.seconds.toFixed(2).padStart(7)}  ${best.mips.toFixed(1).padStart(4)}  ${q === null ? '-'.padStart(14) : q.seconds.toFixed(2).padStart(14)}  ${q === null ? '-' : `${(best.seconds / q.seconds).toFixed(1)}x`.padStart(10)}`,
  );
  if (q === null) console.log(chalk.yellow('note: qemu-riscv64 not found (Debian package qemu-user): QEMU column skipped'));
  else if (q.out !== best.out) console.log(chalk.yellow("note: rvsim's output differs from qemu-riscv64's"));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
