/**
 * The program around a batch of cases: for each case, copy its initial window into place, load
 * fcsr, f and x registers from its table, point x2/x9 into the window, run the sequence (emitted as
 * raw parcels, so both runs execute exactly the generated encodings), then store the registers
 * after the window and copy window + registers into the case's output record. At the end the
 * output area goes to stdout (Linux write, exit: what qemu-riscv64 runs) through `fuzz_ecall`;
 * rvsim traps there (mtvec = fuzz_halt, a WFI loop) and reads the area from RAM instead.
 *
 * The harness code is built with .option norvc, so only the sequences contain compressed code.
 */
import type { FuzzCase } from './case.js';
import { F_AT, FCSR_AT, HALF, LINK_ADDR, WINDOW, X_AT, record } from './layout.js';
import { type Insn, renderItems } from './render.js';

/** The window's initial bytes for a seed: 0 gives all zeros; otherwise a mix of edge bytes and noise. */
export function windowBytes(seed: number): Uint8Array {
  const b = new Uint8Array(WINDOW);
  if (seed === 0) return b;
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const edge = [0x00, 0xff, 0x80, 0x7f, 0x01];
  for (let i = 0; i < WINDOW; i += 8) {
    const kind = next() % 4;
    for (let j = 0; j < 8; j++) b[i + j] = kind === 0 ? edge[next() % 5] : kind === 1 ? (j === 7 ? 0x80 : 0) : next() & 0xff;
  }
  return b;
}

const quad = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;

export interface BatchProgram {
  asm: string;
  /** Rendered sequence of each case. */
  insns: Insn[][];
  fp: boolean;
  recordSize: number;
}

/** Assembly for a batch of cases; `fp` adds f registers and fcsr to the state. */
export function batchProgram(cases: readonly FuzzCase[], fp: boolean): BatchProgram {
  const rec = record(fp);
  // fuzz_halt comes first so it is 4-byte aligned (mtvec needs it; with norvc, .balign cannot pad
  // the 2 bytes an odd number of compressed parcels leaves).
  const text: string[] = ['.option norvc', '.option norelax', '.text', '.globl fuzz_halt', 'fuzz_halt:', '  wfi', '  j fuzz_halt', '.globl _start', '_start:'];
  const data: string[] = ['.data', '.balign 8'];
  const insns: Insn[][] = [];
  cases.forEach((c, k) => {
    const seq = renderItems(c.items);
    insns.push(seq);
    text.push(
      `case_${k}:`,
      `  la t0, init_${k}`,
      '  la t1, fuzz_win',
      `  li t2, ${WINDOW / 8}`,
      '1: ld t3, 0(t0)',
      '  sd t3, 0(t1)',
      '  addi t0, t0, 8',
      '  addi t1, t1, 8',
      '  addi t2, t2, -1',
      '  bnez t2, 1b',
      `  la t0, regs_${k}`,
    );
    if (fp) {
      text.push('  ld t1, 256(t0)', '  fscsr t1');
      for (let r = 0; r < 32; r++) text.push(`  fld f${r}, ${264 + 8 * r}(t0)`);
    }
    for (let r = 1; r < 32; r++) if (r !== 2 && r !== 5 && r !== 9) text.push(`  ld x${r}, ${8 * r}(t0)`);
    text.push('  la x2, fuzz_win', `  la x9, fuzz_win+${HALF}`, '  ld x5, 40(x5)', `seq_${k}:`);
    for (const i of seq) {
      if (i.len === 2) text.push(`  .half 0x${(i.word & 0xffff).toString(16)}`);
      else text.push(`  .half 0x${(i.word & 0xffff).toString(16)}, 0x${(i.word >>> 16).toString(16)}`);
    }
    text.push(`end_${k}:`);
    for (let r = 1; r < 32; r++) text.push(`  sd x${r}, ${X_AT + 8 * r}(x2)`);
    if (fp) {
      for (let r = 0; r < 32; r++) text.push(`  fsd f${r}, ${F_AT + 8 * r}(x2)`);
      text.push('  frcsr t0', `  sd t0, ${FCSR_AT}(x2)`);
    }
    text.push(
      `  la t0, fuzz_out+${k * rec}`,
      '  mv t1, x2',
      `  li t2, ${rec / 8}`,
      '1: ld t3, 0(t1)',
      '  sd t3, 0(t0)',
      '  addi t0, t0, 8',
      '  addi t1, t1, 8',
      '  addi t2, t2, -1',
      '  bnez t2, 1b',
    );
    const regs = c.x.map((v, r) => (r === 0 ? 0n : v));
    data.push(`regs_${k}:`, `  .quad ${regs.map(quad).join(', ')}`);
    if (fp) data.push(`  .quad ${c.fcsr}`, `  .quad ${c.f.map(quad).join(', ')}`);
    const w = windowBytes(c.mem);
    const dv = new DataView(w.buffer);
    const q: string[] = [];
    for (let i = 0; i < WINDOW; i += 8) q.push(quad(dv.getBigUint64(i, true)));
    data.push(`init_${k}:`, `  .quad ${q.join(', ')}`);
  });
  text.push(
    '  la a1, fuzz_out',
    `  li a2, ${cases.length * rec}`,
    '2: li a0, 1',
    '  li a7, 64',
    '.globl fuzz_ecall',
    'fuzz_ecall:',
    '  ecall',
    '  blt a0, zero, 4f',
    '  add a1, a1, a0',
    '  sub a2, a2, a0',
    '  bnez a2, 2b',
    '  li a0, 0',
    '  li a7, 93',
    '  ecall',
    '4: li a0, 1',
    '  li a7, 93',
    '  ecall',
  );
  const bss = ['.bss', '.balign 4096', '.globl fuzz_win', 'fuzz_win:', `  .skip ${rec}`, '.balign 8', '.globl fuzz_out', 'fuzz_out:', `  .skip ${cases.length * rec}`];
  return { asm: [...text, ...data, ...bss].join('\n') + '\n', insns, fp, recordSize: rec };
}

/** Link flags: one RWX segment at rvsim's RAM base (no header page below it). */
export const LINK_FLAGS = ['-nostdlib', '-static', '-Wl,--no-relax', '-Wl,-N', `-Wl,-Ttext=0x${LINK_ADDR.toString(16)}`];
