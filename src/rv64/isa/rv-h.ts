/**
 * The H extension's instructions (privileged spec, "Hypervisor Instructions"): HLV/HLVX/HSV
 * (src/hext/hlv.ts) and HFENCE.VVMA/GVMA. The fences invalidate the tagged TLB contexts they name
 * (src/rv64/mmu.ts, Mmu.fence): HFENCE.VVMA the current VMID's guest contexts (rs2: one vsatp
 * ASID), HFENCE.GVMA every guest context (rs2: one VMID); address forms invalidate those whole.
 */
import { Ms } from '../../csr/csr-file.js';
import { checkHypervisorInsn, hlvHi, hlvLoad, hsvStore } from '../../hext/hlv.js';
import type { Hart } from '../hart.js';
import { Fence } from '../mmu.js';
import { illegal } from './illegal.js';
import type { InsnRow } from './types.js';

const HLV_MASK = 0xfff0707f;
const HSV_MASK = 0xfe007fff;

/** rd = the loaded value, sign-extended (`signed`) or zero-extended from `size` bytes. */
function hlv(name: string, match: number, size: number, signed: boolean, hlvx = false): InsnRow {
  return {
    name, ext: 'H', mask: HLV_MASK, match, format: 'HLV',
    exec: (h: Hart, i: number) => {
      const v = hlvLoad(h, i, size, hlvx);
      const rd = (i >>> 6) & 62;
      if (size === 8) {
        h.x[rd] = v;
        h.x[rd + 1] = hlvHi[0];
        return;
      }
      const z = size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v;
      h.x[rd] = signed ? v : z;
      h.x[rd + 1] = signed ? v >> 31 : 0;
    },
  };
}

function hsv(name: string, match: number, size: number): InsnRow {
  return {
    name, ext: 'H', mask: HSV_MASK, match, format: 'HSV',
    exec: (h: Hart, i: number) => {
      const rs2 = (i >>> 19) & 62;
      hsvStore(h, i, size, h.x[rs2], h.x[rs2 + 1]);
    },
  };
}

export const rvH: InsnRow[] = [
  hlv('hlv_b', 0x60004073, 1, true),
  hlv('hlv_bu', 0x60104073, 1, false),
  hlv('hlv_h', 0x64004073, 2, true),
  hlv('hlv_hu', 0x64104073, 2, false),
  hlv('hlvx_hu', 0x64304073, 2, false, true),
  hlv('hlv_w', 0x68004073, 4, true),
  hlv('hlv_wu', 0x68104073, 4, false),
  hlv('hlvx_wu', 0x68304073, 4, false, true),
  hlv('hlv_d', 0x6c004073, 8, true),
  hsv('hsv_b', 0x62004073, 1),
  hsv('hsv_h', 0x66004073, 2),
  hsv('hsv_w', 0x6a004073, 4),
  hsv('hsv_d', 0x6e004073, 8),
  {
    name: 'hfence_vvma', ext: 'H', mask: HSV_MASK, match: 0x22000073, format: 'RS1_RS2',
    exec: (h, i) => {
      checkHypervisorInsn(h, i, false);
      const rs2 = (i >>> 20) & 31;
      h.mmu.fence(Fence.GuestVs, rs2 === 0 ? -1 : h.x[2 * rs2] & 0xffff, (h.csr.hgatpHi >>> 12) & 0x3fff);
      h.endSlice();
    },
  },
  {
    // HFENCE.GVMA: also illegal in HS-mode when mstatus.TVM = 1.
    name: 'hfence_gvma', ext: 'H', mask: HSV_MASK, match: 0x62000073, format: 'RS1_RS2',
    exec: (h, i) => {
      checkHypervisorInsn(h, i, false);
      if (h.priv === 1 && (h.csr.mstatus & Ms.TVM) !== 0) illegal(h, i);
      const rs2 = (i >>> 20) & 31;
      h.mmu.fence(Fence.GuestG, -1, rs2 === 0 ? -1 : h.x[2 * rs2] & 0x3fff);
      h.endSlice();
    },
  },
];
