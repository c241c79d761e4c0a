/**
 * What a privileged differential case is (issue 8, privileged and H sequences): initial values of
 * the operand registers, the seed of a small data window, and a list of steps. Everything is plain
 * data, so fast-check can shrink it and a failing case can be printed and replayed.
 *
 * The case runs inside the program of src/fuzz/priv/program.ts, on the virt machine with H, in
 * M-mode at first. Every trap goes to the harness's M-mode handler (no exception is delegated:
 * medeleg and hedeleg are only written by probes, which restore them), which records mcause, mtval,
 * mtval2, mtinst, mstatus, the mepc offset and hstatus, and returns with MRET to the trapping mode
 * at the next instruction. So steps run in whatever mode the previous ones left the hart in.
 *
 * Registers: a0..a7 and s2..s4 (x10..x20) hold the operand values and are the destinations; t0
 * (x5) is the scratch of composite steps; s1 (x9) points at the data window and is never written.
 */
export const OPERAND_REGS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] as const;
export const DEST_REGS = [0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] as const;
/** Bytes of the data window HLV/HSV use (s1 points at its start). */
export const PRIV_WINDOW = 64;

export type CsrOp = 'csrrw' | 'csrrs' | 'csrrc' | 'csrrwi' | 'csrrsi' | 'csrrci';
export type Mode = 'M' | 'S' | 'U' | 'VS' | 'VU';

/** Trap-control bits a mode switch sets (the others of the set it clears). */
export interface TrapBits {
  tw: boolean;
  tvm: boolean;
  tsr: boolean;
  vtw: boolean;
  vtvm: boolean;
  vtsr: boolean;
  hu: boolean;
  spvp: boolean;
}

export type Step =
  /** A CSR instruction executed in the current mode. `src` is a register, or the uimm of the *i forms. */
  | { k: 'csr'; op: CsrOp; csr: number; rd: number; src: number }
  /**
   * WARL probe in M-mode: to M (ecall + marker), then `csrrw/s/c rdA, csr, rs; csrr rdB, csr;
   * csrw csr, rdA` (the old value goes back).
   */
  | { k: 'probe'; op: 'csrrw' | 'csrrs' | 'csrrc'; csr: number; rdA: number; rdB: number; rs: number }
  /** To M, set the trap bits, MRET into `mode` (MPP/MPV), continue there. */
  | { k: 'mret'; mode: Mode; bits: TrapBits }
  /** In the current mode: sepc = next; set/clear sstatus.SPP, hstatus.SPV; SRET. */
  | { k: 'sret'; spp: boolean; spv: boolean }
  /** A plain ECALL in the current mode (the handler resumes after it, same mode). */
  | { k: 'ecall' }
  /** Back to M-mode (ecall + marker). */
  | { k: 'tom' }
  /** A privileged or illegal instruction word executed in the current mode. */
  | { k: 'insn'; name: string }
  /** `addi t0, s1, off; hlv/hsv rd|rs2, (t0)` in the current mode. */
  | { k: 'hlsv'; name: string; reg: number; off: number }
  /**
   * WFI where the spec makes it trap, or cannot wait: to M, set TW/VTW, MRET into `mode`, WFI. In
   * M (`mode` M) a pending, enabled but untaken SSIP (mstatus.MIE cleared first) is armed around
   * it so it completes at once.
   */
  | { k: 'wfi'; mode: Mode; tw: boolean; vtw: boolean };

export interface PrivCase {
  /** Initial values of OPERAND_REGS, in that order. */
  x: bigint[];
  /** Seed of the data window's initial bytes. */
  mem: number;
  steps: Step[];
}
