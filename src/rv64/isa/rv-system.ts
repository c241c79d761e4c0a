/**
 * Privileged instructions (privileged spec 3.3 and 10.2): MRET, SRET, WFI, SFENCE.VMA, and
 * Zifencei's FENCE.I.
 */
import { Ms } from '../../csr/csr-file.js';
import { legalizePriv } from '../../csr/machine-csrs.js';
import { Ext, type Hart, Priv } from '../hart.js';
import { illegal } from './illegal.js';
import type { InsnRow } from './types.js';

const MEPC = 0x341 * 2;
const SEPC = 0x141 * 2;

/** Sets pc (npc) from an xepc register, applying the IALIGN read mask. */
function returnTo(h: Hart, idx: number): void {
  const r = h.csr.regs;
  h.npcLo = r[idx] & (h.ext & Ext.C ? ~1 : ~3);
  h.npcHi = r[idx + 1];
}

function setPriv(h: Hart, p: number): void {
  if (h.priv !== p) {
    h.priv = p;
    h.mmu.flush();
  }
  h.endSlice();
}

export const rvSystem: InsnRow[] = [
  {
    name: 'mret', ext: 'I', mask: 0xffffffff, match: 0x30200073, format: 'NONE',
    exec: (h, i) => {
      if (h.priv !== Priv.M) illegal(h, i);
      const c = h.csr;
      let s = c.mstatus;
      const mpp = (s >>> 11) & 3;
      s = (s & ~Ms.MIE) | (s & Ms.MPIE ? Ms.MIE : 0);
      s |= Ms.MPIE;
      s = (s & ~Ms.MPP) | (legalizePriv(h, Priv.U) << 11);
      if (mpp !== Priv.M) s &= ~Ms.MPRV;
      c.mstatus = s;
      returnTo(h, MEPC);
      h.mmu.flush(); // MPRV may have changed
      setPriv(h, mpp);
    },
  },
  {
    name: 'sret', ext: 'S', mask: 0xffffffff, match: 0x10200073, format: 'NONE',
    exec: (h, i) => {
      const c = h.csr;
      if (h.priv < Priv.S || (h.priv === Priv.S && c.mstatus & Ms.TSR)) illegal(h, i);
      let s = c.mstatus;
      const spp = s & Ms.SPP ? Priv.S : Priv.U;
      s = (s & ~Ms.SIE) | (s & Ms.SPIE ? Ms.SIE : 0);
      s |= Ms.SPIE;
      s &= ~Ms.SPP;
      s &= ~Ms.MPRV; // SPP is never M
      c.mstatus = s;
      returnTo(h, SEPC);
      h.mmu.flush();
      setPriv(h, spp);
    },
  },
  {
    // WFI: illegal in U-mode when S exists (as Spike), and in S-mode when mstatus.TW = 1.
    name: 'wfi', ext: 'I', mask: 0xffffffff, match: 0x10500073, format: 'NONE',
    exec: (h, i) => {
      const tw = (h.csr.mstatus & Ms.TW) !== 0;
      if (h.priv < Priv.M && (tw || (h.priv === Priv.U && h.ext & Ext.S))) illegal(h, i);
      h.wfi = true;
      h.endSlice();
    },
  },
  {
    name: 'sfence_vma', ext: 'S', mask: 0xfe007fff, match: 0x12000073, format: 'RS1_RS2',
    exec: (h, i) => {
      if (h.priv < Priv.S || (h.priv === Priv.S && h.csr.mstatus & Ms.TVM)) illegal(h, i);
      h.mmu.flush();
      h.endSlice();
    },
  },
  {
    // The decode cache is kept coherent with stores; FENCE.I still drops it, as the ISA says.
    name: 'fence_i', ext: 'Zifencei', mask: 0x707f, match: 0x100f, format: 'NONE',
    exec: (h) => {
      h.mmu.decodeCache.flushAll();
      h.endSlice();
    },
  },
];
