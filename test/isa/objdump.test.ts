/**
 * Cross-check against GNU objdump (an independent implementation of the encodings): every 16-bit
 * parcel, and random encodings of every 32-bit row, must disassemble to the same text as
 * `objdump -M no-aliases` prints, up to spacing and the few spellings listed in `normalize`.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../src/rv64/disasm.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { requireTool } from '../tools.js';
import { fullDecoder } from './helpers.js';

const OBJDUMP = 'riscv64-unknown-elf-objdump';
const BASE = 0x80000000n;
const have = requireTool(OBJDUMP, 'binutils-riscv64-unknown-elf');

/** objdump's text for each instruction of a flat binary loaded at BASE, by address. */
function objdump(bytes: Uint8Array): Map<bigint, string> {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-objdump-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const r = spawnSync(
      OBJDUMP,
      ['-D', '-b', 'binary', '-m', 'riscv:rv64', '-M', 'no-aliases', `--adjust-vma=0x${BASE.toString(16)}`, file],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) throw new Error(`objdump failed: ${r.stderr}`);
    const out = new Map<bigint, string>();
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
      if (m) out.set(BigInt(`0x${m[1]}`), m[2].replace(/\s+/g, ' ').replace(/ <.*>$/, '').replace(/ # .*$/, '').trim());
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our text in objdump's spelling: no space after commas, and its names for a few HINT forms. */
function normalize(s: string): string {
  let t = s.replace(/, /g, ',');
  // binutils shows c.nop (and its HINT forms) as c.addi zero, and shifts by zero as c.slli64 etc.
  t = t.replace(/^c\.nop$/, 'c.addi zero,0').replace(/^c\.nop (-?\d+)$/, 'c.addi zero,$1');
  t = t.replace(/^c\.(slli|srli|srai) (\w+),0x0$/, 'c.$164 $2');
  return t;
}

/**
 * Equal but for spellings objdump has and we do not: the canonical `unimp` (csrrw zero, cycle,
 * zero), and names of CSRs this machine does not name (vector CSRs, RV32-only ...h halves); the
 * CSR number itself is checked by the round-trip tests.
 */
function sameCsrInsn(ours: string, t: string): boolean {
  if (ours === 'csrrw zero,cycle,zero') return t === 'unimp';
  const a = ours.split(',');
  const b = t.split(',');
  if (!ours.startsWith('csr') || a.length !== 3 || b.length !== 3 || a[0] !== b[0] || a[2] !== b[2]) return false;
  return /^0x[0-9a-f]+$/.test(a[1]) && /^[a-z][a-z0-9]*$/.test(b[1]);
}

/**
 * binutils 2.40 (Debian 12) decodes the exact conversions fcvt.d.s, fcvt.d.w and fcvt.d.wu only
 * with rm = 0 and prints them without a rounding mode; the ISA gives them an rm field like every
 * other conversion (unprivileged spec 12.5), and newer binutils accept it. Ours shows the rm.
 */
function exactFcvt(ours: string, t: string): boolean {
  const m = /^(fcvt\.d\.(?:s|w|wu)) (\w+),(\w+)(,\w+)?$/.exec(ours);
  if (m === null) return false;
  return t.startsWith('.4byte') || t === `${m[1]} ${m[2]},${m[3]}`;
}

describe.runIf(have)('agrees with GNU objdump', () => {
  const decoder = fullDecoder();
  const haveD = allRows.some((r) => r.name === 'fld');

  it('on every 16-bit parcel', () => {
    const parcels: number[] = [];
    for (let c = 0; c < 65536; c++) if ((c & 3) !== 3) parcels.push(c);
    const bytes = new Uint8Array(parcels.length * 2);
    parcels.forEach((c, k) => ((bytes[2 * k] = c & 0xff), (bytes[2 * k + 1] = c >>> 8)));
    const theirs = objdump(bytes);
    const bad: string[] = [];
    let compared = 0;
    parcels.forEach((c, k) => {
      const pc = BASE + BigInt(2 * k);
      const ours = disassemble(c, pc, decoder);
      const t = theirs.get(pc) ?? '?';
      if (ours.startsWith('unknown')) {
        // objdump prints undecodable parcels as data; c.unimp is the all-zero parcel.
        if (/^c\.f(ld|sd)(sp)? /.test(t) && !haveD) return; // legal once D rows exist
        // The spec reserves c.addi16sp with nzimm = 0 (RVC listings); binutils still prints it.
        if (c === 0x6101 && t === 'c.addi16sp sp,0') return;
        if (!t.startsWith('.2byte') && t !== 'c.unimp') bad.push(`0x${c.toString(16)}: ours ${ours}, objdump ${t}`);
      } else if (normalize(ours) !== t) bad.push(`0x${c.toString(16)}: ours ${ours}, objdump ${t}`);
      else compared++;
    });
    expect(bad.slice(0, 30)).toEqual([]);
    // 49152 parcels less reserved code points (about 2400), and the 4 x 2048 D slots while D is absent.
    expect(compared).toBeGreaterThan(haveD ? 46000 : 38000);
  });

  it('on random encodings of every 32-bit row', () => {
    const reg = fc.integer({ min: 0, max: 31 });
    const words: number[] = [];
    // objdump disassembles a raw binary as rv64gc, without H: the H rows are cross-checked against
    // objdump on an ELF whose arch attribute names H, in test/hext/objdump-h.test.ts.
    for (const row of allRows.filter((r) => r.ext !== 'H')) {
      const ops = fc.record({
        rd: reg, rs1: reg, rs2: reg, rs3: reg,
        imm: fc.integer({ min: -2048, max: 2047 }),
        csr: fc.oneof(fc.integer({ min: 0, max: 4095 }), fc.constantFrom(0x300, 0x341, 0x180, 0x100, 0xc00, 0x3a0, 0x3b0)),
        rm: fc.constantFrom(0, 1, 2, 3, 4, 7),
        aq: fc.boolean(), rl: fc.boolean(),
        pred: fc.integer({ min: 1, max: 15 }), succ: fc.integer({ min: 1, max: 15 }),
      });
      for (const o of fc.sample(ops, { numRuns: 60, seed: 42 })) {
        const imm = row.format === 'SH6' ? o.imm & 63 : row.format === 'SH5' || row.format === 'CSRI' ? o.imm & 31
          : row.format === 'U' ? o.imm & 0xfffff : row.format === 'B' || row.format === 'J' ? o.imm & ~1 : o.imm;
        words.push(encode(row, { ...o, imm }));
      }
    }
    const bytes = new Uint8Array(words.length * 4);
    new DataView(bytes.buffer).setUint32(0, 0, true);
    words.forEach((w, k) => new DataView(bytes.buffer).setInt32(4 * k, w, true));
    const theirs = objdump(bytes);
    const bad: string[] = [];
    words.forEach((w, k) => {
      const pc = BASE + BigInt(4 * k);
      const ours = normalize(disassemble(w, pc, decoder));
      const t = theirs.get(pc) ?? '?';
      if (ours !== t && !sameCsrInsn(ours, t) && !exactFcvt(ours, t)) bad.push(`0x${(w >>> 0).toString(16)}: ours ${ours}, objdump ${t}`);
    });
    expect(bad.slice(0, 40)).toEqual([]);
  });
});
