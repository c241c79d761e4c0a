#!/usr/bin/env node
// `npm run bench`: runs each workload in programs/build/bench/ on rvsim and on QEMU
// (qemu-system-riscv64 -M spike, for reference) and prints a table. Each is run three times (the two
// rvsim modes interleaved) and the best time kept. rvsim reports its own figures through `run <elf> --stats-json <file>`:
//   { "instructions": N, "seconds": S, "mips": M, "exitCode": C }
// QEMU's time is wall-clock around the whole process (start-up included, ~30 ms).
//   node scripts/bench.mjs [workload ...]    only the named workloads (e.g. `hash`)
// Without workload names it then runs scripts/bench-hv.mjs (the guest kernel under the hypervisor)
// and scripts/bench-linux-user.mjs (a static Linux program against qemu-riscv64).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'programs/build/bench');
const RVSIM = join(ROOT, 'bin/rvsim.js');
const RUNS = 3;
const QEMU = 'qemu-system-riscv64';

class BenchError extends Error {}

function die(message) {
  throw new BenchError(message);
}

function firstLine(text) {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

/** One rvsim run: its stats JSON and console output. */
function runRvsim(elf, statsFile, timing = 'none') {
  rmSync(statsFile, { force: true });
  const r = spawnSync(process.execPath, [RVSIM, 'run', elf, '--timing', timing, '--stats-json', statsFile], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 600_000,
  });
  if (r.error) die(`could not run rvsim on ${basename(elf)}: ${r.error.message}`);
  if (!existsSync(statsFile)) {
    const why = firstLine(r.stderr) || `exit status ${r.status}`;
    die(
      `rvsim did not write --stats-json for ${basename(elf)} (${why}); ` +
        'the bench needs `rvsim run <elf> --stats-json <file>` and a build (`npm run build`)',
    );
  }
  let stats;
  try {
    stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  } catch (e) {
    die(`rvsim wrote unreadable --stats-json for ${basename(elf)}: ${e.message}`);
  }
  for (const key of ['instructions', 'seconds', 'mips', 'exitCode']) {
    if (typeof stats[key] !== 'number') die(`rvsim's --stats-json for ${basename(elf)} lacks a numeric "${key}"`);
  }
  return { stats, output: r.stdout };
}

/** One QEMU run: wall-clock seconds, exit status, console output. */
function runQemu(elf) {
  const start = process.hrtime.bigint();
  const r = spawnSync(QEMU, ['-M', 'spike', '-bios', 'none', '-nographic', '-kernel', elf], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) die(`could not run ${QEMU} on ${basename(elf)}: ${r.error.message}`);
  if (r.signal) die(`${QEMU} on ${basename(elf)} was stopped by ${r.signal}`);
  return { seconds, exitCode: r.status, output: r.stdout };
}

function qemuAvailable() {
  const r = spawnSync(QEMU, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
      return i === 0 ? chalk.bold(line) : line;
    })
    .join('\n');
}

function main() {
  if (!existsSync(BENCH_DIR)) die(`no workloads: ${BENCH_DIR} does not exist (run scripts/build-programs.sh)`);
  const wanted = process.argv.slice(2);
  let workloads = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.elf'))
    .map((f) => f.slice(0, -4))
    .sort();
  if (wanted.length > 0) {
    const unknown = wanted.filter((w) => !workloads.includes(w));
    if (unknown.length > 0) die(`unknown workload ${unknown.join(', ')} (have: ${workloads.join(', ')})`);
    workloads = workloads.filter((w) => wanted.includes(w));
  }
  if (workloads.length === 0) die(`no .elf workloads in ${BENCH_DIR}`);
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) die('rvsim is not built: run `npm run build` first');

  const withQemu = qemuAvailable();
  const notes = [];
  if (!withQemu) notes.push(`${QEMU} not found: QEMU column skipped (Debian package qemu-system-misc)`);

  const tmp = mkdtempSync(join(tmpdir(), 'rvsim-bench-'));
  const rows = [
    ['workload', 'instructions', 'rvsim s', 'MIPS (timing none)', 'MIPS (inorder)', 'inorder/none', 'cycles (inorder)', 'QEMU s', 'rvsim/QEMU'],
  ];
  try {
    for (const name of workloads) {
      const elf = join(BENCH_DIR, `${name}.elf`);
      process.stderr.write(chalk.dim(`running ${name}...\n`));
      // Both modes RUNS times, interleaved (none, inorder, none, ...), best of each: on a shared
      // machine single runs vary by tens of percent, and a slow spell then hits both modes alike.
      let best;
      let bestTimed;
      for (let i = 0; i < RUNS; i++) {
        const run = runRvsim(elf, join(tmp, `${name}.json`));
        if (best === undefined || run.stats.seconds < best.stats.seconds) best = run;
        const t = runRvsim(elf, join(tmp, `${name}.inorder.json`), 'inorder').stats;
        if (bestTimed === undefined || t.seconds < bestTimed.seconds) bestTimed = t;
      }
      const { stats } = best;
      const timed = bestTimed;
      if (stats.exitCode !== 0) notes.push(`${name}: rvsim exit code ${stats.exitCode} (expected 0)`);
      if (timed.instructions !== stats.instructions) notes.push(`${name}: the timing model changed the instruction count`);
      const ratio = stats.mips / timed.mips;
      if (ratio > 3) notes.push(`${name}: the in-order model ran at 1/${ratio.toFixed(2)} of the functional speed (the goal is at least 1/3)`);

      let qemuCells = ['-', '-'];
      if (withQemu) {
        let qbest;
        for (let i = 0; i < RUNS; i++) {
          const run = runQemu(elf);
          if (qbest === undefined || run.seconds < qbest.seconds) qbest = run;
        }
        if (qbest.exitCode !== 0) notes.push(`${name}: QEMU exit code ${qbest.exitCode} (expected 0)`);
        if (qbest.output !== best.output) notes.push(`${name}: rvsim's console output differs from QEMU's`);
        qemuCells = [qbest.seconds.toFixed(3), `${(stats.seconds / qbest.seconds).toFixed(1)}x`];
      }
      rows.push([
        name,
        stats.instructions.toLocaleString('en-US'),
        stats.seconds.toFixed(3),
        stats.mips.toFixed(1),
        timed.mips.toFixed(1),
        `1/${ratio.toFixed(2)}`,
        typeof timed.cycles === 'number' ? timed.cycles.toLocaleString('en-US') : '-',
        ...qemuCells,
      ]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(table(rows));
  for (const note of notes) console.log(chalk.yellow(`note: ${note}`));
  if (wanted.length === 0) {
    // The bundled guest under the hypervisor vs bare (scripts/bench-hv.mjs).
    console.log('');
    const hv = spawnSync(process.execPath, [join(ROOT, 'scripts/bench-hv.mjs')], { stdio: 'inherit' });
    if (hv.status !== 0) die('the hypervisor bench failed');
    // A static Linux program on rvsim and on qemu-riscv64 (scripts/bench-linux-user.mjs).
    console.log('');
    const lu = spawnSync(process.execPath, [join(ROOT, 'scripts/bench-linux-user.mjs')], { stdio: 'inherit' });
    if (lu.status !== 0) die('the Linux user-mode bench failed');
  }
}

try {
  main();
} catch (e) {
  if (!(e instanceof BenchError)) throw e;
  console.error(chalk.red(`bench: ${e.message}`));
  process.exitCode = 1;
}
