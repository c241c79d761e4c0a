#!/usr/bin/env node
/**
 * Differential fuzzing campaign of rvsim against qemu-riscv64 (src/fuzz):
 *   npm run build && node scripts/fuzz.mjs --ext i,m,a,c --seconds 60 [--seed 1] [--batch 400]
 *       [--max-items 40] [--min-insns N] [--shrink-seconds 120] [--out DIR]
 * Batches of fast-check-generated cases are built into one program each, run on both, and
 * compared (x and f registers, fcsr, a 512-byte memory window). Stops after --seconds, or once
 * every chosen extension has --min-insns generated instructions. Each mismatch is shrunk by
 * fast-check and printed (and written to --out as JSON and as a draft riscv-tests .S). Prints cases run, mismatches, generated
 * instructions per extension and per second. Exits 1 on any unexplained mismatch.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fail = (msg, code = 2) => {
  process.stderr.write(`fuzz: ${msg}\n`);
  process.exit(code);
};

const opts = { ext: 'i,m,a,c', seconds: 60, seed: 1, batch: 400, 'max-items': 40, 'min-insns': 0, 'shrink-seconds': 120, out: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const key = a.replace(/^--/, '');
  if (!a.startsWith('--') || !(key in opts)) fail(`unknown option ${a} (options: ${Object.keys(opts).map((k) => `--${k}`).join(' ')})`);
  const v = argv[++i];
  if (v === undefined) fail(`option ${a} needs a value`);
  if (key === 'ext' || key === 'out') opts[key] = v;
  else {
    const n = Number(v);
    if (!Number.isInteger(n) || n < (key === 'seed' || key === 'min-insns' ? 0 : 1)) fail(`option ${a} needs a positive integer, got ${v}`);
    opts[key] = n;
  }
}

const dist = new URL('../dist/fuzz/', import.meta.url);
if (!existsSync(fileURLToPath(new URL('campaign.js', dist)))) fail('dist/fuzz is missing: run `npm run build` first');
const { ALL_EXTS, usesFp } = await import(new URL('case.js', dist).href);
const { caseArb } = await import(new URL('arbitraries.js', dist).href);
const { runBatch, drawCases, shrinkFailure, describeCase } = await import(new URL('campaign.js', dist).href);
const { GCC, QEMU } = await import(new URL('runners.js', dist).href);
const { regressionTest } = await import(new URL('regression.js', dist).href);

const exts = opts.ext.split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
for (const e of exts) if (!ALL_EXTS.includes(e)) fail(`unknown extension ${e} (choose from ${ALL_EXTS.join(',')})`);
if (exts.length === 0) fail('--ext needs at least one extension');
for (const [tool, pkg] of [[GCC, 'gcc-riscv64-unknown-elf'], [QEMU, 'qemu-user']]) {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
  if (r.status !== 0) fail(`${tool} not found: install the Debian package ${pkg}`);
}

const caseOpts = { maxItems: opts['max-items'] };
const arb = caseArb(exts, caseOpts);
const fp = usesFp(exts);
const insns = {};
const excluded = {};
let cases = 0;
let mismatches = 0;
let rvsimInstret = 0;
const t0 = Date.now();
const enough = () =>
  opts['min-insns'] > 0 ? exts.every((e) => (insns[e] ?? 0) >= opts['min-insns']) : Date.now() - t0 >= opts.seconds * 1000;

for (let b = 0; !enough(); b++) {
  const seed = opts.seed * 100003 + b;
  const batch = drawCases(arb, seed, opts.batch);
  let res;
  try {
    res = runBatch(batch, exts);
  } catch (e) {
    fail(e.message);
  }
  cases += res.cases;
  rvsimInstret += res.rvsimInstret;
  for (const [k, v] of Object.entries(res.insns)) insns[k] = (insns[k] ?? 0) + v;
  for (const [k, v] of Object.entries(res.excluded)) excluded[k] = (excluded[k] ?? 0) + v;
  for (const f of res.failures) {
    mismatches++;
    process.stderr.write('\n');
    console.log(`MISMATCH seed ${seed} run ${f.index}:\n${describeCase(batch[f.index], f, fp)}`);
    const s = shrinkFailure(exts, caseOpts, seed, f.index, opts['shrink-seconds']);
    if (s !== undefined) {
      console.log(`shrunk (${s.steps} runs):\n${describeCase(s.case, s.failure, fp)}`);
      if (opts.out) {
        mkdirSync(opts.out, { recursive: true });
        const file = join(opts.out, `mismatch-${seed}-${f.index}.json`);
        writeFileSync(file, JSON.stringify(s.case, (_k, v) => (typeof v === 'bigint' ? `0x${BigInt.asUintN(64, v).toString(16)}` : v), 1));
        console.log(`written to ${file}`);
        if (s.failure.kind === 'state') {
          const asm = join(opts.out, `mismatch-${seed}-${f.index}.S`);
          const first = s.failure.diffs[0];
          writeFileSync(asm, regressionTest(s.case, s.failure.diffs, fp, `fuzz regression: ${first.what} differs (seed ${seed} run ${f.index})`));
          console.log(`riscv-tests draft written to ${asm}`);
        }
      }
    }
  }
  const secs = (Date.now() - t0) / 1000;
  const total = Object.values(insns).reduce((a, v) => a + v, 0);
  process.stderr.write(`\r${cases} cases, ${mismatches} mismatches, ${total} instructions (${Math.round(total / secs)}/s)   `);
}
process.stderr.write('\n');
const secs = (Date.now() - t0) / 1000;
const total = Object.values(insns).reduce((a, v) => a + v, 0);
const per = Object.entries(insns).sort().map(([k, v]) => `${k}=${v}`).join(' ');
const exc = Object.entries(excluded).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
console.log(`fuzz: --ext ${exts.join(',')} seed ${opts.seed}: ${cases} cases, ${mismatches} mismatches, excluded (known QEMU deviations) ${exc}`);
console.log(`fuzz: generated instructions ${total} (${per}) in ${secs.toFixed(1)} s: ${Math.round(total / secs)} generated instructions/s`);
console.log(`fuzz: rvsim retired ${rvsimInstret} instructions (harness included): ${Math.round(rvsimInstret / secs)}/s of campaign time`);
process.exit(mismatches === 0 ? 0 : 1);
