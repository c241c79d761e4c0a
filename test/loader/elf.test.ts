/**
 * ELF parsing, validation and loading. The malformed inputs are made by mutating the committed
 * programs/build/hello.elf (a real riscv64-unknown-elf-gcc output) or a tiny ELF built here.
 * Field offsets are those of the ELF-64 Object File Format (System V gABI, "ELF Header",
 * "Program Header", "Sections", "Symbol Table").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseElf, PF_R, PF_W, PF_X, type ElfImage } from '../../src/loader/elf.js';
import { loadSegments } from '../../src/loader/load-segments.js';
import { Symbolizer } from '../../src/loader/symbolizer.js';
import { HostError } from '../../src/rv64/trap.js';

const HELLO = new Uint8Array(readFileSync(join(import.meta.dirname, '../../programs/build/hello.elf')));

/** A copy of hello.elf with some little-endian fields overwritten: [offset, width in bytes, value]. */
function patched(...fields: [number, 1 | 2 | 4 | 8, number | bigint][]): Uint8Array {
  const b = HELLO.slice();
  const dv = new DataView(b.buffer);
  for (const [at, width, value] of fields) {
    if (width === 1) dv.setUint8(at, Number(value));
    else if (width === 2) dv.setUint16(at, Number(value), true);
    else if (width === 4) dv.setUint32(at, Number(value), true);
    else dv.setBigUint64(at, BigInt(value), true);
  }
  return b;
}

function u16(b: Uint8Array, at: number): number {
  return new DataView(b.buffer, b.byteOffset).getUint16(at, true);
}
function u32(b: Uint8Array, at: number): number {
  return new DataView(b.buffer, b.byteOffset).getUint32(at, true);
}
function u64(b: Uint8Array, at: number): bigint {
  return new DataView(b.buffer, b.byteOffset).getBigUint64(at, true);
}

const PHOFF = Number(u64(HELLO, 32));
const PHNUM = u16(HELLO, 56);
const SHOFF = Number(u64(HELLO, 40));
const SHNUM = u16(HELLO, 60);
/** Offset of program header i, and of its fields. */
const ph = (i: number) => PHOFF + i * 56;
const loadIndexes = Array.from({ length: PHNUM }, (_, i) => i).filter((i) => u32(HELLO, ph(i)) === 1);
const firstLoad = loadIndexes[0];
const sh = (i: number) => SHOFF + i * 64;
const symtabIndex = Array.from({ length: SHNUM }, (_, i) => i).find((i) => u32(HELLO, sh(i) + 4) === 2)!;

function hostError(f: () => unknown): HostError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return e as HostError;
  }
  throw new Error('expected a HostError, nothing was thrown');
}

/**
 * A minimal ELF64 LE RISC-V executable: header, program headers, then `code` at file offset 0x100
 * loaded at 0x80000000. No section headers (so no symbols).
 */
function tinyElf(options: { extraPhdrs?: number[]; osAbi?: number; type?: number } = {}): Uint8Array {
  const extra = options.extraPhdrs ?? [];
  const b = new Uint8Array(0x110);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, options.osAbi ?? 0]);
  dv.setUint16(16, options.type ?? 2, true);
  dv.setUint16(18, 243, true);
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, 0x80000000n, true);
  dv.setBigUint64(32, 64n, true);
  dv.setUint16(52, 64, true);
  dv.setUint16(54, 56, true);
  dv.setUint16(56, 1 + extra.length, true);
  const load = 64;
  dv.setUint32(load, 1, true);
  dv.setUint32(load + 4, PF_R | PF_X, true);
  dv.setBigUint64(load + 8, 0x100n, true);
  dv.setBigUint64(load + 16, 0x80000000n, true);
  dv.setBigUint64(load + 24, 0x80000000n, true);
  dv.setBigUint64(load + 32, 0x10n, true);
  dv.setBigUint64(load + 40, 0x20n, true);
  extra.forEach((type, i) => dv.setUint32(64 + 56 * (i + 1), type, true));
  for (let i = 0; i < 0x10; i++) b[0x100 + i] = i + 1;
  return b;
}

describe('parseElf on a real program', () => {
  const elf = parseElf(HELLO);

  it('reads the entry point, loadable segments and symbols', () => {
    expect(elf.type).toBe('exec');
    expect(elf.entry).toBe(0x80000000n);
    expect(elf.entryPaddr).toBe(0x80000000n);
    expect(elf.segments.length).toBe(loadIndexes.length);
    const text = elf.segments[0];
    expect(text.paddr).toBe(0x80000000n);
    expect(text.flags).toBe(PF_R | PF_X);
    expect(text.data.length).toBe(Number(u64(HELLO, ph(firstLoad) + 32)));
    // The first instruction of crt0.S: csrr t0, mhartid (0xf14022f3).
    expect(u32(text.data, 0)).toBe(0xf14022f3);
    const data = elf.segments[1];
    expect(data.flags).toBe(PF_R | PF_W);
    expect(data.memsz > BigInt(data.data.length)).toBe(true); // it carries .bss
    expect(elf.symbolWarning).toBeUndefined();
  });

  it('finds the HTIF mailbox in its own page and the program symbols', () => {
    expect(elf.hasTohost).toBe(true);
    expect(elf.isLinux).toBe(false);
    const tohost = elf.symbols.get('tohost')!;
    expect(tohost % 4096n).toBe(0n);
    expect(elf.symbols.get('fromhost')! - tohost).toBe(64n);
    expect(elf.symbols.get('_start')).toBe(0x80000000n);
    expect(elf.symbols.has('main')).toBe(true);
    // Mapping symbols ($x...) and section/file symbols are not names.
    expect([...elf.symbols.keys()].some((n) => n.startsWith('$') || n.endsWith('.c'))).toBe(false);
    // Code symbols: functions and labels in .text, sorted; data objects and linker symbols are not code.
    const names = elf.codeSymbols.map((s) => s.name);
    expect(names).toContain('main');
    expect(names).toContain('_start');
    expect(names).toContain('trap_entry');
    expect(names).not.toContain('tohost');
    expect(names).not.toContain('__bss_end');
    const addrs = elf.codeSymbols.map((s) => s.addr);
    expect(addrs).toEqual([...addrs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('prefixes messages with the source name when given one', () => {
    expect(hostError(() => parseElf(new Uint8Array([1, 2, 3, 4]), 'x.bin')).message).toBe(
      'x.bin: not an ELF file (bad magic number)',
    );
  });
});

describe('parseElf rejects what is not an RV64 executable', () => {
  const cases: [string, () => Uint8Array, string][] = [
    ['bad magic', () => patched([1, 1, 0x46]), 'not an ELF file (bad magic number)'],
    ['text file', () => new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'not an ELF file (bad magic number)'],
    ['empty file', () => new Uint8Array(0), 'not an ELF file (only 0 bytes)'],
    ['3 bytes of magic', () => HELLO.slice(0, 3), 'not an ELF file (only 3 bytes)'],
    ['ELFCLASS32', () => patched([4, 1, 1]), '32-bit ELF; rvsim runs RV64'],
    ['unknown class', () => patched([4, 1, 7]), 'unknown ELF class 7 (expected 2, ELFCLASS64)'],
    ['big-endian', () => patched([5, 1, 2]), 'big-endian ELF; RISC-V executables are little-endian'],
    ['unknown data encoding', () => patched([5, 1, 0]), 'unknown ELF data encoding 0 (expected 1, little-endian)'],
    ['x86-64', () => patched([18, 2, 62]), 'ELF is for machine 62 (x86-64), not RISC-V (243)'],
    ['AArch64', () => patched([18, 2, 183]), 'ELF is for machine 183 (AArch64), not RISC-V (243)'],
    ['unnamed machine', () => patched([18, 2, 4242]), 'ELF is for machine 4242, not RISC-V (243)'],
    ['ET_REL', () => patched([16, 2, 1]), 'relocatable object file (ET_REL), not an executable: link it first'],
    ['ET_CORE', () => patched([16, 2, 4]), 'core dump (ET_CORE), not an executable'],
    ['ET_NONE', () => patched([16, 2, 0]), 'ELF type 0 is not an executable (ET_EXEC or ET_DYN)'],
    ['truncated header', () => HELLO.slice(0, 40), 'truncated ELF header (40 bytes, need 64)'],
    ['header cut after e_ident[4]', () => HELLO.slice(0, 5), 'truncated ELF header (5 bytes, need 64)'],
    ['no program headers', () => patched([56, 2, 0]), 'no program headers, so nothing to load'],
    ['PN_XNUM', () => patched([56, 2, 0xffff]), 'more than 65534 program headers (PN_XNUM) is not supported'],
    ['small phentsize', () => patched([54, 2, 32]), 'program header entry size 32 is smaller than 56'],
    [
      'program headers past the end',
      () => patched([32, 8, HELLO.length - 10]),
      `program headers (${PHNUM} at offset 0x${(HELLO.length - 10).toString(16)}) lie outside the file (${HELLO.length} bytes)`,
    ],
    [
      'program header offset near 2^64',
      () => patched([32, 8, 0xfffffffffffffff0n]),
      `program headers (${PHNUM} at offset 0xfffffffffffffff0) lie outside the file (${HELLO.length} bytes)`,
    ],
    [
      'too many program headers for the file',
      () => patched([56, 2, 1000]),
      `program headers (1000 at offset 0x${PHOFF.toString(16)}) lie outside the file (${HELLO.length} bytes)`,
    ],
    [
      'segment file range past the end',
      () => patched([ph(firstLoad) + 8, 8, HELLO.length - 4]),
      `segment ${firstLoad}: its file bytes 0x${(HELLO.length - 4).toString(16)}..0x${(
        HELLO.length - 4 + Number(u64(HELLO, ph(firstLoad) + 32))
      ).toString(16)} lie outside the file (${HELLO.length} bytes)`,
    ],
    [
      'segment file size past the end',
      () => patched([ph(firstLoad) + 32, 8, 0x7fffffffffffffffn], [ph(firstLoad) + 40, 8, 0x7fffffffffffffffn]),
      `segment ${firstLoad}: its file bytes 0x${u64(HELLO, ph(firstLoad) + 8).toString(16)}..0x${(
        u64(HELLO, ph(firstLoad) + 8) + 0x7fffffffffffffffn
      ).toString(16)} lie outside the file (${HELLO.length} bytes)`,
    ],
    [
      'filesz > memsz',
      () => patched([ph(firstLoad) + 40, 8, 4]),
      `segment ${firstLoad}: file size 0x${u64(HELLO, ph(firstLoad) + 32).toString(16)} exceeds memory size 0x4`,
    ],
    [
      'segment wrapping past 2^64',
      () => patched([ph(firstLoad) + 24, 8, 0xfffffffffffff000n], [ph(firstLoad) + 40, 8, 0x2000]),
      `segment ${firstLoad}: 0x2000 bytes at 0xfffffffffffff000 wrap around the 64-bit address space`,
    ],
    [
      'zero PT_LOAD segments',
      () => patched(...loadIndexes.map((i): [number, 4, number] => [ph(i), 4, 4 /* PT_NOTE */])),
      'no loadable (PT_LOAD) segments',
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      expect(hostError(() => parseElf(make())).message).toBe(message);
    });
  }

  it('accepts ET_DYN (a static PIE) and reports it', () => {
    expect(parseElf(patched([16, 2, 3])).type).toBe('dyn');
  });
});

describe('parseElf treats a damaged symbol table as no symbols', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['section headers past the end', () => patched([40, 8, HELLO.length - 8]), /section headers \(\d+ at offset 0x[0-9a-f]+\) lie outside the file/],
    ['section header offset near 2^64', () => patched([40, 8, 0xffffffffffffff00n]), /section headers .* lie outside the file/],
    ['small shentsize', () => patched([58, 2, 40]), /^section header entry size 40 is smaller than 64$/],
    ['symtab past the end', () => patched([sh(symtabIndex) + 24, 8, HELLO.length]), /^the symbol table lies outside the file$/],
    ['symtab size huge', () => patched([sh(symtabIndex) + 32, 8, 0xfffffffffffff000n]), /^the symbol table lies outside the file$/],
    ['symtab entsize 0', () => patched([sh(symtabIndex) + 56, 8, 0]), /^symbol table entry size 0 is smaller than 24$/],
    ['string table index past the sections', () => patched([sh(symtabIndex) + 40, 4, 999]), /section 999\) does not exist$/],
    ['string table link to a non-string section', () => patched([sh(symtabIndex) + 40, 4, 1]), /section 1 is not a string table$/],
    [
      'string table past the end',
      () => patched([sh(u32(HELLO, sh(symtabIndex) + 40)) + 24, 8, HELLO.length - 2]),
      /^the symbol string table lies outside the file$/,
    ],
  ];
  for (const [name, make, warning] of cases) {
    it(name, () => {
      const elf = parseElf(make());
      expect(elf.symbols.size).toBe(0);
      expect(elf.codeSymbols).toEqual([]);
      expect(elf.hasTohost).toBe(false);
      expect(elf.symbolWarning).toMatch(warning);
      expect(elf.segments.length).toBe(loadIndexes.length);
    });
  }

  it('skips a symbol whose name offset is outside the string table', () => {
    const symtabOffset = Number(u64(HELLO, sh(symtabIndex) + 24));
    const count = Number(u64(HELLO, sh(symtabIndex) + 32)) / 24;
    const elf = parseElf(HELLO);
    let mainIndex = -1;
    for (let i = 1; i < count; i++) {
      if (u64(HELLO, symtabOffset + i * 24 + 8) === elf.symbols.get('main')) {
        const info = HELLO[symtabOffset + i * 24 + 4];
        if ((info & 0xf) === 2) mainIndex = i;
      }
    }
    expect(mainIndex).toBeGreaterThan(0);
    const damaged = parseElf(patched([symtabOffset + mainIndex * 24, 4, 0x7fffffff]));
    expect(damaged.symbols.has('main')).toBe(false);
    expect(damaged.symbols.has('tohost')).toBe(true);
    expect(damaged.symbolWarning).toBeUndefined();
  });

  it('has no symbols and no warning without section headers', () => {
    const elf = parseElf(tinyElf());
    expect(elf.symbols.size).toBe(0);
    expect(elf.symbolWarning).toBeUndefined();
    expect(elf.hasTohost).toBe(false);
  });
});

describe('isLinux heuristic', () => {
  const PT_INTERP = 3;
  const PT_TLS = 7;
  const PT_GNU_STACK = 0x6474e551;
  it('is false for a bare-metal image without Linux program headers', () => {
    expect(parseElf(tinyElf()).isLinux).toBe(false);
  });
  it('is true for EI_OSABI = GNU/Linux', () => {
    expect(parseElf(tinyElf({ osAbi: 3 })).isLinux).toBe(true);
  });
  it('is true with a PT_INTERP (dynamically linked)', () => {
    expect(parseElf(tinyElf({ extraPhdrs: [PT_INTERP] })).isLinux).toBe(true);
  });
  it('is true with PT_GNU_STACK or PT_TLS and no tohost', () => {
    expect(parseElf(tinyElf({ extraPhdrs: [PT_GNU_STACK] })).isLinux).toBe(true);
    expect(parseElf(tinyElf({ extraPhdrs: [PT_TLS] })).isLinux).toBe(true);
  });
  it('is false with PT_GNU_STACK when the image has a tohost symbol', () => {
    const nonLoad = Array.from({ length: PHNUM }, (_, i) => i).find((i) => u32(HELLO, ph(i)) !== 1)!;
    expect(parseElf(patched([ph(nonLoad), 4, PT_GNU_STACK])).isLinux).toBe(false);
  });
});

describe('loadSegments', () => {
  const BASE = 0x80000000;
  function fakeRam(size: number) {
    const mem = new Uint8Array(size).fill(0xaa);
    return {
      mem,
      write: (paddr: number, bytes: Uint8Array) => mem.set(bytes, paddr - BASE),
      zero: (paddr: number, len: number) => mem.fill(0, paddr - BASE, paddr - BASE + len),
      contains: (paddr: number, len: number) => paddr >= BASE && paddr + len <= BASE + size,
    };
  }

  it('copies file bytes and zeroes the rest of each segment', () => {
    const elf = parseElf(HELLO);
    const ram = fakeRam(4 << 20);
    loadSegments(elf, ram.write, ram.zero, ram.contains);
    for (const s of elf.segments) {
      const at = Number(s.paddr) - BASE;
      expect(ram.mem.subarray(at, at + s.data.length)).toEqual(s.data);
      const bss = ram.mem.subarray(at + s.data.length, at + Number(s.memsz));
      expect(bss.every((b) => b === 0)).toBe(true);
    }
    // Bytes outside every segment are untouched.
    const last = elf.segments[elf.segments.length - 1];
    expect(ram.mem[Number(last.paddr + last.memsz) - BASE]).toBe(0xaa);
  });

  it('refuses a segment outside RAM and writes nothing', () => {
    const elf = parseElf(HELLO);
    const ram = fakeRam(0x1000);
    const e = hostError(() => loadSegments(elf, ram.write, ram.zero, ram.contains, { base: BASE, size: 0x1000 }));
    const bad = elf.segments.find((s) => !ram.contains(Number(s.paddr), Number(s.memsz)))!;
    expect(e.message).toBe(`segment at 0x${bad.paddr.toString(16)} (${bad.memsz} bytes) is outside RAM 0x80000000..0x80001000`);
    expect(ram.mem.every((b) => b === 0xaa)).toBe(true);
  });

  it('refuses a segment above 2^53 without asking', () => {
    const elf = parseElf(patched([ph(firstLoad) + 24, 8, 0xffffffff80000000n]));
    const ram = fakeRam(0x1000);
    expect(hostError(() => loadSegments(elf, ram.write, ram.zero, ram.contains)).message).toMatch(
      /^segment at 0xffffffff80000000 \(\d+ bytes\) is outside RAM$/,
    );
  });

  it('translates the entry point through its segment (vaddr -> paddr)', () => {
    const b = tinyElf();
    new DataView(b.buffer).setBigUint64(64 + 16, 0xffffffff80000000n, true); // p_vaddr
    new DataView(b.buffer).setBigUint64(24, 0xffffffff80000008n, true); // e_entry
    const elf = parseElf(b);
    expect(elf.entry).toBe(0xffffffff80000008n);
    expect(elf.entryPaddr).toBe(0x80000008n);
  });
});

describe('Symbolizer', () => {
  const elf = parseElf(HELLO);
  const sym = new Symbolizer(elf.codeSymbols);
  const main = elf.symbols.get('main')!;

  it('names addresses as symbol+offset', () => {
    expect(sym.lookupBig(main)).toBe('main+0x0');
    expect(sym.lookupBig(main + 6n)).toBe('main+0x6');
    expect(sym.lookup(0x80000004, 0)).toBe('_start+0x4');
    expect(sym.lookup(0x80000004 | 0, 0)).toBe('_start+0x4'); // a signed low half
  });

  it('returns undefined below the first symbol and past a sized function', () => {
    expect(sym.lookup(0x7ffffffc, 0)).toBeUndefined();
    expect(sym.lookup(0x80000000, 1)).toBeUndefined(); // 0x1_8000_0000: past the last function's end
  });

  it('compares full 64-bit addresses', () => {
    const s = new Symbolizer([
      { name: 'low', addr: 0x80000000n, size: 0n },
      { name: 'kernel', addr: 0xffffffff80000000n, size: 0x100n },
      { name: 'kernel_label', addr: 0xffffffff80000000n, size: 0n },
    ]);
    expect(s.lookupBig(0xffffffff80000010n)).toBe('kernel+0x10');
    expect(s.lookupBig(0xffffffff80000100n)).toBeUndefined();
    expect(s.lookup(0x80000010, -1)).toBe('kernel+0x10');
    expect(s.lookupBig(0x1_0000_0000n)).toBe('low+0x80000000');
    expect(s.lookupBig(-1n)).toBeUndefined();
    expect(new Symbolizer([]).lookup(0, 0)).toBeUndefined();
  });
});

describe('parseElf never throws anything but HostError (property)', () => {
  /** Parse, and if that succeeds, load into a RAM that accepts everything and symbolize. */
  function exercise(bytes: Uint8Array): ElfImage | undefined {
    try {
      const elf = parseElf(bytes);
      let written = 0;
      loadSegments(
        elf,
        (_p, b) => (written += b.length),
        (_p, n) => (written += n),
        (p, n) => p >= 0x80000000 && p + n <= 0x80000000 + (64 << 20),
      );
      const s = new Symbolizer(elf.codeSymbols);
      s.lookupBig(elf.entry);
      return elf;
    } catch (e) {
      if (!(e instanceof HostError)) throw e;
      expect(e.message).not.toMatch(/\n/);
      return undefined;
    }
  }

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        exercise(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('on random bytes behind a valid ELF64 RISC-V identification', () => {
    const ident = HELLO.slice(0, 20);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 800 }), (tail) => {
        const b = new Uint8Array(20 + tail.length);
        b.set(ident);
        b.set(tail, 20);
        exercise(b);
      }),
      { numRuns: 500 },
    );
  });

  it('on mutations and truncations of a real program', () => {
    // Most mutations land in the headers (ELF header, program headers, section headers, symtab),
    // where they matter; some anywhere.
    const hot = [
      [0, PHOFF + PHNUM * 56],
      [SHOFF, SHOFF + SHNUM * 64],
      [Number(u64(HELLO, sh(symtabIndex) + 24)), Number(u64(HELLO, sh(symtabIndex) + 24)) + 240],
    ];
    const offset = fc.oneof(
      ...hot.map(([lo, hi]) => fc.integer({ min: lo, max: hi - 1 })),
      fc.integer({ min: 0, max: HELLO.length - 1 }),
    );
    const value = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0xff, 0x7f, 0x80));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(offset, value), { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: HELLO.length }), { nil: undefined }),
        (mutations, cut) => {
          const b = HELLO.slice(0, cut ?? HELLO.length);
          for (const [at, v] of mutations) if (at < b.length) b[at] = v;
          exercise(b);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on wide (64-bit) field corruptions of the headers', () => {
    const fields = [24, 32, 40, ...loadIndexes.flatMap((i) => [8, 16, 24, 32, 40].map((f) => ph(i) + f)), sh(symtabIndex) + 24, sh(symtabIndex) + 32, sh(symtabIndex) + 56];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (at, v) => {
        exercise(patched([at, 8, v]));
      }),
      { numRuns: 1000 },
    );
  });
});
