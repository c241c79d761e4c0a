/**
 * Shared pieces of the H-extension tests: a machine with H, single-instruction execution at a
 * chosen (privilege, V), and instruction encoders for the few forms the tests use.
 */
import { Machine, RAM_BASE } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import { csrRead, csrWrite, openPmp } from '../privileged/helpers.js';

export { csrRead, csrWrite, Priv, RAM_BASE };

export const H_ISA = 'rv64imafdch_zicsr_zifencei';
export const CODE = BigInt(RAM_BASE) + 0x1000n;
/** Trap vectors, far from the code and the page tables. */
export const MTVEC = BigInt(RAM_BASE) + 0x2000n;
export const STVEC = BigInt(RAM_BASE) + 0x3000n;
export const VSTVEC = BigInt(RAM_BASE) + 0x4000n;

export const CSR = {
  sstatus: 0x100, sie: 0x104, stvec: 0x105, sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  vsstatus: 0x200, vsie: 0x204, vstvec: 0x205, vsscratch: 0x240, vsepc: 0x241, vscause: 0x242, vstval: 0x243, vsip: 0x244, vsatp: 0x280,
  hstatus: 0x600, hedeleg: 0x602, hideleg: 0x603, hie: 0x604, htimedelta: 0x605, hcounteren: 0x606, hgeie: 0x607, henvcfg: 0x60a,
  htval: 0x643, hip: 0x644, hvip: 0x645, htinst: 0x64a, hgatp: 0x680, hgeip: 0xe12,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344, mtinst: 0x34a, mtval2: 0x34b,
  cycle: 0xc00, time: 0xc01, instret: 0xc02,
} as const;

/** mstatus / hstatus bits used by the tests. */
export const MS = { SIE: 2n, MIE: 8n, SPIE: 32n, SPP: 256n, FS: 3n << 13n, MPRV: 1n << 17n, SUM: 1n << 18n, MXR: 1n << 19n, TVM: 1n << 20n, TW: 1n << 21n, TSR: 1n << 22n, GVA: 1n << 38n, MPV: 1n << 39n };
export const HS = { GVA: 1n << 6n, SPV: 1n << 7n, SPVP: 1n << 8n, HU: 1n << 9n, VTVM: 1n << 20n, VTW: 1n << 21n, VTSR: 1n << 22n };

/** A 1 MiB machine with H, PMP open, trap vectors set, in M-mode. */
export function hmachine(): Machine {
  const m = new Machine({ memSize: 1 << 20, isa: H_ISA });
  openPmp(m);
  csrWrite(m, CSR.mtvec, MTVEC);
  csrWrite(m, CSR.stvec, STVEC);
  csrWrite(m, CSR.vstvec, VSTVEC);
  return m;
}

/** Puts the hart in (priv, V) without going through a trap or xRET (the TLBs are dropped). */
export function enter(m: Machine, priv: Priv, virt: 0 | 1): void {
  m.hart.priv = priv;
  m.hart.virt = virt;
  m.mmu.flush();
}

/** Executes one instruction word at CODE in the current mode; a trap is taken as the CPU would. */
export function exec(m: Machine, insn: number, at: bigint = CODE): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, insn >>> 0, true);
  m.mmu.writePhys(Number(at), b);
  m.hart.pc = at;
  m.cpu.runSlice(1);
}

/** Where the last `exec` went: 'M', 'HS' or 'VS' trap vector, or 'next' (no trap). */
export function landed(m: Machine, at: bigint = CODE): 'M' | 'HS' | 'VS' | 'next' | string {
  const pc = m.hart.pc;
  if (pc === MTVEC) return 'M';
  if (pc === STVEC) return 'HS';
  if (pc === VSTVEC) return 'VS';
  if (pc === at + 4n) return 'next';
  return `0x${pc.toString(16)}`;
}

// ---- encoders

export const csrr = (rd: number, csr: number): number => (csr << 20) | (2 << 12) | (rd << 7) | 0x73;
export const csrw = (csr: number, rs1: number): number => (csr << 20) | (rs1 << 15) | (1 << 12) | 0x73;
export const ECALL = 0x00000073;
export const MRET = 0x30200073;
export const SRET = 0x10200073;
export const WFI = 0x10500073;
export const sfenceVma = (rs1 = 0, rs2 = 0): number => 0x12000073 | (rs2 << 20) | (rs1 << 15);
export const hfenceVvma = (rs1 = 0, rs2 = 0): number => 0x22000073 | (rs2 << 20) | (rs1 << 15);
export const hfenceGvma = (rs1 = 0, rs2 = 0): number => 0x62000073 | (rs2 << 20) | (rs1 << 15);
/** HLV/HLVX: funct7|rs2-field selects the variant; e.g. hlv.w = 0x680, hlvx.wu = 0x683, hlv.d = 0x6c0. */
export const hlv = (variant: number, rd: number, rs1: number): number => (variant << 20) | (rs1 << 15) | (4 << 12) | (rd << 7) | 0x73;
export const HLV = { b: 0x600, bu: 0x601, h: 0x640, hu: 0x641, hlvxhu: 0x643, w: 0x680, wu: 0x681, hlvxwu: 0x683, d: 0x6c0 };
/** HSV: funct7 0x31 (b), 0x33 (h), 0x35 (w), 0x37 (d). */
export const hsv = (funct7: number, rs2: number, rs1: number): number => (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (4 << 12) | 0x73;
export const HSV = { b: 0x31, h: 0x33, w: 0x35, d: 0x37 };
export const lw = (rd: number, rs1: number, imm = 0): number => ((imm & 0xfff) << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x03;
export const sw = (rs2: number, rs1: number, imm = 0): number =>
  (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (2 << 12) | ((imm & 31) << 7) | 0x23;
export const amoaddW = (rd: number, rs2: number, rs1: number): number => (rs2 << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x2f;
/** fadd.d f1, f2, f3 (rm = dyn). */
export const FADD_D = 0x023170d3;
