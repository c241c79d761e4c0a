#!/usr/bin/env node
/**
 * Differential fuzzing of privileged and H sequences: rvsim's virt machine against
 * qemu-system-riscv64 -M virt -cpu rv64,h=true (src/fuzz/priv):
 *   npm run build && node scripts/fuzz-priv.mjs --seconds 60 [--cases N] [--seed 1] [--batch 100]
 *       [--max-steps 24] [--shrink-seconds 120] [--out DIR]
 *   node scripts/fuzz-priv.mjs --list-deviations
 * Batches of fast-check-generated cases (CSR reads/writes/probes on M, S, H and VS CSRs, MRET/SRET
 * mode switches, ECALL, privileged/illegal words, HLV/HSV, WFI) are built into one bare-metal
 * program each, run on both, and compared (x registers, the M-mode trap log, a CSR dump, the data
 * window). Differences a known QEMU deviation explains (src/fuzz/priv/deviations.ts) are counted
 * per deviation; any other mismatch is shrunk by fast-check and printed (and written to --out as
 * JSON). Stops after --seconds or --cases, whichever comes first. Exits 1 on any unexplained mismatch.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fail = (msg, code = 2) => {
  process.stderr.write(`fuzz-priv: ${msg}\n`);
  process.exit(code);
};

if (process.argv[2] === '--list-deviations') {
  // The known QEMU deviations and spec choices, with their spec sections (docs/fuzzing.md).
  const { PRIV_DEVIATIONS } = await import(new URL('../dist/fuzz/priv/deviations.js', import.meta.url).href);
  for (const d of PRIV_DEVIATIONS) console.log(`${d.id}\n  spec: ${d.spec}\n  why:  ${d.why}\n`);
  process.exit(0);
}

const opts = { seconds: 60, cases: 0, seed: 1, batch: 100, 'max-steps': 24, 'shrink-seconds': 120, out: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const key = a.replace(/^--/, '');
  if (!a.startsWith('--') || !(key in opts)) fail(`unknown option ${a} (options: ${Object.keys(opts).map((k) => `--${k}`).join(' ')})`);
  const v = argv[++i];
  if (v === undefined) fail(`option ${a} needs a value`);
  if (key === 'out') opts[key] = v;
  else {
    const n = Number(v);
    if (!Number.isInteger(n) || n < (key === 'seed' || key === 'shrink-seconds' || key === 'cases' ? 0 : 1)) fail(`option ${a} needs a positive integer, got ${v}`);
    opts[key] = n;
  }
}

const dist = new URL('../dist/fuzz/priv/', import.meta.url);
if (!existsSync(fileURLToPath(new URL('campaign.js', dist)))) fail('dist/fuzz/priv is missing: run `npm run build` first');
const { privCaseArb } = await import(new URL('arbitraries.js', dist).href);
const { runPrivBatchAsync, drawCases, shrinkPrivFailure, describePrivFailure } = await import(new URL('campaign.js', dist).href);
const { GCC, QEMU_SYSTEM } = await import(new URL('runners.js', dist).href);

for (const [tool, pkg] of [[GCC, 'gcc-riscv64-unknown-elf'], [QEMU_SYSTEM, 'qemu-system-misc']]) {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { stdio: 'ignore' });
  if (r.status !== 0) fail(`${tool} not found: install the Debian package ${pkg}`);
}

const caseOpts = { maxSteps: opts['max-steps'] };
const arb = privCaseArb(caseOpts);
const steps = {};
const excluded = {};
const kinds = {};
let cases = 0;
let excludedCases = 0;
let mismatches = 0;
let traps = 0;
const t0 = Date.now();

for (let b = 0; Date.now() - t0 < opts.seconds * 1000 && (opts.cases === 0 || cases < opts.cases); b++) {
  const seed = opts.seed * 100003 + b;
  const batch = drawCases(arb, seed, opts.batch);
  let res;
  try {
    res = await runPrivBatchAsync(batch);
  } catch (e) {
    fail(e.message);
  }
  cases += res.cases;
  traps += res.traps;
  for (const [k, v] of Object.entries(res.steps)) steps[k] = (steps[k] ?? 0) + v;
  for (const [k, v] of Object.entries(res.excluded)) excluded[k] = (excluded[k] ?? 0) + v;
  excludedCases += res.excludedCases ?? 0;
  for (const f of res.failures) {
    mismatches++;
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    process.stderr.write('\n');
    console.log(`MISMATCH seed ${seed} run ${f.index}:\n${describePrivFailure(batch[f.index], f)}`);
    if (opts['shrink-seconds'] > 0) {
      const s = shrinkPrivFailure(caseOpts, seed, f.index, opts['shrink-seconds']);
      if (s !== undefined) {
        console.log(`shrunk (${s.steps} runs):\n${describePrivFailure(s.case, s.failure)}`);
        if (opts.out) {
          mkdirSync(opts.out, { recursive: true });
          const file = join(opts.out, `priv-mismatch-${seed}-${f.index}.json`);
          writeFileSync(file, JSON.stringify(s.case, (_k, v) => (typeof v === 'bigint' ? `0x${BigInt.asUintN(64, v).toString(16)}` : v), 1));
          console.log(`written to ${file}`);
        }
      }
    }
  }
  process.stderr.write(`\r${cases} cases, ${mismatches} mismatches, ${traps} traps   `);
}
process.stderr.write('\n');
const secs = (Date.now() - t0) / 1000;
const fmt = (o) => Object.entries(o).sort().map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
console.log(`fuzz-priv: seed ${opts.seed}: ${cases} cases in ${secs.toFixed(1)} s, ${mismatches} mismatches (${fmt(kinds)}), ${excludedCases} cases excluded`);
console.log(`fuzz-priv: excluded by known QEMU deviations / spec choices (cases per id): ${fmt(excluded)}`);
const total = Object.values(steps).reduce((a, b) => a + b, 0);
console.log(`fuzz-priv: steps ${fmt(steps)}; ${traps} traps taken`);
console.log(`fuzz-priv: ${total} generated steps (instructions) in ${cases} cases, ${(total / secs).toFixed(0)} per second`);
process.exit(mismatches === 0 ? 0 : 1);
