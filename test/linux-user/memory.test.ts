/**
 * The Linux process's address space (src/linux-user/memory.ts) and its initial stack
 * (src/linux-user/image.ts: the System V / RISC-V psABI process-initialization layout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../src/linux-user/abi.js';
import { PAGE, UserMemory } from '../../src/linux-user/memory.js';
import { LinuxProcess } from '../../src/linux-user/process.js';
import { PROGRAMS } from './run.js';

const newMem = () => new UserMemory(new Machine({ memSize: 4 * 1024 * 1024 }));

describe('UserMemory', () => {
  it('demand-pages an anonymous region: a fault maps a zeroed page once', () => {
    const m = newMem();
    m.addVma(0x100000, 0x104000, PROT_READ | PROT_WRITE, 'mmap');
    expect(m.mapped(0x101000)).toBe(-1);
    expect(m.fault(0x100000, PROT_READ)).toBe(true); // builds the level-1 and level-0 tables too
    const used = m.used;
    expect(m.fault(0x101234, PROT_WRITE)).toBe(true);
    expect(m.used).toBe(used + 1);
    expect(m.read(0x101000, PAGE)).toEqual(new Uint8Array(PAGE));
    expect(m.mapped(0x101000)).toBeGreaterThanOrEqual(0);
    // Mapped already: a second fault is a real one (a permission problem), not demand paging.
    expect(m.fault(0x101234, PROT_WRITE)).toBe(false);
    expect(m.fault(0x104000, PROT_READ)).toBe(false);
    expect(m.fault(0x0ff000, PROT_READ)).toBe(false);
  });

  it('refuses faults the region does not allow (write to read-only, fetch from non-exec)', () => {
    const m = newMem();
    m.addVma(0x200000, 0x202000, PROT_READ, 'ro');
    expect(m.fault(0x200000, PROT_WRITE)).toBe(false);
    expect(m.fault(0x200000, PROT_EXEC)).toBe(false);
    expect(m.fault(0x200000, PROT_READ)).toBe(true);
    expect(m.write(0x200010, Uint8Array.of(1))).toBe(false);
    expect(m.write(0x200010, Uint8Array.of(1), true)).toBe(true);
  });

  it('copies host data across page boundaries and reads C strings', () => {
    const m = newMem();
    m.addVma(0x300000, 0x303000, PROT_READ | PROT_WRITE, 'x');
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff);
    expect(m.write(0x300ff0, data)).toBe(true);
    expect(m.read(0x300ff0, 5000)).toEqual(data);
    expect(m.write(0x301ffe, new TextEncoder().encode('hello\0'))).toBe(true);
    expect(new TextDecoder().decode(m.readCString(0x301ffe)!)).toBe('hello');
    expect(m.read(0x302ff0, 32)).toBeNull(); // runs past the region's end
    expect(m.readU64(0x300ff0)).toBe(Number(new DataView(data.buffer).getBigUint64(0, true)));
  });

  it('munmap frees the pages and splits the region', () => {
    const m = newMem();
    m.addVma(0x400000, 0x404000, PROT_READ | PROT_WRITE, 'x');
    m.write(0x400000, new Uint8Array(4 * PAGE).fill(9));
    const used = m.used;
    m.unmap(0x401000, 0x403000);
    expect(m.used).toBe(used - 2);
    expect(m.vmas.map((v) => [v.start, v.end])).toEqual([
      [0x400000, 0x401000],
      [0x403000, 0x404000],
    ]);
    expect(m.read(0x401000, 1)).toBeNull();
    // A page handed out again comes back zeroed.
    m.addVma(0x500000, 0x501000, PROT_READ | PROT_WRITE, 'y');
    expect(m.read(0x500000, PAGE)).toEqual(new Uint8Array(PAGE));
  });

  it('mprotect splits regions and rewrites the PTEs of mapped pages', () => {
    const m = newMem();
    m.addVma(0x600000, 0x603000, PROT_READ | PROT_WRITE, 'x');
    m.write(0x601000, Uint8Array.of(5));
    expect(m.protect(0x601000, 0x602000, PROT_READ)).toBe(true);
    expect(m.vmas.map((v) => v.prot)).toEqual([PROT_READ | PROT_WRITE, PROT_READ, PROT_READ | PROT_WRITE]);
    expect(m.write(0x601000, Uint8Array.of(6))).toBe(false);
    expect(m.read(0x601000, 1)).toEqual(Uint8Array.of(5));
    expect(m.protect(0x700000, 0x701000, PROT_READ)).toBe(false);
  });

  it('finds free ranges top down, and mremap moves pages with their contents', () => {
    const m = newMem();
    m.addVma(0x800000, 0x802000, PROT_READ | PROT_WRITE, 'a');
    m.addVma(0x805000, 0x806000, PROT_READ | PROT_WRITE, 'b');
    expect(m.findFree(0x1000, 0x808000, 0x10000)).toBe(0x807000);
    expect(m.findFree(0x3000, 0x806000, 0x10000)).toBe(0x802000);
    expect(m.findFree(0x4000, 0x806000, 0x10000)).toBe(0x800000 - 0x4000);
    expect(m.findFree(0x4000, 0x806000, 0x7fe000)).toBe(-1);
    m.write(0x800ffc, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    m.move(0x800000, 0x2000, 0x900000, 0x3000);
    expect(m.read(0x800000, 1)).toBeNull();
    expect(m.read(0x900ffc, 8)).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(m.findVma(0x902000)?.end).toBe(0x903000);
  });
});

describe('the initial stack', () => {
  const bytes = readFileSync(join(PROGRAMS, 'args'));
  const make = (seed?: number) =>
    new LinuxProcess({ path: 'args', bytes, args: ['one', 'two'], env: ['A=1', 'B=2'], seed, warn: () => {} });

  function layout(p: LinuxProcess) {
    const x = p.machine.hart.x;
    const sp = (x[5] >>> 0) * 2 ** 32 + (x[4] >>> 0);
    const word = (a: number) => p.mem.readU64(a)!;
    const str = (a: number) => new TextDecoder().decode(p.mem.readCString(a)!);
    const argc = word(sp);
    const argv = Array.from({ length: argc }, (_, i) => str(word(sp + 8 + 8 * i)));
    let a = sp + 8 + 8 * argc;
    expect(word(a)).toBe(0);
    a += 8;
    const env: string[] = [];
    for (; word(a) !== 0; a += 8) env.push(str(word(a)));
    a += 8;
    const aux = new Map<number, number>();
    for (; word(a) !== 0; a += 16) aux.set(word(a), word(a + 8));
    return { sp, argv, env, aux };
  }

  it('holds argc, argv, envp and the auxiliary vector, sp 16-byte aligned', () => {
    const p = make();
    const { sp, argv, env, aux } = layout(p);
    expect(sp % 16).toBe(0);
    expect(argv).toEqual(['args', 'one', 'two']);
    expect(env).toEqual(['A=1', 'B=2']);
    expect(aux.get(6)).toBe(4096); // AT_PAGESZ
    expect(aux.get(17)).toBe(100); // AT_CLKTCK
    expect(aux.get(23)).toBe(0); // AT_SECURE
    // AT_HWCAP: the misa letters Linux reports (I M A F D C of the default rv64imafdch).
    const bit = (c: string) => 1 << (c.charCodeAt(0) - 97);
    expect(aux.get(16)).toBe(bit('i') | bit('m') | bit('a') | bit('f') | bit('d') | bit('c'));
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    expect(aux.get(9)).toBe(Number(dv.getBigUint64(24, true))); // AT_ENTRY = e_entry
    expect(p.machine.hart.pcLo >>> 0).toBe(aux.get(9));
    // AT_PHDR points at the loaded program headers: the file's bytes.
    const phoff = Number(dv.getBigUint64(32, true));
    expect(aux.get(4)).toBe(56);
    expect(aux.get(5)).toBe(dv.getUint16(56, true));
    const n = 56 * aux.get(5)!;
    expect(p.mem.read(aux.get(3)!, n)).toEqual(new Uint8Array(bytes.subarray(phoff, phoff + n)));
    expect(str16(p, aux.get(31)!)).toBe('args'); // AT_EXECFN
  });

  it('AT_RANDOM: 16 bytes from the seed, the same on every run', () => {
    const r = (p: LinuxProcess) => p.mem.read(layout(p).aux.get(25)!, 16)!;
    expect(r(make())).toEqual(r(make()));
    expect(r(make(1))).not.toEqual(r(make(2)));
  });
});

function str16(p: LinuxProcess, a: number): string {
  return new TextDecoder().decode(p.mem.readCString(a)!);
}
