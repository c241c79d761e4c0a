#!/usr/bin/env node
// The translation bench (issue 5): each workload of programs/build/bench/ run bare in M-mode, in
// S-mode under Sv39, and in VS-mode under vsatp Sv39 over hgatp Sv39x4 (identity-mapped tables and
// a tiny M-mode firmware built by src/bench/translation.ts), with --timing none and with the
// in-order model. Prints the MIPS of each (best of --runs; every run in a fresh process) and the
// change against bare; checks that every mode gives the same exit code and instruction count.
// MIPS are per CPU-second of the simulating process (user + system time around the run alone,
// steadier than the wall clock on a shared machine); the wall-clock MIPS are in the --json file.
//   node scripts/bench-translation.mjs [workload ...] [--runs N] [--timing none,inorder]
//        [--pages 4k|2m] [--max-insns N] [--inorder-max-insns N] [--json FILE]
// --max-insns caps every run (default: run to exit); --inorder-max-insns caps the in-order runs
// only (default 20000000: the model runs ~10x slower). Needs a build (`npm run build`).
//   node scripts/bench-translation.mjs --hv [--runs N]
// instead runs the bundled guest kernel under the TypeScript hypervisor (one guest, then two:
// VMIDs 1 and 2), where traps to HS and SRETs back are frequent: prints instructions, exits, the
// TLB misses that reached the translate function (a separate, counting run) and MIPS per
// CPU-second. This is the workload the TLB's context tags are for (docs/tlb.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'programs/build/bench');
const RUNNER = join(ROOT, 'dist/bench/translation.js');
const MODES = ['bare', 'sv39', 'vs-sv39'];
const DEFAULT_WORKLOADS = ['hash', 'sort', 'matmul', 'coremark_like'];

function fail(msg) {
  process.stderr.write(`bench-translation: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = { workloads: [], runs: 3, timings: ['none', 'inorder'], pages: '4k', maxInsns: undefined, inorderMax: 20_000_000, json: undefined, child: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    const count = (s) => {
      const n = Number(s);
      if (!Number.isSafeInteger(n) || n <= 0) fail(`bad ${a} '${s}': expected a positive whole number`);
      return n;
    };
    if (a === '--runs') o.runs = count(next());
    else if (a === '--timing') o.timings = next().split(',');
    else if (a === '--pages') o.pages = next();
    else if (a === '--max-insns') o.maxInsns = count(next());
    else if (a === '--inorder-max-insns') o.inorderMax = count(next());
    else if (a === '--json') o.json = next();
    else if (a === '--child') o.child = true;
    else if (a.startsWith('-')) fail(`unknown option ${a}`);
    else o.workloads.push(a);
  }
  if (!['4k', '2m'].includes(o.pages)) fail(`bad --pages '${o.pages}': expected 4k or 2m`);
  for (const t of o.timings) if (!['none', 'inorder'].includes(t)) fail(`bad --timing '${t}': expected none or inorder`);
  return o;
}

/** One run in this process: prints its result as JSON (used through --child). */
async function child(argv) {
  const [elf, mode, timing, pages, max] = argv;
  const { runMode } = await import(RUNNER);
  const r = runMode(elf, { mode, timing, pages, maxInsns: max === '-' ? undefined : Number(max) });
  process.stdout.write(JSON.stringify({ reason: r.result.reason, exitCode: r.result.exitCode, insns: r.programInsns, seconds: r.seconds, cpuSeconds: r.cpuSeconds, mips: r.mips, cpuMips: r.cpuMips, cycles: r.cycles }) + '\n');
}

function runChild(elf, mode, timing, pages, max) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', elf, mode, timing, pages, max === undefined ? '-' : String(max)], {
    encoding: 'utf8',
    timeout: 1_200_000,
  });
  if (r.error) fail(`could not run ${basename(elf)} (${mode}): ${r.error.message}`);
  if (r.status !== 0) fail(`${basename(elf)} (${mode}, ${timing}) failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** One run of the guest kernel under the hypervisor in this process (through --hv-child). */
async function hvChild(guests, count) {
  const { readFileSync } = await import('node:fs');
  const { Hypervisor } = await import(join(ROOT, 'dist/hv/hypervisor.js'));
  const elf = readFileSync(join(ROOT, 'programs/build/guest.elf'));
  const hv = new Hypervisor({ maxGuests: guests });
  for (let i = 0; i < guests; i++) hv.createVm({ elf, bootargs: `name=g${i}` });
  const mmu = hv.machine.mmu;
  let misses = 0;
  if (count) {
    const t = mmu.translate;
    mmu.translate = (lo, hi, a, size) => (misses++, t(lo, hi, a, size));
  }
  const c0 = process.cpuUsage();
  const r = hv.run(1e9);
  const c1 = process.cpuUsage(c0);
  if (r.reason !== 'done' || hv.vms.some((vm) => vm.exitCode !== 0)) fail('the guest did not finish cleanly');
  const cpuSeconds = (c1.user + c1.system) / 1e6;
  const insns = hv.machine.hart.instret;
  process.stdout.write(JSON.stringify({ insns, exits: hv.totals.exits, misses, cpuSeconds, cpuMips: insns / cpuSeconds / 1e6, ctx: mmu.ctxStats ?? null }) + '\n');
}

function hvBench(runs) {
  const one = (guests, count) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--hv-child', String(guests), count ? '1' : '0'], { encoding: 'utf8', timeout: 1_200_000 });
    if (r.status !== 0) fail(`hypervisor run failed: ${(r.stderr || '').trim().split('\n')[0]}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  for (const guests of [1, 2]) {
    const counted = one(guests, true);
    let best;
    for (let k = 0; k < runs; k++) {
      const r = one(guests, false);
      if (best === undefined || r.cpuMips > best.cpuMips) best = r;
    }
    const ctx = counted.ctx === null ? '' : `  context switches kept ${counted.ctx.hits}, evicting ${counted.ctx.misses}`;
    console.log(
      `hv ${guests} guest${guests > 1 ? 's' : ' '}  insns ${best.insns}  exits ${best.exits}  translate calls ${counted.misses}  ${best.cpuMips.toFixed(1)} MIPS${ctx}`,
    );
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv.slice(1));
  if (argv[0] === '--hv-child') return hvChild(Number(argv[1]), argv[2] === '1');
  if (argv[0] === '--hv') {
    const o = parseArgs(argv.slice(1));
    return hvBench(o.runs);
  }
  const o = parseArgs(argv);
  if (!existsSync(RUNNER)) fail('dist/bench/translation.js is missing: run `npm run build` first');
  const available = existsSync(BENCH_DIR) ? readdirSync(BENCH_DIR).filter((f) => f.endsWith('.elf')).map((f) => f.slice(0, -4)) : [];
  const workloads = o.workloads.length > 0 ? o.workloads : DEFAULT_WORKLOADS.filter((w) => available.includes(w));
  if (workloads.length === 0) fail(`no workloads in ${BENCH_DIR} (build them with scripts/build-programs.sh)`);
  const rows = [];
  for (const w of workloads) {
    const elf = join(BENCH_DIR, `${w}.elf`);
    if (!existsSync(elf)) fail(`no workload ${w} (${elf})`);
    for (const timing of o.timings) {
      const max = timing === 'inorder' ? Math.min(o.maxInsns ?? Infinity, o.inorderMax) : o.maxInsns;
      const cap = max === Infinity ? undefined : max;
      const best = {};
      for (const mode of MODES) {
        for (let k = 0; k < o.runs; k++) {
          const r = runChild(elf, mode, timing, o.pages, cap);
          if (best[mode] === undefined || r.cpuMips > best[mode].cpuMips) best[mode] = r;
        }
      }
      const b = best.bare;
      for (const mode of MODES) {
        const r = best[mode];
        // A capped run stops within a few instructions of the cap (the machine counts a trap that
        // retired nothing as a step); a run to exit must match exactly.
        const slack = r.reason === 'limit' ? 8 : 0;
        if (r.exitCode !== b.exitCode || r.reason !== b.reason || Math.abs(r.insns - b.insns) > slack) {
          fail(`${w} (${timing}): ${mode} ended ${r.reason}/${r.exitCode} after ${r.insns} instructions, bare ${b.reason}/${b.exitCode} after ${b.insns}`);
        }
      }
      rows.push({ workload: w, timing, insns: b.insns, ...Object.fromEntries(MODES.map((m) => [m, best[m]])) });
      const pct = (m) => `${((best[m].cpuMips / b.cpuMips - 1) * 100).toFixed(1)}%`;
      const cyc = (m) => (best[m].cycles === null ? '' : ` cycles ${best[m].cycles}`);
      console.log(
        `${w.padEnd(14)} ${timing.padEnd(8)} insns ${String(b.insns).padStart(10)}  ` +
          MODES.map((m) => `${m} ${best[m].cpuMips.toFixed(1)} MIPS${m === 'bare' ? '' : ` (${pct(m)})`}${cyc(m)}`).join('  '),
      );
    }
  }
  if (o.json !== undefined) writeFileSync(o.json, JSON.stringify({ pages: o.pages, runs: o.runs, rows }, null, 2) + '\n');
}

await main();
