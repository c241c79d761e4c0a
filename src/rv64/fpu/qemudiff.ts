/**
 * Differential testing against QEMU's RISC-V FPU (SoftFloat) in user mode: a batch of cases is
 * turned into a bare static RV64 program (operands and rm as data, one loop per operation: set frm,
 * clear fflags, execute, store result and fflags), built with riscv64-unknown-elf-gcc and run under
 * qemu-riscv64; its output is compared with this library. Harness-only (BigInt, child processes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FpOp } from './oplist.js';
import { runOp } from './oplist.js';

export const GCC = 'riscv64-unknown-elf-gcc';
export const QEMU = 'qemu-riscv64';

export interface DiffCase {
  op: FpOp;
  args: bigint[];
  rm: number;
}
export interface Outcome {
  result: bigint;
  flags: number;
}
export interface Mismatch {
  c: DiffCase;
  qemu: Outcome;
  lib: Outcome;
}

function insn(op: FpOp): string {
  const [m, ...rest] = op.name.split('.');
  const dst = op.res === 'X' ? 'a5' : 'ft0';
  const srcs = op.args.map((k, i) => (k === 'W' || k === 'L' ? `a${i}` : `fa${i}`));
  // The rm field is written only where the assembler accepts it on this mnemonic.
  const exact = op.name === 'fcvt.d.s' || op.name === 'fcvt.d.w' || op.name === 'fcvt.d.wu';
  const rm = op.rm && !exact ? ', dyn' : '';
  void m;
  void rest;
  return `${op.name} ${dst}, ${srcs.join(', ')}${rm}`;
}

/** Assembly for the whole batch; inputs come from the binary file at inPath (32 bytes a case). */
function program(groups: [FpOp, number][], inPath: string, total: number): string {
  const lines: string[] = [
    '.option norvc',
    '.option norelax', // no gp: this program has no C runtime to set it up
    '.text',
    '.globl _start',
    '_start:',
    '  la s0, inbuf',
    '  la s2, outbuf',
  ];
  for (const [op, n] of groups) {
    lines.push(`  li s1, ${n}`, '1:', '  ld t0, 24(s0)', '  fsrm t0');
    op.args.forEach((k, i) => {
      const off = i * 8;
      if (k === 'S') lines.push(`  flw fa${i}, ${off}(s0)`);
      else if (k === 'D') lines.push(`  fld fa${i}, ${off}(s0)`);
      else lines.push(`  ld a${i}, ${off}(s0)`);
    });
    lines.push('  fsflags zero', `  ${insn(op)}`);
    lines.push(op.res === 'X' ? '  sd a5, 0(s2)' : '  fsd ft0, 0(s2)');
    lines.push('  frflags t1', '  sd t1, 8(s2)', '  addi s0, s0, 32', '  addi s2, s2, 16', '  addi s1, s1, -1', '  bnez s1, 1b');
  }
  lines.push(
    '  la a1, outbuf',
    '  la t2, outbuf_end',
    '2:',
    '  sub a2, t2, a1',
    '  beqz a2, 3f',
    '  li a0, 1',
    '  li a7, 64',
    '  ecall',
    '  blt a0, zero, 4f',
    '  add a1, a1, a0',
    '  j 2b',
    '3:',
    '  li a0, 0',
    '  li a7, 93',
    '  ecall',
    '4:',
    '  li a0, 1',
    '  li a7, 93',
    '  ecall',
    '.data',
    '.balign 8',
    'inbuf:',
    `.incbin "${inPath}"`,
    '.bss',
    '.balign 8',
    'outbuf:',
    `.skip ${total * 16}`,
    'outbuf_end:',
  );
  return lines.join('\n') + '\n';
}

/** Runs the cases on QEMU; returns outcomes in case order. Throws with a one-line reason on failure. */
export function runOnQemu(cases: DiffCase[]): Outcome[] {
  // Group by operation, keeping each case's original index.
  const byOp = new Map<FpOp, number[]>();
  cases.forEach((c, i) => {
    const l = byOp.get(c.op);
    if (l) l.push(i);
    else byOp.set(c.op, [i]);
  });
  const order: number[] = [];
  const groups: [FpOp, number][] = [];
  for (const [op, idx] of byOp) {
    groups.push([op, idx.length]);
    order.push(...idx);
  }
  const inbuf = Buffer.alloc(cases.length * 32);
  order.forEach((ci, slot) => {
    const c = cases[ci];
    c.args.forEach((a, j) => inbuf.writeBigUInt64LE(BigInt.asUintN(64, a), slot * 32 + j * 8));
    inbuf.writeBigUInt64LE(BigInt(c.rm), slot * 32 + 24);
  });
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-fpdiff-'));
  try {
    const inPath = join(dir, 'in.bin');
    writeFileSync(inPath, inbuf);
    writeFileSync(join(dir, 'p.S'), program(groups, inPath, cases.length));
    const cc = spawnSync(GCC, ['-march=rv64gc', '-mabi=lp64d', '-nostdlib', '-static', '-Wl,--no-relax', '-o', join(dir, 'p'), join(dir, 'p.S')], {
      encoding: 'utf8',
    });
    if (cc.status !== 0) throw new Error(`${GCC} failed: ${(cc.stderr || String(cc.error)).split('\n')[0]}`);
    const run = spawnSync(QEMU, [join(dir, 'p')], { maxBuffer: cases.length * 16 + 1024 });
    if (run.status !== 0) throw new Error(`${QEMU} failed with status ${run.status}`);
    const out = run.stdout;
    if (out.length !== cases.length * 16) throw new Error(`${QEMU} wrote ${out.length} bytes, expected ${cases.length * 16}`);
    const res: Outcome[] = new Array(cases.length);
    order.forEach((ci, slot) => {
      res[ci] = { result: out.readBigUInt64LE(slot * 16), flags: Number(out.readBigUInt64LE(slot * 16 + 8) & 0x1fn) };
    });
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The library's outcome in register form (binary32 results NaN-boxed, as fsd stores them). */
export function libOutcome(c: DiffCase): Outcome {
  const [r, flags] = runOp(c.op, c.args, c.rm);
  return { result: c.op.res === 'S' ? r | 0xffffffff00000000n : r, flags };
}

export function compareWithQemu(cases: DiffCase[]): Mismatch[] {
  const q = runOnQemu(cases);
  const bad: Mismatch[] = [];
  cases.forEach((c, i) => {
    const lib = libOutcome(c);
    if (lib.result !== q[i].result || lib.flags !== q[i].flags) bad.push({ c, qemu: q[i], lib });
  });
  return bad;
}

export function describeMismatch(m: Mismatch): string {
  const hex = (v: bigint) => '0x' + v.toString(16);
  return `${m.c.op.name} rm=${m.c.rm} args=[${m.c.args.map(hex).join(', ')}] qemu=${hex(m.qemu.result)}/${m.qemu.flags.toString(16)} lib=${hex(m.lib.result)}/${m.lib.flags.toString(16)}`;
}
