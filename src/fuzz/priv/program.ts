/**
 * The bare-metal program around a batch of privileged cases, for `-M virt -bios none -kernel`:
 * M-mode start (mtvec = the trap handler, mscratch = its save area, PMP entry 0 opening all memory
 * to S/U, mtimecmp = -1), then per case: reset the fuzzed CSRs, fill the data window, load the
 * operand registers, run the steps, go back to M (ecall + marker), store x1..x31, the CSR dump and
 * the window into the case's record. At the end the records go out on the UART (0x10000000) as hex,
 * one doubleword a line, and the sifive_test device (0x100000) powers off with 0x5555.
 *
 * The trap handler records up to MAX_LOG traps per case (mcause, mtval, mtval2, mtinst, mstatus,
 * mepc - seq start, hstatus) and resumes at mepc + 4 with MRET (so in the trapping mode); after an
 * ecall followed by the marker word it resumes in M-mode at mepc + 8. A trap outside the case's
 * steps, or more than MAX_TRAPS in one case, powers off with failure code 3 / 4.
 *
 * Steps are emitted as `.word`s (the harness is .option norvc), composite steps as assembly.
 */
import { type Mode, OPERAND_REGS, type PrivCase, PRIV_WINDOW, type Step } from './case.js';
import { DUMP_CSRS, FUZZ_CSRS } from './csrs.js';
import { INSNS } from './arbitraries.js';

export const MAX_LOG = 32;
export const LOG_FIELDS = ['mcause', 'mtval', 'mtval2', 'mtinst', 'mstatus', 'mepc', 'hstatus'] as const;
/** A case's trap count above which the harness gives up (a trap loop). */
export const MAX_TRAPS = 400;
/** The line the record dump starts after. */
export const DUMP_HEAD = '---';
export const MARKER = 0x7ab00013; // addi x0, x0, 0x7ab

/** Record layout in doublewords. */
export const X_Q = 0;
export const LOG_Q = 32;
export const CSR_Q = LOG_Q + 1 + MAX_LOG * LOG_FIELDS.length;
export const WIN_Q = CSR_Q + DUMP_CSRS.length;
export const RECORD_Q = WIN_Q + PRIV_WINDOW / 8;

export const HARNESS_TRAP = 3;
export const TRAP_STORM = 4;

const F3: Record<string, number> = { csrrw: 1, csrrs: 2, csrrc: 3, csrrwi: 5, csrrsi: 6, csrrci: 7 };
export const csrWord = (op: string, rd: number, csr: number, src: number): number => ((csr << 20) | (src << 15) | (F3[op] << 12) | (rd << 7) | 0x73) >>> 0;

export const HLSV: Record<string, number> = {
  'hlv.b': 0x60004073, 'hlv.bu': 0x60104073, 'hlv.h': 0x64004073, 'hlv.hu': 0x64104073, 'hlvx.hu': 0x64304073,
  'hlv.w': 0x68004073, 'hlv.wu': 0x68104073, 'hlvx.wu': 0x68304073, 'hlv.d': 0x6c004073,
  'hsv.b': 0x62004073, 'hsv.h': 0x66004073, 'hsv.w': 0x6a004073, 'hsv.d': 0x6e004073,
};
const T0 = 5;
const S1 = 9;
export function hlsvWord(name: string, reg: number): number {
  const base = HLSV[name];
  return (name.startsWith('hsv') ? base | (T0 << 15) | (reg << 20) : base | (T0 << 15) | (reg << 7)) >>> 0;
}

const hex = (v: number | bigint): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;
const word = (w: number): string => `  .word ${hex(w >>> 0)}`;

/** mstatus.MPP/MPV for entering a mode with MRET. */
function mretBits(mode: Mode): bigint {
  const mpp = { M: 3n, S: 1n, U: 0n, VS: 1n, VU: 0n }[mode];
  return (mpp << 11n) | (mode === 'VS' || mode === 'VU' ? 1n << 39n : 0n);
}
const MS_CLEAR = (3n << 11n) | (1n << 39n) | (1n << 20n) | (1n << 21n) | (1n << 22n);
const HS_CLEAR = (1n << 20n) | (1n << 21n) | (1n << 22n) | (1n << 9n) | (1n << 8n);

/** Assembly of one step; `L` is a unique label prefix. */
export function stepAsm(s: Step, L: string): string[] {
  const tom = ['  ecall', word(MARKER)];
  const mret = (mode: Mode, ms: bigint, hs: bigint): string[] => [
    ...tom,
    `  li t0, ${hex(MS_CLEAR)}`, '  csrc mstatus, t0',
    `  li t0, ${hex(mretBits(mode) | ms)}`, '  csrs mstatus, t0',
    `  li t0, ${hex(HS_CLEAR)}`, '  csrc 0x600, t0',
    `  li t0, ${hex(hs)}`, '  csrs 0x600, t0',
    `  la t0, ${L}_to`, '  csrw mepc, t0', '  mret', `${L}_to:`,
  ];
  switch (s.k) {
    case 'csr':
      return [word(csrWord(s.op, s.rd, s.csr, s.src))];
    case 'probe':
      return [...tom, word(csrWord(s.op, s.rdA, s.csr, s.rs)), word(csrWord('csrrs', s.rdB, s.csr, 0)), word(csrWord('csrrw', 0, s.csr, s.rdA))];
    case 'mret': {
      const b = s.bits;
      const ms = (b.tvm ? 1n << 20n : 0n) | (b.tw ? 1n << 21n : 0n) | (b.tsr ? 1n << 22n : 0n);
      const hs = (b.vtvm ? 1n << 20n : 0n) | (b.vtw ? 1n << 21n : 0n) | (b.vtsr ? 1n << 22n : 0n) | (b.hu ? 1n << 9n : 0n) | (b.spvp ? 1n << 8n : 0n);
      return mret(s.mode, ms, hs);
    }
    case 'sret':
      return [
        `  la t0, ${L}_to`, '  csrw sepc, t0',
        '  li t0, 0x100', `  ${s.spp ? 'csrs' : 'csrc'} sstatus, t0`,
        '  li t0, 0x80', `  ${s.spv ? 'csrs' : 'csrc'} 0x600, t0`,
        '  sret', `${L}_to:`,
      ];
    case 'ecall':
      return ['  ecall'];
    case 'tom':
      return tom;
    case 'insn':
      return [word(INSNS[s.name])];
    case 'hlsv':
      return [`  addi t0, s1, ${s.off}`, word(hlsvWord(s.name, s.reg))];
    case 'wfi': {
      if (s.mode === 'M') return [...tom, '  csrci mstatus, 8', '  li t0, 2', '  csrs mie, t0', '  csrs mip, t0', '  wfi', '  csrc mie, t0', '  csrc mip, t0'];
      return [...mret(s.mode, s.tw ? 1n << 21n : 0n, s.vtw ? 1n << 21n : 0n), '  wfi'];
    }
  }
}

/** CSRs the case prologue sets to zero (mtvec gets the handler; misa is left alone). */
const RESET = FUZZ_CSRS.filter((c) => (c.cls === 'free' || c.cls === 'guard') && c.name !== 'misa' && c.name !== 'mtvec');

/**
 * Status CSRs the prologue resets to UXL/VSXL = 2 (RV64) instead of 0: QEMU 7.2 ignores a write of
 * UXL = 0 to mstatus/sstatus/vsstatus (it keeps the old UXL), so a zero reset would carry a UXL one
 * case wrote into the next case on QEMU only. rvsim's UXL/VSXL are read-only 2, so on both sides
 * every case starts with 2.
 */
const UXL2 = ['sstatus', 'mstatus', 'vsstatus', 'hstatus'];

/** Initial bytes of the data window for a seed (xorshift; 0 gives zeros). */
export function windowInit(seed: number): bigint[] {
  const q: bigint[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < PRIV_WINDOW / 8; i++) {
    if (s === 0) {
      q.push(0n);
      continue;
    }
    let v = 0n;
    for (let j = 0; j < 2; j++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      v = (v << 32n) | BigInt(s >>> 0);
    }
    q.push(v);
  }
  return q;
}

export interface PrivProgram {
  asm: string;
  records: number;
}

export function privProgram(cases: readonly PrivCase[]): PrivProgram {
  const text: string[] = [
    '.option norvc', '.option norelax', '.text', '.globl _start', '_start:',
    '  la t0, fz_handler', '  csrw mtvec, t0',
    '  la t0, fz_save', '  csrw mscratch, t0',
    '  li t0, -1', '  csrw pmpaddr0, t0', '  li t0, 0x1f', '  csrw pmpcfg0, t0',
    '  li t0, 0x2004000', '  li t1, -1', '  sd t1, 0(t0)',
    '  j case_0',
    '.balign 4',
    'fz_handler:',
    '  csrrw t6, mscratch, t6',
    '  sd t0, 0(t6)', '  sd t1, 8(t6)', '  sd t2, 16(t6)', '  sd t3, 24(t6)',
    '  csrr t2, mepc', '  ld t3, 40(t6)', '  bltu t2, t3, fz_abort', '  ld t3, 48(t6)', '  bgeu t2, t3, fz_abort',
    '  ld t0, 32(t6)', '  ld t1, 0(t0)', '  addi t2, t1, 1', '  sd t2, 0(t0)',
    `  li t2, ${MAX_TRAPS}`, '  bgeu t1, t2, fz_storm',
    `  li t2, ${MAX_LOG}`, '  bgeu t1, t2, 2f',
    `  li t2, ${LOG_FIELDS.length * 8}`, '  mul t1, t1, t2', '  add t1, t1, t0',
    '  csrr t2, mcause', '  sd t2, 8(t1)',
    '  csrr t2, mtval', '  sd t2, 16(t1)',
    '  csrr t2, 0x34b', '  sd t2, 24(t1)',
    '  csrr t2, 0x34a', '  sd t2, 32(t1)',
    '  csrr t2, mstatus', '  sd t2, 40(t1)',
    '  csrr t2, mepc', '  ld t3, 40(t6)', '  sub t2, t2, t3', '  sd t2, 48(t1)',
    '  csrr t2, 0x600', '  sd t2, 56(t1)',
    '2:',
    '  csrr t2, mcause', '  bltz t2, 4f',
    '  csrr t2, mepc', '  lwu t3, 4(t2)', `  li t1, ${hex(MARKER)}`, '  beq t3, t1, 3f',
    '  addi t2, t2, 4', '  csrw mepc, t2', '  j 5f',
    '3:', '  addi t2, t2, 8', '  csrw mepc, t2',
    '  li t1, 0x1800', '  csrs mstatus, t1', '  li t1, 1', '  slli t1, t1, 39', '  csrc mstatus, t1', '  j 5f',
    '4:', '  csrw mie, zero',
    '5:',
    '  ld t0, 0(t6)', '  ld t1, 8(t6)', '  ld t2, 16(t6)', '  ld t3, 24(t6)',
    '  csrrw t6, mscratch, t6',
    '  mret',
    'fz_abort:', `  li t0, ${(HARNESS_TRAP << 16) | 0x3333}`, '  j fz_exit',
    'fz_storm:', `  li t0, ${(TRAP_STORM << 16) | 0x3333}`,
    'fz_exit:', '  li t1, 0x100000', '  sw t0, 0(t1)', '  j fz_exit',
  ];
  const data: string[] = ['.data', 'fz_head:', `  .asciz "${DUMP_HEAD}\\n"`, '.balign 8', 'fz_save:', '  .skip 64'];
  const rec = RECORD_Q * 8;
  cases.forEach((c, k) => {
    text.push(
      `case_${k}:`,
      '  la t1, fz_save', `  la t0, fz_out+${k * rec}`, '  sd t0, 56(t1)', `  addi t2, t0, ${LOG_Q * 8}`, '  sd t2, 32(t1)', '  sd zero, 0(t2)',
      `  la t2, seq_${k}`, '  sd t2, 40(t1)', `  la t2, end_${k}`, '  sd t2, 48(t1)',
      '  la t0, fz_handler', '  csrw mtvec, t0',
    );
    for (const c2 of RESET) text.push(...(UXL2.includes(c2.name) ? [`  li t0, ${hex(2n << 32n)}`, `  csrw ${hex(c2.num)}, t0`] : [`  csrw ${hex(c2.num)}, zero`]));
    text.push(`  la t0, init_${k}`, '  la t1, fz_win');
    for (let i = 0; i < PRIV_WINDOW; i += 8) text.push(`  ld t2, ${i}(t0)`, `  sd t2, ${i}(t1)`);
    text.push(`  la t0, xs_${k}`);
    OPERAND_REGS.forEach((r, i) => text.push(`  ld x${r}, ${8 * i}(t0)`));
    for (let r = 1; r < 32; r++) if (r !== S1 && !(OPERAND_REGS as readonly number[]).includes(r)) text.push(`  li x${r}, 0`);
    text.push('  la s1, fz_win', `seq_${k}:`);
    c.steps.forEach((s, i) => text.push(...stepAsm(s, `s${k}_${i}`)));
    text.push('  ecall', word(MARKER), `end_${k}:`);
    text.push('  csrrw t6, mscratch, t6', '  sd t0, 0(t6)', '  ld t0, 56(t6)');
    for (let r = 1; r < 31; r++) if (r !== 5) text.push(`  sd x${r}, ${8 * r}(t0)`);
    text.push('  ld t1, 0(t6)', '  sd t1, 40(t0)', '  csrrw t1, mscratch, t6', '  sd t1, 248(t0)');
    // Offsets past a 12-bit immediate go through t3 (saved above like every register but t0).
    const sd = (r: string, off: number): string[] => (off < 2048 ? [`  sd ${r}, ${off}(t0)`] : [`  li t3, ${off}`, '  add t3, t3, t0', `  sd ${r}, 0(t3)`]);
    DUMP_CSRS.forEach((c2, i) => text.push(`  csrr t1, ${hex(c2.num)}`, ...sd('t1', (CSR_Q + i) * 8)));
    text.push('  la t1, fz_win');
    for (let i = 0; i < PRIV_WINDOW; i += 8) text.push(`  ld t2, ${i}(t1)`, ...sd('t2', WIN_Q * 8 + i));
    data.push(`xs_${k}:`, `  .quad ${c.x.map(hex).join(', ')}`, `init_${k}:`, `  .quad ${windowInit(c.mem).map(hex).join(', ')}`);
  });
  text.push(
    // Each doubleword as hex without leading zeros on a line of its own (0: an empty line), after
    // a line `---`: most of a record is zero, and every character QEMU prints costs it a write(2).
    'fz_print:',
    '  la s0, fz_out', `  li s2, ${cases.length * RECORD_Q}`, '  li s3, 0x10000000',
    '  la s4, fz_head',
    '6: lbu t2, 0(s4)', '  beqz t2, 1f',
    '7: lbu t3, 5(s3)', '  andi t3, t3, 0x20', '  beqz t3, 7b',
    '  sb t2, 0(s3)', '  addi s4, s4, 1', '  j 6b',
    '1: beqz s2, 9f',
    '  ld t0, 0(s0)', '  li t1, 60',
    '8: bltz t1, 5f', '  srl t2, t0, t1', '  andi t2, t2, 15', '  bnez t2, 2f', '  addi t1, t1, -4', '  j 8b',
    '2: srl t2, t0, t1', '  andi t2, t2, 15', '  li t3, 10', '  blt t2, t3, 3f', '  addi t2, t2, 39',
    '3: addi t2, t2, 48',
    '4: lbu t3, 5(s3)', '  andi t3, t3, 0x20', '  beqz t3, 4b',
    '  sb t2, 0(s3)', '  addi t1, t1, -4', '  bgez t1, 2b',
    '5: lbu t3, 5(s3)', '  andi t3, t3, 0x20', '  beqz t3, 5b',
    '  li t2, 10', '  sb t2, 0(s3)',
    '  addi s0, s0, 8', '  addi s2, s2, -1', '  j 1b',
    '9: li t0, 0x5555', '  j fz_exit',
  );
  const bss = ['.bss', '.balign 64', 'fz_win:', `  .skip ${PRIV_WINDOW}`, '.balign 8', 'fz_out:', `  .skip ${cases.length * rec}`];
  return { asm: [...text, ...data, ...bss].join('\n') + '\n', records: cases.length };
}
