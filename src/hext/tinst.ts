/**
 * The transformed instruction written to htinst/mtinst (privileged spec, H extension, "Transformed
 * Instruction or Pseudoinstruction for mtinst or htinst").
 *
 * What we write, per trap (the spec allows zero for every explicit-access case; Spike writes zero
 * for all of them, QEMU the transformed instruction for all of them):
 *  - guest-page faults (21, 23) of explicit loads, stores, AMOs, LR/SC, HLV/HLVX/HSV and FP
 *    loads/stores: the transformed instruction, as QEMU does, because a hypervisor emulating
 *    MMIO decodes the access (width, sign, rd or rs2) from htinst;
 *  - guest-page faults of implicit VS-stage PTE accesses: the pseudoinstructions 0x3000/0x3020
 *    (two-stage.ts), which the spec requires;
 *  - instruction guest-page faults, and all page, access and misaligned faults: zero, as Spike.
 *
 * The instruction is not passed down the load/store fast paths (that would cost every access):
 * at fault time `currentInsn` finds it where the fetch already put it, in the decoded page or in
 * the parcels the uncached fetch read (see Mmu.codePg / Mmu.fetchLog).
 */
import { SLOTS } from '../rv64/decode-cache.js';
import { rvC } from '../rv64/isa/rv-c.js';
import type { Mmu } from '../rv64/mmu.js';

/** Bits 19:15: rs1 in the instruction, the Addr. Offset field in its transformation. */
const RS1_FIELD = 0x1f << 15;
/** A load (LOAD, LOAD-FP) keeps funct3, rd and opcode: bits 14:0. */
const LOAD_KEEP = 0x00007fff;
/** A store (STORE, STORE-FP) keeps rs2, funct3 and opcode. */
const STORE_KEEP = 0x01f0707f;
/** An AMO/LR/SC or HLV/HLVX/HSV keeps every field but rs1. */
const ALL_BUT_RS1 = ~RS1_FIELD;

/**
 * The transformation of instruction word `w` (a 32-bit word, or a compressed instruction expanded to
 * 32 bits with bit 1 cleared, as the decoder hands words to handlers) with `addrOffset` in bits
 * 19:15, as an unsigned number; 0 for instructions that have no defined transformation.
 */
export function transformedInsn(w: number, addrOffset: number): number {
  // Bit 1 is 0 for a compressed original; the opcode is classified as its 32-bit equivalent.
  const off = (addrOffset & 31) << 15;
  switch ((w | 2) & 0x7f) {
    case 0x03: // LOAD
    case 0x07: // LOAD-FP
      return ((w & LOAD_KEEP) | off) >>> 0;
    case 0x23: // STORE
    case 0x27: // STORE-FP
      return ((w & STORE_KEEP) | off) >>> 0;
    case 0x2f: // AMO, LR, SC
      return ((w & ALL_BUT_RS1) | off) >>> 0;
    case 0x73: // SYSTEM: HLV/HLVX/HSV are funct3 = 100 with funct7 = 0110xxx
      if (((w >>> 12) & 7) === 4 && w >>> 28 === 0b0110) return ((w & ALL_BUT_RS1) | off) >>> 0;
      return 0;
    default:
      return 0;
  }
}

/**
 * `tinst` with its Addr. Offset set to `addrOffset`: the faulting virtual address (tval) minus the
 * access's original address, non-zero only for a misaligned access split in parts. Zero and the
 * pseudoinstructions (bit 0 clear) are returned unchanged.
 */
export function withAddrOffset(tinst: number, addrOffset: number): number {
  if ((tinst & 1) === 0) return tinst;
  return ((tinst & ALL_BUT_RS1) | ((addrOffset & 31) << 15)) >>> 0;
}

/** A 16-bit parcel expanded to 32 bits with bit 1 cleared (the handler convention), 0 if reserved. */
function expandParcel(c: number): number {
  for (const r of rvC) {
    if ((c & r.mask) === r.match && (r.valid === undefined || r.valid(c))) return r.expand(c) & ~2;
  }
  return 0;
}

/**
 * The word of the instruction executing at (pcLo, pcHi), as its handler received it, or 0 when the
 * MMU did not fetch it (a host access outside any instruction). Cold: called on faults only.
 */
export function currentInsn(mmu: Mmu, pcLo: number, pcHi: number): number {
  const log = mmu.fetchLog;
  const p = mmu.codePg;
  if (p !== null && log[0] === (pcLo & -4096) && log[1] === pcHi) {
    const slot = (pcLo & 4095) >>> 1;
    // A 32-bit instruction in the page's last parcel crosses into the next page: the CPU fetched
    // it parcel by parcel (fetch16) instead of decoding it into the page.
    const crosses = slot === SLOTS - 1 && (mmu.ram.u16[(p.base >>> 1) + slot] & 3) === 3;
    if (!crosses) return p.words[slot];
  }
  // Fetched through fetch16: the last parcel read, or the last two for a 32-bit instruction.
  if (log[2] === pcLo && log[3] === pcHi && (log[4] & 3) !== 3) return expandParcel(log[4]);
  const next = (pcLo + 2) | 0;
  if (log[5] === pcLo && log[6] === pcHi && (log[7] & 3) === 3 && log[2] === next) return log[7] | (log[4] << 16);
  return 0;
}
