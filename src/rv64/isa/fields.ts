/**
 * Operand extraction shared by the instruction rows. Register fields come out pre-doubled
 * (index of the low half in Hart.x), immediates sign-extended to 32 bits.
 */
export const rd2 = (i: number): number => (i >>> 6) & 62;
export const rs1_2 = (i: number): number => (i >>> 14) & 62;
export const rs2_2 = (i: number): number => (i >>> 19) & 62;
export const rs3_2 = (i: number): number => (i >>> 26) & 62;
export const rdOf = (i: number): number => (i >>> 7) & 31;
export const rs1Of = (i: number): number => (i >>> 15) & 31;
export const rs2Of = (i: number): number => (i >>> 20) & 31;
export const rs3Of = (i: number): number => (i >>> 27) & 31;
export const funct3 = (i: number): number => (i >>> 12) & 7;
export const immI = (i: number): number => i >> 20;
export const immS = (i: number): number => ((i >> 25) << 5) | ((i >>> 7) & 31);
export const immB = (i: number): number =>
  ((i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 63) << 5) | (((i >>> 8) & 15) << 1);
export const immU = (i: number): number => i & 0xfffff000;
export const immJ = (i: number): number =>
  ((i >> 31) << 20) | (i & 0xff000) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 1023) << 1);
export const csrOf = (i: number): number => i >>> 20;
