/**
 * Physical memory protection (privileged spec v20240411, 3.7.1 PMP CSRs, 3.7.1.1 address matching,
 * 3.7.1.2 locking and privilege mode, 3.7.1.3 priority and matching logic). Grain G = 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cause } from '../../src/rv64/trap.js';
import { Priv } from '../../src/rv64/hart.js';
import { Pmp } from '../../src/rv64/pmp.js';
import {
  Access, PMPADDR0, PMPCFG0, PMPCFG2, RAM_BASE, csrRead, csrWrite, load32, machine, store32, fetch16, translate, trapOf,
} from './helpers.js';
import type { Machine } from '../../src/machine.js';

const BASE = BigInt(RAM_BASE);
const TOR = 1n << 3n;
const NA4 = 2n << 3n;
const NAPOT = 3n << 3n;
const L = 0x80n;
const R = 1n;
const W = 2n;
const X = 4n;

function noCache(m: Machine): boolean | undefined {
  return (m.mmu as unknown as { noCache?: boolean }).noCache;
}

function sMode(): Machine {
  const m = machine();
  m.hart.priv = Priv.S;
  return m;
}

describe('3.7.1 PMP CSRs', () => {
  it('RV64 has pmpcfg0 and pmpcfg2 only: odd pmpcfg numbers are illegal; entries 16-63 read zero', () => {
    const m = machine();
    expect(m.csr.lookup(0x3a1, false)).toBe(Cause.IllegalInsn);
    expect(m.csr.lookup(0x3a3, true)).toBe(Cause.IllegalInsn);
    csrWrite(m, 0x3a4, -1n);
    csrWrite(m, 0x3b0 + 20, -1n);
    expect(csrRead(m, 0x3a4)).toBe(0n);
    expect(csrRead(m, 0x3b0 + 20)).toBe(0n);
  });

  it('pmpcfg fields are WARL: reserved bits 6:5 read zero; R = 0 W = 1 drops W (as Spike)', () => {
    const m = machine();
    csrWrite(m, PMPCFG0, 0x7fn | (0x02n << 8n) | (0x1en << 16n) | (0x63n << 56n));
    expect(csrRead(m, PMPCFG0)).toBe(0x1fn | (0x00n << 8n) | (0x1cn << 16n) | (0x03n << 56n));
    csrWrite(m, PMPCFG2, 0x0f0en << 48n);
    expect(csrRead(m, PMPCFG2)).toBe(0x0f0cn << 48n);
  });

  it('pmpaddr holds bits 55:2 (54 bits)', () => {
    const m = machine();
    csrWrite(m, PMPADDR0 + 5, -1n);
    expect(csrRead(m, PMPADDR0 + 5)).toBe((1n << 54n) - 1n);
  });

  it('3.7.1.2: L locks the cfg and address of an entry; a locked TOR entry also locks the previous address', () => {
    const m = machine();
    csrWrite(m, PMPADDR0 + 1, 0x100n);
    csrWrite(m, PMPADDR0 + 2, 0x200n);
    csrWrite(m, PMPCFG0, ((L | TOR | R) << 16n) | ((NA4 | R) << 8n));
    csrWrite(m, PMPCFG0, 0n);
    expect(csrRead(m, PMPCFG0)).toBe((L | TOR | R) << 16n); // entry 2 kept, entry 1 cleared
    csrWrite(m, PMPADDR0 + 2, 0x999n);
    csrWrite(m, PMPADDR0 + 1, 0x999n);
    csrWrite(m, PMPADDR0 + 3, 0x999n);
    expect(csrRead(m, PMPADDR0 + 2)).toBe(0x200n);
    expect(csrRead(m, PMPADDR0 + 1)).toBe(0x100n);
    expect(csrRead(m, PMPADDR0 + 3)).toBe(0x999n);
  });
});

describe('3.7.1.3 PMP checks', () => {
  it('no entry matches: M-mode succeeds, S and U fail (16 entries are implemented)', () => {
    const m = machine();
    expect(translate(m, BASE, Access.Store)).toBe(RAM_BASE);
    m.hart.priv = Priv.S;
    expect(trapOf(() => load32(m, BASE))).toEqual({ cause: 5, tval: BASE });
    expect(trapOf(() => store32(m, BASE, 0))).toEqual({ cause: 7, tval: BASE });
    expect(trapOf(() => fetch16(m, BASE))).toEqual({ cause: 1, tval: BASE });
    m.hart.priv = Priv.U;
    expect(trapOf(() => load32(m, BASE))?.cause).toBe(5);
  });

  it('3.7.1.1 TOR: entry 0 matches [0, pmpaddr0*4); entry i matches [pmpaddr(i-1)*4, pmpaddr(i)*4)', () => {
    const m = sMode();
    csrWrite(m, PMPADDR0, (BASE + 0x1000n) >> 2n);
    csrWrite(m, PMPADDR0 + 1, (BASE + 0x3000n) >> 2n);
    csrWrite(m, PMPCFG0, (TOR | R) | ((TOR | R | W) << 8n));
    expect(translate(m, BASE + 0xffcn, Access.Load)).toBe(RAM_BASE + 0xffc);
    expect(trapOf(() => translate(m, BASE + 0xffcn, Access.Store))?.cause).toBe(7);
    expect(translate(m, BASE + 0x1000n, Access.Store)).toBe(RAM_BASE + 0x1000);
    expect(translate(m, BASE + 0x2ffcn, Access.Store)).toBe(RAM_BASE + 0x2ffc);
    expect(trapOf(() => translate(m, BASE + 0x3000n, Access.Load))?.cause).toBe(5);
    expect(trapOf(() => translate(m, BASE + 0x1000n, Access.Fetch))?.cause).toBe(1);
    // pmpaddr(i-1) >= pmpaddr(i): the TOR entry matches nothing.
    csrWrite(m, PMPADDR0 + 1, (BASE + 0x800n) >> 2n);
    expect(trapOf(() => translate(m, BASE + 0x1000n, Access.Load))?.cause).toBe(5);
  });

  it('3.7.1.1 NA4 and NAPOT ranges', () => {
    const m = sMode();
    csrWrite(m, PMPADDR0, (BASE + 0x100n) >> 2n); // NA4: 4 bytes
    csrWrite(m, PMPADDR0 + 1, ((BASE + 0x2000n) >> 2n) | 0x1ffn); // NAPOT, 9 trailing ones: 2^(9+3) = 4 KiB at BASE+0x2000
    csrWrite(m, PMPCFG0, (NA4 | R) | ((NAPOT | X) << 8n));
    expect(translate(m, BASE + 0x100n, Access.Load)).toBe(RAM_BASE + 0x100);
    expect(translate(m, BASE + 0x103n, Access.Load)).toBe(RAM_BASE + 0x103);
    expect(trapOf(() => translate(m, BASE + 0x104n, Access.Load))?.cause).toBe(5);
    expect(trapOf(() => translate(m, BASE + 0xfcn, Access.Load))?.cause).toBe(5);
    expect(translate(m, BASE + 0x2000n, Access.Fetch)).toBe(RAM_BASE + 0x2000);
    expect(translate(m, BASE + 0x2ffen, Access.Fetch)).toBe(RAM_BASE + 0x2ffe);
    expect(trapOf(() => translate(m, BASE + 0x3000n, Access.Fetch))?.cause).toBe(1);
    expect(trapOf(() => translate(m, BASE + 0x1ffen, Access.Fetch))?.cause).toBe(1);
  });

  it('the lowest-numbered matching entry decides, even when a later one would allow', () => {
    const m = sMode();
    csrWrite(m, PMPADDR0, ((BASE + 0x1000n) >> 2n) | 0x1ffn);
    csrWrite(m, PMPADDR0 + 1, (1n << 54n) - 1n);
    csrWrite(m, PMPCFG0, (NAPOT | R) | ((NAPOT | R | W | X) << 8n));
    expect(trapOf(() => translate(m, BASE + 0x1008n, Access.Store))?.cause).toBe(7);
    expect(translate(m, BASE + 0x2008n, Access.Store)).toBe(RAM_BASE + 0x2008);
  });

  it('an access that matches only part of an entry fails, whatever the privilege', () => {
    const m = machine();
    // Entry 0: NA4 at BASE+0x104, locked, R/W: an 8-byte access at BASE+0x100 straddles it.
    csrWrite(m, PMPADDR0, (BASE + 0x104n) >> 2n);
    csrWrite(m, PMPCFG0, L | NA4 | R | W);
    expect(translate(m, BASE + 0x104n, Access.Load, 4)).toBe(RAM_BASE + 0x104);
    expect(trapOf(() => translate(m, BASE + 0x100n, Access.Load, 8))?.cause).toBe(5);
    expect(translate(m, BASE + 0x100n, Access.Load, 4)).toBe(RAM_BASE + 0x100); // no match: M succeeds
  });

  it('3.7.1.2: locked entries bind M-mode; unlocked matching entries do not', () => {
    const m = machine();
    csrWrite(m, PMPADDR0, ((BASE + 0x1000n) >> 2n) | 0x1ffn);
    csrWrite(m, PMPCFG0, NAPOT | R);
    expect(translate(m, BASE + 0x1000n, Access.Store)).toBe(RAM_BASE + 0x1000);
    csrWrite(m, PMPCFG0, L | NAPOT | R);
    expect(trapOf(() => store32(m, BASE + 0x1000n, 1))).toEqual({ cause: 7, tval: BASE + 0x1000n });
    expect(trapOf(() => translate(m, BASE + 0x1000n, Access.Fetch))?.cause).toBe(1);
    expect(translate(m, BASE + 0x1000n, Access.Load)).toBe(RAM_BASE + 0x1000);
    expect(translate(m, BASE + 0x2000n, Access.Store)).toBe(RAM_BASE + 0x2000);
  });

  it('PMP writes flush the TLB: a cached S-mode page loses access at once', () => {
    const m = sMode();
    csrWrite(m, PMPADDR0, (1n << 54n) - 1n);
    csrWrite(m, PMPCFG0, NAPOT | R | W | X);
    store32(m, BASE + 0x40n, 7);
    expect(load32(m, BASE + 0x40n)).toBe(7);
    csrWrite(m, PMPCFG0, NAPOT | X);
    expect(trapOf(() => load32(m, BASE + 0x40n))?.cause).toBe(5);
    expect(trapOf(() => store32(m, BASE + 0x40n, 1))?.cause).toBe(7);
  });

  it('a page holding a PMP boundary is marked not cacheable (mmu.noCache); whole pages are', () => {
    const m = sMode();
    csrWrite(m, PMPADDR0, (BASE + 0x1800n) >> 2n);
    csrWrite(m, PMPADDR0 + 1, (1n << 54n) - 1n);
    csrWrite(m, PMPCFG0, (TOR | R | W) | ((NAPOT | R) << 8n));
    translate(m, BASE + 0x1000n, Access.Load);
    expect(noCache(m)).toBe(true);
    translate(m, BASE + 0x1ffcn, Access.Load);
    expect(noCache(m)).toBe(true);
    translate(m, BASE + 0x2000n, Access.Load);
    expect(noCache(m)).toBe(false);
    translate(m, BASE + 0x0n, Access.Load);
    expect(noCache(m)).toBe(false);
  });
});

/** Reference PMP in BigInt straight from 3.7.1.1-3.7.1.3. */
function refAllows(cfg: number[], addr: bigint[], pa: bigint, size: bigint, access: Access, priv: number): boolean {
  for (let i = 0; i < 16; i++) {
    const a = (cfg[i] >> 3) & 3;
    let lo = 0n;
    let hi = 0n;
    if (a === 0) continue;
    if (a === 1) {
      lo = i === 0 ? 0n : addr[i - 1] << 2n;
      hi = addr[i] << 2n;
    } else if (a === 2) {
      lo = addr[i] << 2n;
      hi = lo + 4n;
    } else {
      let k = 0n;
      while ((addr[i] >> k) & 1n) k++;
      lo = (addr[i] & ~((1n << k) - 1n)) << 2n;
      hi = lo + (1n << (k + 3n));
    }
    const any = pa < hi && pa + size > lo;
    if (!any) continue;
    if (pa < lo || pa + size > hi) return false;
    if (priv === Priv.M && (cfg[i] & 0x80) === 0) return true;
    return ((cfg[i] >> [2, 0, 1][access]) & 1) === 1;
  }
  return priv === Priv.M;
}

describe('3.7.1.3 PMP property', () => {
  it('matches a BigInt reference on random entries and accesses', () => {
    const addrArb = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 54n) - 1n }),
      fc.bigInt({ min: 0x20000000n, max: 0x20000400n }), // around RAM_BASE >> 2
      fc.constantFrom(0n, (1n << 54n) - 1n, 0x200003ffn, 0x2000007fn),
    );
    const cfgArb = fc.integer({ min: 0, max: 255 }).map((c) => c & 0x9f & ((c & 3) === 2 ? ~2 : 0xff));
    fc.assert(
      fc.property(
        fc.array(cfgArb, { minLength: 16, maxLength: 16 }),
        fc.array(addrArb, { minLength: 16, maxLength: 16 }),
        fc.bigInt({ min: 0x7fff0000n, max: 0x80010000n }),
        fc.constantFrom(1n, 2n, 4n, 8n),
        fc.constantFrom(Access.Fetch, Access.Load, Access.Store),
        fc.constantFrom(Priv.U, Priv.S, Priv.M),
        (cfg, addr, pa0, size, access, priv) => {
          const pa = pa0 & ~(size - 1n);
          const p = new Pmp();
          for (let i = 0; i < 16; i++) {
            p.cfg[i] = cfg[i];
            p.addrLo[i] = Number(BigInt.asIntN(32, addr[i]));
            p.addrHi[i] = Number(addr[i] >> 32n);
          }
          p.update();
          const got = p.allows(Number(pa), Number(size), access, priv);
          expect(got).toBe(refAllows(cfg, addr, pa, size, access, priv));
          // A page reported uniform gives the same answer for every aligned access in it.
          if (p.pageUniform) {
            const page = pa & ~0xfffn;
            for (const off of [0n, 0x7f8n, 0xff8n]) {
              expect(refAllows(cfg, addr, page + off, 8n, access, priv)).toBe(got);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
