/**
 * HLV, HLVX and HSV (privileged spec, H extension, "Hypervisor Virtual-Machine Load and Store
 * Instructions"): loads and stores made from HS (or M, or U with hstatus.HU) as though V=1, at the
 * privilege hstatus.SPVP, through both translation stages. They bypass the MMU's TLBs (those hold
 * the current context's translations only).
 *
 * Misaligned HLV/HSV accesses raise address-misaligned exceptions (the spec allows this; regular
 * loads and stores are done in hardware instead).
 */
import { Hs } from '../csr/csr-file.js';
import { type Hart, Priv } from '../rv64/hart.js';
import { illegal } from '../rv64/isa/illegal.js';
import { Access } from '../rv64/mmu.js';
import { Cause, TRAP } from '../rv64/trap.js';
import { guestTranslatorOf } from './two-stage.js';

/**
 * The hypervisor-instruction access rule: virtual-instruction in V=1, illegal in U-mode unless
 * hstatus.HU (for HLV/HSV; `uAllowed` false for HFENCE, never allowed in U).
 */
export function checkHypervisorInsn(h: Hart, insn: number, uAllowed: boolean): void {
  if (h.virt !== 0) illegal(h, insn, Cause.VirtualInsn);
  if (h.priv === Priv.U && !(uAllowed && (h.csr.hstatus & Hs.HU) !== 0)) illegal(h, insn);
}

/** The 64-bit address x[rs1] (no offset: HLV/HSV have none) as halves. */
function addr(h: Hart, insn: number): [number, number] {
  const r = (insn >>> 14) & 62;
  return [h.x[r], h.x[r + 1]];
}

function misaligned(cause: number, lo: number, hi: number): never {
  const t = TRAP.set(cause, lo, hi);
  t.gva = true;
  throw t;
}

/** High word of the last 64-bit HLV (kept out of the return value to avoid allocation). */
export const hlvHi = new Int32Array(1);

/**
 * HLV/HLVX of `size` bytes at x[rs1]: the value, sign-extended to 32 bits (the high word of a
 * doubleword in `hlvHi`).
 */
export function hlvLoad(h: Hart, insn: number, size: number, hlvx: boolean): number {
  checkHypervisorInsn(h, insn, true);
  const [lo, hi] = addr(h, insn);
  if ((lo & (size - 1)) !== 0) misaligned(Cause.LoadMisaligned, lo, hi);
  const priv = (h.csr.hstatus & Hs.SPVP) !== 0 ? Priv.S : Priv.U;
  const pa = guestTranslatorOf(h).translate(lo, hi, Access.Load, size, priv, hlvx);
  const mmu = h.mmu;
  const ram = mmu.ram;
  const off = pa - ram.base;
  if (off >= 0 && off < ram.size) {
    switch (size) {
      case 1:
        return ram.i8[off];
      case 2:
        return ram.i16[off >> 1];
      case 4:
        return ram.i32[off >> 2];
      default:
        hlvHi[0] = ram.i32[(off >> 2) + 1];
        return ram.i32[off >> 2];
    }
  }
  const fault = (): never => {
    const t = TRAP.set(Cause.LoadAccessFault, lo, hi);
    t.gva = true;
    throw t;
  };
  if (pa < 0) fault();
  if (size === 8) {
    const a = mmu.bus.readIo(pa, 4);
    const b = mmu.bus.readIo(pa + 4, 4);
    if (a === null || b === null) fault();
    hlvHi[0] = b! | 0;
    return a! | 0;
  }
  const v = mmu.bus.readIo(pa, size as 1 | 2 | 4);
  if (v === null) fault();
  return size === 1 ? (v! << 24) >> 24 : size === 2 ? (v! << 16) >> 16 : v! | 0;
}

/** HSV of `size` bytes of (vlo, vhi) at x[rs1]. */
export function hsvStore(h: Hart, insn: number, size: number, vlo: number, vhi: number): void {
  checkHypervisorInsn(h, insn, true);
  const [lo, hi] = addr(h, insn);
  if ((lo & (size - 1)) !== 0) misaligned(Cause.StoreMisaligned, lo, hi);
  const priv = (h.csr.hstatus & Hs.SPVP) !== 0 ? Priv.S : Priv.U;
  const pa = guestTranslatorOf(h).translate(lo, hi, Access.Store, size, priv, false);
  const mmu = h.mmu;
  const ram = mmu.ram;
  const off = pa - ram.base;
  if (off >= 0 && off < ram.size) {
    switch (size) {
      case 1:
        ram.i8[off] = vlo;
        break;
      case 2:
        ram.i16[off >> 1] = vlo;
        break;
      case 4:
        ram.i32[off >> 2] = vlo;
        break;
      default:
        ram.i32[off >> 2] = vlo;
        ram.i32[(off >> 2) + 1] = vhi;
    }
    // Keep the decode cache coherent and report stores to watched pages (HTIF), as the MMU does.
    const page = off >>> 12;
    if (mmu.decodeCache.isCode[page] !== 0) mmu.decodeCache.invalidate(off, size);
    if (mmu.watched[page] !== 0) mmu.onWatch?.(pa, size);
    return;
  }
  const ok =
    pa >= 0 &&
    (size === 8
      ? mmu.bus.writeIo(pa, 4, vlo) && mmu.bus.writeIo(pa + 4, 4, vhi)
      : mmu.bus.writeIo(pa, size as 1 | 2 | 4, vlo));
  if (!ok) {
    const t = TRAP.set(Cause.StoreAccessFault, lo, hi);
    t.gva = true;
    throw t;
  }
}
