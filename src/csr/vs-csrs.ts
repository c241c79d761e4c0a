/**
 * Virtual-supervisor CSRs (privileged spec, H extension, "Virtual Supervisor CSRs"): the state a
 * guest's s* accesses reach while V=1 (src/csr/csr-file.ts redirects them), directly accessible
 * from HS and M.
 */
import { Ext, type Hart } from '../rv64/hart.js';
import { type CsrFile, Ip, Ms, VS_IRQS, val } from './csr-file.js';
import { epc } from './machine-csrs.js';
import { plain } from './plain.js';

/** Writable vsstatus bits: SIE, SPIE, SPP, SUM, MXR, FS (with F/D). UXL reads 2, UBE 0. */
function vsstatusMask(h: Hart): number {
  let m = Ms.SIE | Ms.SPIE | Ms.SPP | Ms.SUM | Ms.MXR;
  if (h.ext & (Ext.F | Ext.D)) m |= Ms.FS;
  return m;
}

/** VS bits of an mip/mie-shaped value delegated by hideleg, shifted to their S positions (vsip/vsie). */
function toVs(v: number, hideleg: number): number {
  return (v & hideleg & VS_IRQS) >>> 1;
}

export function defineVsCsrs(c: CsrFile): void {
  c.define(0x200, {
    name: 'vsstatus',
    read: (h) => {
      const m = h.csr;
      val[0] = m.vsstatus;
      val[1] = 2 | (m.vsSd() ? 0x80000000 : 0); // UXL = 2
    },
    write: (h, lo) => {
      const m = h.csr;
      const mask = vsstatusMask(h);
      const v = (m.vsstatus & ~mask) | (lo & mask);
      // SUM and MXR change the VS-stage permissions the TLB caches: they are part of its context.
      const ctx = (v ^ m.vsstatus) & (Ms.SUM | Ms.MXR);
      m.vsstatus = v;
      if (ctx) h.mmu.selectContext();
      h.endSlice();
    },
  });
  c.define(0x204, {
    name: 'vsie',
    read: (h) => ((val[0] = toVs(h.csr.mie, h.csr.hideleg)), (val[1] = 0)),
    write: (h, lo) => {
      const m = h.csr;
      const w = m.hideleg & VS_IRQS;
      m.mie = (m.mie & ~w) | ((lo << 1) & w);
      h.endSlice();
    },
  });
  c.define(0x244, {
    name: 'vsip',
    read: (h) => ((val[0] = toVs(h.csr.mip, h.csr.hideleg)), (val[1] = 0)),
    write: (h, lo) => {
      // Only SSIP (hvip.VSSIP) is writable, and only when hideleg delegates it.
      const m = h.csr;
      const w = m.hideleg & Ip.VSSI;
      m.hvip = (m.hvip & ~w) | ((lo << 1) & w);
      h.endSlice();
    },
  });
  c.define(0x205, {
    name: 'vstvec',
    read: (h) => ((val[0] = h.csr.vstvecLo), (val[1] = h.csr.vstvecHi)),
    write: (h, lo, hi) => ((h.csr.vstvecLo = lo & ~2), (h.csr.vstvecHi = hi)),
  });
  c.define(0x240, plain(0x240, 'vsscratch'));
  c.define(0x241, epc(0x241, 'vsepc'));
  c.define(0x242, plain(0x242, 'vscause'));
  c.define(0x243, plain(0x243, 'vstval'));
  c.define(0x280, {
    name: 'vsatp',
    read: (h) => ((val[0] = h.csr.vsatpLo), (val[1] = h.csr.vsatpHi)),
    write: (h, lo, hi) => {
      // Bare, Sv39, Sv48 (as satp); any other mode leaves vsatp unchanged.
      if (((h.mmu.satpModes >>> (hi >>> 28)) & 1) === 0) return;
      h.csr.vsatpLo = lo;
      h.csr.vsatpHi = hi;
      h.mmu.selectContext();
      h.endSlice();
    },
  });
}
