/**
 * The MMU's software TLBs are tagged by translation context (src/rv64/mmu.ts, docs/tlb.md): one
 * set of entries per (effective privilege, V, satp | vsatp + hgatp, SUM/MXR). These tests pin the
 * two halves of that design:
 *
 * - entries survive what the spec says does not invalidate them: a trap and xRET, a satp write to
 *   another ASID, an hgatp write to another VMID, SFENCE.VMA in HS for guest entries. A page-table
 *   change made without a fence is still not seen afterwards (the spec allows using the old
 *   translation until the fence: privileged spec 12.2.1 SFENCE.VMA, 12.1.11 satp), which is how
 *   the tests observe that an entry was kept;
 * - a stale entry is never used after the fence that covers it (SFENCE.VMA and its rs1/rs2 forms;
 *   H extension "Hypervisor Memory-Management Fence Instructions": HFENCE.VVMA for the current
 *   VMID, HFENCE.GVMA for all or one VMID), nor across ASIDs, VMIDs, SUM/MXR/MPRV or PMP changes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { takeTrap } from '../../src/csr/traps.js';
import type { Machine } from '../../src/machine.js';
import { type Hart, Priv } from '../../src/rv64/hart.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { TLB_SLOTS } from '../../src/rv64/mmu.js';
import { TRAP } from '../../src/rv64/trap.js';
import { CSR, hfenceGvma, hfenceVvma, hmachine, MRET, MS, sfenceVma, SRET } from '../hext/helpers.js';
import { A, csrRead, csrWrite, D, load32, R, RAM_BASE, store32, trapOf, U, V, W, w32, w64, X } from './helpers.js';

const row = (name: string) => {
  const r = allRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(name);
  return r;
};

/** Executes a system instruction's semantics (no fetch: the code need not be mapped). */
function execRow(h: Hart, name: string, insn: number, regs: Record<number, bigint> = {}): void {
  for (const [r, v] of Object.entries(regs)) {
    h.x[2 * Number(r)] = Number(BigInt.asIntN(32, v));
    h.x[2 * Number(r) + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  row(name).exec(h, insn);
}

/** Moves the hart to (priv, V) the way a trap or xRET does: the context is re-selected, nothing flushed. */
function goto(m: Machine, priv: Priv, virt: 0 | 1): void {
  m.hart.priv = priv;
  m.hart.virt = virt;
  m.mmu.selectContext();
}

const BASE = BigInt(RAM_BASE);
const P1 = BASE + 0x80000n;
const P2 = BASE + 0x81000n;
const P3 = BASE + 0x82000n;
const WORD = { [`${P1}`]: 0x11111111, [`${P2}`]: 0x22222222, [`${P3}`]: 0x33333333 };
const VA = 0x40000000n;
const LEAF = V | R | W | A | D;
const SV39 = 8n << 60n;

let m: Machine;
let next: bigint;

/** A zeroed, aligned page-table page. */
function page(size = 0x1000n): bigint {
  next = (next + size - 1n) & ~(size - 1n);
  const a = next;
  next += size;
  return a;
}

/**
 * Maps va -> pa (4 KiB) in the three-level table at `root` (x4: the G-stage's 16 KiB root);
 * returns the leaf PTE's address. Intermediate tables are reused through `dirs`.
 */
const dirs = new Map<string, bigint>();
function map(root: bigint, va: bigint, pa: bigint, flags: bigint, x4 = false): bigint {
  let t = root;
  for (let lvl = 2; lvl > 0; lvl--) {
    const bits = lvl === 2 && x4 ? 0x7ffn : 0x1ffn;
    const idx = (va >> (12n + 9n * BigInt(lvl))) & bits;
    const key = `${t}:${idx}`;
    let n = dirs.get(key);
    if (n === undefined) {
      n = page();
      dirs.set(key, n);
      w64(m, t + idx * 8n, ((n >> 12n) << 10n) | V);
    }
    t = n;
  }
  const leaf = t + ((va >> 12n) & 0x1ffn) * 8n;
  w64(m, leaf, ((pa >> 12n) << 10n) | flags);
  return leaf;
}

const remap = (leaf: bigint, pa: bigint, flags: bigint) => w64(m, leaf, ((pa >> 12n) << 10n) | flags);
const satp = (asid: bigint, root: bigint) => SV39 | (asid << 44n) | (root >> 12n);
const hgatp = (vmid: bigint, root: bigint) => SV39 | (vmid << 44n) | (root >> 12n);
const word = (va: bigint) => load32(m, va);

beforeEach(() => {
  m = hmachine();
  next = BASE + 0x40000n;
  dirs.clear();
  for (const [pa, v] of Object.entries(WORD)) w32(m, BigInt(pa), v);
});

describe('TLB tagging: entries that survive', () => {
  it('S-mode entries survive a trap to M and MRET back; SFENCE.VMA then drops them', () => {
    const root = page();
    const leaf = map(root, VA, P1, LEAF);
    csrWrite(m, CSR.satp, satp(1n, root));
    goto(m, Priv.S, 0);
    expect(word(VA)).toBe(WORD[`${P1}`]);
    remap(leaf, P2, LEAF); // no fence yet
    TRAP.set(9, 0, 0); // ecall from S, to M
    takeTrap(m.hart, TRAP);
    expect(m.hart.priv).toBe(Priv.M);
    execRow(m.hart, 'mret', MRET);
    expect(m.hart.priv).toBe(Priv.S);
    expect(word(VA)).toBe(WORD[`${P1}`]); // the entry was kept
    execRow(m.hart, 'sfence_vma', sfenceVma());
    expect(word(VA)).toBe(WORD[`${P2}`]);
  });

  it('a guest entry survives a trap to HS and SRET back', () => {
    const g = page(0x4000n);
    const leaf = map(g, VA, P1, LEAF | U, true);
    csrWrite(m, CSR.hgatp, hgatp(1n, g));
    csrWrite(m, CSR.medeleg, 1n << 10n); // ecall from VS -> HS
    goto(m, Priv.S, 1);
    expect(word(VA)).toBe(WORD[`${P1}`]);
    remap(leaf, P2, LEAF | U);
    TRAP.set(10, 0, 0);
    takeTrap(m.hart, TRAP);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 0]);
    execRow(m.hart, 'sret', SRET);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 1]);
    expect(word(VA)).toBe(WORD[`${P1}`]);
    execRow(m.hart, 'sfence_vma', sfenceVma()); // in VS: HFENCE.VVMA of its VMID
    expect(word(VA)).toBe(WORD[`${P2}`]);
  });
});

describe('TLB tagging: ASIDs', () => {
  it('ASIDs do not leak, are kept across satp writes, and an ASID fence drops only its own', () => {
    const r1 = page();
    const r2 = page();
    const l1 = map(r1, VA, P1, LEAF);
    const l2 = map(r2, VA, P2, LEAF);
    goto(m, Priv.S, 0);
    csrWrite(m, CSR.satp, satp(1n, r1));
    expect(word(VA)).toBe(WORD[`${P1}`]);
    csrWrite(m, CSR.satp, satp(2n, r2));
    expect(word(VA)).toBe(WORD[`${P2}`]);
    remap(l1, P3, LEAF);
    remap(l2, P3, LEAF);
    csrWrite(m, CSR.satp, satp(1n, r1));
    expect(word(VA)).toBe(WORD[`${P1}`]); // kept across the satp writes
    // SFENCE.VMA x0, rs2=ASID 2 from ASID 1's context: ASID 1 keeps its entry, ASID 2 loses it.
    execRow(m.hart, 'sfence_vma', sfenceVma(0, 6), { 6: 2n });
    expect(word(VA)).toBe(WORD[`${P1}`]);
    csrWrite(m, CSR.satp, satp(2n, r2));
    expect(word(VA)).toBe(WORD[`${P3}`]);
    // The address + ASID form, from ASID 2 naming ASID 1.
    execRow(m.hart, 'sfence_vma', sfenceVma(5, 6), { 5: VA, 6: 1n });
    csrWrite(m, CSR.satp, satp(1n, r1));
    expect(word(VA)).toBe(WORD[`${P3}`]);
  });

  it('more contexts than slots: evicted contexts are re-walked, never confused', () => {
    const n = TLB_SLOTS + 3;
    const roots: bigint[] = [];
    const pas: bigint[] = [];
    for (let i = 0; i < n; i++) {
      const pa = BASE + 0x90000n + BigInt(i) * 0x1000n;
      w32(m, pa, 0x5000 + i);
      roots.push(page());
      pas.push(pa);
      map(roots[i], VA, pa, LEAF);
    }
    goto(m, Priv.S, 0);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < n; i++) {
        csrWrite(m, CSR.satp, satp(BigInt(i + 1), roots[i]));
        expect(word(VA)).toBe(0x5000 + i);
        store32(m, VA + 4n, i);
      }
    }
    for (let i = 0; i < n; i++) expect(m.mmu.readPhys(Number(pas[i]) + 4, 1)[0]).toBe(i);
  });
});

describe('TLB tagging: VMIDs', () => {
  function twoGuests() {
    const g1 = page(0x4000n);
    const g2 = page(0x4000n);
    const l1 = map(g1, VA, P1, LEAF | U, true);
    const l2 = map(g2, VA, P2, LEAF | U, true);
    return { g1, g2, l1, l2 };
  }

  it('VMIDs do not leak; HFENCE.VVMA drops only the current VMID, HFENCE.GVMA rs2 only its VMID', () => {
    const { g1, g2, l1, l2 } = twoGuests();
    const guest = (vmid: bigint, root: bigint) => {
      goto(m, Priv.S, 0);
      csrWrite(m, CSR.hgatp, hgatp(vmid, root));
      goto(m, Priv.S, 1);
      return word(VA);
    };
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    expect(guest(2n, g2)).toBe(WORD[`${P2}`]);
    remap(l1, P3, LEAF | U);
    remap(l2, P3, LEAF | U);
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    expect(guest(2n, g2)).toBe(WORD[`${P2}`]);
    // From HS with VMID 2 current: HFENCE.VVMA drops VMID 2's entries only.
    goto(m, Priv.S, 0);
    execRow(m.hart, 'hfence_vvma', hfenceVvma());
    expect(guest(2n, g2)).toBe(WORD[`${P3}`]);
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    // HFENCE.GVMA x0, rs2 = VMID 2 leaves VMID 1 alone; rs2 = VMID 1 drops it.
    remap(l2, P1, LEAF | U);
    goto(m, Priv.S, 0);
    execRow(m.hart, 'hfence_gvma', hfenceGvma(0, 7), { 7: 2n });
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    expect(guest(2n, g2)).toBe(WORD[`${P1}`]);
    goto(m, Priv.S, 0);
    execRow(m.hart, 'hfence_gvma', hfenceGvma(0, 7), { 7: 1n });
    expect(guest(1n, g1)).toBe(WORD[`${P3}`]);
  });

  it('SFENCE.VMA in HS leaves guest entries; in VS it drops its own VMID only; HFENCE.GVMA x0 drops all guests', () => {
    const { g1, g2, l1, l2 } = twoGuests();
    const hroot = page();
    const hl = map(hroot, VA, P1, LEAF);
    csrWrite(m, CSR.satp, satp(3n, hroot));
    const guest = (vmid: bigint, root: bigint) => {
      goto(m, Priv.S, 0);
      csrWrite(m, CSR.hgatp, hgatp(vmid, root));
      goto(m, Priv.S, 1);
      return word(VA);
    };
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    expect(guest(2n, g2)).toBe(WORD[`${P2}`]);
    goto(m, Priv.S, 0);
    expect(word(VA)).toBe(WORD[`${P1}`]);
    remap(l1, P3, LEAF | U);
    remap(l2, P3, LEAF | U);
    remap(hl, P2, LEAF);
    execRow(m.hart, 'sfence_vma', sfenceVma());
    expect(word(VA)).toBe(WORD[`${P2}`]); // HS entry dropped
    expect(guest(2n, g2)).toBe(WORD[`${P2}`]); // guest entries kept
    execRow(m.hart, 'sfence_vma', sfenceVma()); // in VS, VMID 2
    expect(word(VA)).toBe(WORD[`${P3}`]);
    expect(guest(1n, g1)).toBe(WORD[`${P1}`]);
    remap(hl, P3, LEAF);
    goto(m, Priv.S, 0);
    execRow(m.hart, 'hfence_gvma', hfenceGvma());
    expect(word(VA)).toBe(WORD[`${P2}`]); // HS entries are not guest entries
    expect(guest(1n, g1)).toBe(WORD[`${P3}`]);
  });

  it('HFENCE.VVMA with rs2 drops only that vsatp ASID of the current VMID', () => {
    // G-stage Bare (GPA = HPA) with VMID 0; the VS-stage tables live in RAM.
    const v1 = page();
    const v2 = page();
    const l1 = map(v1, VA, P1, LEAF);
    const l2 = map(v2, VA, P2, LEAF);
    const vs = (asid: bigint, root: bigint) => {
      csrWrite(m, CSR.vsatp, satp(asid, root));
      return word(VA);
    };
    goto(m, Priv.S, 1);
    expect(vs(1n, v1)).toBe(WORD[`${P1}`]);
    expect(vs(2n, v2)).toBe(WORD[`${P2}`]);
    remap(l1, P3, LEAF);
    remap(l2, P3, LEAF);
    goto(m, Priv.S, 0);
    execRow(m.hart, 'hfence_vvma', hfenceVvma(0, 6), { 6: 1n });
    goto(m, Priv.S, 1);
    expect(vs(2n, v2)).toBe(WORD[`${P2}`]);
    expect(vs(1n, v1)).toBe(WORD[`${P3}`]);
  });
});

describe('TLB tagging: permission and mode changes', () => {
  it('clearing SUM or MXR never reuses an entry cached with it set', () => {
    const root = page();
    const VU = VA + 0x1000n;
    const VX = VA + 0x2000n;
    map(root, VU, P1, LEAF | U);
    map(root, VX, P2, V | X | A);
    csrWrite(m, CSR.satp, satp(1n, root));
    goto(m, Priv.S, 0);
    csrWrite(m, CSR.sstatus, MS.SUM | MS.MXR);
    expect(word(VU)).toBe(WORD[`${P1}`]);
    expect(word(VX)).toBe(WORD[`${P2}`]);
    csrWrite(m, CSR.sstatus, MS.MXR);
    expect(trapOf(() => word(VU))?.cause).toBe(13);
    expect(word(VX)).toBe(WORD[`${P2}`]);
    csrWrite(m, CSR.sstatus, 0n);
    expect(trapOf(() => word(VX))?.cause).toBe(13);
    csrWrite(m, CSR.sstatus, MS.SUM);
    expect(word(VU)).toBe(WORD[`${P1}`]);
    // The guest's vsstatus.SUM, likewise (G-stage Bare: the VS tables are at their GPAs).
    goto(m, Priv.S, 1);
    csrWrite(m, CSR.vsatp, satp(4n, root));
    csrWrite(m, CSR.vsstatus, MS.SUM);
    expect(word(VU)).toBe(WORD[`${P1}`]);
    csrWrite(m, CSR.vsstatus, 0n);
    expect(trapOf(() => word(VU))?.cause).toBe(13);
    csrWrite(m, CSR.vsstatus, MS.SUM);
    expect(word(VU)).toBe(WORD[`${P1}`]);
  });

  it('MPRV: M-mode data accesses use the MPP context while set and physical addresses after', () => {
    const root = page();
    const va = P3; // a virtual address that is also a RAM address
    map(root, va, P1, LEAF);
    csrWrite(m, CSR.satp, satp(1n, root));
    goto(m, Priv.M, 0);
    expect(word(va)).toBe(WORD[`${P3}`]);
    csrWrite(m, CSR.mstatus, MS.MPRV | (1n << 11n)); // MPP = S
    expect(word(va)).toBe(WORD[`${P1}`]);
    csrWrite(m, CSR.mstatus, 1n << 11n);
    expect(word(va)).toBe(WORD[`${P3}`]);
    csrWrite(m, CSR.mstatus, MS.MPRV | (1n << 11n));
    expect(word(va)).toBe(WORD[`${P1}`]);
    // MPRV with MPV: the guest's context.
    const g = page(0x4000n);
    map(g, va, P2, LEAF | U, true);
    csrWrite(m, CSR.hgatp, hgatp(5n, g));
    csrWrite(m, CSR.mstatus, MS.MPRV | (1n << 11n) | MS.MPV);
    expect(word(va)).toBe(WORD[`${P2}`]);
    expect(csrRead(m, CSR.mstatus) & MS.MPV).toBe(MS.MPV);
  });

  it('a PMP change drops the entries of every context', () => {
    const root = page();
    map(root, VA, P1, LEAF);
    csrWrite(m, CSR.satp, satp(1n, root));
    goto(m, Priv.S, 0);
    expect(word(VA)).toBe(WORD[`${P1}`]);
    goto(m, Priv.M, 0);
    // pmpaddr0 now covers only the first 64 KiB of RAM (NAPOT), so P1 matches no entry.
    csrWrite(m, 0x3b0, (BASE >> 2n) | 0x1fffn);
    goto(m, Priv.S, 0);
    expect(trapOf(() => word(VA))?.cause).toBe(5);
  });

  it('a page that becomes code loses its write-TLB entries in every context', () => {
    const root = page();
    map(root, VA, P1, LEAF);
    csrWrite(m, CSR.satp, satp(1n, root));
    goto(m, Priv.S, 0);
    store32(m, VA, 0x13); // fills this context's write TLB
    goto(m, Priv.M, 0);
    expect(m.mmu.codePage(Number(P1) | 0, 0)).not.toBeNull();
    goto(m, Priv.S, 0);
    const inv = vi.spyOn(m.mmu.decodeCache, 'invalidate');
    store32(m, VA, 0x00100093); // must take the slow path and invalidate the decoded page
    expect(inv).toHaveBeenCalled();
  });
});
