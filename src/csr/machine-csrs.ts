/** Machine-level CSRs (privileged spec, chapter 3). */
import { Ext, type Hart, Priv } from '../rv64/hart.js';
import { type CsrFile, Ip, Ms, MsHi, VS_IRQS, val } from './csr-file.js';
import type { Pmp } from '../rv64/pmp.js';
import { definePmpCsrs } from './pmp-csrs.js';
import { constant, plain } from './plain.js';

/** Writable mstatus bits (low word). FS only with F/D; SPP/SIE/SPIE/SUM/MXR/TVM/TSR only with S. */
function mstatusMask(h: Hart): number {
  let m = Ms.MIE | Ms.MPIE | Ms.MPP | Ms.MPRV | Ms.TW;
  if (h.ext & Ext.S) m |= Ms.SIE | Ms.SPIE | Ms.SPP | Ms.SUM | Ms.MXR | Ms.TVM | Ms.TSR;
  if (h.ext & (Ext.F | Ext.D)) m |= Ms.FS;
  return m;
}

/** Legal MPP values (WARL): M, S if present, U; the reserved value 2 becomes U, as in Spike. */
export function legalizePriv(h: Hart, p: number): number {
  if (p === 2 || (p === Priv.S && (h.ext & Ext.S) === 0)) return Priv.U;
  return p;
}

export function readMstatus(c: CsrFile): void {
  val[0] = c.mstatus;
  val[1] = c.mstatusHi | (c.sd() ? 0x80000000 : 0);
}

export function writeMstatus(h: Hart, lo: number, hi: number): void {
  const c = h.csr;
  const mask = mstatusMask(h);
  let v = (c.mstatus & ~mask) | (lo & mask);
  v = (v & ~Ms.MPP) | (legalizePriv(h, (v >>> 11) & 3) << 11);
  const changed = v ^ c.mstatus;
  c.mstatus = v;
  // UXL/SXL are read-only 2; MBE/SBE are 0 (little-endian only). With H: MPV and GVA are writable.
  let changedHi = 0;
  if (h.ext & Ext.H) {
    const w = MsHi.MPV | MsHi.GVA;
    const nh = (c.mstatusHi & ~w) | (hi & w);
    changedHi = nh ^ c.mstatusHi;
    c.mstatusHi = nh;
  }
  // MPRV, MPP, MPV, SUM and MXR change how data accesses translate: switch TLB context.
  if (changed & (Ms.MPRV | Ms.MPP | Ms.SUM | Ms.MXR) || changedHi & MsHi.MPV) h.mmu.selectContext();
  // Enabling interrupts may make a pending one deliverable before the next instruction.
  h.endSlice();
}

export function defineMachineCsrs(c: CsrFile, h: Hart, pmp: Pmp): void {
  c.define(0xf11, constant('mvendorid', 0));
  c.define(0xf12, constant('marchid', 0));
  c.define(0xf13, constant('mimpid', 0));
  c.define(0xf14, constant('mhartid', 0));
  c.define(0xf15, constant('mconfigptr', 0));
  c.define(0x300, { name: 'mstatus', read: (h) => readMstatus(h.csr), write: writeMstatus });
  // misa is read-only (a legal WARL choice): the ISA is fixed by --isa.
  c.define(0x301, { name: 'misa', read: (h) => ((val[0] = h.csr.misaLo), (val[1] = h.csr.misaHi)), write: () => {} });
  // causes 0-9, 12, 13, 15; medeleg[11] (ecall from M) is read-only zero. With H also 10 (ecall
  // from VS), 20, 21, 23 (guest-page faults) and 22 (virtual instruction).
  const hasH = (h.ext & Ext.H) !== 0;
  const delegable = 0xb3ff | (hasH ? (1 << 10) | (0xf << 20) : 0);
  c.define(0x302, {
    name: 'medeleg',
    read: (h) => ((val[0] = h.csr.medeleg), (val[1] = 0)),
    write: (h, lo) => {
      h.csr.medeleg = lo & (h.ext & Ext.S ? delegable : 0);
    },
  });
  // With H, the VS-level interrupts are always delegated past M: mideleg bits 2, 6, 10 read as one
  // (H extension, "Machine Interrupt Delegation Register").
  if (hasH) c.mideleg = VS_IRQS;
  c.define(0x303, {
    name: 'mideleg',
    read: (h) => ((val[0] = h.csr.mideleg), (val[1] = 0)),
    write: (h, lo) => {
      h.csr.mideleg = (lo & (h.ext & Ext.S ? Ip.SSI | Ip.STI | Ip.SEI : 0)) | (hasH ? VS_IRQS : 0);
      h.endSlice();
    },
  });
  c.define(0x304, {
    name: 'mie',
    read: (h) => ((val[0] = h.csr.mie), (val[1] = 0)),
    write: (h, lo) => {
      const s = (h.ext & Ext.S ? Ip.SSI | Ip.STI | Ip.SEI : 0) | (hasH ? VS_IRQS : 0);
      h.csr.mie = lo & (Ip.MSI | Ip.MTI | Ip.MEI | s);
      h.endSlice();
    },
  });
  c.define(0x305, {
    name: 'mtvec',
    read: (h) => ((val[0] = h.csr.mtvecLo), (val[1] = h.csr.mtvecHi)),
    // Direct (0) and vectored (1) modes; bit 1 is reserved and reads as zero (as in Spike).
    write: (h, lo, hi) => ((h.csr.mtvecLo = lo & ~2), (h.csr.mtvecHi = hi)),
  });
  c.define(0x306, {
    name: 'mcounteren',
    read: (h) => ((val[0] = h.csr.mcounteren), (val[1] = 0)),
    write: (h, lo) => (h.csr.mcounteren = lo),
  });
  c.define(0x30a, {
    name: 'menvcfg',
    read: (h) => ((val[0] = h.csr.menvcfgLo), (val[1] = h.csr.menvcfgHi)),
    // FIOM (bit 0), STCE (bit 63) when Sstc is attached, ADUE (bit 61) with Svadu; no Svpbmt (PBMTE).
    write: (h, lo, hi) => {
      const c = h.csr;
      c.menvcfgLo = lo & 1;
      c.menvcfgHi = hi & c.menvcfgHiWritable;
      c.onMenvcfgWrite?.();
      h.endSlice();
    },
  });
  // Sdtrig with no triggers: tselect reads 0 and tdata1 reads 0 (type 0: no trigger at this index),
  // writes are ignored. Software probing for triggers (riscv-tests' breakpoint test, OpenSBI, gdb)
  // sees that none exist.
  for (const [a, n] of [[0x7a0, 'tselect'], [0x7a1, 'tdata1'], [0x7a2, 'tdata2'], [0x7a3, 'tdata3']] as const) {
    c.define(a, { name: n, read: () => ((val[0] = 0), (val[1] = 0)), write: () => {} });
  }
  c.define(0x340, plain(0x340, 'mscratch'));
  c.define(0x341, epc(0x341, 'mepc'));
  c.define(0x342, plain(0x342, 'mcause'));
  c.define(0x343, plain(0x343, 'mtval'));
  c.define(0x344, {
    name: 'mip',
    read: (h) => ((val[0] = h.csr.mip), (val[1] = 0)),
    write: (h, lo) => {
      let w = h.ext & Ext.S ? Ip.SSI | Ip.STI | Ip.SEI : 0;
      // Sstc: with menvcfg.STCE = 1, STIP reflects time >= stimecmp and is read-only here.
      if (h.csr.stce()) w &= ~Ip.STI;
      h.csr.mipSw = (h.csr.mipSw & ~w) | (lo & w);
      // With H, mip.VSSIP is an alias of hvip.VSSIP; VSEIP and VSTIP are read-only here.
      if (h.ext & Ext.H) h.csr.hvip = (h.csr.hvip & ~Ip.VSSI) | (lo & Ip.VSSI);
      h.endSlice();
    },
  });
  // PMP: 16 entries; pmpcfg0/2 and pmpaddr0-15 (RV64 has only even pmpcfg registers).
  definePmpCsrs(c, pmp);
  void h;
}

/** xepc: bit 0 is always zero; bit 1 reads as zero when IALIGN is 32 (no C). */
export function epc(addr: number, name: string) {
  const i = addr * 2;
  return {
    name,
    read: (h: Hart) => {
      val[0] = h.csr.regs[i] & (h.ext & Ext.C ? ~1 : ~3);
      val[1] = h.csr.regs[i + 1];
    },
    write: (h: Hart, lo: number, hi: number) => {
      h.csr.regs[i] = lo & ~1;
      h.csr.regs[i + 1] = hi;
    },
  };
}
