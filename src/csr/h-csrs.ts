/**
 * Hypervisor CSRs (privileged spec, chapter "Hypervisor Extension, Version 1.0", section
 * "Hypervisor and Virtual Supervisor CSRs"), with their WARL rules. GEILEN = 0: no guest external
 * interrupts, so hgeip/hgeie and hstatus.VGEIN are read-only zero.
 */
import type { Hart } from '../rv64/hart.js';
import { type CsrFile, Hs, Ip, VS_IRQS, val } from './csr-file.js';
import { plain } from './plain.js';
import { Ms } from './csr-file.js';
import { Cause } from '../rv64/trap.js';

/** Writable hstatus bits: GVA, SPV, SPVP, HU, VTVM, VTW, VTSR (VSBE = 0: little-endian only). */
const HSTATUS_W = Hs.GVA | Hs.SPV | Hs.SPVP | Hs.HU | Hs.VTVM | Hs.VTW | Hs.VTSR;
/** hstatus.VSXL (bits 33:32) = 2: VS-mode is RV64, read-only. */
const HSTATUS_HI = 2;
/**
 * hedeleg: exceptions HS may pass on to VS. Bits 9-11 (ecalls from HS, VS, M) and 20-23
 * (guest-page faults, virtual instruction) are read-only zero; the others follow medeleg's set.
 */
export const HEDELEG_W = 0xb1ff;
/** hgatp.MODE values HS may select: Bare, Sv39x4 (8), Sv48x4 (9). */
const HGATP_MODES = (1 << 0) | (1 << 8) | (1 << 9);
/** hgatp.VMID: 14 bits (57:44), i.e. bits 25:12 of the high word. */
const VMID_HI = 0x3fff << 12;
/** hgatp.PPN high part (bits 43:32), bits 11:0 of the high word. */
const PPN_HI = 0xfff;

/** hgatp and HFENCE.GVMA are illegal in HS-mode when mstatus.TVM = 1. */
export const tvmCheck = (h: Hart): number => (h.priv === 1 && (h.csr.mstatus & Ms.TVM) !== 0 ? Cause.IllegalInsn : 0);

export function defineHypervisorCsrs(c: CsrFile): void {
  c.define(0x600, {
    name: 'hstatus',
    read: (h) => ((val[0] = h.csr.hstatus), (val[1] = HSTATUS_HI)),
    write: (h, lo) => {
      h.csr.hstatus = lo & HSTATUS_W;
    },
  });
  c.define(0x602, {
    name: 'hedeleg',
    read: (h) => ((val[0] = h.csr.hedeleg), (val[1] = 0)),
    write: (h, lo) => (h.csr.hedeleg = lo & HEDELEG_W),
  });
  c.define(0x603, {
    name: 'hideleg',
    read: (h) => ((val[0] = h.csr.hideleg), (val[1] = 0)),
    // Only the VS-level interrupts (2, 6, 10) may be delegated to VS-mode.
    write: (h, lo) => {
      h.csr.hideleg = lo & VS_IRQS;
      h.endSlice();
    },
  });
  c.define(0x604, {
    name: 'hie',
    read: (h) => ((val[0] = h.csr.mie & (VS_IRQS | Ip.SGEI)), (val[1] = 0)),
    write: (h, lo) => {
      // SGEIE is read-only zero with GEILEN = 0.
      const m = h.csr;
      m.mie = (m.mie & ~VS_IRQS) | (lo & VS_IRQS);
      h.endSlice();
    },
  });
  c.define(0x644, {
    name: 'hip',
    // VSEIP/VSTIP read-only here (hvip is where they are written); VSSIP aliases hvip.VSSIP.
    read: (h) => ((val[0] = h.csr.mip & (VS_IRQS | Ip.SGEI)), (val[1] = 0)),
    write: (h, lo) => {
      const m = h.csr;
      m.hvip = (m.hvip & ~Ip.VSSI) | (lo & Ip.VSSI);
      h.endSlice();
    },
  });
  c.define(0x645, {
    name: 'hvip',
    read: (h) => ((val[0] = h.csr.hvip), (val[1] = 0)),
    write: (h, lo) => {
      h.csr.hvip = lo & VS_IRQS;
      h.endSlice();
    },
  });
  c.define(0x607, { name: 'hgeie', read: () => ((val[0] = 0), (val[1] = 0)), write: () => {} });
  c.define(0xe12, { name: 'hgeip', read: () => ((val[0] = 0), (val[1] = 0)) });
  c.define(0x606, {
    name: 'hcounteren',
    read: (h) => ((val[0] = h.csr.hcounteren), (val[1] = 0)),
    write: (h, lo) => (h.csr.hcounteren = lo),
  });
  c.define(0x60a, {
    name: 'henvcfg',
    // FIOM; ADUE (bit 61) when menvcfg.ADUE = 1 (Svadu) and STCE (bit 63) when menvcfg.STCE = 1
    // (Sstc, src/csr/vstimecmp.ts), otherwise read-only zero. No Svpbmt: PBMTE is read-only zero.
    read: (h) => ((val[0] = h.csr.henvcfg), (val[1] = h.csr.henvcfgHi & h.csr.menvcfgHi)),
    write: (h, lo, hi) => {
      const m = h.csr;
      m.henvcfg = lo & 1;
      m.henvcfgHi = hi & m.menvcfgHi & m.henvcfgHiWritable;
      // STCE decides where VSTIP comes from.
      m.onVsTimerChange?.();
      h.endSlice();
    },
  });
  c.define(0x605, {
    name: 'htimedelta',
    read: (h) => ((val[0] = h.csr.htimedeltaLo), (val[1] = h.csr.htimedeltaHi)),
    write: (h, lo, hi) => {
      const m = h.csr;
      m.htimedeltaLo = lo;
      m.htimedeltaHi = hi;
      // The guest's time moved: vstimecmp's comparison and its next event change.
      m.onVsTimerChange?.();
      h.endSlice();
    },
  });
  c.define(0x643, plain(0x643, 'htval'));
  c.define(0x64a, plain(0x64a, 'htinst'));
  c.define(0x680, {
    name: 'hgatp',
    check: tvmCheck,
    read: (h) => ((val[0] = h.csr.hgatpLo), (val[1] = h.csr.hgatpHi)),
    write: (h, lo, hi) => {
      const m = h.csr;
      // WARL, but unlike satp a write with an unsupported MODE is not ignored (H extension,
      // "Hypervisor Guest Address Translation and Protection Register"): PPN and VMID take the
      // written value and MODE keeps its old (supported) value, as Spike does.
      let mode = hi >>> 28;
      if (((HGATP_MODES >>> mode) & 1) === 0) mode = m.hgatpHi >>> 28;
      // The x4 root table is 16 KiB aligned: PPN bits 1:0 read as zero.
      m.hgatpLo = lo & ~3;
      m.hgatpHi = ((mode << 28) | (hi & (VMID_HI | PPN_HI))) | 0;
      h.mmu.selectContext(); // guest contexts are tagged by the whole hgatp (VMID)
      h.endSlice();
    },
  });
  // M-level additions: mtval2 (guest physical address >> 2) and mtinst, full width.
  c.define(0x34b, plain(0x34b, 'mtval2'));
  c.define(0x34a, plain(0x34a, 'mtinst'));
}
