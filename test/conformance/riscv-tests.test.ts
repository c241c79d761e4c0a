/**
 * rvsim's riscv-tests suite (riscv-tests/build, committed ELFs built by riscv-tests/Makefile), run
 * in-process one vitest test per ELF, the way `rvsim test riscv-tests/build` runs them: the -p-
 * variants (riscv-tests/env/p: physical memory) and the user groups' -v- variants
 * (riscv-tests/env/v: the body in U-mode on Sv39 under a supervisor of the env's own). A pass is
 * tohost = 1; a failure is tohost = (TESTNUM << 1) | 1 (riscv-tests/env/{p,v}/riscv_test.h).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseElf } from '../../src/loader/elf.js';
import { machineForElf } from '../../src/cli/load.js';
import { describeFailure, listTests, runTest } from '../../src/cli/test-cmd.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { failingVariant, TESTS_DIR } from '../helpers/failing-test.js';

const names = listTests(TESTS_DIR);

/** Runs ELF bytes to their exit with console output captured. */
function runBytes(bytes: Uint8Array, name: string) {
  const out: string[] = [];
  const m = machineForElf(parseElf(bytes, name), name, {
    output: (_fd, b) => out.push(Buffer.from(b).toString('latin1')),
  });
  return { result: m.run(1_000_000), output: out.join(''), machine: m };
}

const USER_GROUPS = ['rv64ui', 'rv64um', 'rv64ua', 'rv64uc', 'rv64uf', 'rv64ud'];

describe('riscv-tests/build', () => {
  test('holds the whole suite (every group of the Makefile)', () => {
    // Guards against an empty or half-built folder making this suite pass vacuously.
    expect(names.length).toBeGreaterThanOrEqual(100);
    for (const group of ['rv64ui', 'rv64um', 'rv64ua', 'rv64uc', 'rv64uf', 'rv64ud', 'rv64mi', 'rv64si']) {
      expect(names.some((n) => n.startsWith(`${group}-p-`))).toBe(true);
    }
    // env/v: every user group, and only those (the body must run in U-mode)
    for (const group of USER_GROUPS) expect(names.filter((n) => n.startsWith(`${group}-v-`)).length).toBeGreaterThan(5);
    expect(names.filter((n) => n.includes('-v-')).every((n) => USER_GROUPS.includes(n.split('-')[0]))).toBe(true);
  });

  test.each(names)('%s passes', (name) => {
    const r = runTest(join(TESTS_DIR, name), name, { dir: TESTS_DIR, maxInsns: 1_000_000 });
    expect(r.detail).toBe('');
    expect(r.status).toBe('pass');
    expect(r.instret).toBeGreaterThan(0);
  });
});

describe('a failing test is reported as a failure with its test number', () => {
  test('a jump to fail in test 5 of rv64ui-p-add exits with 5', () => {
    const { result } = runBytes(failingVariant('rv64ui-p-add', 5, 'fail'), 'add-fails-5');
    expect(result.reason).toBe('exit');
    expect(result.exitCode).toBe(5);
    expect(describeFailure(result.exitCode!)).toBe('test 5 failed');
  });

  test('the same ELF unpatched passes, so the patch is what fails it', () => {
    const { result } = runBytes(new Uint8Array(readFileSync(join(TESTS_DIR, 'rv64ui-p-add'))), 'add');
    expect(result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  test('runTest (what `rvsim test` tabulates) gives status fail and the test number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-conf-'));
    try {
      const path = join(dir, 'rv64ui-p-add-broken');
      writeFileSync(path, failingVariant('rv64ui-p-add', 5, 'fail'));
      const r = runTest(path, 'rv64ui-p-add-broken', { dir });
      expect(r).toMatchObject({ status: 'fail', detail: 'test 5 failed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an illegal instruction in test 7 is reported as an unexpected trap with mcause 2', () => {
    const { result } = runBytes(failingVariant('rv64ui-p-add', 7, 'trap'), 'add-traps-7');
    expect(result.reason).toBe('exit');
    // (mcause 2 = illegal instruction << 9) | 0x100 | TESTNUM, riscv-tests/env/p/riscv_test.h
    expect(result.exitCode).toBe((2 << 9) | 0x100 | 7);
    expect(describeFailure(result.exitCode!)).toBe('unexpected trap (mcause 2) in test 7');
  });
});

/** Overwrites the words after `li gp, testNum` at test_<testNum> with `words` (ELF virtual addresses). */
function patchAfterTestNum(name: string, testNum: number, words: number[]): Uint8Array {
  const bytes = new Uint8Array(readFileSync(join(TESTS_DIR, name)));
  const elf = parseElf(bytes);
  const label = elf.symbols.get(`test_${testNum}`)!;
  const seg = elf.segments.find((s) => label >= s.vaddr && label + 4n * BigInt(words.length + 1) <= s.vaddr + BigInt(s.data.length))!;
  const at = seg.data.byteOffset - bytes.byteOffset + Number(label - seg.vaddr);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(dv.getInt32(at, true)).toBe(encode(row('addi'), { rd: 3, rs1: 0, imm: testNum }));
  words.forEach((w, i) => dv.setInt32(at + 4 * (i + 1), w, true));
  return bytes;
}

function row(name: string) {
  return allRows.find((r) => r.name === name)!;
}

/** The exit code env/p and env/v give an unexpected trap with this cause in test `testNum`. */
const trapCode = (cause: number, testNum: number) => (cause << 9) | 0x100 | testNum;

describe('env/v: the test body runs in U-mode on Sv39 under the env\'s supervisor', () => {
  const bytes = new Uint8Array(readFileSync(join(TESTS_DIR, 'rv64ui-v-add')));
  const elf = parseElf(bytes, 'rv64ui-v-add');
  const sym = (n: string) => {
    const v = elf.symbols.get(n);
    if (v === undefined) throw new Error(`rv64ui-v-add has no symbol ${n}`);
    return v;
  };

  test('the body is linked at a virtual address and loaded elsewhere (p_vaddr != p_paddr)', () => {
    const body = sym('rvtest_body');
    expect(body).toBe(0x12_3450_0000n + 8n); // after rvtest_user_ecall (riscv-tests/env/v/link.ld)
    const seg = elf.segments.find((s) => body >= s.vaddr && body < s.vaddr + s.memsz)!;
    expect(seg.paddr).toBeGreaterThanOrEqual(0x8000_0000n);
    expect(seg.paddr).not.toBe(seg.vaddr);
    expect(sym('tohost')).toBeLessThan(0x8000_1000n + 0x1000n); // the harness page, physical
  });

  test('it passes with satp in Sv39 and the A bit of the code page set by the supervisor (Svade)', () => {
    const { result, machine } = runBytes(bytes, 'rv64ui-v-add');
    expect(result).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(machine.csr.satpHi >>> 28).toBe(8); // satp.MODE = Sv39 (Priv. spec 10.1.11)
    // the level-0 PTE of the body's page: the harness built it with A = D = 0; rvsim (no Svadu
    // unless the ISA string names it and menvcfg.ADUE is set) raised an instruction page fault on
    // the first fetch (Priv. spec 12.4.1 step 7) and the S handler set A, and nothing wrote the page.
    const l0 = Number(sym('rvtest_pt_l0'));
    const idx = Number((sym('rvtest_body') >> 12n) & 0x1ffn);
    const pte = new DataView(machine.mmu.readPhys(l0 + 8 * idx, 8).buffer).getBigUint64(0, true);
    const seg = elf.segments.find((s) => sym('rvtest_body') >= s.vaddr && sym('rvtest_body') < s.vaddr + s.memsz)!;
    expect(pte >> 10n).toBe(seg.paddr >> 12n); // maps VA 0x12_3450_0000 to its load address
    expect(pte & 0xffn).toBe(0x5fn); // A | U | X | W | R | V, D clear
  });

  test('fence_i writes its own code: the supervisor sets D on the store page fault', () => {
    const fb = new Uint8Array(readFileSync(join(TESTS_DIR, 'rv64ui-v-fence_i')));
    const fe = parseElf(fb, 'rv64ui-v-fence_i');
    const { result, machine } = runBytes(fb, 'rv64ui-v-fence_i');
    expect(result).toMatchObject({ reason: 'exit', exitCode: 0 });
    const patch = fe.symbols.get('patch')!;
    const l0 = Number(fe.symbols.get('rvtest_pt_l0')!);
    const pte = new DataView(machine.mmu.readPhys(l0 + 8 * Number((patch >> 12n) & 0x1ffn), 8).buffer).getBigUint64(0, true);
    expect(pte & 0xc0n).toBe(0xc0n); // A and D
  });

  test('a jump to fail in test 5 exits with 5 (reported by ecall to the supervisor)', () => {
    const { result } = runBytes(failingVariant('rv64ui-v-add', 5, 'fail'), 'v-add-fails-5');
    expect(result).toMatchObject({ reason: 'exit', exitCode: 5 });
  });

  test('an illegal instruction in test 7 is an unexpected trap (scause 2), taken in S', () => {
    const { result } = runBytes(failingVariant('rv64ui-v-add', 7, 'trap'), 'v-add-traps-7');
    expect(result).toMatchObject({ reason: 'exit', exitCode: trapCode(2, 7) });
    expect(describeFailure(result.exitCode!)).toBe('unexpected trap (mcause 2) in test 7');
  });

  test('the body is in U-mode: reading sstatus is an illegal instruction', () => {
    const csrr = encode(row('csrrs'), { rd: 14, rs1: 0, csr: 0x100 });
    const { result } = runBytes(patchAfterTestNum('rv64ui-v-add', 4, [csrr]), 'v-add-csrr');
    expect(result).toMatchObject({ reason: 'exit', exitCode: trapCode(2, 4) });
  });

  test('a load from an unmapped VA (0) is a load page fault and fails the test', () => {
    const ld = encode(row('ld'), { rd: 14, rs1: 0, imm: 0 });
    const { result } = runBytes(patchAfterTestNum('rv64ui-v-add', 3, [ld]), 'v-add-ld0');
    expect(result).toMatchObject({ reason: 'exit', exitCode: trapCode(13, 3) });
  });

  test('a load from the supervisor\'s identity-mapped page (U = 0) is a load page fault', () => {
    // x1 = 0x40000000 << 1 = 0x80000000 (_start), then ld a4, 0(x1)
    const words = [
      encode(row('lui'), { rd: 1, imm: 0x40000 }),
      encode(row('slli'), { rd: 1, rs1: 1, imm: 1 }),
      encode(row('ld'), { rd: 14, rs1: 1, imm: 0 }),
    ];
    const { result } = runBytes(patchAfterTestNum('rv64ui-v-add', 6, words), 'v-add-ld-super');
    expect(result).toMatchObject({ reason: 'exit', exitCode: trapCode(13, 6) });
  });

  test('an ecall from the body other than the env\'s report is a failure, not a report', () => {
    // a0 = 1 would read as a pass if any ecall counted
    const words = [encode(row('addi'), { rd: 10, rs1: 0, imm: 1 }), encode(row('ecall'), {})];
    const { result } = runBytes(patchAfterTestNum('rv64ui-v-add', 2, words), 'v-add-ecall');
    expect(result).toMatchObject({ reason: 'exit', exitCode: trapCode(8, 2) });
  });
});

describe.each(USER_GROUPS)('%s: the -v variants', (group) => {
  test('every -v test has its -p twin', () => {
    const v = names.filter((n) => n.startsWith(`${group}-v-`));
    for (const n of v) expect(names).toContain(n.replace('-v-', '-p-'));
  });
});
