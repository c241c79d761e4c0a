/**
 * A few RV64I/Zicsr encodings (unprivileged spec chapter 2 "RV32I Base Integer Instruction Set",
 * chapter 7 "Zicsr"; privileged spec §3.3 for WFI and MRET), enough for the small machine-level
 * programs of these tests without a cross assembler.
 */
const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | 0x23) >>> 0;

export const X = { zero: 0, ra: 1, sp: 2, t0: 5, t1: 6, t2: 7, a0: 10, a1: 11, a2: 12 } as const;

export const lui = (rd: number, imm20: number): number => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0;
export const addi = (rd: number, rs1: number, imm: number): number => i(imm, rs1, 0, rd, 0x13);
export const slli = (rd: number, rs1: number, sh: number): number => i(sh & 0x3f, rs1, 1, rd, 0x13);
export const add = (rd: number, rs1: number, rs2: number): number => r(0, rs2, rs1, 0, rd, 0x33);
export const sb = (rs2: number, rs1: number, imm: number): number => s(imm, rs2, rs1, 0);
export const sw = (rs2: number, rs1: number, imm: number): number => s(imm, rs2, rs1, 2);
export const sd = (rs2: number, rs1: number, imm: number): number => s(imm, rs2, rs1, 3);
export const lw = (rd: number, rs1: number, imm: number): number => i(imm, rs1, 2, rd, 0x03);
export const ld = (rd: number, rs1: number, imm: number): number => i(imm, rs1, 3, rd, 0x03);
export const csrrw = (rd: number, csr: number, rs1: number): number => i(csr, rs1, 1, rd, 0x73);
export const csrrs = (rd: number, csr: number, rs1: number): number => i(csr, rs1, 2, rd, 0x73);
/** jal rd, offset (bytes, even, within +-1 MiB). */
export const jal = (rd: number, off: number): number =>
  ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
export const wfi = (): number => 0x10500073;
export const mret = (): number => 0x30200073;

/** Little-endian bytes of the instruction words. */
export function code(...words: number[]): Uint8Array {
  const b = new Uint8Array(4 * words.length);
  const dv = new DataView(b.buffer);
  words.forEach((w, k) => dv.setUint32(4 * k, w, true));
  return b;
}
export const auipc = (rd: number, imm20: number): number => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x17) >>> 0;
export const lbu = (rd: number, rs1: number, imm: number): number => i(imm, rs1, 4, rd, 0x03);
export const or = (rd: number, rs1: number, rs2: number): number => r(0, rs2, rs1, 6, rd, 0x33);
