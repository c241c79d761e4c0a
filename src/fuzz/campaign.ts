/**
 * The differential loop: draw a batch of cases with fast-check from a seed, build one program,
 * run it on QEMU and on rvsim, compare each case's record. A failing case is replayed by
 * fast-check from the same seed and run index and shrunk to a minimal sequence (one case per
 * program while shrinking).
 */
import fc from 'fast-check';
import { parseElf } from '../loader/elf.js';
import { Decoder } from '../rv64/decoder.js';
import { disassemble } from '../rv64/disasm.js';
import { allCRows, allRows } from '../rv64/isa/index.js';
import { caseArb, type CaseOptions } from './arbitraries.js';
import { type FuzzCase, type FuzzExt, usesFp } from './case.js';
import { compareRecords, describeDiff, type Diff } from './compare.js';
import { explain } from './deviations.js';
import { LINK_ADDR } from './layout.js';
import { batchProgram } from './program.js';
import { countByExt, type Insn } from './render.js';
import { buildElf, runQemu, runRvsim } from './runners.js';

export interface CaseFailure {
  index: number;
  kind: 'state' | 'rvsim-trap' | 'qemu-fail';
  detail: string;
  diffs: Diff[];
}

export interface BatchResult {
  cases: number;
  /** Generated instructions per extension letter. */
  insns: Record<string, number>;
  failures: CaseFailure[];
  /** Cases whose differences a known QEMU deviation explains: id -> count. */
  excluded: Record<string, number>;
  /** Instructions rvsim retired for the whole program (harness included). */
  rvsimInstret: number;
}

/** Runs a batch of cases on both sides and compares. */
export function runBatch(cases: readonly FuzzCase[], exts: readonly FuzzExt[]): BatchResult {
  const fp = usesFp(exts);
  const prog = batchProgram(cases, fp);
  const elf = buildElf(prog.asm);
  const total = cases.length * prog.recordSize;
  const insns: Record<string, number> = {};
  for (const s of prog.insns) countByExt(s, insns);
  const res: BatchResult = { cases: cases.length, insns, failures: [], excluded: {}, rvsimInstret: 0 };
  const q = runQemu(elf, total);
  if (!q.ok) {
    // Find the case QEMU cannot run (a generator bug or a QEMU crash): one case per program.
    if (cases.length === 1) res.failures.push({ index: 0, kind: 'qemu-fail', detail: q.why, diffs: [] });
    else {
      cases.forEach((c, i) => {
        const one = runBatch([c], exts);
        for (const f of one.failures) res.failures.push({ ...f, index: i });
      });
    }
    return res;
  }
  const r = runRvsim(elf, total);
  res.rvsimInstret = r.instret;
  if (!r.outcome.ok) {
    // The case whose code holds the trapping pc: the last case_k label at or below it.
    const syms = parseElf(elf).symbols;
    const pc = r.outcome.pc ?? 0n;
    let idx = 0;
    for (let k = 0; k < cases.length; k++) if (pc >= syms.get(`case_${k}`)!) idx = k;
    res.failures.push({ index: idx, kind: 'rvsim-trap', detail: r.outcome.why, diffs: [] });
    return res;
  }
  const rec = prog.recordSize;
  const out = r.outcome.out;
  cases.forEach((c, i) => {
    const diffs = compareRecords(q.out.subarray(i * rec, (i + 1) * rec), out.subarray(i * rec, (i + 1) * rec), fp);
    if (diffs.length === 0) return;
    const dev = explain(c, diffs);
    if (dev !== undefined) res.excluded[dev.id] = (res.excluded[dev.id] ?? 0) + 1;
    else res.failures.push({ index: i, kind: 'state', detail: diffs.map(describeDiff).join('; '), diffs });
  });
  return res;
}

/** The cases fast-check generates for runs 0..n-1 of a property over `arb` with this seed. */
export function drawCases(arb: fc.Arbitrary<FuzzCase>, seed: number, n: number): FuzzCase[] {
  const out: FuzzCase[] = [];
  fc.check(
    fc.property(arb, (c) => {
      out.push(c);
      return true;
    }),
    { seed, numRuns: n },
  );
  return out;
}

export interface Shrunk {
  case: FuzzCase;
  failure: CaseFailure;
  steps: number;
}

/**
 * Replays run `index` of seed `seed` and lets fast-check shrink it against a one-case program.
 * Returns the smallest failing case found within `seconds`.
 */
export function shrinkFailure(exts: readonly FuzzExt[], o: CaseOptions, seed: number, index: number, seconds = 120): Shrunk | undefined {
  const arb = caseArb(exts, o);
  let last: Shrunk | undefined;
  let steps = 0;
  fc.check(
    fc.property(arb, (c) => {
      steps++;
      const r = runBatch([c], exts);
      if (r.failures.length === 0) return true;
      last = { case: c, failure: r.failures[0], steps };
      return false;
    }),
    { seed, path: String(index), numRuns: index + 1, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false },
  );
  return last;
}

const decoder = new Decoder(allRows, allCRows, () => true);

/** Disassembly of a rendered sequence, one instruction a line, addresses relative to its start. */
export function listing(seq: readonly Insn[]): string[] {
  let pc = 0;
  return seq.map((i) => {
    const text = disassemble(i.len === 2 ? i.word & 0xffff : i.word, BigInt(LINK_ADDR + pc), decoder);
    const hex = i.len === 2 ? (i.word & 0xffff).toString(16).padStart(4, '0') : (i.word >>> 0).toString(16).padStart(8, '0');
    const line = `  +${pc.toString().padStart(3)}: ${hex.padEnd(8)}  ${text}`;
    pc += i.len;
    return line;
  });
}

/** A readable account of a failing case: initial registers that are not zero, the code, the diffs. */
export function describeCase(c: FuzzCase, f: CaseFailure, fp: boolean): string {
  const seq = batchProgram([c], fp).insns[0];
  const regs = c.x
    .map((v, r) => [r, v] as const)
    .filter(([r, v]) => r !== 0 && r !== 2 && r !== 9 && v !== 0n)
    .map(([r, v]) => `x${r}=0x${BigInt.asUintN(64, v).toString(16)}`);
  const lines = [
    `${f.kind}: ${f.detail}`,
    `initial: ${regs.join(' ') || '(all x zero)'}${fp ? ` fcsr=0x${c.fcsr.toString(16)}` : ''} window seed ${c.mem} (x2 = window, x9 = window+256, code at ${`0x${LINK_ADDR.toString(16)}`} relative)`,
    ...listing(seq),
  ];
  return lines.join('\n');
}
