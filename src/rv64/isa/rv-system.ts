/**
 * Privileged instructions (privileged spec 3.3 and 10.2, with the H extension's rules for V=1):
 * MRET, SRET, WFI, SFENCE.VMA, and Zifencei's FENCE.I.
 */
import { Hs, Ms, MsHi } from '../../csr/csr-file.js';
import { legalizePriv } from '../../csr/machine-csrs.js';
import { Ext, type Hart, Priv } from '../hart.js';
import { Fence } from '../mmu.js';
import { Cause } from '../trap.js';
import { illegal } from './illegal.js';
import type { InsnRow } from './types.js';

const MEPC = 0x341 * 2;
const SEPC = 0x141 * 2;
const VSEPC = 0x241 * 2;

/** Sets pc (npc) from an xepc register, applying the IALIGN read mask. */
function returnTo(h: Hart, idx: number): void {
  const r = h.csr.regs;
  h.npcLo = r[idx] & (h.ext & Ext.C ? ~1 : ~3);
  h.npcHi = r[idx + 1];
}

/**
 * Switches to privilege `p` and virtualization mode `v`; the TLBs switch to that context's tagged
 * entries (xRET may also have changed MPRV, so the context is selected whatever changed).
 */
function setPriv(h: Hart, p: number, v = 0): void {
  h.priv = p;
  h.virt = v;
  h.mmu.selectContext();
  h.endSlice();
}

export const rvSystem: InsnRow[] = [
  {
    // MRET (privileged spec 3.3.2; H: V = MPV when MPP != M, then MPV = 0).
    name: 'mret', ext: 'I', mask: 0xffffffff, match: 0x30200073, format: 'NONE',
    exec: (h, i) => {
      // Not allowed in HS either, so illegal (not virtual) from V=1.
      if (h.priv !== Priv.M) illegal(h, i);
      const c = h.csr;
      let s = c.mstatus;
      const mpp = (s >>> 11) & 3;
      const mpv = mpp !== Priv.M && (c.mstatusHi & MsHi.MPV) !== 0 ? 1 : 0;
      s = (s & ~Ms.MIE) | (s & Ms.MPIE ? Ms.MIE : 0);
      s |= Ms.MPIE;
      s = (s & ~Ms.MPP) | (legalizePriv(h, Priv.U) << 11);
      if (mpp !== Priv.M) s &= ~Ms.MPRV;
      c.mstatus = s;
      c.mstatusHi &= ~MsHi.MPV;
      returnTo(h, MEPC);
      setPriv(h, mpp, mpv);
    },
  },
  {
    // SRET (privileged spec 10.1.1; H extension "Trap Return"): in VS it returns within V=1 through
    // vsstatus/vsepc (virtual-instruction when hstatus.VTSR = 1); in HS/M it restores V from
    // hstatus.SPV and clears SPV; in VU it is a virtual-instruction exception.
    name: 'sret', ext: 'S', mask: 0xffffffff, match: 0x10200073, format: 'NONE',
    exec: (h, i) => {
      const c = h.csr;
      if (h.virt !== 0) {
        if (h.priv === Priv.U || (c.hstatus & Hs.VTSR) !== 0) illegal(h, i, Cause.VirtualInsn);
        let s = c.vsstatus;
        const spp = s & Ms.SPP ? Priv.S : Priv.U;
        s = (s & ~Ms.SIE) | (s & Ms.SPIE ? Ms.SIE : 0);
        s |= Ms.SPIE;
        s &= ~Ms.SPP;
        c.vsstatus = s;
        returnTo(h, VSEPC);
        setPriv(h, spp, 1);
        return;
      }
      if (h.priv < Priv.S || (h.priv === Priv.S && c.mstatus & Ms.TSR)) illegal(h, i);
      let s = c.mstatus;
      const spp = s & Ms.SPP ? Priv.S : Priv.U;
      s = (s & ~Ms.SIE) | (s & Ms.SPIE ? Ms.SIE : 0);
      s |= Ms.SPIE;
      s &= ~Ms.SPP;
      s &= ~Ms.MPRV; // SPP is never M
      c.mstatus = s;
      let spv = 0;
      if (h.ext & Ext.H) {
        spv = (c.hstatus & Hs.SPV) !== 0 ? 1 : 0;
        c.hstatus &= ~Hs.SPV;
      }
      returnTo(h, SEPC);
      setPriv(h, spp, spv);
    },
  },
  {
    // WFI (privileged spec 3.3.3; H "Virtual-Instruction Exceptions"): with mstatus.TW = 1 illegal
    // below M; in U-mode illegal when S exists (as Spike); in VU virtual-instruction; in VS
    // virtual-instruction when hstatus.VTW = 1.
    name: 'wfi', ext: 'I', mask: 0xffffffff, match: 0x10500073, format: 'NONE',
    exec: (h, i) => {
      if (h.priv < Priv.M) {
        if ((h.csr.mstatus & Ms.TW) !== 0) illegal(h, i);
        if (h.virt !== 0) {
          if (h.priv === Priv.U || (h.csr.hstatus & Hs.VTW) !== 0) illegal(h, i, Cause.VirtualInsn);
        } else if (h.priv === Priv.U && h.ext & Ext.S) {
          illegal(h, i);
        }
      }
      h.wfi = true;
      h.endSlice();
    },
  },
  {
    // SFENCE.VMA: illegal in U and (TVM) in HS; in VU, or VS with hstatus.VTVM, virtual-instruction.
    // From HS/M it invalidates V=0 translations (all, or rs2's ASID), leaving guest entries alone;
    // from VS it is HFENCE.VVMA for the current VMID (rs2: a vsatp ASID). The rs1 (address) form
    // invalidates the same contexts whole (src/rv64/mmu.ts, Mmu.fence).
    name: 'sfence_vma', ext: 'S', mask: 0xfe007fff, match: 0x12000073, format: 'RS1_RS2',
    exec: (h, i) => {
      if (h.virt !== 0) {
        if (h.priv === Priv.U || (h.csr.hstatus & Hs.VTVM) !== 0) illegal(h, i, Cause.VirtualInsn);
      } else if (h.priv < Priv.S || (h.priv === Priv.S && h.csr.mstatus & Ms.TVM)) {
        illegal(h, i);
      }
      const rs2 = (i >>> 20) & 31;
      const asid = rs2 === 0 ? -1 : h.x[2 * rs2] & 0xffff;
      if (h.virt !== 0) h.mmu.fence(Fence.GuestVs, asid, (h.csr.hgatpHi >>> 12) & 0x3fff);
      else h.mmu.fence(Fence.Host, asid, -1);
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
