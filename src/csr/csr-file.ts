/**
 * The CSR file: a table of small entries {name, access predicate, read, write} indexed by CSR
 * address, with WARL rules inside each write. Reads have no side effects. 64-bit values travel
 * as halves: a read leaves its value in `val`, writes receive (lo, hi).
 */
import { Ext, type Hart, Priv } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';

export const val = new Int32Array(2);

const CSR_SATP = 0x180;
const CSR_STIMECMP = 0x14d;
const CSR_VSTIMECMP = 0x24d;
/** mcounteren/hcounteren.TM: bit 1. */
const COUNTEREN_TM = 2;

/** While V=1, these S-level CSR addresses are redirected to their VS-level counterparts (+0x100). */
const VS_ALIAS = new Int16Array(4096);
for (const a of [0x100, 0x104, 0x105, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180]) VS_ALIAS[a] = a + 0x100;

/** menvcfg.STCE, bit 63: bit 31 of the high word (Sstc, privileged spec chapter "Sstc"). */
export const MENVCFG_STCE_HI = 0x80000000 | 0;
/**
 * menvcfg.ADUE / henvcfg.ADUE, bit 61: bit 29 of the high word (Svadu: hardware updates of PTE A/D
 * bits). Writable in menvcfg only when Svadu is in the ISA string (src/machine.ts).
 */
export const ENVCFG_ADUE_HI = 1 << 29;

export interface CsrEntry {
  name: string;
  /** Extra access rule beyond the address-encoded ones: 0 to allow, else the exception cause. */
  check?: (h: Hart, write: boolean) => number;
  read: (h: Hart) => void;
  write?: (h: Hart, lo: number, hi: number) => void;
}

export const enum Ms {
  SIE = 1 << 1,
  MIE = 1 << 3,
  SPIE = 1 << 5,
  MPIE = 1 << 7,
  SPP = 1 << 8,
  MPP = 3 << 11,
  FS = 3 << 13,
  XS = 3 << 15,
  MPRV = 1 << 17,
  SUM = 1 << 18,
  MXR = 1 << 19,
  TVM = 1 << 20,
  TW = 1 << 21,
  TSR = 1 << 22,
}

/** mstatus high-word bits of the H extension: GVA (bit 38) and MPV (bit 39). */
export const enum MsHi {
  GVA = 1 << 6,
  MPV = 1 << 7,
}

/** hstatus bits (H extension, "Hypervisor Status Register"). */
export const enum Hs {
  VSBE = 1 << 5,
  GVA = 1 << 6,
  SPV = 1 << 7,
  SPVP = 1 << 8,
  HU = 1 << 9,
  VTVM = 1 << 20,
  VTW = 1 << 21,
  VTSR = 1 << 22,
}

/** The VS-level interrupt bits of mip/mie (hvip, hideleg, hip/hie). */
export const VS_IRQS = (1 << 2) | (1 << 6) | (1 << 10);

/** mip/mie bits. */
export const enum Ip {
  SSI = 1 << 1,
  VSSI = 1 << 2,
  MSI = 1 << 3,
  STI = 1 << 5,
  VSTI = 1 << 6,
  MTI = 1 << 7,
  SEI = 1 << 9,
  VSEI = 1 << 10,
  MEI = 1 << 11,
  SGEI = 1 << 12,
}

export class CsrFile {
  readonly table: (CsrEntry | undefined)[] = new Array<CsrEntry | undefined>(4096).fill(undefined);

  // machine state that the trap and interrupt logic reads directly
  mstatus = 0; // low word; the high word is fixed (UXL = SXL = 2) but for MPV/GVA (H)
  mstatusHi = 0;
  mtvecLo = 0;
  mtvecHi = 0;
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** Software-writable pending bits (SSIP, STIP, SEIP as written by M-mode). */
  mipSw = 0;
  /** Pending bits driven by devices (MSIP, MTIP, MEIP, SEIP from the PLIC). */
  mipHw = 0;
  stvecLo = 0;
  stvecHi = 0;
  satpLo = 0;
  satpHi = 0;
  mcounteren = 0;
  scounteren = 0;
  mcountinhibit = 0;
  menvcfgLo = 0;
  menvcfgHi = 0;
  /** Writable bits of menvcfg's high word: STCE (bit 63) once Sstc is attached (src/csr/sstc.ts). */
  menvcfgHiWritable = 0;
  /** Called after a menvcfg write (Sstc re-evaluates STIP when STCE changes). */
  onMenvcfgWrite: (() => void) | null = null;
  senvcfg = 0;

  // H extension state (src/csr/h-csrs.ts, src/csr/vs-csrs.ts); all zero without H.
  /** hstatus low word (the high word is VSXL = 2, read-only). */
  hstatus = 0;
  hedeleg = 0;
  hideleg = 0;
  /** hvip: the VS-level pending bits (2, 6, 10) the hypervisor injects; they show in mip. */
  hvip = 0;
  hcounteren = 0;
  henvcfg = 0;
  /** henvcfg's high word: ADUE (Svadu), STCE (Sstc); each reads as zero while menvcfg's is 0. */
  henvcfgHi = 0;
  /** Writable bits of henvcfg's high word: ADUE, and STCE once vstimecmp is attached (src/csr/vstimecmp.ts). */
  henvcfgHiWritable = ENVCFG_ADUE_HI;
  /** Called after henvcfg or htimedelta writes (vstimecmp re-evaluates VSTIP). */
  onVsTimerChange: (() => void) | null = null;
  htimedeltaLo = 0;
  htimedeltaHi = 0;
  hgatpLo = 0;
  hgatpHi = 0;
  /** vsstatus low word (the high word is UXL = 2, read-only). */
  vsstatus = 0;
  vstvecLo = 0;
  vstvecHi = 0;
  vsatpLo = 0;
  vsatpHi = 0;

  /** Set by the machine when a TypeScript HS-mode handler is installed (src/hv). */
  hsTrapHook = false;
  /** A trap was just entered in HS-mode while the hook is on: the machine calls the handler. */
  hsTrapTaken = false;

  /** Plain 64-bit storage for the simple CSRs (epc, cause, tval, scratch, ...), two words per address. */
  readonly regs = new Int32Array(8192);

  /** Offsets added to the retired-instruction count for mcycle and minstret (lo, hi). */
  cycleOffLo = 0;
  cycleOffHi = 0;
  instretOffLo = 0;
  instretOffHi = 0;

  /** Simulated time (timebase ticks) for the `time` CSR; set by the machine (the CLINT's mtime). */
  timeNow: () => number = () => 0;
  /** Cycles retired so far; set by the machine (the timing model, or instret with no model). */
  cycleNow: () => number;

  /** Called when something that affects interrupt delivery changes (ends the slice). */
  readonly misaLo: number;
  readonly misaHi = 0x80000000 | 0; // MXL = 2 (64-bit)

  constructor(private readonly h: Hart) {
    this.misaLo = h.ext;
    this.cycleNow = () => h.instret;
    this.mstatusHi = 0xa; // UXL = SXL = 2
  }

  /** menvcfg.STCE (Sstc): STIP follows time >= stimecmp and is read-only in mip. */
  stce(): boolean {
    return (this.menvcfgHi & MENVCFG_STCE_HI) !== 0;
  }

  /** henvcfg.STCE (Sstc with H): VSTIP follows time + htimedelta >= vstimecmp; zero while menvcfg.STCE = 0. */
  vstce(): boolean {
    return (this.henvcfgHi & this.menvcfgHi & MENVCFG_STCE_HI) !== 0;
  }

  /** menvcfg.ADUE (Svadu): HS/S-stage and G-stage walks set A/D instead of page faulting. */
  adue(): boolean {
    return (this.menvcfgHi & ENVCFG_ADUE_HI) !== 0;
  }

  /** The VS-stage's ADUE: henvcfg.ADUE, which is read-only zero while menvcfg.ADUE = 0. */
  vsAdue(): boolean {
    return (this.henvcfgHi & this.menvcfgHi & ENVCFG_ADUE_HI) !== 0;
  }

  get mip(): number {
    return this.mipSw | this.mipHw | this.hvip;
  }

  define(addr: number, e: CsrEntry): void {
    if (this.table[addr] !== undefined) throw new Error(`CSR 0x${addr.toString(16)} defined twice`);
    this.table[addr] = e;
  }

  /**
   * Access check for a CSR instruction: returns the entry, or the cause to raise as a negative
   * number (-cause - 1) so callers need no allocation.
   */
  lookup(addr: number, write: boolean): CsrEntry | number {
    let e = this.table[addr];
    const h = this.h;
    if (e === undefined) return Cause.IllegalInsn;
    if (write && addr >>> 10 === 3) return Cause.IllegalInsn;
    const need = (addr >>> 8) & 3;
    if (h.virt === 0) {
      // Hypervisor-level CSRs (bits 9:8 = 2) are HS-mode CSRs (H extension, "CSR address map").
      if (h.priv < (need === 2 ? Priv.S : need)) return Cause.IllegalInsn;
    } else if (need !== 0) {
      // V=1 (H extension, "Virtual-Instruction Exceptions"): M-level CSRs stay illegal; an access
      // HS-mode could make raises virtual-instruction (h*/vs* CSRs from VS or VU, s* CSRs from VU).
      if (need === 3) return Cause.IllegalInsn;
      if (addr === CSR_STIMECMP) {
        // stimecmp names vstimecmp (Sstc; H extension, hcounteren and henvcfg.STCE): illegal when
        // HS could not access stimecmp (menvcfg.STCE or mcounteren.TM clear); else from VS it
        // needs henvcfg.STCE and hcounteren.TM, and VU never has it: virtual-instruction.
        const c = e.check === undefined ? 0 : e.check(h, write);
        if (c !== 0) return c;
        const v = this.table[CSR_VSTIMECMP];
        if (h.priv === Priv.U || v === undefined || !this.vstce() || (this.hcounteren & COUNTEREN_TM) === 0) {
          return Cause.VirtualInsn;
        }
        return v;
      }
      // vstimecmp itself: illegal, not virtual, when HS could not access it either.
      if (addr === CSR_VSTIMECMP && e.check !== undefined && e.check(h, write) !== 0) return Cause.IllegalInsn;
      if (need === 2 || h.priv === Priv.U) return Cause.VirtualInsn;
      if (addr === CSR_SATP && (this.hstatus & Hs.VTVM) !== 0) return Cause.VirtualInsn;
      // s* CSRs name their vs* counterparts while V=1.
      const alias = VS_ALIAS[addr];
      if (alias !== 0) {
        const v = this.table[alias];
        if (v !== undefined) e = v;
      }
    }
    if (e.check !== undefined) {
      const c = e.check(h, write);
      if (c !== 0) return c;
    }
    return e;
  }

  /** Effective vsstatus.SD: set when its FS is dirty (XS and VS are zero here). */
  vsSd(): boolean {
    return (this.vsstatus & Ms.FS) === Ms.FS;
  }

  /** Effective mstatus.SD: set when FS, XS or VS is dirty. */
  sd(): boolean {
    return (this.mstatus & Ms.FS) === Ms.FS || (this.mstatus & Ms.XS) === Ms.XS || (this.mstatus & (3 << 9)) === 3 << 9;
  }

  /**
   * FP state is enabled: mstatus.FS != Off and, with V=1, vsstatus.FS != Off too (H extension,
   * "Hypervisor Status Register"/vsstatus: both FS fields gate the FP unit in VS/VU).
   */
  fpOn(): boolean {
    return (
      (this.mstatus & Ms.FS) !== 0 &&
      (this.h.ext & (Ext.F | Ext.D)) !== 0 &&
      (this.h.virt === 0 || (this.vsstatus & Ms.FS) !== 0)
    );
  }

  /** Marks the FP state dirty after an FP register or fcsr write (vsstatus.FS too when V=1). */
  fpDirty(): void {
    this.mstatus |= Ms.FS;
    if (this.h.virt !== 0) this.vsstatus |= Ms.FS;
  }
}
