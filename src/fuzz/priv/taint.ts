/**
 * Differences carried on by the case's own data flow. A deviation makes a CSR read back differently
 * on QEMU (vsstatus keeps WPRI bits, htinst ignores writes, satp keeps Sv57, ...); the deviation's
 * own entry explains that value wherever it is read (bit by bit, deviations.ts). But a step may
 * write the register it went into to another CSR (`csrrw zero, hstatus, s4` after `csrr s4, satp`),
 * and HSV may store it: then the other CSR, the registers later read from it, the data window and
 * the trap log's copies of mstatus/hstatus differ too, in bits no entry names. This follows that
 * flow through the steps (statically: which register came from which CSR) and explains a
 * difference only at such a second-hand location, under the deviations the value started from.
 *
 * First-hand reads (a register read straight from the deviating CSR) are never explained here: the
 * entries' bit-exact rules decide those. A real rvsim bug in a CSR written from such a register
 * would be hidden in that case only; the same write from an untainted register (most cases) still
 * shows it.
 */
import type { PrivCase } from './case.js';
import type { PrivDiff } from './compare.js';
import { LOG_FIELDS, LOG_Q, MAX_LOG } from './program.js';
import { DUMP_CSRS, FUZZ_CSRS } from './csrs.js';

const NO_CSR = new Set(FUZZ_CSRS.filter((k) => k.cls === 'none').map((k) => k.num));

/** The CSRs whose values each value deviation (deviations.ts) can make differ. */
export const TAINT_SOURCES: Record<string, number[]> = {
  'qemu-gva-sticky': [0x300],
  'qemu-hlsv-stale-mtval': [0x343],
  'qemu-epc-bit0': [0x341, 0x141, 0x241],
  'qemu-mcountinhibit-unmasked': [0x320],
  'qemu-mideleg-nonexistent': [0x303, 0x603, 0x304, 0x604],
  'qemu-uxl-writable': [0x300, 0x100, 0x200],
  'qemu-vsstatus-wpri': [0x300, 0x100, 0x200],
  'qemu-vsstatus-mstatus-fields': [0x100, 0x200],
  'choice-hstatus-vgein-wlrl': [0x600],
  'qemu-vsstatus-swap-or': [0x300],
  'qemu-mpp-reserved': [0x300],
  'qemu-hstatus-wpri': [0x600],
  'qemu-vstvec-mode': [0x205],
  'choice-tvec-reserved-mode': [0x105, 0x305],
  'qemu-mip-vstip-vseip-writable': [0x344, 0x644, 0x645],
  'qemu-lcofip-nonexistent': [0x344, 0x144, 0x304, 0x104],
  'qemu-vsip-read-mask': [0x244, 0x144],
  'qemu-vsip-vsie-unshifted-write': [0x344, 0x644, 0x645, 0x244, 0x304, 0x604, 0x204],
  'qemu-envcfg-unimplemented': [0x30a, 0x10a, 0x60a],
  'qemu-hgatp-unmasked': [0x680],
  'qemu-vsatp-unmasked': [0x280],
  'config-sv57': [0x180, 0x280],
  'qemu-pmpaddr-high': [0x3b1],
  'qemu-medeleg-11': [0x302],
  'qemu-counteren-64bit': [0x306, 0x106, 0x606],
  'choice-mstatus-vs': [0x300, 0x100, 0x200],
  'choice-ebreak-mtval': [0x343],
  'choice-tinst-writable': [0x64a, 0x34a],
};

/**
 * CSRs that are views of one another (sstatus of mstatus, the VS CSRs of the S ones at V=1, the
 * interrupt registers): a write to one taints the others.
 */
const ALIASES: number[][] = [
  [0x300, 0x100, 0x200],
  [0x344, 0x144, 0x644, 0x645, 0x244],
  [0x304, 0x104, 0x604, 0x204],
  [0x303, 0x603],
  [0x180, 0x280],
  [0x105, 0x205],
  [0x140, 0x240],
  [0x141, 0x241],
  [0x142, 0x242],
  [0x143, 0x243],
];
const groupOf = (csr: number): number => ALIASES.find((g) => g.includes(csr))?.[0] ?? csr;
/** The same register: the same number, or sstatus and mstatus (sstatus is a view of mstatus at V=0). */
const sameRegister = (a: number, b: number): boolean => a === b || ((a === 0x300 || a === 0x100) && (b === 0x300 || b === 0x100));

const sourcesOf = (csr: number): Set<string> => {
  const g = ALIASES.find((a) => a.includes(csr)) ?? [csr];
  const ids = new Set<string>();
  for (const [id, csrs] of Object.entries(TAINT_SOURCES)) if (csrs.some((n) => g.includes(n))) ids.add(id);
  return ids;
};

interface Taint {
  /** Per register: deviations its value came from first-hand (read straight from their CSR `csr`). */
  first: Map<number, { csr: number; ids: Set<string> }>;
  /** Per register: deviations its value came from second-hand (through a tainted CSR or the window). */
  second: Map<number, Set<string>>;
  /** Per CSR alias group: deviations a tainted register written to it brought in. */
  csr: Map<number, Set<string>>;
  mem: Set<string>;
}

const union = (...s: (Set<string> | undefined)[]): Set<string> => new Set(s.flatMap((x) => (x === undefined ? [] : [...x])));

/** The taint after all the case's steps. */
export function caseTaint(c: PrivCase): Taint {
  const t: Taint = { first: new Map(), second: new Map(), csr: new Map(), mem: new Set() };
  /** rd gets the value of `csr` while the CSR's own taint is `csrTaint`. */
  const readInto = (rd: number, csr: number, csrTaint: Set<string> | undefined): void => {
    if (rd === 0) return;
    t.first.set(rd, { csr, ids: sourcesOf(csr) });
    t.second.set(rd, union(csrTaint));
  };
  // A value read first-hand and written back to the register it came from differs there in the
  // bits its deviations' own rules cover: only a write to another register carries the taint
  // (vsstatus into mstatus does: same alias group, different fields).
  const firstInto = (rs: number, csr: number): Set<string> | undefined => {
    const f = t.first.get(rs);
    return f !== undefined && !sameRegister(f.csr, csr) ? f.ids : undefined;
  };
  /** The taint of `csr` once rs is written to it (rs is read before any rd is written). */
  const written = (csr: number, rs: number): Set<string> => union(t.csr.get(groupOf(csr)), firstInto(rs, csr), t.second.get(rs));
  for (const s of c.steps) {
    if (s.k === 'csr') {
      const writes = s.op === 'csrrw' || s.op === 'csrrwi' || s.src !== 0;
      // An instruction that always traps changes neither the CSR nor rd: a number no CSR has, or
      // a write to a read-only CSR (address bits 11:10 = 3).
      if (NO_CSR.has(s.csr) || (writes && s.csr >> 10 === 3)) continue;
      const g = groupOf(s.csr);
      const before = t.csr.get(g);
      // The immediate forms write a constant.
      if (writes && !s.op.endsWith('i')) {
        const w = written(s.csr, s.src);
        if (w.size > 0) t.csr.set(g, w);
      }
      readInto(s.rd, s.csr, before); // rd gets the old value
    } else if (s.k === 'probe') {
      // `csrrw/s/c rdA, csr, rs; csrr rdB, csr; csrw csr, rdA`: the CSR ends as it was.
      const before = t.csr.get(groupOf(s.csr));
      const during = s.op === 'csrrw' || s.rs !== 0 ? written(s.csr, s.rs) : before;
      readInto(s.rdA, s.csr, before);
      readInto(s.rdB, s.csr, during);
    } else if (s.k === 'hlsv') {
      if (s.name.startsWith('hsv')) {
        for (const id of union(t.first.get(s.reg)?.ids, t.second.get(s.reg))) t.mem.add(id);
      } else if (s.reg !== 0) {
        t.first.delete(s.reg);
        t.second.set(s.reg, union(t.mem));
      }
    }
  }
  return t;
}

const TRAP_CSR: Record<string, number> = { mstatus: 0x300, hstatus: 0x600 };

/**
 * The deviations a second-hand difference comes from, or undefined if `d` is not at a location
 * tainted second-hand: an x register whose value came through a tainted CSR or the data window, a
 * tainted CSR's dump slot, the trap log's mstatus/hstatus when that CSR is tainted, the window.
 */
export function explainByTaint(c: PrivCase, d: PrivDiff, t: Taint = caseTaint(c)): string[] | undefined {
  let ids: Set<string> | undefined;
  const x = /^x(\d+)$/.exec(d.what);
  const slot = /^csr:(.+)$/.exec(d.what);
  const log = /^trap\[\d+\]\.(mstatus|hstatus)$/.exec(d.what);
  if (x) ids = t.second.get(Number(x[1]));
  else if (slot) {
    const num = DUMP_CSRS.find((k) => k.name === slot[1])?.num;
    if (num !== undefined) ids = t.csr.get(groupOf(num));
  } else if (log) ids = t.csr.get(TRAP_CSR[log[1]]);
  else if (d.what.startsWith('mem+')) ids = t.mem;
  return ids !== undefined && ids.size > 0 ? [...ids].sort() : undefined;
}

/**
 * A control-flow divergence at trap-log entry `k` that a tainted mstatus or hstatus explains: the
 * CSR was written from a tainted register (FS, MPRV, TVM, SPV, ... may differ) and the two sides'
 * logged copies of it at entry k differ. The deviations the taint started from, or undefined.
 */
export function explainDivergenceByTaint(c: PrivCase, q: readonly bigint[], r: readonly bigint[], k: number, t: Taint = caseTaint(c)): string[] | undefined {
  for (const [field, csr] of Object.entries(TRAP_CSR)) {
    const ids = t.csr.get(csr);
    if (ids === undefined || ids.size === 0) continue;
    const at = (rec: readonly bigint[]): bigint | undefined => (k < Number(rec[LOG_Q]) && k < MAX_LOG ? rec[LOG_Q + 1 + k * LOG_FIELDS.length + LOG_FIELDS.indexOf(field as 'mstatus')] : undefined);
    const a = at(q);
    const b = at(r);
    if (a !== undefined && b !== undefined && a !== b) return [...ids].sort();
  }
  return undefined;
}

