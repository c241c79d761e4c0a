/**
 * --log-commits: Spike's commit-log format (riscv/execute.cc, commit_log_print_insn), checked line
 * by line on a small program: ALU ops, a store and a load, CSR writes, compressed instructions,
 * FP ops (with the FS-dirty mstatus write and an fflags write), an ECALL (a trapping instruction
 * is not logged, as in Spike), an AMO and narrow stores.
 *
 * With Spike on PATH (`spike` is not a Debian package: build riscv-isa-sim from source), a whole
 * short run is also compared with `spike -l --log-commits` line by line; without it that test is
 * skipped, also under RVSIM_REQUIRE_TOOLS (CI cannot install it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { encode, type Operands } from '../../src/rv64/isa/encoder.js';
import { CommitLog } from '../../src/trace/commit-log.js';
import { distBuilt, lines, rvsim } from '../helpers/cli.js';
import { hasTool, requireTool } from '../tools.js';

type Item = [string, Operands?] | number;

/** Assembles 32-bit rows by name and raw 16-bit parcels (numbers) into bytes. */
function assemble(items: Item[]): Uint8Array {
  const out: number[] = [];
  for (const it of items) {
    if (typeof it === 'number') {
      out.push(it & 0xff, (it >>> 8) & 0xff);
      continue;
    }
    const row = allRows.find((r) => r.name === it[0]);
    if (row === undefined) throw new Error(`no row ${it[0]}`);
    const w = encode(row, it[1] ?? {});
    out.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
  }
  return Uint8Array.from(out);
}

const T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12, A3 = 13, T3 = 28, T4 = 29;

const PROGRAM: Item[] = [
  ['addi', { rd: T0, rs1: 0, imm: 7 }], // 0x00
  ['addi', { rd: T1, rs1: 0, imm: 5 }], // 0x04
  ['add', { rd: T2, rs1: T0, rs2: T1 }], // 0x08
  ['auipc', { rd: A0, imm: 1 }], // 0x0c: a0 = 0x8000100c
  ['addi', { rd: A0, rs1: A0, imm: -12 }], // 0x10: a0 = 0x80001000
  ['sd', { rs1: A0, rs2: T2, imm: 8 }], // 0x14
  ['ld', { rd: A1, rs1: A0, imm: 8 }], // 0x18
  ['csrrw', { rd: 0, rs1: T0, csr: 0x340 }], // 0x1c: csrw mscratch, t0
  0x0585, // 0x20: c.addi a1, 1
  0x0001, // 0x22: c.nop
  ['lui', { rd: T3, imm: 2 }], // 0x24: t3 = 0x2000 (mstatus.FS = Initial)
  ['csrrs', { rd: 0, rs1: T3, csr: 0x300 }], // 0x28: csrs mstatus, t3
  ['fmv_d_x', { rd: 1, rs1: T0 }], // 0x2c: FS becomes Dirty
  ['fcvt_d_l', { rd: 2, rs1: T0, rm: 7 }], // 0x30: 7.0, exact: no flags
  ['fdiv_d', { rd: 3, rs1: 2, rs2: 0, rm: 7 }], // 0x34: 7.0 / 0.0 = +inf, DZ
  ['auipc', { rd: T4, imm: 0 }], // 0x38
  ['addi', { rd: T4, rs1: T4, imm: 16 }], // 0x3c: t4 = 0x80000048
  ['csrrw', { rd: 0, rs1: T4, csr: 0x305 }], // 0x40: csrw mtvec, t4
  ['ecall'], // 0x44: traps to 0x80000048, not logged
  ['csrrs', { rd: A2, rs1: 0, csr: 0x342 }], // 0x48: csrr a2, mcause (no write)
  ['amoadd_d', { rd: A3, rs1: A0, rs2: T0 }], // 0x4c
  ['sb', { rs1: A0, rs2: T0, imm: 0 }], // 0x50
  ['fsd', { rs1: A0, rs2: 2, imm: 16 }], // 0x54
  ['fsw', { rs1: A0, rs2: 2, imm: 24 }], // 0x58
];

/** What Spike prints for PROGRAM (format of riscv/execute.cc; values worked out by hand). */
const EXPECTED = [
  'core   0: 3 0x0000000080000000 (0x00700293) x5  0x0000000000000007',
  'core   0: 3 0x0000000080000004 (0x00500313) x6  0x0000000000000005',
  'core   0: 3 0x0000000080000008 (0x006283b3) x7  0x000000000000000c',
  'core   0: 3 0x000000008000000c (0x00001517) x10 0x000000008000100c',
  'core   0: 3 0x0000000080000010 (0xff450513) x10 0x0000000080001000',
  'core   0: 3 0x0000000080000014 (0x00753423) mem 0x0000000080001008 0x000000000000000c',
  'core   0: 3 0x0000000080000018 (0x00853583) x11 0x000000000000000c mem 0x0000000080001008',
  'core   0: 3 0x000000008000001c (0x34029073) c832_mscratch 0x0000000000000007',
  'core   0: 3 0x0000000080000020 (0x0585) x11 0x000000000000000d',
  'core   0: 3 0x0000000080000022 (0x0001)',
  'core   0: 3 0x0000000080000024 (0x00002e37) x28 0x0000000000002000',
  'core   0: 3 0x0000000080000028 (0x300e2073) c768_mstatus 0x0000000a00002000',
  // f1 (key 0x11) before mstatus (key 0x3004): Spike's map order.
  'core   0: 3 0x000000008000002c (0xf20280d3) f1  0x0000000000000007 c768_mstatus 0x8000000a00006000',
  'core   0: 3 0x0000000080000030 (0xd222f153) f2  0x401c000000000000',
  // fflags (key 0x14) before f3 (key 0x31).
  'core   0: 3 0x0000000080000034 (0x1a0171d3) c1_fflags 0x0000000000000008 f3  0x7ff0000000000000',
  'core   0: 3 0x0000000080000038 (0x00000e97) x29 0x0000000080000038',
  'core   0: 3 0x000000008000003c (0x010e8e93) x29 0x0000000080000048',
  'core   0: 3 0x0000000080000040 (0x305e9073) c773_mtvec 0x0000000080000048',
  // 0x80000044: ecall traps, so it has no line.
  'core   0: 3 0x0000000080000048 (0x34202673) x12 0x000000000000000b',
  'core   0: 3 0x000000008000004c (0x005536af) x13 0x0000000000000000 mem 0x0000000080001000 mem 0x0000000080001000 0x0000000000000007',
  'core   0: 3 0x0000000080000050 (0x00550023) mem 0x0000000080001000 0x07',
  'core   0: 3 0x0000000080000054 (0x00253827) mem 0x0000000080001010 0x401c000000000000',
  'core   0: 3 0x0000000080000058 (0x00252c27) mem 0x0000000080001018 0x00000000',
];

function runProgram(n: number): string[] {
  const m = new Machine({ memSize: 8 << 20, isa: 'rv64imafdc_zicsr_zifencei' });
  m.mmu.writePhys(RAM_BASE, assemble(PROGRAM));
  m.hart.pc = BigInt(RAM_BASE);
  const out: string[] = [];
  m.observer = new CommitLog(m, (l) => out.push(l));
  m.run(n);
  return out.join('').split('\n').filter((l) => l !== '');
}

describe('commit log (Spike format)', () => {
  test('a small program gives exactly the lines Spike prints', () => {
    expect(runProgram(EXPECTED.length)).toEqual(EXPECTED);
  });

  test('the observer changes nothing: registers and memory match an unobserved run', () => {
    const plain = new Machine({ memSize: 8 << 20, isa: 'rv64imafdc_zicsr_zifencei' });
    const seen = new Machine({ memSize: 8 << 20, isa: 'rv64imafdc_zicsr_zifencei' });
    for (const m of [plain, seen]) {
      m.mmu.writePhys(RAM_BASE, assemble(PROGRAM));
      m.hart.pc = BigInt(RAM_BASE);
    }
    seen.observer = new CommitLog(seen, () => {});
    plain.run(EXPECTED.length);
    seen.run(EXPECTED.length);
    expect(Array.from(seen.hart.x)).toEqual(Array.from(plain.hart.x));
    expect(Array.from(seen.hart.f)).toEqual(Array.from(plain.hart.f));
    expect(seen.mmu.readPhys(RAM_BASE + 0x1000, 32)).toEqual(plain.mmu.readPhys(RAM_BASE + 0x1000, 32));
  });
});

describe.runIf(distBuilt())('rvsim run --log-commits / --trace-window', () => {
  const HELLO = 'programs/build/hello.elf';

  test('--log-commits FILE with --trace-window FIRST:COUNT writes exactly COUNT lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-commits-'));
    const file = join(dir, 'log.txt');
    const r = await rvsim(['run', '--log-commits', file, '--trace-window', '14:3', HELLO]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // crt0's .bss clearing loop: sd zero, 0(t0); c.addi t0, 8; c.j back.
    expect(lines(readFileSync(file, 'utf8'))).toEqual([
      'core   0: 3 0x0000000080000038 (0x0002b023) mem 0x0000000080002230 0x0000000000000000',
      'core   0: 3 0x000000008000003c (0x02a1) x5  0x0000000080002238',
      'core   0: 3 0x000000008000003e (0xbfdd)',
    ]);
  });

  test('--log-commits - writes to stderr; --trace keeps the human format in the same window', async () => {
    const r = await rvsim(['run', '--log-commits', '-', '--trace', '--trace-window', '0:2', '--max-insns', '10', HELLO]);
    expect(r.code).toBe(124);
    const err = lines(r.stderr);
    expect(err.filter((l) => l.startsWith('core   0: 3 0x0000000080000000 (0xf14022f3) x5 '))).toHaveLength(1);
    expect(err.filter((l) => l.startsWith('core '))).toHaveLength(2);
    expect(err.filter((l) => /^M [0-9a-f]{16} \(/.test(l))).toHaveLength(2);
    expect(err[err.length - 1]).toBe('rvsim: stopped after 10 instructions (--max-insns)');
  });

  test('bad --trace-window and an unwritable --log-commits file: one line, exit 2', async () => {
    const bad = await rvsim(['run', '--log-commits', '-', '--trace-window', '5:0', HELLO]);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual(["rvsim: bad --trace-window '5:0': expected FIRST:COUNT (instruction indices from 0), e.g. 1000:200"]);
    const alone = await rvsim(['run', '--trace-window', '5:1', HELLO]);
    expect(alone.code).toBe(2);
    expect(lines(alone.stderr)).toEqual(['rvsim: --trace-window needs --trace or --log-commits']);
    const nodir = await rvsim(['run', '--log-commits', '/nonexistent-dir/log', HELLO]);
    expect(nodir.code).toBe(2);
    expect(lines(nodir.stderr)).toEqual(['rvsim: cannot write --log-commits /nonexistent-dir/log: ENOENT']);
  });
});

// Spike is not packaged by Debian, so this comparison is never required (not even under
// RVSIM_REQUIRE_TOOLS); the cross compiler it needs is.
const withSpike = hasTool('spike');
if (!withSpike) console.warn('skipping the line-by-line comparison with Spike: spike not on PATH (build riscv-isa-sim)');
describe.runIf(withSpike && distBuilt() && requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('against Spike', () => {
  test('a whole short run gives the same commit log as spike -l --log-commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-spike-'));
    const src = join(dir, 'p.S');
    const elf = join(dir, 'p.elf');
    writeFileSync(
      src,
      `  .section .text.init
  .globl _start
_start:
  la t4, handler
  csrw mtvec, t4
  li t0, 7
  li t1, 5
  add t2, t0, t1
  la a0, data
  sd t2, 8(a0)
  ld a1, 8(a0)
  c.addi a1, 1
  csrw mscratch, t0
  li t3, 0x2000
  csrs mstatus, t3
  fmv.d.x f1, t0
  fcvt.d.l f2, t0
  fdiv.d f3, f2, f0
  amoadd.d a3, t0, (a0)
  sb t0, 0(a0)
  fsd f2, 16(a0)
  ecall
  .align 2
handler:
  csrr a2, mcause
  li t5, 1
  la t6, tohost
  sd t5, 0(t6)
1: j 1b
  .data
  .align 12
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
  .align 3
data: .space 64
`,
    );
    const cc = spawnSync('riscv64-unknown-elf-gcc', [
      '-march=rv64gc', '-mabi=lp64d', '-nostdlib', '-nostartfiles', '-static', '-Wl,-N', '-Wl,--no-relax', '-Wl,-Ttext=0x80000000', '-o', elf, src,
    ]);
    expect(cc.status, cc.stderr?.toString()).toBe(0);
    const spike = spawnSync('spike', ['-l', '--log-commits', '--isa=rv64imafdc_zicsr_zifencei', elf], { timeout: 30_000 });
    // Spike starts in its reset ROM at 0x1000; rvsim at the entry. Compare from the entry on, up to
    // the store to tohost (after it the two stop at different times).
    const fromEntry = (log: string): string[] => {
      const l = lines(log).filter((x) => x.startsWith('core '));
      const start = l.findIndex((x) => x.includes(' 0x0000000080000000 ('));
      const tail = l.slice(start);
      const end = tail.findIndex((x) => x.includes(' mem ') && x.split(' ').length > 8 && x.endsWith(' 0x0000000000000001'));
      return tail.slice(0, end + 1);
    };
    const theirs = fromEntry(spike.stderr.toString());
    const logFile = join(dir, 'rvsim.log');
    const r = await rvsim(['run', '--log-commits', logFile, elf]);
    expect(r.code).toBe(0);
    const ours = fromEntry(readFileSync(logFile, 'utf8'));
    expect(theirs.length).toBeGreaterThan(20);
    expect(ours).toEqual(theirs);
  });
});
