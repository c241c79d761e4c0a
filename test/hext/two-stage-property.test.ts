/**
 * Property test: random VS-stage (Sv39) and G-stage (Sv39x4) tables and random accesses; the
 * two-stage translator's result (host address, or cause/htval/htinst/GVA) equals a small reference
 * walker written here from the spec text (privileged spec v20240411, 12.3.2 translation process,
 * 21.5.1 guest physical address translation, 21.5.2 guest-page faults, 21.6.3 htinst pseudo-
 * instructions, 21.3.2 HLVX). Svade: A = 0, or D = 0 on a store, faults.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guestTranslatorOf } from '../../src/hext/two-stage.js';
import { Access } from '../../src/rv64/mmu.js';
import { TRAP } from '../../src/rv64/trap.js';
import { halves, w64 } from '../privileged/helpers.js';
import { CSR, MS, Priv, RAM_BASE, csrWrite, hmachine } from './helpers.js';

const BASE = BigInt(RAM_BASE);
const GROOT = BASE + 0x10000n; // 16 KiB
const GL1 = BASE + 0x14000n;
const GL0 = BASE + 0x15000n;
/** Guest physical page i (0..15) lives at host page HOST + i * 4 KiB when the G-stage maps it. */
const HOST = BASE + 0x40000n;
const GVA0 = 0x40000000n; // VS root[1] -> L1 (GPA page 1) [0] -> L0 (GPA page 2) [k]
const PAGES = 16;

const V = 1n, R = 2n, W = 4n, X = 8n, U = 16n, A = 64n, D = 128n;

interface World {
  gFlags: bigint[]; // G leaf flags of GPA pages 0..15
  root1: bigint; // flags of VS root[1] (a pointer when only V)
  l1: bigint; // flags of VS L1[0]
  leaves: { flags: bigint; page: number }[]; // VS L0[0..7]
}

interface Probe {
  k: number;
  off: number;
  access: Access;
  priv: Priv;
  sum: boolean;
  vsMxr: boolean;
  hsMxr: boolean;
  hlvx: boolean;
}

type Outcome = { pa: bigint } | { cause: number; tval2: bigint; tinst: number; gva: boolean };

const flagsArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(V | R | W | X | U | A | D) },
  { weight: 3, arbitrary: fc.constantFrom(V | R | A | D | U, V | X | A | D | U, V | R | W | A | U, V | R | W | X | A | D) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => BigInt(b & ~0x20)) },
);
const worldArb: fc.Arbitrary<World> = fc.record({
  gFlags: fc.array(flagsArb, { minLength: PAGES, maxLength: PAGES }),
  root1: fc.oneof({ weight: 4, arbitrary: fc.constant(V) }, { weight: 1, arbitrary: flagsArb }),
  l1: fc.oneof({ weight: 4, arbitrary: fc.constant(V) }, { weight: 1, arbitrary: flagsArb }),
  leaves: fc.array(fc.record({ flags: flagsArb, page: fc.integer({ min: 0, max: PAGES - 1 }) }), { minLength: 8, maxLength: 8 }),
});
const probeArb: fc.Arbitrary<Probe> = fc
  .record({
    k: fc.integer({ min: 0, max: 7 }),
    off: fc.integer({ min: 0, max: 511 }).map((n) => n * 8),
    access: fc.constantFrom(Access.Fetch, Access.Load, Access.Store),
    priv: fc.constantFrom(Priv.U, Priv.S),
    sum: fc.boolean(),
    vsMxr: fc.boolean(),
    hsMxr: fc.boolean(),
    hlvx: fc.boolean(),
  })
  .map((p) => ({ ...p, hlvx: p.hlvx && p.access === Access.Load }));

const pte = (ppn: bigint, flags: bigint): bigint => (ppn << 10n) | flags;

/** Builds the world in a fresh machine and in a map the reference reads. */
function build(w: World) {
  const m = hmachine();
  const mem = new Map<bigint, bigint>();
  const put = (pa: bigint, v: bigint) => {
    mem.set(pa, v);
    w64(m, pa, v);
  };
  put(GROOT, pte(GL1 >> 12n, V));
  put(GL1, pte(GL0 >> 12n, V));
  w.gFlags.forEach((f, i) => put(GL0 + BigInt(i) * 8n, pte((HOST >> 12n) + BigInt(i), f)));
  const host = (gpaPage: number) => HOST + BigInt(gpaPage) * 0x1000n;
  put(host(0) + 8n, pte(1n, w.root1)); // VS root (GPA page 0)[1] -> GPA page 1
  put(host(1), pte(2n, w.l1)); // L1[0] -> GPA page 2
  w.leaves.forEach((l, k) => put(host(2) + BigInt(k) * 8n, pte(BigInt(l.page), l.flags)));
  csrWrite(m, CSR.hgatp, (8n << 60n) | (GROOT >> 12n));
  csrWrite(m, CSR.vsatp, 8n << 60n);
  return { m, mem };
}

// ---- the reference: the spec's algorithm, one level at a time, in BigInt

const GUEST = [20, 21, 23];
const PAGE = [12, 13, 15];

function permits(p: bigint, access: Access, hlvx: boolean, mxr: boolean): boolean {
  if (access === Access.Fetch) return (p & X) !== 0n;
  if (access === Access.Store) return (p & W) !== 0n;
  return hlvx ? (p & X) !== 0n : (p & R) !== 0n || (mxr && (p & X) !== 0n);
}

/** A leaf/pointer walk: returns the physical address or 'fault'. `read` may throw an Outcome. */
function walk(
  rootPa: bigint, va: bigint, levels: number, rootBits: bigint, read: (pa: bigint) => bigint,
  leafOk: (p: bigint) => boolean, access: Access,
): bigint | 'fault' {
  let a = rootPa;
  for (let i = levels - 1; i >= 0; i--) {
    const shift = 12n + 9n * BigInt(i);
    const idx = (va >> shift) & (i === levels - 1 ? rootBits : 0x1ffn);
    const p = read(a + idx * 8n);
    if ((p & V) === 0n || (p & (R | W)) === W || p >> 54n !== 0n) return 'fault';
    const ppn = (p >> 10n) & ((1n << 44n) - 1n);
    if ((p & (R | X)) === 0n) {
      if (i === 0 || (p & (A | D | U)) !== 0n) return 'fault';
      a = ppn << 12n;
      continue;
    }
    if (!leafOk(p)) return 'fault';
    if (ppn & ((1n << (9n * BigInt(i))) - 1n)) return 'fault';
    if ((p & A) === 0n || (access === Access.Store && (p & D) === 0n)) return 'fault';
    return (ppn << 12n) | (va & ((1n << shift) - 1n));
  }
  return 'fault';
}

function reference(mem: Map<bigint, bigint>, gva: bigint, q: Probe): Outcome {
  const read = (pa: bigint) => mem.get(pa) ?? 0n;
  const g = (gpa: bigint, access: Access, hlvx: boolean): bigint | 'fault' =>
    gpa >> 41n !== 0n ? 'fault' : walk(GROOT, gpa, 3, 0x7ffn, read, (p) => (p & U) !== 0n && permits(p, access, hlvx, q.hsMxr), access);
  try {
    const gpa = walk(0n, gva, 3, 0x1ffn, (pteGpa) => {
      const hpa = g(pteGpa, Access.Load, false);
      if (hpa === 'fault') throw { cause: GUEST[q.access], tval2: pteGpa >> 2n, tinst: 0x3000, gva: true };
      return read(hpa);
    }, (p) => {
      if (q.priv === Priv.U ? (p & U) === 0n : (p & U) !== 0n && (q.access === Access.Fetch || !q.sum)) return false;
      return permits(p, q.access, q.hlvx, q.vsMxr || q.hsMxr);
    }, q.access);
    if (gpa === 'fault') return { cause: PAGE[q.access], tval2: 0n, tinst: 0, gva: true };
    const hpa = g(gpa, q.access, q.hlvx);
    if (hpa === 'fault') return { cause: GUEST[q.access], tval2: gpa >> 2n, tinst: 0, gva: true };
    return { pa: hpa };
  } catch (e) {
    return e as Outcome;
  }
}

function ours(m: ReturnType<typeof build>['m'], gva: bigint, q: Probe): Outcome {
  csrWrite(m, CSR.vsstatus, (q.sum ? MS.SUM : 0n) | (q.vsMxr ? MS.MXR : 0n));
  csrWrite(m, CSR.mstatus, q.hsMxr ? MS.MXR : 0n);
  const [lo, hi] = halves(gva);
  try {
    return { pa: BigInt(guestTranslatorOf(m.hart).translate(lo, hi, q.access, 1, q.priv, q.hlvx)) };
  } catch (e) {
    if (e !== TRAP) throw e;
    const tval = BigInt.asUintN(64, (BigInt(TRAP.tvalHi) << 32n) | BigInt(TRAP.tvalLo >>> 0));
    expect(tval).toBe(gva);
    return { cause: TRAP.cause, tval2: BigInt(TRAP.tval2), tinst: TRAP.tinst, gva: TRAP.gva };
  }
}

describe('two-stage translation against a reference walker', () => {
  it('agrees on random tables and accesses (address, cause, htval, htinst, GVA)', () => {
    let translated = 0;
    let guestFaults = 0;
    fc.assert(
      fc.property(worldArb, fc.array(probeArb, { minLength: 1, maxLength: 12 }), (w, probes) => {
        const { m, mem } = build(w);
        for (const q of probes) {
          const gva = GVA0 + BigInt(q.k) * 0x1000n + BigInt(q.off);
          const want = reference(mem, gva, q);
          expect(ours(m, gva, q)).toEqual(want);
          if ('pa' in want) translated++;
          else if (want.cause >= 20) guestFaults++;
        }
      }),
      { numRuns: 300, seed: 0x4853 },
    );
    // The generator reaches both outcomes often enough to mean something.
    expect(translated).toBeGreaterThan(50);
    expect(guestFaults).toBeGreaterThan(50);
  });
});
