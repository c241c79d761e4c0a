/**
 * Building a batch program and running it: on QEMU (qemu-riscv64 user mode, which prints the
 * output area) and on rvsim in-process (a Machine built by machineForElf from the same ELF, run
 * until the program's first ecall, output area read from RAM). Harness-only code: child processes,
 * temporary files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineForElf } from '../cli/load.js';
import { parseElf } from '../loader/elf.js';
import { HostError } from '../rv64/trap.js';
import { LINK_FLAGS } from './program.js';

export const GCC = 'riscv64-unknown-elf-gcc';
export const QEMU = 'qemu-riscv64';

/** Assembles and links `asm`; returns the ELF bytes. Throws with gcc's first error line. */
export function buildElf(asm: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-fuzz-'));
  try {
    writeFileSync(join(dir, 'p.S'), asm);
    const out = join(dir, 'p.elf');
    const cc = spawnSync(GCC, ['-march=rv64gc', '-mabi=lp64d', ...LINK_FLAGS, '-o', out, join(dir, 'p.S')], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`${GCC} failed: ${(cc.stderr || String(cc.error)).split('\n').find((l) => l.includes('rror')) ?? cc.stderr}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type RunOutcome = { ok: true; out: Uint8Array } | { ok: false; why: string; pc?: bigint };

/** Runs the ELF under qemu-riscv64; `expect` is the output length. */
export function runQemu(elf: Uint8Array, expect: number): RunOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-fuzz-'));
  try {
    const p = join(dir, 'p.elf');
    writeFileSync(p, elf, { mode: 0o755 });
    const run = spawnSync(QEMU, [p], { maxBuffer: expect + 4096 });
    if (run.status !== 0) return { ok: false, why: `${QEMU} ended with ${run.signal ?? `status ${run.status}`}` };
    if (run.stdout.length !== expect) return { ok: false, why: `${QEMU} wrote ${run.stdout.length} bytes, expected ${expect}` };
    return { ok: true, out: new Uint8Array(run.stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MEPC = 0x341 * 2;
const MCAUSE = 0x342 * 2;
const ECALL_M = 11;

export interface RvsimRun {
  outcome: RunOutcome;
  instret: number;
}

/**
 * Runs the ELF on rvsim: M-mode with FP on (mstatus.FS = Initial, as QEMU user mode starts), mtvec
 * at fuzz_halt (a WFI loop: with nothing pending the machine stops). Success is the ecall at
 * fuzz_ecall; any other trap is reported with its cause and pc.
 */
export function runRvsim(elf: Uint8Array, expect: number, maxInsns = 50_000_000): RvsimRun {
  const img = parseElf(elf, 'fuzz.elf');
  const m = machineForElf(img, 'fuzz.elf', { memSize: 16 << 20, output: () => {} });
  const sym = (n: string): number => {
    const v = img.symbols.get(n);
    if (v === undefined) throw new HostError(`fuzz.elf: no symbol ${n}`);
    return Number(v);
  };
  m.csr.mstatus |= 1 << 13; // mstatus.FS (bits 14:13) = Initial
  m.csr.mtvecLo = sym('fuzz_halt') | 0;
  m.csr.mtvecHi = 0;
  const r = m.run(maxInsns);
  const regs = m.csr.regs;
  const mepc = (BigInt(regs[MEPC + 1] >>> 0) << 32n) | BigInt(regs[MEPC] >>> 0);
  if (r.reason === 'limit') return { outcome: { ok: false, why: `no end after ${maxInsns} instructions`, pc: m.hart.pc }, instret: r.instret };
  if (regs[MCAUSE] !== ECALL_M || regs[MCAUSE + 1] !== 0 || mepc !== BigInt(sym('fuzz_ecall'))) {
    return { outcome: { ok: false, why: `trap cause ${regs[MCAUSE]} at pc 0x${mepc.toString(16)}`, pc: mepc }, instret: r.instret };
  }
  const out = m.mmu.readPhys(sym('fuzz_out'), expect);
  return { outcome: { ok: true, out }, instret: r.instret };
}
