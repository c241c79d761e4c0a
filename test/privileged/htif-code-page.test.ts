/**
 * HTIF's `tohost` in the same 4 KiB page as code (as small riscv-tests-style programs link it when
 * nothing aligns .tohost to its own page). A store there must both drop the stale decoded
 * instructions of that page and reach HTIF (src/rv64/mmu.ts storeSlow / amoOffset): before the fix
 * the store only invalidated the decode cache, HTIF never saw it, and the program spun forever.
 */
import { describe, expect, it } from 'vitest';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { openPmp } from './helpers.js';

const I = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const addi = (rd: number, rs1: number, imm: number) => I(0x13, 0, rd, rs1, imm);
const slli = (rd: number, rs1: number, sh: number) => I(0x13, 1, rd, rs1, sh);
const ori = (rd: number, rs1: number, imm: number) => I(0x13, 6, rd, rs1, imm);
const lw = (rd: number, rs1: number, imm: number) => I(0x03, 2, rd, rs1, imm);
const store = (f3: number, rs2: number, rs1: number, imm: number) =>
  (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23;
const sw = (rs2: number, rs1: number, imm: number) => store(2, rs2, rs1, imm);
const sd = (rs2: number, rs1: number, imm: number) => store(3, rs2, rs1, imm);
const auipc = (rd: number) => (rd << 7) | 0x17;
const bne = (rs1: number, rs2: number, imm: number) =>
  (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (1 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
const FENCE_I = 0x0000100f;
const J_SELF = 0x0000006f;
const t0 = 5, t1 = 6, t3 = 28, a0 = 10, s3 = 19, s4 = 20;

/** tohost's offset from the program's start: in its first (and only) page. */
const TOHOST = 0x80;

function machine(out: number[] = []): Machine {
  const m = new Machine({ memSize: 1 << 20, isa: 'rv64imac_zicsr_zifencei', output: (_fd, b) => out.push(...b) });
  m.attachHtif(RAM_BASE + TOHOST, null);
  return m;
}

function load(m: Machine, words: number[], at = 0): void {
  const b = new Uint8Array(4 * words.length);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  m.mmu.writePhys(RAM_BASE + at, b);
  m.hart.pc = BigInt(RAM_BASE);
}

describe('HTIF tohost in a code page', () => {
  it('a program whose tohost shares its code page exits with its code, after patching its own code', () => {
    const m = machine();
    load(m, [
      auipc(t0), // t0 = the program's start
      lw(t1, t0, 0x40), // the replacement instruction, kept as data below
      sw(t1, t0, 0x10), // patch the instruction at +0x10 (a store to this code page)
      FENCE_I,
      addi(a0, 0, 1), // +0x10: becomes addi a0, x0, 42
      slli(a0, a0, 1),
      ori(a0, a0, 1),
      sd(a0, t0, TOHOST), // HTIF exit: (code << 1) | 1
      J_SELF,
    ]);
    load(m, [addi(a0, 0, 42)], 0x40);
    // The page is code before the store to tohost reaches it.
    expect(m.run(1_000)).toEqual({ reason: 'exit', exitCode: 42, instret: 8 });
    expect(m.mmu.decodeCache.isCode[0]).toBe(1);
  });

  it('every store to a tohost in a code page reaches HTIF (console, then exit)', () => {
    const out: number[] = [];
    const m = machine(out);
    const putchar = (c: string) => (1n << 56n) | (1n << 48n) | BigInt(c.charCodeAt(0));
    load(m, [auipc(t0), sd(s3, t0, TOHOST), sd(s4, t0, TOHOST), addi(a0, 0, (7 << 1) | 1), sd(a0, t0, TOHOST), J_SELF]);
    for (const [r, v] of [[s3, putchar('h')], [s4, putchar('i')]] as const) {
      m.hart.x[2 * r] = Number(BigInt.asIntN(32, v));
      m.hart.x[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
    }
    const r = m.run(1_000);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(7);
    expect(String.fromCharCode(...out)).toBe('hi');
  });

  it('a store to the code page also drops the decoded instruction it overwrites', () => {
    // Runs the slot at +0x14 twice: the second time after a store (no FENCE.I: rvsim keeps the
    // decode cache coherent with stores, which the ISA allows) replaced it. tohost shares the page,
    // so this store takes the same path as the HTIF one.
    const m = machine();
    load(m, [
      auipc(t0),
      addi(s3, 0, 0), // pass counter
      lw(t1, t0, 0x40),
      addi(a0, 0, 0),
      addi(s3, s3, 1), // +0x10
      addi(a0, a0, 1), // +0x14: becomes addi a0, a0, 0x10 after the first pass
      sw(t1, t0, 0x14),
      addi(t3, 0, 2),
      bne(s3, t3, -16), // back to +0x10 for the second pass
      slli(a0, a0, 1),
      ori(a0, a0, 1),
      sd(a0, t0, TOHOST),
      J_SELF,
    ]);
    load(m, [addi(a0, a0, 0x10)], 0x40);
    const r = m.run(1_000);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(0x11); // 1 on the first pass, 0x10 on the second
  });

  it('an AMO or SC to tohost reaches HTIF with the value it writes (the watcher runs after the write)', () => {
    // amoswap.d a1, a0, (t3) / lr.d + sc.d with tohost's address in t3. Before the fix HTIF polled
    // tohost before the AMO wrote it, saw 0 and the program spun.
    const amo = (f5: number, rd: number, rs2: number, rs1: number) => ((f5 << 27) | (rs2 << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x2f) >>> 0;
    const a1 = 11;
    const addiT3 = addi(t3, t0, TOHOST);
    for (const [name, words] of [
      ['amoswap.d', [auipc(t0), addiT3, addi(a0, 0, (5 << 1) | 1), amo(0x01, a1, a0, t3), J_SELF]],
      ['amoor.d', [auipc(t0), addiT3, addi(a0, 0, (6 << 1) | 1), amo(0x08, a1, a0, t3), J_SELF]],
      ['sc.d', [auipc(t0), addiT3, addi(a0, 0, (9 << 1) | 1), amo(0x02, a1, 0, t3), amo(0x03, a1, a0, t3), J_SELF]],
    ] as const) {
      const m = machine();
      load(m, [...words]);
      const r = m.run(1_000);
      expect(r.reason, name).toBe('exit');
      expect(r.exitCode, name).toBe(name === 'amoswap.d' ? 5 : name === 'amoor.d' ? 6 : 9);
    }
  });

  it('an HSV.D to a tohost in a code page both drops the decoded page and reaches HTIF (src/hext/hlv.ts)', () => {
    // From M-mode with hgatp and vsatp Bare, HSV stores to the same physical address (as a VU
    // access, so the PMP must let U-mode in).
    const m = new Machine({ memSize: 1 << 20, isa: 'rv64imafdch_zicsr_zifencei', output: () => {} });
    m.attachHtif(RAM_BASE + TOHOST, null);
    openPmp(m);
    const hsvD = (rs2: number, rs1: number) => (0x6e004073 | (rs1 << 15) | (rs2 << 20)) >>> 0;
    load(m, [auipc(t0), addi(t3, t0, TOHOST), addi(a0, 0, (11 << 1) | 1), hsvD(a0, t3), J_SELF]);
    const r = m.run(1_000);
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(11);
  });
});
