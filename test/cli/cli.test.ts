/**
 * The command line as a user meets it: `node bin/rvsim.js` in a child process (dist/ is built by
 * the globalSetup test/helpers/build-dist.ts). Bad input must give exactly one `rvsim: ` line on
 * stderr, no stack trace and a non-zero exit; good runs are checked for their output and exit code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distBuilt, lines, ROOT, rvsim } from '../helpers/cli.js';
import { failingVariant } from '../helpers/failing-test.js';

const HELLO = 'programs/build/hello.elf';
const HELLO_BYTES = readFileSync(join(ROOT, HELLO));
/** The text hello.elf prints (programs/demo/hello.c); the CRC lines pin the computation. */
const HELLO_FIRST = 'rvsim demo: bare-metal RV64 program talking HTIF\n';
const HELLO_LAST = 'bye\n';

let tmp = '';
const at = (name: string) => join(tmp, name);

/** hello.elf with little-endian fields overwritten: [offset, width, value]. */
function patchedHello(...fields: [number, 1 | 2 | 8, number | bigint][]): Uint8Array {
  const b = new Uint8Array(HELLO_BYTES);
  const dv = new DataView(b.buffer);
  for (const [off, width, v] of fields) {
    if (width === 1) dv.setUint8(off, Number(v));
    else if (width === 2) dv.setUint16(off, Number(v), true);
    else dv.setBigUint64(off, BigInt(v), true);
  }
  return b;
}

/** Offset of the first PT_LOAD program header of hello.elf (ELF-64 gABI "Program Header"). */
function firstLoadPhdr(): number {
  const dv = new DataView(HELLO_BYTES.buffer, HELLO_BYTES.byteOffset);
  const phoff = Number(dv.getBigUint64(32, true));
  const phnum = dv.getUint16(56, true);
  for (let i = 0; i < phnum; i++) if (dv.getUint32(phoff + 56 * i, true) === 1) return phoff + 56 * i;
  throw new Error('hello.elf has no PT_LOAD');
}

beforeAll(() => {
  if (!distBuilt()) throw new Error('dist/ is missing: run `npm run build` (or use the globalSetup test/helpers/build-dist.ts)');
  tmp = mkdtempSync(join(tmpdir(), 'rvsim-cli-'));
  mkdirSync(at('a-folder'));
  mkdirSync(at('no-elfs'));
  writeFileSync(at('no-elfs/readme.txt'), 'not a test\n');
  writeFileSync(at('text.txt'), 'hello, I am not an ELF file\n');
  writeFileSync(at('class32.elf'), patchedHello([4, 1, 1])); // EI_CLASS = ELFCLASS32
  writeFileSync(at('big-endian.elf'), patchedHello([5, 1, 2])); // EI_DATA = ELFDATA2MSB
  writeFileSync(at('x86-64.elf'), patchedHello([18, 2, 62])); // e_machine = EM_X86_64
  writeFileSync(at('truncated.elf'), HELLO_BYTES.subarray(0, 40)); // header is 64 bytes
  const ph = firstLoadPhdr();
  // p_vaddr and p_paddr of .text moved to 0x10000000, below RAM at 0x80000000.
  writeFileSync(at('outside-ram.elf'), patchedHello([ph + 16, 8, 0x10000000n], [ph + 24, 8, 0x10000000n]));
  writeFileSync(at('rv64ui-p-add-fails-5'), failingVariant('rv64ui-p-add', 5, 'fail'));
});

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

/** [what, arguments (paths under the temp folder are made absolute), expected text in the message]. */
const badInputs: [string, () => string[], RegExp][] = [
  ['a missing file', () => ['run', at('missing.elf')], /missing\.elf: no such file/],
  ['a directory', () => ['run', at('a-folder')], /a-folder: is a directory/],
  ['a text file', () => ['run', at('text.txt')], /text\.txt: not an ELF file/],
  ['an ELFCLASS32 file', () => ['run', at('class32.elf')], /32-bit ELF/],
  ['a big-endian ELF', () => ['run', at('big-endian.elf')], /big-endian/],
  ['an ELF for another machine', () => ['run', at('x86-64.elf')], /machine 62 \(x86-64\), not RISC-V/],
  ['a truncated header', () => ['run', at('truncated.elf')], /truncated ELF header/],
  ['a segment outside RAM', () => ['run', at('outside-ram.elf')], /outside-ram\.elf: segment at 0x10000000 .* outside RAM/],
  ['an unknown option after the file', () => ['run', HELLO, '--bogus'], /Unknown argument: bogus/],
  ['an unknown option before the file', () => ['run', '--bogus', HELLO], /Unknown argument: bogus/],
  ['an unknown command', () => ['frobnicate'], /Unknown argument: frobnicate/],
  ['a bad --isa', () => ['run', '--isa', 'rv64q', HELLO], /bad --isa 'rv64q'/],
  ['a nonsense --isa', () => ['run', '--isa', 'x86', HELLO], /bad --isa 'x86'/],
  ['a bad --mem', () => ['run', '--mem', 'lots', HELLO], /bad --mem 'lots'/],
  ['a too small --mem', () => ['run', '--mem', '4K', HELLO], /bad --mem '4K'/],
  ['--max-insns 0', () => ['run', '--max-insns', '0', HELLO], /bad --max-insns '0'/],
  ['--max-insns -1', () => ['run', '--max-insns', '-1', HELLO], /bad --max-insns '-1'/],
  ['--max-insns abc', () => ['run', '--max-insns', 'abc', HELLO], /bad --max-insns 'abc'/],
  ['--max-insns 1.5', () => ['run', '--max-insns', '1.5', HELLO], /bad --max-insns '1\.5'/],
  ['--max-insns without a value', () => ['run', HELLO, '--max-insns'], /bad --max-insns ''/],
  ['test --max-insns 0', () => ['test', 'riscv-tests/build', '--max-insns', '0'], /bad --max-insns '0'/],
  ['run without a file', () => ['run'], /run: name the ELF file/],
  ['test without a folder', () => ['test'], /test: name the folder/],
  ['test on a missing folder', () => ['test', at('missing-folder')], /missing-folder: no such folder/],
  ['test on a file', () => ['test', HELLO], /hello\.elf: not a folder/],
  ['test on a folder with no ELFs', () => ['test', at('no-elfs')], /no-elfs: no ELF files to run/],
  ['test with a filter that matches nothing', () => ['test', 'riscv-tests/build', '--filter', 'zzz'], /no ELF files to run/],
  ['a --stats-json path that cannot be written', () => ['run', '--stats-json', at('no/such/dir/s.json'), HELLO], /cannot write --stats-json/],
  ['no command at all', () => [], /name a command: run, .*test or demo/],
];

describe.concurrent('bad input: one line on stderr, no stack trace, non-zero exit', () => {
  test.each(badInputs)('%s', async (_what, args, message) => {
    const r = await rvsim(args());
    const err = lines(r.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^rvsim: /);
    expect(err[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(0);
    // Host errors exit 2; 70 would mean "internal error", i.e. an unexpected exception.
    expect(r.code).toBe(2);
  });
});

describe.concurrent('rvsim run', () => {
  test('hello.elf exits 0 with its output on stdout and nothing on stderr', async () => {
    const r = await rvsim(['run', HELLO]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(HELLO_FIRST)).toBe(true);
    expect(r.stdout).toContain('46 primes, CRC-32 of their bytes: 0x65fbaae7\n');
    expect(r.stdout).toContain('CRC-32 of "123456789": 0xcbf43926 (expected 0xcbf43926)\n');
    expect(r.stdout.endsWith(HELLO_LAST)).toBe(true);
  });

  test('program arguments: every word is named in one warning line, and the run goes on', async () => {
    const r = await rvsim(['run', HELLO, 'one', 'two', 'three']);
    expect(lines(r.stderr)).toEqual([
      'rvsim: warning: program arguments are not passed to bare-metal programs (ignored: one two three)',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(HELLO_FIRST)).toBe(true);
  });

  test('a repeated option takes its last value', async () => {
    const r = await rvsim(['run', '--max-insns', '5', '--max-insns', '1000', HELLO]);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('stopped after 1000 instructions');
  });

  test('--max-insns 1000 stops with exit 124 and says why', async () => {
    const r = await rvsim(['run', '--max-insns', '1000', HELLO]);
    expect(r.code).toBe(124);
    expect(lines(r.stderr)).toEqual(['rvsim: stopped after 1000 instructions (--max-insns)']);
  });

  test('--stats prints instructions, seconds and MIPS to stderr, not stdout', async () => {
    const r = await rvsim(['run', '--stats', HELLO]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith(HELLO_LAST)).toBe(true);
    expect(r.stderr).toMatch(/^instructions\s+[1-9]\d*$/m);
    expect(r.stderr).toMatch(/^seconds\s+\d+\.\d{3}$/m);
    expect(r.stderr).toMatch(/^MIPS\s+\d+\.\d$/m);
    expect(r.stderr).toMatch(/^exit code\s+0$/m);
  });

  test('--stats-json FILE writes the statistics as JSON', async () => {
    const file = at('stats.json');
    const r = await rvsim(['run', '--stats-json', file, HELLO]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(j).sort()).toEqual(['exitCode', 'instructions', 'mips', 'reason', 'seconds']);
    expect(Number.isInteger(j.instructions) && j.instructions > 0).toBe(true);
    expect(typeof j.seconds).toBe('number');
    expect(j.seconds).toBeGreaterThanOrEqual(0);
    expect(typeof j.mips).toBe('number');
    expect(j).toMatchObject({ exitCode: 0, reason: 'exit' });
  });

  test('--trace --max-insns 20 prints 20 disassembled, symbolized lines', async () => {
    const r = await rvsim(['run', '--trace', '--max-insns', '20', HELLO]);
    expect(r.code).toBe(124);
    const err = lines(r.stderr);
    const trace = err.filter((l) => /^[MSU] [0-9a-f]{16} \(/.test(l));
    expect(trace).toHaveLength(20);
    expect(err).toHaveLength(21);
    expect(err[20]).toBe('rvsim: stopped after 20 instructions (--max-insns)');
    // crt0.S starts with `csrr t0, mhartid` at _start (0x80000000).
    expect(trace[0]).toMatch(/^M 0000000080000000 \(f14022f3\) csrrs t0, mhartid, zero\s+<_start\+0x0>$/);
    expect(trace.some((l) => / auipc /.test(l))).toBe(true);
    expect(trace.every((l) => /<_start\+0x[0-9a-f]+>$/.test(l))).toBe(true);
  });

  test('--isa rv64i: the first compressed instruction is an illegal-instruction trap', async () => {
    // crt0's .bss loop has `c.addi t0, 8` at 0x8000003c. Without C it is illegal (mcause 2). The
    // runtime's trap handler is itself built with C: its `jal rt_trap` targets a 2-mod-4 address,
    // which without C raises instruction-address-misaligned (mcause 0) on the jal (unprivileged
    // spec, "Unconditional Jumps"), and so on forever: the run can only end at the limit, never
    // with the handler's exit 3 (programs/README.md).
    const r = await rvsim(['run', '--isa', 'rv64i', '--trace', '--max-insns', '100', HELLO]);
    expect(r.code).toBe(124);
    const traps = lines(r.stderr).filter((l) => l.includes(' trap: '));
    expect(traps[0]).toBe('M trap: exception 2 at 000000008000003c');
    expect(traps.length).toBeGreaterThan(1);
    expect(traps.slice(1).every((l) => l === 'M trap: exception 0 at 0000000080000064')).toBe(true);
    expect(r.stderr).toMatch(/<trap_entry\+0x0>$/m);
    // With the default ISA (C included) the same program runs to exit 0.
    expect((await rvsim(['run', '--max-insns', '1000000', HELLO])).code).toBe(0);
  });

  test('--isa rv64i on a compressed riscv-test fails it; rv64imac passes it', async () => {
    const c = 'riscv-tests/build/rv64uc-p-c_addi';
    const without = await rvsim(['run', '--isa', 'rv64i', c]);
    // An unexpected trap reports (mcause << 9) | 0x100 | TESTNUM; the exit status keeps the low byte.
    expect(without.code).not.toBe(0);
    expect(without.stderr).toBe('');
    expect((await rvsim(['run', '--isa', 'rv64imac', c])).code).toBe(0);
  });

  test('a riscv-tests failure exits with the test number', async () => {
    const r = await rvsim(['run', at('rv64ui-p-add-fails-5')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toBe('');
  });
});

describe.concurrent('rvsim test', () => {
  test('--filter rv64ui-p-add prints a table and "N passed, 0 failed"', async () => {
    const r = await rvsim(['test', 'riscv-tests/build', '--filter', 'rv64ui-p-add']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = lines(r.stdout);
    const rows = out.filter((l) => /^rv64ui-p-add\S*\s+PASS\s*$/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['rv64ui-p-add', 'rv64ui-p-addi', 'rv64ui-p-addiw', 'rv64ui-p-addw']);
    expect(out[out.length - 1]).toBe(`${rows.length} passed, 0 failed`);
  });

  test('a failing test is a FAIL row with its number, and the command exits 1', async () => {
    const r = await rvsim(['test', tmp, '--filter', 'fails-5']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^rv64ui-p-add-fails-5\s+FAIL\s+test 5 failed$/);
    expect(out[out.length - 1]).toBe('0 passed, 1 failed');
  });
});
