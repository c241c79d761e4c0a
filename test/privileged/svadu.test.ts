/**
 * Svadu (privileged spec v20240411, chapter "Svadu" and 3.1.18 menvcfg.ADUE; 12.3.2 step 7): with
 * menvcfg.ADUE = 1 the walker sets the leaf PTE's A bit, and D on a store, instead of raising a
 * page fault; the update is a store and needs PMP write permission. With ADUE = 0 (the default,
 * Svade) those accesses page-fault. menvcfg.ADUE is writable only when Svadu is implemented.
 */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import {
  A, Access, D, MEM, PMPADDR0, PMPCFG0, R, RAM_BASE, SATP, V, W, X,
  csrRead, csrWrite, fetch16, load32, openPmp, pte, ppnOf, satp, store32, translate, trapOf, w32, w64,
} from './helpers.js';

const MENVCFG = 0x30a;
const ADUE = 1n << 61n;
const BASE = BigInt(RAM_BASE);
const ROOT = BASE + 0x1000n;
const L1 = BASE + 0x2000n;
const L0 = BASE + 0x3000n;
const DATA = BASE + 0x10000n;
const VA = (1n << 30n) | (1n << 21n) | (3n << 12n);
const LEAF = L0 + 3n * 8n;

function sv39(isa: string, leaf: bigint, adue: boolean): Machine {
  const m = new Machine({ memSize: MEM, isa });
  openPmp(m);
  w64(m, ROOT + 1n * 8n, pte(ppnOf(L1), V));
  w64(m, L1 + 1n * 8n, pte(ppnOf(L0), V));
  w64(m, LEAF, pte(ppnOf(DATA), leaf));
  w32(m, DATA + 0x10n, 0x12345678);
  csrWrite(m, SATP, satp(8n, ROOT));
  if (adue) csrWrite(m, MENVCFG, ADUE);
  m.hart.priv = Priv.S;
  return m;
}

const SVADU = 'rv64imac_zicsr_zifencei_svadu';
const r64 = (m: Machine, pa: bigint): bigint => new DataView(m.mmu.readPhys(Number(pa), 8).buffer).getBigUint64(0, true);

describe('Svadu: hardware A/D updates (menvcfg.ADUE)', () => {
  it('menvcfg.ADUE (bit 61) is writable with svadu in the ISA string, read-only zero without', () => {
    const with_ = new Machine({ memSize: MEM, isa: SVADU });
    csrWrite(with_, MENVCFG, ADUE);
    expect(csrRead(with_, MENVCFG) & ADUE).toBe(ADUE);
    csrWrite(with_, MENVCFG, 0n);
    expect(csrRead(with_, MENVCFG) & ADUE).toBe(0n);
    const without = new Machine({ memSize: MEM, isa: 'rv64imac_zicsr_zifencei' });
    csrWrite(without, MENVCFG, ADUE);
    expect(csrRead(without, MENVCFG) & ADUE).toBe(0n);
  });

  it('a load sets A (not D) in the leaf PTE and does not fault', () => {
    const m = sv39(SVADU, R | W | V, true);
    expect(load32(m, VA + 0x10n)).toBe(0x12345678);
    expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), R | W | V | A));
  });

  it('a store sets A and D and does not fault; the stored value lands', () => {
    const m = sv39(SVADU, R | W | V, true);
    store32(m, VA + 0x20n, 0xcafe);
    expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), R | W | V | A | D));
    expect(m.mmu.readPhys(Number(DATA + 0x20n), 2)).toEqual(Uint8Array.of(0xfe, 0xca));
  });

  it('a store after a load (A already set, read TLB filled) still walks and sets D', () => {
    const m = sv39(SVADU, R | W | V, true);
    load32(m, VA + 0x10n);
    expect(r64(m, LEAF) & D).toBe(0n);
    store32(m, VA + 0x10n, 1);
    expect(r64(m, LEAF) & D).toBe(D);
  });

  it('a fetch sets A', () => {
    const m = sv39(SVADU, X | V, true);
    expect(fetch16(m, VA + 0x10n)).toBe(0x5678);
    expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), X | V | A));
  });

  it('permission checks come first: a store to a read-only page faults and leaves the PTE alone', () => {
    const m = sv39(SVADU, R | V, true);
    expect(trapOf(() => store32(m, VA, 1))).toEqual({ cause: 15, tval: VA });
    expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), R | V));
  });

  it('with ADUE = 0 (Svade) A = 0 or D = 0 on a store still page-faults, with or without svadu', () => {
    for (const isa of [SVADU, 'rv64imac_zicsr_zifencei']) {
      const m = sv39(isa, R | W | V, false);
      expect(trapOf(() => load32(m, VA))).toEqual({ cause: 13, tval: VA });
      w64(m, LEAF, pte(ppnOf(DATA), R | W | V | A));
      expect(trapOf(() => store32(m, VA, 1))).toEqual({ cause: 15, tval: VA });
      expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), R | W | V | A));
    }
  });

  it('the PTE update needs PMP write permission: else an access fault of the original type', () => {
    const m = sv39(SVADU, R | W | V, true);
    // PMP entry 0 (TOR below the page-table pages): RWX; entry 1 (NAPOT over all): read-only.
    csrWrite(m, PMPADDR0, ROOT >> 2n);
    csrWrite(m, PMPADDR0 + 1, (1n << 54n) - 1n);
    csrWrite(m, PMPCFG0, 0x0fn | (0x19n << 8n)); // entry 0: TOR|X|W|R; entry 1: NAPOT|R
    expect(trapOf(() => translate(m, VA, Access.Load))).toEqual({ cause: 5, tval: VA });
    expect(r64(m, LEAF)).toBe(pte(ppnOf(DATA), R | W | V));
  });
});
