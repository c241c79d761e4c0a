/**
 * Building a privileged batch program and running it: on `qemu-system-riscv64 -M virt -cpu
 * rv64,h=true -bios none -kernel` (the records come out on the UART as hex lines) and on rvsim's
 * virt machine in-process (same ELF, same UART text). Harness-only code: child processes,
 * temporary files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { virtMachineForElf } from '../../cli/virt-elf.js';
import { parseElf } from '../../loader/elf.js';
import { GCC } from '../runners.js';
import { DUMP_HEAD, HARNESS_TRAP, TRAP_STORM } from './program.js';

export { GCC };
export const QEMU_SYSTEM = 'qemu-system-riscv64';
/**
 * The UART goes to a file, not a pipe: QEMU's 16550 drops a character when a write to a full pipe
 * fails four times (serial.c's retries), which a busy host reading slowly makes happen.
 */
export const QEMU_ARGS = ['-M', 'virt', '-cpu', 'rv64,h=true', '-m', '128M', '-display', 'none', '-monitor', 'none', '-bios', 'none'];

export function buildPrivElf(asm: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-pfuzz-'));
  try {
    writeFileSync(join(dir, 'p.S'), asm);
    const out = join(dir, 'p.elf');
    const flags = ['-march=rv64gc', '-mabi=lp64d', '-nostdlib', '-static', '-Wl,--no-relax', '-Wl,-N', '-Wl,-Ttext=0x80000000', '-Wl,--no-warn-rwx-segments'];
    const cc = spawnSync(GCC, [...flags, '-o', out, join(dir, 'p.S')], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`${GCC} failed: ${(cc.stderr || String(cc.error)).split('\n').find((l) => l.includes('rror')) ?? cc.stderr}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type PrivOutcome = { ok: true; quads: bigint[] } | { ok: false; why: string };

const why = (code: number): string =>
  code === HARNESS_TRAP ? 'a trap outside the steps (harness trap)' : code === TRAP_STORM ? 'a trap storm (too many traps in one case)' : `failure code ${code}`;

/** The hex lines of a run's UART output as doublewords; `expect` is their number. */
function parseDump(text: string, expect: number): PrivOutcome {
  const q: bigint[] = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  // After the DUMP_HEAD line: one doubleword per line, hex without leading zeros, empty for 0.
  for (let i = lines.indexOf(DUMP_HEAD) + 1; i > 0 && i < lines.length && q.length < expect; i++) {
    if (!/^[0-9a-f]{0,16}$/.test(lines[i])) return { ok: false, why: `a bad dump line ${JSON.stringify(lines[i].slice(0, 40))}` };
    q.push(lines[i] === '' ? 0n : BigInt(`0x${lines[i]}`));
  }
  if (q.length !== expect) return { ok: false, why: `${q.length} doublewords printed, expected ${expect}` };
  return { ok: true, quads: q };
}

/** A finished QEMU run: its exit (the harness's failure code) or the records in its UART file `out`. */
function qemuOutcome(status: number | null, signal: string | null, stderr: string, out: string, expect: number): PrivOutcome {
  if (status !== 0) return { ok: false, why: `${QEMU_SYSTEM}: ${signal ?? why(status ?? -1)}${stderr ? ` (${stderr.trim().split('\n')[0]})` : ''}` };
  return parseDump(existsSync(out) ? readFileSync(out, 'latin1') : '', expect);
}

/** Runs `fn` with `elf` written to p.elf in a temporary directory (removed afterwards). */
function withElfFile<T>(elf: Uint8Array, fn: (dir: string, path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-pfuzz-'));
  try {
    const p = join(dir, 'p.elf');
    writeFileSync(p, elf);
    return fn(dir, p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runQemuSystem(elf: Uint8Array, expect: number, timeoutMs = 60_000): PrivOutcome {
  return withElfFile(elf, (dir, p) => {
    const out = join(dir, 'uart.txt');
    const run = spawnSync(QEMU_SYSTEM, [...QEMU_ARGS, '-serial', `file:${out}`, '-kernel', p], { timeout: timeoutMs, encoding: 'latin1', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.error !== undefined) return { ok: false, why: `${QEMU_SYSTEM}: ${run.error.message}` };
    return qemuOutcome(run.status, run.signal, run.stderr, out, expect);
  });
}

/** `runQemuSystem` in a child process that runs while the caller goes on. */
export function runQemuSystemAsync(elf: Uint8Array, expect: number, timeoutMs = 60_000): Promise<PrivOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-pfuzz-'));
  const p = join(dir, 'p.elf');
  const out = join(dir, 'uart.txt');
  writeFileSync(p, elf);
  return new Promise<PrivOutcome>((resolve) => {
    let stderr = '';
    const child = spawn(QEMU_SYSTEM, [...QEMU_ARGS, '-serial', `file:${out}`, '-kernel', p], { timeout: timeoutMs, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('latin1')));
    child.on('error', (e) => resolve({ ok: false, why: `${QEMU_SYSTEM}: ${e.message}` }));
    child.on('close', (status, signal) => {
      resolve(qemuOutcome(status, signal, stderr, out, expect));
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export function runRvsimVirt(elf: Uint8Array, expect: number, maxInsns = 200_000_000): PrivOutcome & { instret: number } {
  let text = '';
  const v = virtMachineForElf(parseElf(elf, 'p.elf'), 'p.elf', { memSize: 128 << 20, console: (b) => (text += String.fromCharCode(b)) });
  const r = v.machine.run(maxInsns);
  if (r.reason !== 'exit') return { ok: false, why: `rvsim: ${r.reason === 'limit' ? `no end after ${maxInsns} instructions` : 'deadlock (WFI with nothing to wake it)'} at pc 0x${v.machine.hart.pc.toString(16)}`, instret: r.instret };
  if (v.powerOff !== 'pass') return { ok: false, why: `rvsim: ${why(r.exitCode ?? -1)}`, instret: r.instret };
  return { ...parseDump(text, expect), instret: r.instret };
}

/**
 * The pc of the last trap QEMU took running `elf` (from its `-d int` log), or undefined. Used only
 * to classify a failed QEMU run (src/fuzz/priv/deviations.ts, explainQemuFailure).
 */
export function qemuLastTrapPc(elf: Uint8Array, timeoutMs = 60_000): bigint | undefined {
  return withElfFile(elf, (dir, p) => {
    const log = join(dir, 'int.log');
    spawnSync(QEMU_SYSTEM, [...QEMU_ARGS, '-serial', 'null', '-d', 'int', '-D', log, '-kernel', p], { timeout: timeoutMs, stdio: 'ignore' });
    if (!existsSync(log)) return undefined;
    const m = [...readFileSync(log, 'latin1').matchAll(/epc:0x([0-9a-f]+)/g)].pop();
    return m === undefined ? undefined : BigInt(`0x${m[1]}`);
  });
}
