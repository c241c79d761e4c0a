/**
 * Loading a static Linux executable (ET_EXEC, or a static-pie ET_DYN, which relocates itself) into
 * a process's address space, and the initial stack the Linux ABI defines (argc, argv, envp, the
 * auxiliary vector; System V ABI, RISC-V psABI "Process Initialization"), as Linux's
 * fs/binfmt_elf.c builds it.
 */
import { HostError } from '../rv64/trap.js';
import { At, PROT_EXEC, PROT_READ, PROT_WRITE } from './abi.js';
import { PAGE, pageDown, pageUp, type UserMemory, USER_TOP } from './memory.js';

const PT_LOAD = 1;
const PT_INTERP = 3;
const PT_PHDR = 6;
const ET_DYN = 3;

/** Where a position-independent executable is placed (Linux's ELF_ET_DYN_BASE for Sv39: 2/3 of TASK_SIZE). */
export const DYN_BASE = 0x2a_aaaa_a000;
/** The top of the stack (Linux's STACK_TOP for Sv39, less one guard page) and its size (RLIMIT_STACK). */
export const STACK_TOP = USER_TOP - PAGE;
export const STACK_SIZE = 8 * 1024 * 1024;
/** mmap allocates top down from here: below the stack and a 128 MiB gap, as Linux's mmap_base. */
export const MMAP_BASE = STACK_TOP - STACK_SIZE - 128 * 1024 * 1024;

export interface LoadedImage {
  entry: number;
  /** The program break's start: the page after the highest segment. */
  brk: number;
  /** Program headers in memory (AT_PHDR), their count and size. */
  phdr: number;
  phnum: number;
  phent: number;
  /** The load bias (0 for ET_EXEC). */
  bias: number;
}

interface Phdr {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

/** The program headers (parseElf has validated the header and the PT_LOAD ranges). */
function readPhdrs(bytes: Uint8Array): { type: number; entry: number; phoff: number; phent: number; phdrs: Phdr[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const num = (at: number) => Number(dv.getBigUint64(at, true));
  const phoff = num(32);
  const phent = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  const phdrs: Phdr[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phent;
    phdrs.push({
      type: dv.getUint32(at, true),
      flags: dv.getUint32(at + 4, true),
      offset: num(at + 8),
      vaddr: num(at + 16),
      filesz: num(at + 32),
      memsz: num(at + 40),
      align: num(at + 48),
    });
  }
  return { type: dv.getUint16(16, true), entry: num(24), phoff, phent, phdrs };
}

const protOf = (flags: number): number =>
  (flags & 4 ? PROT_READ : 0) | (flags & 2 ? PROT_WRITE : 0) | (flags & 1 ? PROT_EXEC : 0);

/** Maps the PT_LOAD segments: file bytes copied, the rest zero, page protections from p_flags. */
export function loadImage(mem: UserMemory, bytes: Uint8Array, path: string): LoadedImage {
  const fail = (s: string): never => {
    throw new HostError(`${path}: ${s}`);
  };
  const { type, entry, phoff, phent, phdrs } = readPhdrs(bytes);
  if (phdrs.some((p) => p.type === PT_INTERP)) {
    fail('a dynamically linked program (it names an interpreter); rvsim runs static Linux programs (link with -static)');
  }
  const loads = phdrs.filter((p) => p.type === PT_LOAD && p.memsz > 0);
  let bias = 0;
  if (type === ET_DYN) {
    const align = Math.max(PAGE, ...loads.map((p) => p.align));
    const low = Math.min(...loads.map((p) => pageDown(p.vaddr)));
    bias = Math.ceil(DYN_BASE / align) * align - low;
  }
  // Page protections: a page shared by two segments gets both segments' permissions.
  const pageProt = new Map<number, number>();
  let top = 0;
  for (const p of loads) {
    const start = p.vaddr + bias;
    const end = start + p.memsz;
    if (end > MMAP_BASE || !Number.isSafeInteger(end)) {
      fail(`a segment at 0x${start.toString(16)} lies outside the Sv39 user address space rvsim gives programs (below 0x${MMAP_BASE.toString(16)})`);
    }
    for (let va = pageDown(start); va < end; va += PAGE) pageProt.set(va, (pageProt.get(va) ?? 0) | protOf(p.flags));
    top = Math.max(top, pageUp(end));
  }
  const sorted = [...pageProt.keys()].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    const prot = pageProt.get(sorted[i])!;
    while (j < sorted.length && sorted[j] === sorted[j - 1] + PAGE && pageProt.get(sorted[j]) === prot) j++;
    mem.addVma(sorted[i], sorted[j - 1] + PAGE, prot, path);
    i = j;
  }
  for (const p of loads) {
    if (p.filesz > 0) mem.write(p.vaddr + bias, bytes.subarray(p.offset, p.offset + p.filesz), true);
  }
  // AT_PHDR: PT_PHDR if present, else the loaded bytes that hold the file's program headers.
  let phdr = 0;
  const pt = phdrs.find((p) => p.type === PT_PHDR);
  if (pt !== undefined) phdr = pt.vaddr + bias;
  else {
    const seg = loads.find((p) => phoff >= p.offset && phoff + phent * phdrs.length <= p.offset + p.filesz);
    if (seg !== undefined) phdr = seg.vaddr + bias + (phoff - seg.offset);
  }
  return { entry: entry + bias, brk: top, phdr, phnum: phdrs.length, phent, bias };
}

export interface StackSetup {
  args: string[];
  env: string[];
  /** The program's file name as given (AT_EXECFN). */
  execfn: string;
  /** 16 bytes for AT_RANDOM. */
  random: Uint8Array;
  hwcap: number;
}

/** Creates the stack region and writes argc/argv/envp/auxv; returns the initial sp (16-byte aligned). */
export function setupStack(mem: UserMemory, img: LoadedImage, s: StackSetup): number {
  mem.addVma(STACK_TOP - STACK_SIZE, STACK_TOP, PROT_READ | PROT_WRITE, 'stack');
  const enc = new TextEncoder();
  let sp = STACK_TOP;
  const push = (b: Uint8Array): number => {
    sp -= b.length;
    if (!mem.write(sp, b)) throw new HostError('the program arguments and environment do not fit on the stack');
    return sp;
  };
  const cstr = (t: string): Uint8Array => {
    const b = enc.encode(t);
    const out = new Uint8Array(b.length + 1);
    out.set(b);
    return out;
  };
  // As Linux: the file name at the very top, then the environment and argument strings.
  push(new Uint8Array(8));
  const execfn = push(cstr(s.execfn));
  const envp = [...s.env].reverse().map((e) => push(cstr(e))).reverse();
  const argv = [...s.args].reverse().map((a) => push(cstr(a))).reverse();
  sp -= sp % 16;
  const random = push(s.random);
  const aux: [number, number][] = [
    [At.HWCAP, s.hwcap],
    [At.PAGESZ, PAGE],
    [At.CLKTCK, 100],
    [At.PHDR, img.phdr],
    [At.PHENT, img.phent],
    [At.PHNUM, img.phnum],
    [At.BASE, 0],
    [At.FLAGS, 0],
    [At.ENTRY, img.entry],
    [At.UID, 0],
    [At.EUID, 0],
    [At.GID, 0],
    [At.EGID, 0],
    [At.SECURE, 0],
    [At.RANDOM, random],
    [At.EXECFN, execfn],
    [At.NULL, 0],
  ];
  const words: number[] = [s.args.length, ...argv, 0, ...envp, 0, ...aux.flat()];
  sp -= words.length * 8;
  sp -= sp % 16;
  const table = new Uint8Array(words.length * 8);
  const dv = new DataView(table.buffer);
  words.forEach((w, i) => {
    dv.setUint32(i * 8, w % 4294967296, true);
    dv.setUint32(i * 8 + 4, Math.floor(w / 4294967296), true);
  });
  if (!mem.write(sp, table)) throw new HostError('the program arguments and environment do not fit on the stack');
  return sp;
}
