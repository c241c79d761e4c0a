/**
 * Decoding a guest's faulting memory access for MMIO emulation: the 32-bit instruction (from htinst
 * when the hart reports it, else fetched with HLVX and, if compressed, expanded), reduced to what
 * the hypervisor needs: load or store, width, sign, and the register.
 */

export interface MmioAccess {
  store: boolean;
  /** 1, 2, 4 or 8 bytes. */
  size: 1 | 2 | 4 | 8;
  /** Loads: sign-extend the value into rd. */
  signed: boolean;
  /** rd for a load, rs2 for a store. */
  reg: number;
}

const OP_LOAD = 0x03;
const OP_STORE = 0x23;

/**
 * The access a (32-bit, or transformed/expanded) load or store instruction makes, or null for
 * anything else (FP loads/stores, AMOs: not emulated on devices).
 */
export function decodeMmio(insn: number): MmioAccess | null {
  // A transformed instruction has bit 1 cleared when the original was compressed; the opcode's
  // other bits are intact (H extension, "Transformed Instruction or Pseudoinstruction").
  const opcode = (insn | 2) & 0x7f;
  const funct3 = (insn >>> 12) & 7;
  if (opcode === OP_LOAD) {
    if (funct3 === 7) return null;
    return { store: false, size: (1 << (funct3 & 3)) as 1 | 2 | 4 | 8, signed: funct3 < 4, reg: (insn >>> 7) & 31 };
  }
  if (opcode === OP_STORE) {
    if (funct3 > 3) return null;
    return { store: true, size: (1 << funct3) as 1 | 2 | 4 | 8, signed: false, reg: (insn >>> 20) & 31 };
  }
  return null;
}

/** The length in bytes of the instruction whose (possibly transformed) word is `insn`. */
export function insnLength(insn: number): 2 | 4 {
  return (insn & 3) === 3 ? 4 : 2;
}
