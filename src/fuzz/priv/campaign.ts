/**
 * The privileged differential loop: draw a batch of cases with fast-check from a seed, build one
 * bare-metal program, run it on qemu-system-riscv64 and on rvsim's virt machine, compare each
 * case's record. Differences a known QEMU deviation explains are counted, not reported. A failing
 * case is replayed by fast-check from the same seed and run index and shrunk against a one-case
 * program.
 */
import fc from 'fast-check';
import { drawCases } from '../campaign.js';
import { type PrivCaseOptions, privCaseArb } from './arbitraries.js';
import type { PrivCase } from './case.js';
import { comparePriv, describePrivDiff, type PrivDiff } from './compare.js';
import { describePrivCase } from './describe.js';
import { explainDiff, explainDivergence, explainQemuFailure } from './deviations.js';
import { privProgram, RECORD_Q } from './program.js';
import { caseTaint, explainByTaint, explainDivergenceByTaint } from './taint.js';
import { buildPrivElf, type PrivOutcome, qemuLastTrapPc, runQemuSystem, runQemuSystemAsync, runRvsimVirt } from './runners.js';

export { drawCases };

export interface PrivFailure {
  index: number;
  kind: 'state' | 'rvsim-fail' | 'qemu-fail';
  detail: string;
  /** Unexplained differences (kind 'state'). */
  diffs: PrivDiff[];
}

export interface PrivBatchResult {
  cases: number;
  steps: Record<string, number>;
  failures: PrivFailure[];
  /** Cases whose differences known QEMU deviations explain, per deviation id. */
  excluded: Record<string, number>;
  /** Cases all of whose differences are explained. */
  excludedCases: number;
  /** Traps both sides took, summed over the cases (from QEMU's log counts). */
  traps: number;
  rvsimInstret: number;
}

export function runPrivBatch(cases: readonly PrivCase[]): PrivBatchResult {
  const elf = buildPrivElf(privProgram(cases).asm);
  const n = cases.length * RECORD_Q;
  return judgePrivBatch(cases, elf, runQemuSystem(elf, n), runRvsimVirt(elf, n));
}

/**
 * The same, with QEMU running in its own process while rvsim runs here: a campaign's batches take
 * the longer of the two instead of their sum.
 */
export async function runPrivBatchAsync(cases: readonly PrivCase[]): Promise<PrivBatchResult> {
  const elf = buildPrivElf(privProgram(cases).asm);
  const n = cases.length * RECORD_Q;
  const qemu = runQemuSystemAsync(elf, n);
  const r = runRvsimVirt(elf, n);
  return judgePrivBatch(cases, elf, await qemu, r);
}

/** Compares the records of both runs of a batch's program, case by case. */
function judgePrivBatch(cases: readonly PrivCase[], elf: Uint8Array, q: PrivOutcome, r: PrivOutcome & { instret: number }): PrivBatchResult {
  const steps: Record<string, number> = {};
  for (const c of cases) for (const s of c.steps) steps[s.k] = (steps[s.k] ?? 0) + 1;
  const res: PrivBatchResult = { cases: cases.length, steps, failures: [], excluded: {}, excludedCases: 0, traps: 0, rvsimInstret: 0 };
  res.rvsimInstret = r.instret;
  if (!q.ok || !r.ok) {
    if (cases.length === 1) {
      const dev = !q.ok && r.ok ? (explainQemuFailure(cases[0]) ?? explainQemuFailure(cases[0], qemuLastTrapPc(elf))) : undefined;
      if (dev !== undefined) {
        res.excludedCases++;
        res.excluded[dev.id] = (res.excluded[dev.id] ?? 0) + 1;
        return res;
      }
      res.failures.push(q.ok ? { index: 0, kind: 'rvsim-fail', detail: r.ok ? '' : r.why, diffs: [] } : { index: 0, kind: 'qemu-fail', detail: q.why, diffs: [] });
      return res;
    }
    // One case per program to find the guilty one(s).
    cases.forEach((c, i) => {
      const one = runPrivBatch([c]);
      res.traps += one.traps;
      res.excludedCases += one.excludedCases;
      for (const [k, v] of Object.entries(one.excluded)) res.excluded[k] = (res.excluded[k] ?? 0) + v;
      for (const f of one.failures) res.failures.push({ ...f, index: i });
    });
    return res;
  }
  cases.forEach((c, i) => {
    const qa = q.quads.slice(i * RECORD_Q, (i + 1) * RECORD_Q);
    const ra = r.quads.slice(i * RECORD_Q, (i + 1) * RECORD_Q);
    res.traps += Number(qa[32]);
    const diffs = comparePriv(qa, ra);
    if (diffs.length === 0) return;
    let open: PrivDiff[] = [];
    const ids = new Set<string>();
    const taint = caseTaint(c);
    for (const d of diffs) {
      const devs = explainDiff(c, d, qa, ra);
      const carried = devs === undefined ? explainByTaint(c, d, taint) : undefined;
      if (devs !== undefined) for (const v of devs) ids.add(v.id);
      else if (carried !== undefined) for (const id of carried) ids.add(id);
      else open.push(d);
    }
    // A control-flow deviation at the first trap-log entry with an unexplained difference
    // explains everything after it (deviations.ts, `diverges`).
    const k = Math.min(...open.map((d) => Number(/^trap\[(\d+)\]/.exec(d.what)?.[1] ?? Infinity)));
    if (Number.isFinite(k)) {
      const v = explainDivergence(c, qa, ra, k);
      const carried = v === undefined ? explainDivergenceByTaint(c, qa, ra, k, taint) : undefined;
      if (v !== undefined) ids.add(v.id);
      else if (carried !== undefined) for (const id of carried) ids.add(id);
      if (v !== undefined || carried !== undefined) open = [];
    }
    if (open.length === 0) res.excludedCases++;
    if (open.length === 0) for (const id of ids) res.excluded[id] = (res.excluded[id] ?? 0) + 1;
    else res.failures.push({ index: i, kind: 'state', detail: open.map(describePrivDiff).join('; '), diffs: open });
  });
  return res;
}

export interface PrivShrunk {
  case: PrivCase;
  failure: PrivFailure;
  steps: number;
}

/** Replays run `index` of `seed` and lets fast-check shrink it; the smallest failing case found within `seconds`. */
export function shrinkPrivFailure(o: PrivCaseOptions, seed: number, index: number, seconds = 120): PrivShrunk | undefined {
  let last: PrivShrunk | undefined;
  let steps = 0;
  fc.check(
    fc.property(privCaseArb(o), (c) => {
      steps++;
      const r = runPrivBatch([c]);
      if (r.failures.length === 0) return true;
      last = { case: c, failure: r.failures[0], steps };
      return false;
    }),
    { seed, path: String(index), numRuns: index + 1, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false },
  );
  return last;
}

export function describePrivFailure(c: PrivCase, f: PrivFailure): string {
  return `${f.kind}: ${f.kind === 'state' ? f.diffs.map(describePrivDiff).join('\n  ') : f.detail}\n${describePrivCase(c)}`;
}
