/**
 * Sv39/Sv48 translation through the MMU (privileged spec v20240411, 12.1.11 satp, 12.3.1 PTE
 * format, 12.3.2 translation process, 12.4 Sv39, 12.5 Sv48, 3.1.6.3 MPRV/MXR/SUM).
 * Svade: A/D are not updated by hardware. No Svpbmt/Svnapot: PTE bits 63:54 are reserved.
 */
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import {
  A, Access, D, MPRV, MSTATUS, MXR, R, RAM_BASE, SATP, SUM, U, V, W, X,
  csrRead, csrWrite, fetch16, load32, machine, openPmp, pte, ppnOf, satp, store32, translate, trapOf, w32, w64,
} from './helpers.js';

const BASE = BigInt(RAM_BASE);
const ROOT = BASE + 0x1000n;
const L1 = BASE + 0x2000n;
const L0 = BASE + 0x3000n;
const L2 = BASE + 0x4000n; // Sv48's second level
const DATA = BASE + 0x10000n;
/** Sv39 VA with VPN[2] = 1, VPN[1] = 1, VPN[0] = 3. */
const VA = (1n << 30n) | (1n << 21n) | (3n << 12n);
const RWXAD = R | W | X | A | D;
const SV39 = 8n;
const SV48 = 9n;

/** An Sv39 machine in S-mode mapping VA (4 KiB) to DATA with `leaf` flags; PMP open. */
function sv39(leaf: bigint, priv = Priv.S): Machine {
  const m = machineWithPmp();
  w64(m, ROOT + 1n * 8n, pte(ppnOf(L1), V));
  w64(m, L1 + 1n * 8n, pte(ppnOf(L0), V));
  w64(m, L0 + 3n * 8n, pte(ppnOf(DATA), leaf));
  w32(m, DATA + 0x10n, 0x12345678);
  csrWrite(m, SATP, satp(SV39, ROOT));
  m.hart.priv = priv;
  return m;
}

function machineWithPmp(): Machine {
  const m = machine();
  openPmp(m);
  return m;
}

const mask64 = (v: bigint): bigint => BigInt.asUintN(64, v);

describe('12.4 Sv39 translation', () => {
  it('12.3.2: a 4 KiB leaf maps loads, stores and fetches', () => {
    const m = sv39(RWXAD | V);
    expect(load32(m, VA + 0x10n)).toBe(0x12345678);
    store32(m, VA + 0x20n, 0xcafe);
    expect(m.mmu.readPhys(Number(DATA + 0x20n), 2)).toEqual(Uint8Array.of(0xfe, 0xca));
    expect(fetch16(m, VA + 0x10n)).toBe(0x5678);
    expect(translate(m, VA + 0xabcn, Access.Load)).toBe(Number(DATA + 0xabcn));
  });

  it('12.4: 2 MiB (level 1) and 1 GiB (level 2) superpages take the low VPNs from the address', () => {
    const m = sv39(RWXAD | V);
    // VPN[2] = 2 -> 1 GiB leaf at RAM_BASE; VPN[2] = 3 -> L1; L1[5] -> 2 MiB leaf at RAM_BASE.
    w64(m, ROOT + 2n * 8n, pte(ppnOf(BASE), RWXAD | V));
    w64(m, ROOT + 3n * 8n, pte(ppnOf(L1), V));
    w64(m, L1 + 5n * 8n, pte(ppnOf(BASE), RWXAD | V));
    expect(translate(m, (2n << 30n) | 0x12345n, Access.Load)).toBe(Number(BASE + 0x12345n));
    expect(translate(m, (3n << 30n) | (5n << 21n) | 0x54321n, Access.Store)).toBe(Number(BASE + 0x54321n));
  });

  it('12.4: the upper half of the address space (VPN[2] = 511, sign-extended) is mapped', () => {
    const m = sv39(RWXAD | V);
    w64(m, ROOT + 511n * 8n, pte(ppnOf(BASE), RWXAD | V));
    const va = 0xffffffffc0000000n + 0x10010n;
    expect(translate(m, va, Access.Load)).toBe(Number(BASE + 0x10010n));
    expect(load32(m, va)).toBe(0x12345678);
  });

  it('12.4: addresses whose bits 63:39 are not copies of bit 38 page-fault (tval = address)', () => {
    const m = sv39(RWXAD | V);
    for (const va of [VA | (1n << 39n), VA | (1n << 63n), 0xffffff8000000000n - 0x1000n]) {
      expect(trapOf(() => load32(m, va))).toEqual({ cause: 13, tval: va });
      expect(trapOf(() => store32(m, va, 1))).toEqual({ cause: 15, tval: va });
      expect(trapOf(() => fetch16(m, va))).toEqual({ cause: 12, tval: va });
    }
  });

  it('12.3.2 step 3: V = 0 page-faults by access type', () => {
    const m = sv39(RWXAD); // leaf without V
    expect(trapOf(() => load32(m, VA))).toEqual({ cause: 13, tval: VA });
    expect(trapOf(() => store32(m, VA + 8n, 1))).toEqual({ cause: 15, tval: VA + 8n });
    expect(trapOf(() => fetch16(m, VA + 2n))).toEqual({ cause: 12, tval: VA + 2n });
  });

  it('12.3.1: W = 1 with R = 0 is reserved and page-faults, even for fetches of an X page', () => {
    const m = sv39(W | X | A | D | V);
    expect(trapOf(() => fetch16(m, VA))?.cause).toBe(12);
    expect(trapOf(() => store32(m, VA, 0))?.cause).toBe(15);
  });

  it('12.3.1: reserved PTE bits 63:54 (N without Svnapot, PBMT without Svpbmt, bits 60:54) page-fault', () => {
    for (const bit of [54n, 57n, 60n, 61n, 62n, 63n]) {
      const m = sv39(RWXAD | V | (1n << bit));
      expect(trapOf(() => load32(m, VA)), `bit ${bit}`).toEqual({ cause: 13, tval: VA });
    }
    // In a non-leaf PTE too.
    const m = sv39(RWXAD | V);
    w64(m, L1 + 8n, pte(ppnOf(L0), V | (1n << 62n)));
    expect(trapOf(() => load32(m, VA))?.cause).toBe(13);
  });

  it('12.3.1: D, A and U are reserved in non-leaf PTEs and page-fault when set', () => {
    for (const f of [A, D, U]) {
      const m = sv39(RWXAD | V);
      w64(m, L1 + 8n, pte(ppnOf(L0), V | f));
      expect(trapOf(() => load32(m, VA))).toEqual({ cause: 13, tval: VA });
    }
  });

  it('12.3.2 step 4: a pointer PTE at level 0 page-faults', () => {
    const m = sv39(V); // leaf slot holds a pointer
    expect(trapOf(() => load32(m, VA))?.cause).toBe(13);
  });

  it('12.3.2 step 6: a misaligned superpage page-faults', () => {
    const m = sv39(RWXAD | V);
    w64(m, ROOT + 2n * 8n, pte(ppnOf(BASE) + 1n, RWXAD | V)); // 1 GiB leaf, PPN[0] != 0
    w64(m, ROOT + 3n * 8n, pte(ppnOf(L1), V));
    w64(m, L1 + 5n * 8n, pte(ppnOf(BASE) + 0x200n, RWXAD | V)); // 2 MiB leaf aligned: fine
    w64(m, L1 + 6n * 8n, pte(ppnOf(BASE) + 0x10n, RWXAD | V)); // 2 MiB leaf, PPN[0] != 0
    expect(trapOf(() => translate(m, 2n << 30n, Access.Load))?.cause).toBe(13);
    expect(translate(m, (3n << 30n) | (5n << 21n), Access.Load)).toBe(Number(BASE + 0x200000n));
    expect(trapOf(() => translate(m, (3n << 30n) | (6n << 21n), Access.Store))?.cause).toBe(15);
    // 1 GiB leaf with PPN[1] != 0 is misaligned too.
    w64(m, ROOT + 2n * 8n, pte(ppnOf(BASE) + 0x200n, RWXAD | V));
    expect(trapOf(() => translate(m, 2n << 30n, Access.Fetch))?.cause).toBe(12);
  });

  it('12.3.2 step 5: R, W and X gate loads, stores and fetches', () => {
    const ro = sv39(R | A | D | V);
    expect(load32(ro, VA + 0x10n)).toBe(0x12345678);
    expect(trapOf(() => store32(ro, VA, 0))).toEqual({ cause: 15, tval: VA });
    expect(trapOf(() => fetch16(ro, VA))).toEqual({ cause: 12, tval: VA });
    const rw = sv39(R | W | A | D | V);
    expect(trapOf(() => fetch16(rw, VA))?.cause).toBe(12);
    store32(rw, VA, 5);
  });

  it('3.1.6.3 MXR: loads from execute-only pages fault unless MXR = 1', () => {
    const m = sv39(X | A | D | V);
    expect(trapOf(() => load32(m, VA))?.cause).toBe(13);
    expect(fetch16(m, VA + 0x10n)).toBe(0x5678);
    csrWrite(m, MSTATUS, csrRead(m, MSTATUS) | MXR);
    expect(load32(m, VA + 0x10n)).toBe(0x12345678);
    expect(trapOf(() => store32(m, VA, 0))?.cause).toBe(15);
  });

  it('12.3.1 U bit: U-mode needs U = 1; U-mode cannot touch supervisor pages', () => {
    const sup = sv39(RWXAD | V, Priv.U);
    expect(trapOf(() => load32(sup, VA))).toEqual({ cause: 13, tval: VA });
    expect(trapOf(() => store32(sup, VA, 0))?.cause).toBe(15);
    expect(trapOf(() => fetch16(sup, VA))?.cause).toBe(12);
    const user = sv39(RWXAD | U | V, Priv.U);
    expect(load32(user, VA + 0x10n)).toBe(0x12345678);
    expect(fetch16(user, VA + 0x10n)).toBe(0x5678);
  });

  it('3.1.6.3 SUM: S-mode loads/stores to U pages need SUM = 1; S-mode never executes U pages', () => {
    const m = sv39(RWXAD | U | V);
    expect(trapOf(() => load32(m, VA))?.cause).toBe(13);
    expect(trapOf(() => store32(m, VA, 0))?.cause).toBe(15);
    csrWrite(m, MSTATUS, csrRead(m, MSTATUS) | SUM);
    expect(load32(m, VA + 0x10n)).toBe(0x12345678);
    store32(m, VA, 0);
    expect(trapOf(() => fetch16(m, VA))).toEqual({ cause: 12, tval: VA });
  });

  it('12.3.2 step 7 (Svade): A = 0 faults every access; D = 0 faults stores only', () => {
    const noA = sv39(R | W | X | D | V);
    expect(trapOf(() => load32(noA, VA))?.cause).toBe(13);
    expect(trapOf(() => fetch16(noA, VA))?.cause).toBe(12);
    expect(trapOf(() => store32(noA, VA, 0))?.cause).toBe(15);
    const noD = sv39(R | W | X | A | V);
    expect(load32(noD, VA + 0x10n)).toBe(0x12345678);
    expect(trapOf(() => store32(noD, VA, 0))).toEqual({ cause: 15, tval: VA });
    // No hardware update of the PTE.
    expect(noD.mmu.readPhys(Number(L0 + 24n), 1)[0]).toBe(Number(R | W | X | A | V));
  });

  it('12.3.2 step 2: a PTE outside RAM raises the access fault of the original access type', () => {
    const m = sv39(RWXAD | V);
    w64(m, L1 + 8n, pte(0x10n, V)); // next level at physical 0x10000: no RAM there
    expect(trapOf(() => load32(m, VA))).toEqual({ cause: 5, tval: VA });
    expect(trapOf(() => store32(m, VA, 0))).toEqual({ cause: 7, tval: VA });
    expect(trapOf(() => fetch16(m, VA))).toEqual({ cause: 1, tval: VA });
  });

  it('12.3.2 step 2 / 3.7: a PTE read denied by PMP is an access fault (PTE reads are S-mode accesses)', () => {
    const m = sv39(RWXAD | V);
    // Entry 0: TOR [0, L0) RWX; entry 1: TOR [L0, L0+4K) no permissions; entry 2: the rest.
    csrWrite(m, 0x3b0, L0 >> 2n);
    csrWrite(m, 0x3b1, (L0 + 0x1000n) >> 2n);
    csrWrite(m, 0x3b2, (1n << 54n) - 1n);
    csrWrite(m, 0x3a0, 0x0fn | (0x08n << 8n) | (0x0fn << 16n));
    expect(trapOf(() => load32(m, VA))).toEqual({ cause: 5, tval: VA });
    expect(trapOf(() => fetch16(m, VA))).toEqual({ cause: 1, tval: VA });
    // M-mode with MPRV = 1 and MPP = S walks the same table, so it faults the same way.
    m.hart.priv = Priv.M;
    csrWrite(m, MSTATUS, MPRV | (1n << 11n));
    expect(trapOf(() => load32(m, VA))).toEqual({ cause: 5, tval: VA });
  });

  it('a leaf whose physical address is at or above 2^53 names no device: access fault', () => {
    const m = sv39(RWXAD | V);
    w64(m, L0 + 3n * 8n, pte(1n << 43n, RWXAD | V)); // PA = 2^55
    expect(trapOf(() => load32(m, VA))).toEqual({ cause: 5, tval: VA });
    expect(trapOf(() => store32(m, VA, 0))).toEqual({ cause: 7, tval: VA });
  });
});

describe('12.5 Sv48 translation', () => {
  function sv48(): Machine {
    const m = machineWithPmp();
    // VA: VPN[3] = 1, VPN[2] = 2, VPN[1] = 1, VPN[0] = 3.
    w64(m, ROOT + 1n * 8n, pte(ppnOf(L2), V));
    w64(m, L2 + 2n * 8n, pte(ppnOf(L1), V));
    w64(m, L1 + 1n * 8n, pte(ppnOf(L0), V));
    w64(m, L0 + 3n * 8n, pte(ppnOf(DATA), RWXAD | V));
    w64(m, L2 + 3n * 8n, pte(ppnOf(BASE), RWXAD | V)); // 1 GiB leaf
    w64(m, ROOT + 2n * 8n, pte(0n, RWXAD | V)); // 512 GiB leaf at physical 0
    w64(m, ROOT + 3n * 8n, pte(ppnOf(BASE), RWXAD | V)); // 512 GiB leaf, misaligned
    csrWrite(m, SATP, satp(SV48, ROOT));
    m.hart.priv = Priv.S;
    return m;
  }
  const va48 = (1n << 39n) | (2n << 30n) | (1n << 21n) | (3n << 12n);

  it('12.5: four-level walk, 1 GiB and 512 GiB superpages (aligned)', () => {
    const m = sv48();
    expect(translate(m, va48 + 0x10n, Access.Load)).toBe(Number(DATA + 0x10n));
    expect(translate(m, (1n << 39n) | (3n << 30n) | 0x777n, Access.Fetch)).toBe(Number(BASE + 0x777n));
    expect(translate(m, (2n << 39n) | 0x1008n, Access.Store)).toBe(0x1008);
    expect(trapOf(() => translate(m, 3n << 39n, Access.Load))?.cause).toBe(13);
  });

  it('12.5: bits 63:48 must copy bit 47', () => {
    const m = sv48();
    const bad = va48 | (1n << 48n);
    expect(trapOf(() => translate(m, bad, Access.Load))).toEqual({ cause: 13, tval: bad });
    const high = mask64(-(1n << 47n)); // canonical, VPN[3] = 256: unmapped -> page fault after a walk
    expect(trapOf(() => translate(m, high, Access.Store))).toEqual({ cause: 15, tval: high });
    // An Sv39-canonical-only address is fine under Sv48 when mapped (bit 39 set, bit 47 clear).
    expect(translate(m, va48, Access.Load)).toBe(Number(DATA));
  });
});

describe('3.1.6.3 effective privilege and satp', () => {
  it('M-mode is never translated; MPRV = 1 translates loads/stores with MPP, not fetches', () => {
    const m = sv39(RWXAD | V, Priv.M);
    expect(translate(m, DATA, Access.Load)).toBe(Number(DATA));
    csrWrite(m, MSTATUS, MPRV | (1n << 11n)); // MPP = S
    expect(load32(m, VA + 0x10n)).toBe(0x12345678);
    expect(trapOf(() => store32(m, DATA, 0))?.cause).toBe(15); // DATA is not a mapped VA
    expect(translate(m, DATA, Access.Fetch)).toBe(Number(DATA));
    csrWrite(m, MSTATUS, MPRV | (3n << 11n)); // MPP = M: untranslated again
    expect(load32(m, DATA + 0x10n)).toBe(0x12345678);
  });

  it('12.1.11: satp keeps its value on writes of unsupported modes (Sv57), and a satp write flushes the TLB', () => {
    const m = sv39(RWXAD | V);
    expect(load32(m, VA + 0x10n)).toBe(0x12345678); // now in the TLB
    const before = csrRead(m, SATP);
    csrWrite(m, SATP, satp(10n, ROOT));
    expect(csrRead(m, SATP)).toBe(before);
    csrWrite(m, SATP, 0n); // Bare: VA is now a physical address with no RAM
    expect(trapOf(() => load32(m, VA + 0x10n))).toEqual({ cause: 5, tval: VA + 0x10n });
  });

  it('12.1.11: Bare mode in S-mode is untranslated but still subject to PMP', () => {
    const m = sv39(RWXAD | V);
    csrWrite(m, SATP, 0n);
    expect(load32(m, DATA + 0x10n)).toBe(0x12345678);
    csrWrite(m, 0x3a0, 0n); // PMP off: no entry matches an S-mode access
    expect(trapOf(() => load32(m, DATA + 0x10n))).toEqual({ cause: 5, tval: DATA + 0x10n });
  });
});
