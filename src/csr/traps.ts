/**
 * Trap entry and interrupt selection (privileged spec 3.1.6-3.1.9, 3.3, 10.1, and the H extension's
 * "Traps" section).
 */
import { Ext, type Hart, Priv } from '../rv64/hart.js';
import type { Trap } from '../rv64/trap.js';
import { Hs, Ip, Ms, MsHi } from './csr-file.js';

// Slots in CsrFile.regs; xcause and xtval follow xepc (0x?41, 0x?42, 0x?43).
const SEPC = 0x141 * 2;
const MEPC = 0x341 * 2;
const MTVAL2 = 0x34b * 2;
const MTINST = 0x34a * 2;
const HTVAL = 0x643 * 2;
const HTINST = 0x64a * 2;
const VSEPC = 0x241 * 2;

/** Causes whose tval is an address (a guest virtual address when taken from V=1). */
const ADDRESS_CAUSES = (1 << 0) | (1 << 1) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 12) | (1 << 13) | (1 << 15) | (1 << 20) | (1 << 21) | (1 << 23);

const TWO32 = 4294967296;

/** Writes a non-negative JS number (< 2^53) to a plain CSR slot. */
function setReg(r: Int32Array, i: number, n: number): void {
  r[i] = n % TWO32 | 0;
  r[i + 1] = Math.floor(n / TWO32) | 0;
}

/** Writes xepc = pc, xcause (interrupt bit 63) and xtval; `epc` is xepc's slot, cause and tval follow. */
function recordTrap(h: Hart, r: Int32Array, epc: number, cause: number, t: Trap): void {
  r[epc] = h.pcLo;
  r[epc + 1] = h.pcHi;
  r[epc + 2] = cause;
  r[epc + 3] = t.interrupt ? 0x80000000 | 0 : 0;
  r[epc + 4] = t.tvalLo;
  r[epc + 5] = t.tvalHi;
}

/** sstatus/vsstatus on trap entry: SPIE = SIE, SIE = 0, SPP = the privilege trapped from. */
function enterSStatus(s: number, prev: number): number {
  s = (s & ~Ms.SPIE) | (s & Ms.SIE ? Ms.SPIE : 0);
  s &= ~Ms.SIE;
  return (s & ~Ms.SPP) | (prev === Priv.S ? Ms.SPP : 0);
}

/**
 * Enters the trap handler for `t` at the privilege level that delegation selects (privileged spec
 * 3.1.8, 10.1; H extension "Trap Entry"): M unless medeleg/mideleg delegates it and the hart is
 * below M; then, from V=1, VS if hedeleg/hideleg delegates it further, else HS.
 */
export function takeTrap(h: Hart, t: Trap): void {
  const c = h.csr;
  const r = c.regs;
  let cause = t.cause;
  const deleg = t.interrupt ? c.mideleg : c.medeleg;
  const prev = h.priv;
  const prevV = h.virt;
  // tval holds a guest virtual address: set by the translation for HLV/HSV and MPRV-with-MPV, and
  // for every address-valued trap taken from V=1.
  const gva = t.gva || (prevV !== 0 && !t.interrupt && ((ADDRESS_CAUSES >>> cause) & 1) !== 0);
  let baseLo: number;
  let baseHi: number;
  if (prev <= Priv.S && ((deleg >>> cause) & 1) !== 0) {
    if (prevV !== 0 && (((t.interrupt ? c.hideleg : c.hedeleg) >>> cause) & 1) !== 0) {
      // VS-mode trap: vsstatus/vsepc/vscause/vstval, through vstvec; V stays 1. The VS-level
      // interrupts appear to the guest as its S-level ones (causes 1, 5, 9).
      if (t.interrupt) cause -= 1;
      recordTrap(h, r, VSEPC, cause, t);
      c.vsstatus = enterSStatus(c.vsstatus, prev);
      h.priv = Priv.S;
      baseLo = c.vstvecLo;
      baseHi = c.vstvecHi;
    } else {
      recordTrap(h, r, SEPC, cause, t);
      c.mstatus = enterSStatus(c.mstatus, prev);
      if (h.ext & Ext.H) {
        // hstatus.SPV = V; SPVP = the privilege, written only when V was 1; GVA; htval/htinst.
        let hs = c.hstatus & ~(Hs.SPV | Hs.GVA);
        if (prevV !== 0) hs = (hs & ~Hs.SPVP) | Hs.SPV | (prev === Priv.S ? Hs.SPVP : 0);
        if (gva) hs |= Hs.GVA;
        c.hstatus = hs;
        setReg(r, HTVAL, t.tval2);
        setReg(r, HTINST, t.tinst);
      }
      h.priv = Priv.S;
      h.virt = 0;
      // A hypervisor written in TypeScript (src/hv) plays HS-mode: the trap is entered exactly as
      // above, then the machine hands it to that handler instead of running code at stvec.
      if (c.hsTrapHook) {
        c.hsTrapTaken = true;
        h.endSlice();
      }
      baseLo = c.stvecLo;
      baseHi = c.stvecHi;
    }
  } else {
    recordTrap(h, r, MEPC, cause, t);
    let s = c.mstatus;
    s = (s & ~Ms.MPIE) | (s & Ms.MIE ? Ms.MPIE : 0);
    s &= ~Ms.MIE;
    s = (s & ~Ms.MPP) | (prev << 11);
    c.mstatus = s;
    if (h.ext & Ext.H) {
      // mstatus.MPV = V, GVA; mtval2/mtinst.
      c.mstatusHi = (c.mstatusHi & ~(MsHi.MPV | MsHi.GVA)) | (prevV !== 0 ? MsHi.MPV : 0) | (gva ? MsHi.GVA : 0);
      setReg(r, MTVAL2, t.tval2);
      setReg(r, MTINST, t.tinst);
    }
    h.priv = Priv.M;
    h.virt = 0;
    baseLo = c.mtvecLo;
    baseHi = c.mtvecHi;
  }
  // Vectored mode sends interrupts to base + 4 * cause.
  let lo = baseLo & ~3;
  let hi = baseHi;
  if ((baseLo & 3) === 1 && t.interrupt) {
    const n = (lo + 4 * cause) | 0;
    hi = (hi + ((n >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
    lo = n;
  }
  h.pcLo = lo;
  h.pcHi = hi;
  h.wfi = false;
  // The TLBs switch to the new context's entries (the old context's stay, tagged: src/rv64/mmu.ts).
  h.mmu.selectContext();
}

/**
 * Interrupt priority order (privileged spec 3.1.9; H extension "Hypervisor Interrupt Registers"):
 * MEI, MSI, MTI, SEI, SSI, STI, SGEI, VSEI, VSSI, VSTI.
 */
const ORDER = [11, 3, 7, 9, 1, 5, 12, 10, 2, 6];

function highest(bits: number): number {
  for (const n of ORDER) if ((bits >>> n) & 1) return n;
  return -1;
}

/**
 * The interrupt to take now, or -1. M-level ones are enabled below M or with MIE; HS-level ones
 * (delegated by mideleg, not by hideleg) in V=1 always, in HS with SIE, in U always; VS-level ones
 * (delegated by hideleg too) only in V=1: always in VU, with vsstatus.SIE in VS.
 */
export function pendingInterrupt(h: Hart): number {
  const c = h.csr;
  const pend = c.mip & c.mie;
  if (pend === 0) return -1;
  const m = pend & ~c.mideleg;
  if (m !== 0 && (h.priv < Priv.M || (c.mstatus & Ms.MIE) !== 0)) return highest(m);
  const hs = pend & c.mideleg & ~c.hideleg;
  if (hs !== 0 && (h.virt !== 0 || h.priv < Priv.S || (h.priv === Priv.S && (c.mstatus & Ms.SIE) !== 0))) return highest(hs);
  if (h.virt === 0) return -1;
  const vs = pend & c.mideleg & c.hideleg;
  if (vs !== 0 && (h.priv === Priv.U || (c.vsstatus & Ms.SIE) !== 0)) return highest(vs);
  return -1;
}

/** Any interrupt pending and enabled in mie, whatever the global enables: what wakes WFI. */
export function wakeupPending(h: Hart): boolean {
  return (h.csr.mip & h.csr.mie) !== 0;
}

export { Ip };
