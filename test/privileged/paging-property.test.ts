/**
 * Property: on random small page tables (Sv39 and Sv48) and random accesses, the translate function
 * agrees with a BigInt reference walker written from privileged spec 12.3.2 (with Svade, no Svpbmt,
 * no Svnapot, non-leaf D/A/U reserved) and 3.1.6.3 (MPRV, SUM, MXR). PMP is open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import {
  Access, MEM, MPRV, MSTATUS, MXR, RAM_BASE, SATP, SUM, csrWrite, machine, openPmp, satp, translate, trapOf, w64,
} from './helpers.js';

const BASE = BigInt(RAM_BASE);
/** Table pages: T[0] is the root. */
const T = [1n, 2n, 3n, 4n].map((k) => BASE + k * 0x1000n);
const IDX = [0n, 1n, 2n, 511n];
const NO_RAM_PPN = 0x10n;

type Outcome = { pa: number } | { cause: number };

function ref(m: Machine, levels: number, va: bigint, access: Access, priv: number, sum: boolean, mxr: boolean): Outcome {
  const pf = { cause: [12, 13, 15][access] };
  const af = { cause: [1, 5, 7][access] };
  const vaBits = levels === 3 ? 39 : 48;
  if (BigInt.asUintN(64, BigInt.asIntN(vaBits, va)) !== va) return pf;
  let a = T[0];
  for (let i = levels - 1; i >= 0; i--) {
    const vpn = (va >> BigInt(12 + 9 * i)) & 511n;
    const pteAddr = a + vpn * 8n;
    if (pteAddr < BASE || pteAddr + 8n > BASE + BigInt(MEM)) return af;
    const pte = new DataView(m.mmu.readPhys(Number(pteAddr), 8).buffer).getBigUint64(0, true);
    const bit = (n: number): boolean => ((pte >> BigInt(n)) & 1n) === 1n;
    const [v, r, w, x, u, , aBit, d] = [0, 1, 2, 3, 4, 5, 6, 7].map(bit);
    if (!v || (!r && w) || pte >> 54n !== 0n) return pf;
    const ppn = (pte >> 10n) & ((1n << 44n) - 1n);
    if (!r && !x) {
      if (d || aBit || u) return pf;
      a = ppn << 12n;
      continue;
    }
    if (priv === Priv.U && !u) return pf;
    if (priv === Priv.S && u && (access === Access.Fetch || !sum)) return pf;
    if (access === Access.Fetch && !x) return pf;
    if (access === Access.Load && !(r || (mxr && x))) return pf;
    if (access === Access.Store && !w) return pf;
    const low = (1n << BigInt(9 * i)) - 1n;
    if ((ppn & low) !== 0n) return pf;
    if (!aBit || (access === Access.Store && !d)) return pf;
    const pa = (((ppn | ((va >> 12n) & low)) << 12n) | (va & 0xfffn));
    return { pa: pa < 1n << 53n ? Number(pa) : -1 };
  }
  return pf;
}

const flagsArb = fc.integer({ min: 0, max: 255 }).map(BigInt);
const reservedArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0n) },
  { weight: 1, arbitrary: fc.integer({ min: 54, max: 63 }).map((b) => 1n << BigInt(b)) },
);
const pointerArb = fc.record({
  kind: fc.constant('ptr' as const),
  target: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }).map((j) => T[j] >> 12n) }, { weight: 1, arbitrary: fc.constant(NO_RAM_PPN) }),
  extra: fc.oneof({ weight: 6, arbitrary: fc.constant(1n) }, { weight: 1, arbitrary: flagsArb.map((f) => (f & ~0xen) | 1n) }),
  reserved: reservedArb,
});
const leafArb = fc.record({
  kind: fc.constant('leaf' as const),
  target: fc.oneof(
    fc.constantFrom(BASE >> 12n, (BASE >> 12n) + 0x10n, (BASE >> 12n) + 0x200n, 0n, 1n << 18n, 1n << 27n),
    fc.bigInt({ min: 0n, max: (1n << 44n) - 1n }),
  ),
  extra: fc.oneof({ weight: 3, arbitrary: flagsArb.map((f) => f | 0xc1n) }, { weight: 2, arbitrary: flagsArb }),
  reserved: reservedArb,
});
const entryArb = fc.oneof(fc.constant(null), pointerArb, leafArb);

describe('12.3.2 translation property', () => {
  it('agrees with a BigInt reference walker on random tables and accesses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(3, 4),
        fc.array(entryArb, { minLength: 16, maxLength: 16 }),
        fc.array(fc.constantFrom(...IDX), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 4095 }),
        fc.constantFrom(0n, 0n, 0n, 1n << 50n, -1n << 47n, -1n << 38n, 1n << 38n, 1n << 47n),
        fc.constantFrom(Access.Fetch, Access.Load, Access.Store),
        fc.constantFrom('U', 'S', 'M', 'MPRV-S', 'MPRV-U'),
        fc.boolean(),
        fc.boolean(),
        (levels, entries, vpns, off, high, access, mode, sum, mxr) => {
          const m = machine();
          openPmp(m);
          entries.forEach((e, n) => {
            if (e === null) return;
            const addr = T[n >> 2] + IDX[n & 3] * 8n;
            const v = (e.target << 10n) | e.extra | e.reserved;
            w64(m, addr, e.kind === 'ptr' ? v & ~0xen : v);
          });
          let va = BigInt(off);
          vpns.slice(0, levels).forEach((p, i) => (va |= p << BigInt(12 + 9 * i)));
          va = BigInt.asUintN(64, BigInt.asIntN(levels === 3 ? 39 : 48, va) ^ high);
          csrWrite(m, SATP, satp(levels === 3 ? 8n : 9n, T[0]));
          let ms = (sum ? SUM : 0n) | (mxr ? MXR : 0n);
          let eff: number;
          if (mode === 'U' || mode === 'S') {
            m.hart.priv = mode === 'U' ? Priv.U : Priv.S;
            eff = m.hart.priv;
          } else {
            m.hart.priv = Priv.M;
            if (mode !== 'M') ms |= MPRV | (mode === 'MPRV-S' ? 1n << 11n : 0n);
            eff = mode === 'M' || access === Access.Fetch ? Priv.M : mode === 'MPRV-S' ? Priv.S : Priv.U;
          }
          csrWrite(m, MSTATUS, ms);
          const expected: Outcome =
            eff === Priv.M ? { pa: va < 1n << 53n ? Number(va) : -1 } : ref(m, levels, va, access, eff, sum, mxr);
          let got: Outcome;
          const t = trapOf(() => {
            got = { pa: translate(m, va, access) };
          });
          if (t !== null) {
            expect(t.tval).toBe(va);
            got = { cause: t.cause };
          }
          expect(got!).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
