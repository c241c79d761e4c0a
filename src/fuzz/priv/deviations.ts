/**
 * Known places where qemu-system-riscv64 7.2 (Debian's) departs from the privileged spec / H
 * extension v1.0, found by this fuzzer. Each entry explains single differences (field by field), and
 * only those that match its pattern exactly; a case all of whose differences are explained is
 * counted as excluded under the entries' ids, any other difference is a mismatch. An entry may also
 * explain a control-flow divergence (`diverges`: one side traps where the other does not): when it
 * matches the first trap-log entry with an unexplained difference, the rest of that case's
 * differences are its consequences and the case is counted under it. Each entry names
 * the spec section that decides, and rvsim follows the spec there (the regression tests in
 * test/fuzz/priv-regressions.test.ts pin rvsim's side).
 *
 * Spec choices the generator steers around instead (not deviations): marchid/mimpid/mvendorid
 * values (implementation-defined, priv. spec 3.1.2-3.1.4) are only read into x0; counters are only
 * read into x0 (their values are timing).
 */
import { OPERAND_REGS, type PrivCase } from './case.js';
import type { PrivDiff } from './compare.js';
import { DUMP_CSRS } from './csrs.js';
import { CSR_Q, hlsvWord, LOG_FIELDS, LOG_Q, X_Q } from './program.js';

/** priv. 3.1.9: the order in which simultaneous interrupts into M-mode are taken. */
const INTERRUPT_ORDER = [11, 3, 7, 9, 1, 5, 12, 10, 2, 6, 13];

export interface DiffContext {
  c: PrivCase;
  d: PrivDiff;
  /** The whole records (RECORD_Q doublewords each). */
  q: readonly bigint[];
  r: readonly bigint[];
}

export interface PrivDeviation {
  id: string;
  spec: string;
  why: string;
  /** The differing bits (of qemu ^ rvsim) this deviation accounts for in the diff; 0n if none. */
  covers(x: DiffContext): bigint;
  /**
   * For deviations that change control flow (one side traps where the other does not): whether it
   * explains trap-log entry `k`, the first one with an unexplained difference. Then every later
   * difference of the case (the rest of the log, the registers, the CSR dump) is its consequence.
   */
  diverges?(x: DivergeContext): boolean;
}

export interface DivergeContext {
  c: PrivCase;
  q: readonly bigint[];
  r: readonly bigint[];
  k: number;
}

/** Field `f` of trap-log entry `k` of a record. */
const entry = (rec: readonly bigint[], k: number, f: (typeof LOG_FIELDS)[number]): bigint => rec[LOG_Q + 1 + k * LOG_FIELDS.length + LOG_FIELDS.indexOf(f)];

const B = (n: number): bigint => 1n << BigInt(n);
const ALL = (1n << 64n) - 1n;
/** The case writes or reads `csr` (by number) in some step. */
const touches = (c: PrivCase, csr: number): boolean => c.steps.some((s) => (s.k === 'csr' || s.k === 'probe') && s.csr === csr);
/**
 * The diff is about one of these CSRs: its dump slot, or (a value read into a register and maybe
 * written elsewhere) an x register or another dump slot, when the case touches one of them.
 */
const about = (x: DiffContext, csrs: [string, number][]): boolean =>
  csrs.some(([n]) => x.d.what === `csr:${n}`) || (/^(x\d+|csr:.*)$/.test(x.d.what) && csrs.some(([, num]) => touches(x.c, num)));
/** Bits QEMU has set that rvsim has clear, within `mask`. */
const qOnly = (x: DiffContext, mask: bigint): bigint => x.d.qemu & ~x.d.rvsim & mask;
/** Field `f` of the trap-log entry a `trap[i].*` diff is in, from one side's record. */
const logField = (x: DiffContext, rec: readonly bigint[], f: (typeof LOG_FIELDS)[number]): bigint | undefined => {
  const m = /^trap\[(\d+)\]\./.exec(x.d.what);
  return m ? rec[LOG_Q + 1 + Number(m[1]) * LOG_FIELDS.length + LOG_FIELDS.indexOf(f)] : undefined;
};
const isLog = (x: DiffContext, f: string): boolean => new RegExp(`^trap\\[\\d+\\]\\.${f}$`).test(x.d.what);
const MSTATUS: [string, number][] = [['mstatus', 0x300]];
const STATUS: [string, number][] = [['mstatus', 0x300], ['sstatus', 0x100], ['vsstatus', 0x200]];
const HSTATUS_DEFINED = 0x3_0070_0000n | 0x3f000n | 0x3e0n;
/** sstatus/vsstatus fields: SIE SPIE UBE SPP VS FS XS SUM MXR UXL SD. */
const SSTATUS_DEFINED = 0x2n | 0x20n | 0x40n | 0x100n | 0x600n | 0x6000n | 0x18000n | 0x40000n | 0x80000n | (3n << 32n) | B(63);
/** mstatus-only fields: MIE MPIE MPP MPRV TVM TW TSR SXL SBE MBE GVA MPV. */
const MSTATUS_DEFINED = 0x8n | 0x80n | 0x1800n | B(17) | (7n << 20n) | (0xfn << 34n) | B(38) | B(39);
/** UBE, SBE, MBE: read-only 0 in rvsim (little-endian only), not writable through mstatus in QEMU 7.2. */
const ENDIAN = B(6) | B(36) | B(37);
const SRET = 0x10200073n;
const WFI = 0x10500073n;
const isSfence = (w: bigint): boolean => (w & 0xfe007fffn) === 0x12000073n;
const isSatpAccess = (w: bigint): boolean => (w & 0x7fn) === 0x73n && ((w >> 12n) & 3n) !== 0n && w >> 20n === 0x180n;

export const PRIV_DEVIATIONS: PrivDeviation[] = [
  {
    id: 'qemu-gva-sticky',
    spec: 'H ext. "Hypervisor Additions to mstatus" (GVA): a trap into M-mode that writes a guest virtual address to mtval sets GVA = 1; any other trap into M-mode sets GVA = 0',
    why: 'QEMU 7.2 sets mstatus.GVA on every trap from V=1 with a non-zero tval (instruction bits of illegal/virtual-instruction traps too) and never clears it on later traps',
    covers: (x) => (isLog(x, 'mstatus') || about(x, MSTATUS) ? qOnly(x, B(38)) : 0n),
  },
  {
    id: 'qemu-hlsv-stale-mtval',
    spec: 'priv. 3.1.16 (mtval): on an illegal-instruction trap mtval is 0 or the faulting instruction bits; H ext. "Trap Value Registers": the same for virtual-instruction traps',
    why: 'QEMU 7.2 raises the trap of an HLV/HSV/HLVX without saving its instruction bits: mtval holds the bits of an earlier trapping instruction',
    covers: (x) =>
      isLog(x, 'mtval') && x.c.steps.some((s) => s.k === 'hlsv' && BigInt(hlsvWord(s.name, s.reg)) === x.d.rvsim) ? ALL : 0n,
  },
  {
    id: 'qemu-tsr-tvm-at-v1',
    spec: 'H ext. "Hypervisor Status Register (hstatus)": mstatus.TSR and TVM affect execution only in HS-mode; H ext. "Virtual-Instruction Exceptions": SRET/SFENCE.VMA/satp in VS-mode with hstatus.VTSR/VTVM = 1, and in VU-mode, raise a virtual-instruction exception',
    why: 'QEMU 7.2 raises illegal-instruction, not virtual-instruction, for SRET/SFENCE.VMA/satp at V=1 when mstatus.TSR/TVM is set, and for SRET in VU-mode',
    covers: (x) => {
      if (!isLog(x, 'mcause') || x.d.qemu !== 2n || x.d.rvsim !== 22n) return 0n;
      const w = logField(x, x.r, 'mtval') ?? 0n;
      const ms = logField(x, x.q, 'mstatus') ?? 0n;
      // Trapped at V=1 (MPV) on an SRET, SFENCE.VMA or satp access.
      return (ms & B(39)) !== 0n && (w === SRET || isSfence(w) || isSatpAccess(w)) ? ALL : 0n;
    },
    // With hstatus.VTSR/VTVM = 0 the instruction executes at V=1 on rvsim (no trap), so the logs
    // part: QEMU's entry k is an illegal-instruction trap on it from V=1, rvsim's entry k (if
    // any) is a later trap.
    diverges: ({ q, r, k }) => {
      if (k >= Number(q[LOG_Q]) || entry(q, k, 'mcause') !== 2n) return false;
      const w = entry(q, k, 'mtval');
      if ((entry(q, k, 'mstatus') & B(39)) === 0n || !(w === SRET || isSfence(w) || isSatpAccess(w))) return false;
      return k >= Number(r[LOG_Q]) || entry(r, k, 'mepc') > entry(q, k, 'mepc');
    },
  },
  {
    id: 'qemu-vu-scsr-illegal',
    spec: 'H ext. "Virtual-Instruction Exceptions": in VU-mode, an access to an implemented supervisor CSR that HS-mode could make (TVM taken as 0) raises a virtual-instruction exception',
    why: 'QEMU 7.2 raises an illegal-instruction exception for supervisor-CSR accesses from VU-mode',
    covers: (x) => {
      if (!isLog(x, 'mcause') || x.d.qemu !== 2n || x.d.rvsim !== 22n) return 0n;
      const w = logField(x, x.r, 'mtval') ?? 0n;
      const ms = logField(x, x.q, 'mstatus') ?? 0n;
      const vu = (ms & B(39)) !== 0n && ((ms >> 11n) & 3n) === 0n;
      const scsr = (w & 0x7fn) === 0x73n && ((w >> 12n) & 3n) !== 0n && w >> 28n === 1n;
      return vu && scsr ? ALL : 0n;
    },
  },
  {
    id: 'qemu-vi-readonly-hcsr',
    spec: 'H ext. "Virtual-Instruction Exceptions": at V=1 an access to a hypervisor or VS CSR raises a virtual-instruction exception only "when the same access (read/write) would be allowed in HS-mode"; a write to a read-only CSR (address bits 11:10 = 3, e.g. hgeip) is not allowed in HS-mode (unpriv. "Zicsr"; priv. 2.1), so it is an illegal-instruction exception (Spike: csr_t::verify_permissions checks read-only before privilege)',
    why: 'QEMU 7.2 checks the privilege level of a hypervisor CSR before its read-only bit, so a CSR write to hgeip from VS/VU-mode raises virtual-instruction (22)',
    covers: (x) => {
      if (!isLog(x, 'mcause') || x.d.qemu !== 22n || x.d.rvsim !== 2n) return 0n;
      const w = logField(x, x.r, 'mtval') ?? 0n;
      const ms = logField(x, x.r, 'mstatus') ?? 0n;
      const f3 = (w >> 12n) & 7n;
      // csrrw/csrrwi always write; the others write unless rs1/uimm is 0.
      const writes = (w & 0x7fn) === 0x73n && f3 !== 0n && f3 !== 4n && (f3 === 1n || f3 === 5n || ((w >> 15n) & 31n) !== 0n);
      const roHyper = ((w >> 30n) & 3n) === 3n && ((w >> 28n) & 3n) === 2n;
      return (ms & B(39)) !== 0n && writes && roHyper ? ALL : 0n;
    },
  },
  {
    id: 'qemu-epc-bit0',
    spec: 'priv. 3.1.14 (mepc) and 4.1.7 (sepc), H ext. vsepc: bit 0 of xepc is always zero (IALIGN=16)',
    why: 'QEMU 7.2 stores mepc/sepc/vsepc unmasked, so bit 0 written as 1 reads back as 1',
    covers: (x) => (about(x, [['mepc', 0x341], ['sepc', 0x141], ['vsepc', 0x241]]) ? qOnly(x, 1n) : 0n),
  },
  {
    id: 'qemu-mcountinhibit-unmasked',
    spec: 'priv. 3.1.13 (mcountinhibit): a 32-bit WARL register; bit 1 (TM) is read-only zero (time cannot be inhibited)',
    why: 'QEMU 7.2 keeps every bit written to mcountinhibit, bit 1 and bits 63:32 included',
    covers: (x) => (about(x, [['mcountinhibit', 0x320]]) ? qOnly(x, 0xffffffff00000002n) : 0n),
  },
  {
    id: 'qemu-mideleg-nonexistent',
    spec: 'H ext. "Machine Interrupt Delegation Register (mideleg)": bit 12 (SGEI) is read-only one only if GEILEN is nonzero; priv. 3.1.8/3.1.9: bits of interrupts that do not exist (SGEI with GEILEN = 0, LCOFI without Sscofpmf) are read-only zero',
    why: 'QEMU 7.2 (virt without AIA: GEILEN = 0, no Sscofpmf) forces mideleg bit 12 to one and lets bit 13 be set; it also lets hie/mie bit 12 (SGEIE) be set',
    covers: (x) =>
      about(x, [['mideleg', 0x303]]) ? qOnly(x, B(12) | B(13)) : about(x, [['hie', 0x604], ['mie', 0x304], ['hideleg', 0x603]]) ? qOnly(x, B(12)) : 0n,
  },
  {
    id: 'qemu-uxl-writable',
    spec: 'priv. 3.1.6.2 (mstatus.UXL, WARL): with only RV64 U-mode, UXL is read-only 2; encoding 3 is reserved and may not be held',
    why: 'QEMU 7.2 takes any UXL written to mstatus/sstatus, the reserved 3 included (3 is a QEMU bug; 1 is QEMU implementing RV32 U-mode, which rvsim does not: a configuration difference)',
    covers: (x) => ((isLog(x, 'mstatus') || about(x, STATUS)) && ((x.d.rvsim >> 32n) & 3n) === 2n ? (x.d.qemu ^ x.d.rvsim) & (3n << 32n) : 0n),
    // QEMU then runs U-mode (or VU-mode, UXL from vsstatus) as not-RV64: RV64-only instructions
    // (HLV.WU/HLV.D/HSV.D, ...) raise illegal-instruction there and the logs part.
    diverges: ({ c, q, k }) => {
      if (k >= Number(q[LOG_Q]) || entry(q, k, 'mcause') !== 2n) return false;
      const ms = entry(q, k, 'mstatus');
      if (((ms >> 11n) & 3n) !== 0n) return false;
      return (ms & B(39)) === 0n ? ((ms >> 32n) & 3n) !== 2n : touches(c, 0x200) || touches(c, 0x100);
    },
  },
  {
    id: 'qemu-vsstatus-wpri',
    spec: 'H ext. "Virtual Supervisor Status Register (vsstatus)", priv. 4.1.1 (sstatus) WPRI fields (priv. 2.3: unimplemented WPRI fields are read-only zero), XS (priv. 3.1.6.6: read-only, 0 without additional user extension state) and UBE/SBE/MBE (priv. 3.1.6.4: read-only 0 on a little-endian-only hart)',
    why: 'QEMU 7.2 stores every bit written to vsstatus (only UXL is masked), WPRI bits, the read-only XS and UBE/SBE/MBE positions included; they come back in sstatus at V=1 and, ORed into mstatus on every V=0->1 switch (riscv_cpu_swap_hypervisor_regs), in mstatus, where mstatus writes cannot clear them (so they outlive the case that set them)',
    // mstatus writes cannot clear these bits in QEMU, so they outlive the case that set them.
    // XS (read-only, 0: no extension state) comes in the same way, SD with it.
    covers: (x) => {
      if (!(isLog(x, 'mstatus') || about(x, STATUS))) return 0n;
      const b = qOnly(x, (~SSTATUS_DEFINED & ~MSTATUS_DEFINED) | (3n << 15n) | ENDIAN);
      // SD: with the leaked XS, or stuck as written (QEMU's own FS/VS/XS not dirty).
      const dirty = (x.d.qemu & 0x6000n) === 0x6000n || (x.d.qemu & 0x600n) === 0x600n || (x.d.qemu & 0x18000n) === 0x18000n;
      return b | (b & (3n << 15n) || !dirty ? qOnly(x, B(63)) : 0n);
    },
  },
  {
    id: 'qemu-vsstatus-mstatus-fields',
    spec: 'H ext. "Virtual Supervisor Status Register (vsstatus)": vsstatus has the format of sstatus (priv. 4.1.1), so the mstatus-only fields (MIE MPIE MPP MPRV TVM TW TSR SXL SBE MBE GVA MPV) do not exist in it; priv. 3.1.6.4: UBE is read-only 0 when U-mode is little-endian only',
    why: 'QEMU 7.2 write_vsstatus keeps every bit written (only UXL is masked), so vsstatus reads back with mstatus-only bit positions and UBE set; and it does not compute SD (priv. 3.1.6.6: SD is read-only, the summary of FS/VS/XS dirty) but keeps the written bit',
    // Only the vsstatus slot, or values read from vsstatus/sstatus (sstatus is vsstatus at V=1)
    // into registers and maybe written to another CSR; never mstatus, where those bits are real fields.
    covers: (x) =>
      x.d.what === 'csr:vsstatus' || (/^(x\d+|csr:.*)$/.test(x.d.what) && x.d.what !== 'csr:mstatus' && (touches(x.c, 0x200) || touches(x.c, 0x100)))
        ? qOnly(x, MSTATUS_DEFINED | B(6)) | ((x.d.qemu ^ x.d.rvsim) & B(63))
        : 0n,
  },
  {
    id: 'qemu-spike-vu-wfi-tw',
    spec: 'priv. 3.1.6.5 (TW): with TW=1, WFI in any less-privileged mode that does not complete in bounded time raises an illegal-instruction exception; H ext. "Hypervisor Additions to mstatus": TW affects execution in all modes except M-mode; H ext. "Virtual-Instruction Exceptions": WFI in VU-mode is virtual-instruction only when mstatus.TW=0',
    why: 'QEMU 7.2 and Spike (riscv/insns/wfi.h tests V=1 && U before TW) raise virtual-instruction (22) for WFI in VU-mode with mstatus.TW=1; rvsim follows the spec text (illegal instruction, 2)',
    covers: (x) => {
      if (!isLog(x, 'mcause') || x.d.qemu !== 22n || x.d.rvsim !== 2n) return 0n;
      const w = logField(x, x.r, 'mtval') ?? 0n;
      const ms = logField(x, x.r, 'mstatus') ?? 0n;
      // Trapped in VU (MPV=1, MPP=0) on a plain WFI with TW=1.
      return w === WFI && (ms & B(39)) !== 0n && ((ms >> 11n) & 3n) === 0n && (ms & B(21)) !== 0n ? ALL : 0n;
    },
  },
  {
    id: 'choice-hstatus-vgein-wlrl',
    spec: 'H ext. "Hypervisor Status Register (hstatus)": VGEIN is WLRL, holding 0..GEILEN; priv. 2.3 (WLRL): a read after an illegal value was written may return any bit pattern. GEILEN = 0 here, so every non-zero VGEIN written is illegal',
    why: 'the fuzzer writes illegal VGEIN values: rvsim reads 0 (read-only, only legal value), QEMU 7.2 keeps the written bits; both are allowed',
    covers: (x) => (isLog(x, 'hstatus') || about(x, [['hstatus', 0x600]]) ? qOnly(x, 0x3f000n) : 0n),
  },
  {
    id: 'qemu-vsstatus-swap-or',
    spec: 'H ext. "Virtual Supervisor Status Register (vsstatus)": vsstatus has only sstatus fields; mstatus.MPRV/TVM/TW/TSR/SXL (priv. 3.1.6) are not changed by a V=0->1 switch',
    why: 'QEMU 7.2 riscv_cpu_swap_hypervisor_regs ORs the whole stored vsstatus into mstatus on a V=0->1 switch, so mstatus-only bits written to vsstatus (MIE, MPRV, TVM, TW, TSR, SXL) turn up set in mstatus (MIE then as MPIE in the next trap; TW makes a later WFI at V=1 illegal-instruction, SXL = 3 RV64-only instructions in VS-mode)',
    // MIE ORed in comes back as MPIE in the next trap's mstatus (priv. 3.1.6.1) and as MIE after its MRET.
    covers: (x) => ((isLog(x, 'mstatus') || about(x, MSTATUS)) && (touches(x.c, 0x200) || touches(x.c, 0x100)) ? qOnly(x, B(3) | B(7) | B(17) | (7n << 20n) | (3n << 34n)) : 0n),
    // TW ORed in makes QEMU's WFI at V=1 an illegal-instruction trap (priv. 3.1.6.5) where rvsim,
    // with TW = 0, waits or raises virtual-instruction (VTW); SXL ORed to 3 makes QEMU take
    // S/VS-mode as not RV64, where RV64-only instructions (HSV.D, ...) are illegal. QEMU's entry k
    // is then an illegal-instruction trap at V=1 with such bits in its mstatus that rvsim's lacks.
    diverges: ({ c, q, r, k }) => {
      if (!(touches(c, 0x200) || touches(c, 0x100)) || k >= Number(q[LOG_Q])) return false;
      const ms = entry(q, k, 'mstatus');
      if (entry(q, k, 'mcause') !== 2n || (ms & B(39)) === 0n) return false;
      const rms = k < Number(r[LOG_Q]) ? entry(r, k, 'mstatus') : 0n;
      const tw = (ms & B(21)) !== 0n && (rms & B(21)) === 0n && entry(q, k, 'mtval') === WFI;
      const sxl = ((ms >> 34n) & 3n) !== 2n && ((rms >> 34n) & 3n) === 2n;
      return tw || sxl;
    },
  },
  {
    id: 'qemu-mpp-reserved',
    spec: 'priv. 3.1.6.1: MPP is WARL and holds only supported privilege modes; 2 (reserved) is not one',
    why: 'QEMU 7.2 keeps MPP = 2 written to mstatus',
    covers: (x) => ((isLog(x, 'mstatus') || about(x, MSTATUS)) && ((x.d.qemu >> 11n) & 3n) === 2n ? (x.d.qemu ^ x.d.rvsim) & (3n << 11n) : 0n),
  },
  {
    id: 'qemu-hstatus-wpri',
    spec: 'H ext. "Hypervisor Status Register (hstatus)" WPRI fields; priv. 2.3: unimplemented WPRI fields are read-only zero',
    why: 'QEMU 7.2 stores every bit written to hstatus, its WPRI fields included',
    covers: (x) => (isLog(x, 'hstatus') || about(x, [['hstatus', 0x600]]) ? qOnly(x, ~HSTATUS_DEFINED) : 0n),
  },
  {
    id: 'qemu-vstvec-mode',
    spec: 'priv. 4.1.2 (stvec), H ext. vstvec: MODE values >= 2 are reserved; a WARL field holds only legal values',
    why: 'QEMU 7.2 writes vstvec unchecked (stvec/mtvec reject MODE >= 2, vstvec does not); holding a reserved MODE, it then ignores a write through stvec at V=1 (QEMU swaps vstvec into stvec) that keeps MODE reserved, so the whole value stays',
    covers: (x) =>
      about(x, [['vstvec', 0x205]]) ? ((x.d.qemu & 2n) !== 0n && touches(x.c, 0x105) ? ALL : qOnly(x, 2n)) : 0n,
  },
  {
    id: 'choice-tvec-reserved-mode',
    spec: 'priv. 3.1.7 (mtvec), 4.1.2 (stvec): MODE is WARL and values >= 2 are reserved; priv. 2.3 (WARL): after an illegal write any legal value may be read, determined by the value written and the old value (a choice)',
    why: 'spec choice on a write of MODE >= 2: rvsim does as Spike (clears bit 1, keeps BASE), QEMU 7.2 ignores the whole write',
    covers: (x) => (about(x, [['stvec', 0x105], ['mtvec', 0x305]]) && (x.d.qemu & 2n) === 0n && (x.d.rvsim & 2n) === 0n ? ALL : 0n),
  },
  {
    id: 'qemu-mip-vstip-vseip-writable',
    spec: 'H ext. "Hypervisor Interrupt Registers (hvip, hip, and hie)": hip.VSTIP and hip.VSEIP are read-only (hvip ORed with platform sources), and mip.VSTIP/VSEIP are aliases of them; only hvip writes them',
    why: 'QEMU 7.2 lets M-mode set and clear VSTIP/VSEIP through mip (delegable_ints includes VS interrupts): set, they read back in mip, hip and hvip; cleared, the bits hvip had set are gone',
    covers: (x) => (about(x, [['mip', 0x344], ['hip', 0x644], ['hvip', 0x645]]) && touches(x.c, 0x344) ? (x.d.qemu ^ x.d.rvsim) & (B(6) | B(10)) : 0n),
  },
  {
    id: 'qemu-vsip-read-mask',
    spec: 'H ext. "Virtual Supervisor Interrupt Registers (vsip and vsie)": when bit 6 (10) of hideleg is set, vsip.STIP (SEIP) is an alias of hip.VSTIP (VSEIP), read-only',
    why: 'QEMU 7.2 rmw_vsip64 masks the value it reads with the writable mask (VSSIP only), so vsip never shows STIP or SEIP',
    covers: (x) =>
      x.d.what === 'csr:vsip' || (/^x\d+$/.test(x.d.what) && (touches(x.c, 0x244) || touches(x.c, 0x144))) ? x.d.rvsim & ~x.d.qemu & (B(5) | B(9)) : 0n,
  },
  {
    id: 'qemu-vsip-vsie-unshifted-write',
    spec: 'H ext. "Virtual Supervisor Interrupt Registers (vsip and vsie)": vsip.SSIP / vsie.SSIE (bit 1) are the aliases of hip.VSSIP / hie.VSSIE (bit 2) when hideleg bit 2 is set; bit 2 of vsip and vsie does not exist',
    why: 'QEMU 7.2 rmw_vsip64/rmw_vsie64 move the written bits 1, 5, 9 to bits 2, 6, 10 but keep the written bits 2, 6, 10 too, so a write to vsip/vsie (or sip/sie at V=1) with those bits set sets hip.VSSIP / hie.VSSIE, VSTIE, VSEIE',
    covers: (x) => {
      const d = x.d.qemu ^ x.d.rvsim;
      let b = 0n;
      if (touches(x.c, 0x244) || touches(x.c, 0x144)) {
        b |= (about(x, [['mip', 0x344], ['hip', 0x644], ['hvip', 0x645]]) ? d & B(2) : 0n) | (about(x, [['vsip', 0x244]]) ? d & B(1) : 0n);
      }
      // vsie has all three VS bits writable (bits 1, 5, 9 -> hie bits 2, 6, 10).
      if (touches(x.c, 0x204) || touches(x.c, 0x104)) {
        b |= (about(x, [['mie', 0x304], ['hie', 0x604]]) ? d & (B(2) | B(6) | B(10)) : 0n) | (about(x, [['vsie', 0x204]]) ? d & (B(1) | B(5) | B(9)) : 0n);
      }
      return b;
    },
  },
  {
    id: 'qemu-interrupt-priority',
    spec: 'priv. 3.1.9 (mip/mie): simultaneous interrupts destined for M-mode are taken in the order MEI, MSI, MTI, SEI, SSI, STI, SGEI, VSEI, VSSI, VSTI, LCOFI',
    why: 'QEMU 7.2 took a supervisor software interrupt (1) while a supervisor external one (9), which its own mip shows pending, was enabled too',
    covers: () => 0n,
    // Entry k is an interrupt on both sides, rvsim's of higher priority in the spec's order, and
    // QEMU's mip at the end still has rvsim's interrupt pending.
    diverges: ({ q, r, k }) => {
      if (k >= Number(q[LOG_Q]) || k >= Number(r[LOG_Q])) return false;
      const cq = entry(q, k, 'mcause');
      const cr = entry(r, k, 'mcause');
      if (cq >> 63n !== 1n || cr >> 63n !== 1n || cq === cr) return false;
      const rank = (cause: bigint): number => INTERRUPT_ORDER.indexOf(Number(cause & 63n));
      const mip = q[CSR_Q + DUMP_CSRS.findIndex((d) => d.name === 'mip')];
      return rank(cr) >= 0 && rank(cq) > rank(cr) && ((mip >> (cr & 63n)) & 1n) === 1n;
    },
  },
  {
    id: 'qemu-lcofip-nonexistent',
    spec: 'priv. 3.1.9 (mip/mie): bits of interrupts that do not exist are read-only zero; LCOFI (bit 13) exists only with Sscofpmf, which neither side has (no misa/ISA-string support claimed, mideleg bit 13 likewise)',
    why: 'QEMU 7.2 lets mip/sip bit 13 (LCOFIP) be set',
    covers: (x) => (about(x, [['mip', 0x344], ['sip', 0x144], ['mie', 0x304], ['sie', 0x104]]) ? qOnly(x, B(13)) : 0n),
  },
  {
    id: 'qemu-envcfg-unimplemented',
    spec: 'priv. 3.1.18 (menvcfg), 4.1.4 (senvcfg), H ext. henvcfg: CBIE/CBCFE (bits 5:4, 6) are read-only zero without Zicbom, CBZE (bit 7) without Zicboz, PBMTE (bit 62) without Svpbmt',
    why: 'QEMU 7.2 (which has neither Zicbom/Zicboz nor, by default, Svpbmt, like rvsim) keeps those bits written to menvcfg/senvcfg/henvcfg; it also keeps henvcfg.STCE while menvcfg.STCE = 0 (Sstc: henvcfg.STCE is then read-only zero; the harness keeps menvcfg at 0)',
    covers: (x) =>
      (about(x, [['menvcfg', 0x30a], ['senvcfg', 0x10a], ['henvcfg', 0x60a]]) ? qOnly(x, 0xf0n | B(62)) : 0n) |
      (about(x, [['henvcfg', 0x60a]]) ? qOnly(x, B(63)) : 0n),
  },
  {
    id: 'qemu-hgatp-unmasked',
    spec: 'H ext. "Hypervisor Guest Address Translation and Protection Register (hgatp)": MODE is WARL (a write of an unsupported MODE is not ignored; rvsim, as Spike, keeps the old MODE), bits 59:58 are WPRI (read-only zero, priv. 2.3), and PPN bits 1:0 always read zero (16 KiB-aligned root)',
    why: 'QEMU 7.2 write_hgatp stores the value unmasked: reserved MODEs, bits 59:58 and PPN bits 1:0 read back as written',
    covers: (x) => {
      if (!about(x, [['hgatp', 0x680]])) return 0n;
      const qMode = x.d.qemu >> 60n;
      const modeBits = qMode !== 0n && qMode !== 8n && qMode !== 9n ? (x.d.qemu ^ x.d.rvsim) & (0xfn << 60n) : 0n;
      return modeBits | qOnly(x, (3n << 58n) | 3n);
    },
  },
  {
    id: 'qemu-ro-csr-x-zero',
    spec: 'unpriv. "Zicsr", CSR Instructions: CSRRS/CSRRC with rs1 != x0 write the CSR (even when rs1 holds 0) and so raise an illegal-instruction exception on a read-only CSR; only rs1 = x0 does not write',
    why: 'QEMU 7.2 decides by the value (write_mask != 0), so csrrs/csrrc on a read-only CSR (mconfigptr, hgeip, ...) with rs1 holding zero does not trap',
    covers: () => 0n,
    // rvsim's entry k is an illegal-instruction trap on csrrs/csrrc rd, <read-only CSR>, rs1 != x0;
    // QEMU went on (its entry k, if any, is a later trap).
    diverges: ({ q, r, k }) => {
      if (k >= Number(r[LOG_Q]) || entry(r, k, 'mcause') !== 2n) return false;
      const w = entry(r, k, 'mtval');
      const f3 = (w >> 12n) & 7n;
      const ro = (w & 0x7fn) === 0x73n && (f3 === 2n || f3 === 3n) && ((w >> 15n) & 31n) !== 0n && ((w >> 30n) & 3n) === 3n;
      return ro && (k >= Number(q[LOG_Q]) || entry(q, k, 'mepc') > entry(r, k, 'mepc'));
    },
  },
  {
    id: 'qemu-vtvm-satp',
    spec: 'H ext. "Hypervisor Status Register (hstatus)": when VTVM=1, an attempt in VS-mode to read or write satp (or execute SFENCE.VMA/SINVAL.VMA) raises a virtual-instruction exception',
    why: 'QEMU 7.2 does not check hstatus.VTVM on satp accesses from VS-mode (it accesses vsatp)',
    covers: () => 0n,
    // rvsim's entry k: virtual-instruction on a satp access from VS (MPV=1, MPP=1) with VTVM=1;
    // QEMU went on.
    diverges: ({ q, r, k }) => {
      if (k >= Number(r[LOG_Q]) || entry(r, k, 'mcause') !== 22n) return false;
      const ms = entry(r, k, 'mstatus');
      const vs = (ms & B(39)) !== 0n && ((ms >> 11n) & 3n) === 1n;
      const vtvm = (entry(r, k, 'hstatus') & B(20)) !== 0n;
      return vs && vtvm && isSatpAccess(entry(r, k, 'mtval')) && (k >= Number(q[LOG_Q]) || entry(q, k, 'mepc') > entry(r, k, 'mepc'));
    },
  },
  {
    id: 'qemu-hgatp-tvm',
    spec: 'H ext. "Hypervisor Guest Address Translation and Protection Register (hgatp)": when mstatus.TVM=1, attempts to read or write hgatp while executing in HS-mode raise an illegal-instruction exception',
    why: 'QEMU 7.2 does not check mstatus.TVM on hgatp accesses',
    covers: () => 0n,
    // rvsim's entry k: illegal-instruction on a CSR access to hgatp from HS (MPP=1, MPV=0) with
    // TVM=1; QEMU went on.
    diverges: ({ q, r, k }) => {
      if (k >= Number(r[LOG_Q]) || entry(r, k, 'mcause') !== 2n) return false;
      const ms = entry(r, k, 'mstatus');
      const hs = (ms & B(39)) === 0n && ((ms >> 11n) & 3n) === 1n && (ms & B(20)) !== 0n;
      const w = entry(r, k, 'mtval');
      const hgatp = (w & 0x7fn) === 0x73n && ((w >> 12n) & 3n) !== 0n && w >> 20n === 0x680n;
      return hs && hgatp && (k >= Number(q[LOG_Q]) || entry(q, k, 'mepc') > entry(r, k, 'mepc'));
    },
  },
  {
    id: 'qemu-vsatp-unmasked',
    spec: 'H ext. "Virtual Supervisor Address Translation and Protection Register (vsatp)": at V=0 a write with an unsupported MODE is either ignored (as for satp, priv. 4.1.11; rvsim, Spike) or its fields are WARL; either way MODE never holds an unsupported value',
    why: 'QEMU 7.2 write_vsatp stores the value unchecked, reserved MODEs (1-7, 11-15) included',
    covers: (x) => {
      const qMode = x.d.qemu >> 60n;
      return about(x, [['vsatp', 0x280]]) && qMode !== 0n && (qMode < 8n || qMode > 10n) ? ALL : 0n;
    },
  },
  {
    id: 'config-sv57',
    spec: 'priv. 4.1.11 (satp), H ext. vsatp: MODE 10 (Sv57) is optional; a write of an unsupported MODE leaves satp unchanged',
    why: 'configuration difference, not a bug: QEMU 7.2 rv64 implements Sv57 (and has no option to turn it off), rvsim implements Bare/Sv39/Sv48, so a written MODE 10 is kept by QEMU only',
    covers: (x) => (about(x, [['satp', 0x180], ['vsatp', 0x280]]) && x.d.qemu >> 60n === 10n ? ALL : 0n),
  },
  {
    id: 'qemu-vu-hfence-illegal',
    spec: 'H ext. "Virtual-Instruction Exceptions": in VS-mode or VU-mode, attempts to execute a hypervisor instruction (HLV, HLVX, HSV or HFENCE) raise a virtual-instruction exception; mstatus.TVM affects only HS-mode (H ext. "Hypervisor Additions to mstatus")',
    why: 'QEMU 7.2 helper_hyp_tlb_flush raises virtual-instruction for HFENCE.VVMA/GVMA only in VS-mode and illegal-instruction in VU-mode',
    covers: (x) => {
      if (!isLog(x, 'mcause') || x.d.qemu !== 2n || x.d.rvsim !== 22n) return 0n;
      const w = logField(x, x.r, 'mtval') ?? 0n;
      const ms = logField(x, x.q, 'mstatus') ?? 0n;
      const hfence = (w & 0xbe007fffn) === 0x22000073n; // HFENCE.VVMA (0x11) / HFENCE.GVMA (0x31)
      return hfence && (ms & B(39)) !== 0n && ((ms >> 11n) & 3n) === 0n ? ALL : 0n;
    },
  },
  {
    id: 'qemu-pmpaddr-high',
    spec: 'priv. 3.7.1 (PMP address registers): on RV64, pmpaddr holds bits 55:2 of the address; bits 63:54 are WARL zero',
    why: 'QEMU 7.2 keeps bits 63:54 written to pmpaddr',
    covers: (x) => (about(x, [['pmpaddr1', 0x3b1]]) ? qOnly(x, 0xffc0000000000000n) : 0n),
  },
  {
    id: 'qemu-medeleg-11',
    spec: 'priv. 3.1.8 (medeleg): medeleg[11] (environment call from M-mode) is read-only zero',
    why: 'QEMU 7.2 lets medeleg bit 11 be set',
    covers: (x) => (about(x, [['medeleg', 0x302]]) ? qOnly(x, B(11)) : 0n),
  },
  {
    id: 'qemu-counteren-64bit',
    spec: 'priv. 3.1.11 (mcounteren), 4.1.5 (scounteren), H ext. hcounteren: 32-bit registers (zero-extended on RV64)',
    why: 'QEMU 7.2 keeps bits 63:32 written to mcounteren/scounteren/hcounteren',
    covers: (x) => (about(x, [['mcounteren', 0x306], ['scounteren', 0x106], ['hcounteren', 0x606]]) ? qOnly(x, 0xffffffff00000000n) : 0n),
  },
  {
    id: 'choice-mstatus-vs',
    spec: 'priv. 3.1.6.6: with S-mode but no V extension, mstatus.VS may optionally be read-only zero (a choice); rvsim does as Spike (read-only zero), QEMU 7.2 keeps it writable (and SD follows it)',
    why: 'spec choice, rvsim = Spike',
    covers: (x) => (isLog(x, 'mstatus') || about(x, STATUS) ? (qOnly(x, 3n << 9n) !== 0n ? qOnly(x, (3n << 9n) | B(63)) : 0n) : 0n),
  },
  {
    id: 'choice-ebreak-mtval',
    spec: 'priv. 3.1.16 (mtval): on a breakpoint exception mtval is either zero or the faulting virtual address (a choice); rvsim does as Spike (the pc), QEMU 7.2 writes 0',
    why: 'spec choice, rvsim = Spike',
    // rvsim's mtval is then a guest virtual address when the breakpoint is at V=1, so it sets
    // mstatus.GVA (H ext. mstatus.GVA), QEMU with mtval 0 does not.
    // mtval read after an EBREAK (into a register, maybe written on elsewhere): QEMU's 0 against
    // rvsim's pc, a code address (the harness is linked at 0x80000000).
    covers: (x) =>
      logField(x, x.r, 'mcause') === 3n && logField(x, x.q, 'mcause') === 3n && logField(x, x.q, 'mtval') === 0n
        ? isLog(x, 'mtval')
          ? ALL
          : isLog(x, 'mstatus') && (x.d.rvsim & B(39)) !== 0n
            ? x.d.rvsim & ~x.d.qemu & B(38)
            : 0n
        : x.d.qemu === 0n && x.d.rvsim >> 31n === 1n && x.c.steps.some((s) => s.k === 'insn' && s.name === 'ebreak') && about(x, [['mtval', 0x343]])
          ? ALL
          : 0n,
  },
  {
    id: 'choice-tinst-writable',
    spec: 'H ext. "Hypervisor Trap Instruction Register (htinst)" / mtinst: WARL registers that need only hold the values traps write (a choice); rvsim keeps what is written, as Spike, QEMU 7.2 ignores writes',
    why: 'spec choice, rvsim = Spike',
    covers: (x) => (about(x, [['htinst', 0x64a], ['mtinst', 0x34a]]) && x.d.qemu === 0n ? ALL : 0n),
  },
];

/** The deviation whose control-flow difference explains trap-log entry `k` onwards, if any. */
export function explainDivergence(c: PrivCase, q: readonly bigint[], r: readonly bigint[], k: number): PrivDeviation | undefined {
  return PRIV_DEVIATIONS.find((v) => v.diverges?.({ c, q, r, k }) === true);
}

/**
 * The deviations that together explain this difference (every differing bit covered by one of
 * them), or undefined.
 */
export function explainDiff(c: PrivCase, d: PrivDiff, q: readonly bigint[], r: readonly bigint[]): PrivDeviation[] | undefined {
  const want = d.qemu ^ d.rvsim;
  const used = new Set<PrivDeviation>();
  let got = coveredBits({ c, d, q, r }, used);
  // A window doubleword differs where an HSV stored a register: explain its bytes as that
  // register's value (the same deviations as for x registers).
  const m = /^mem\+0x([0-9a-f]+)$/.exec(d.what);
  if (m) {
    const base = parseInt(m[1], 16);
    for (const s of c.steps) {
      if (s.k !== 'hlsv' || !s.name.startsWith('hsv') || s.off < base || s.off >= base + 8) continue;
      const sh = BigInt((s.off - base) * 8);
      const mask = (1n << BigInt(8 * (1 << 'bhwd'.indexOf(s.name.slice(-1))))) - 1n;
      const sd: PrivDiff = { what: `x${s.reg}`, qemu: (d.qemu >> sh) & mask, rvsim: (d.rvsim >> sh) & mask };
      got |= (coveredBits({ c, d: sd, q, r }, used) & mask) << sh;
      // A deviation may need the whole register to be recognised (vsatp's MODE is in bits 63:60
      // while HSV.W stores bits 31:0): when the register still holds the stored value on both
      // sides at the end, its whole difference decides.
      const fq = q[X_Q + s.reg];
      const fr = r[X_Q + s.reg];
      if (fq !== undefined && fr !== undefined && (fq & mask) === sd.qemu && (fr & mask) === sd.rvsim) {
        const whole: DiffContext = { c, d: { what: `x${s.reg}`, qemu: fq, rvsim: fr }, q, r };
        const u = new Set<PrivDeviation>();
        if (coveredBits(whole, u) === (fq ^ fr)) {
          got |= (sd.qemu ^ sd.rvsim) << sh;
          for (const v of u) used.add(v);
        }
      }
    }
  }
  return (got & want) === want ? [...used] : undefined;
}

function coveredBits(x: DiffContext, used: Set<PrivDeviation>): bigint {
  const want = x.d.qemu ^ x.d.rvsim;
  let got = 0n;
  for (const v of PRIV_DEVIATIONS) {
    const b = v.covers(x) & want & ~got;
    if (b !== 0n) {
      got |= b;
      used.add(v);
    }
  }
  return got;
}

/**
 * A QEMU run that failed (a trap outside the steps, a trap storm) where the case gave U-mode a
 * UXL other than 2: QEMU then runs U/VU-mode as RV32 (pc and addresses truncated and
 * sign-extended), so the harness's own code faults. rvsim has RV64 U-mode only (UXL read-only 2,
 * priv. 3.1.6.2) — the configuration difference `qemu-uxl-writable` names. Recognised only when
 * that is certain: QEMU's last trap came from a sign-extended 32-bit pc (`lastTrapPc`, from its
 * `-d int` log), or a CSR step writes sstatus/vsstatus/mstatus from an operand register no earlier
 * step has written, whose result (csrrw v, csrrs 2|v, csrrc 2&~v) has UXL != 2.
 */
export function explainQemuFailure(c: PrivCase, lastTrapPc?: bigint): PrivDeviation | undefined {
  const dev = PRIV_DEVIATIONS.find((d) => d.id === 'qemu-uxl-writable');
  // QEMU's own log says so: its last trap came from a pc that is a 32-bit code address
  // sign-extended (the harness runs at 0x80000000), which only a non-RV64 mode produces.
  if (lastTrapPc !== undefined && lastTrapPc >> 32n === 0xffffffffn && (lastTrapPc & 0x80000000n) !== 0n) return dev;
  const written = new Set<number>();
  for (const s of c.steps) {
    if (s.k === 'csr' && (s.csr === 0x100 || s.csr === 0x200 || s.csr === 0x300) && (s.op === 'csrrw' || s.op === 'csrrs' || s.op === 'csrrc')) {
      const i = OPERAND_REGS.indexOf(s.src as (typeof OPERAND_REGS)[number]);
      if (i >= 0 && !written.has(s.src)) {
        const v = (c.x[i] >> 32n) & 3n;
        const uxl = s.op === 'csrrw' ? v : s.op === 'csrrs' ? 2n | v : 2n & ~v;
        if (uxl !== 2n) return dev;
      }
    }
    if (s.k === 'csr') written.add(s.rd);
    if (s.k === 'probe') {
      written.add(s.rdA);
      written.add(s.rdB);
    }
    if (s.k === 'hlsv' && s.name.startsWith('hlv')) written.add(s.reg);
  }
  return undefined;
}
