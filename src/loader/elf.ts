/**
 * ELF64 little-endian RISC-V executables: parse and validate the headers a loader needs (entry
 * point, PT_LOAD segments, symbols). Every malformation becomes a one-sentence `HostError`; a
 * missing or damaged symbol table only means "no symbols" (see elf-symbols.ts). Host code: BigInt
 * is fine here, nothing in this file runs per simulated instruction.
 */
import { HostError } from '../rv64/trap.js';
import { readSymbols, type ElfSymbol } from './elf-symbols.js';

export type { ElfSymbol } from './elf-symbols.js';

/** p_flags bits. */
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const EM_RISCV = 243;

const ELF_HEADER_SIZE = 64;
const PHDR_SIZE = 56;
const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const ET_CORE = 4;
const PT_LOAD = 1;
const PT_INTERP = 3;
const PT_TLS = 7;
const PT_GNU_STACK = 0x6474e551;
const ELFOSABI_LINUX = 3;
/** e_phnum value meaning "the real count is in section 0" (more than 65534 headers). */
const PN_XNUM = 0xffff;

export interface ElfSegment {
  /** Physical load address: where the bytes go in the simulated machine's memory. */
  paddr: bigint;
  vaddr: bigint;
  /** The segment's bytes from the file (a view into the input, p_filesz long). */
  data: Uint8Array;
  /** Size in memory; the bytes past data.length are zero (.bss). */
  memsz: bigint;
  /** PF_R | PF_W | PF_X bits. */
  flags: number;
}

export interface ElfImage {
  /** ET_EXEC, or ET_DYN (a position-independent executable, loaded at its link addresses). */
  type: 'exec' | 'dyn';
  /** e_entry, a virtual address. */
  entry: bigint;
  /** e_entry translated through the PT_LOAD segment that contains it (vaddr -> paddr), else e_entry. */
  entryPaddr: bigint;
  /** PT_LOAD segments, in file order. At least one. */
  segments: ElfSegment[];
  /** Named symbols from .symtab (functions, objects, untyped labels); global definitions win over local ones. */
  symbols: Map<string, bigint>;
  /** Code symbols (functions and labels in executable sections) sorted by address, for symbolizing PCs. */
  codeSymbols: ElfSymbol[];
  /** The program expects the HTIF mailbox: it defines a `tohost` symbol. */
  hasTohost: boolean;
  /**
   * A Linux user-space program rather than a bare-metal image. Heuristic: EI_OSABI is GNU/Linux,
   * or it has a PT_INTERP (dynamically linked), or it has no `tohost` symbol and has a PT_GNU_STACK
   * or PT_TLS header (both come from a Linux toolchain's libc/linker defaults; bare-metal images
   * built with riscv64-unknown-elf have neither, and HTIF images always have tohost).
   */
  isLinux: boolean;
  /** Why the symbol table was ignored, if it was present but damaged. */
  symbolWarning: string | undefined;
}

const MACHINE_NAMES: Record<number, string> = {
  2: 'SPARC',
  3: 'x86',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S390',
  40: 'ARM',
  43: 'SPARC V9',
  62: 'x86-64',
  183: 'AArch64',
  258: 'LoongArch',
};

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

/**
 * Parses an ELF64 LE RISC-V executable. `source` (a file name) prefixes error messages.
 * Throws HostError, and only HostError, for any input that is not such an executable.
 */
export function parseElf(bytes: Uint8Array, source?: string): ElfImage {
  const fail = (sentence: string): never => {
    throw new HostError(source === undefined ? sentence : `${source}: ${sentence}`);
  };
  const size = BigInt(bytes.length);
  const magic = [0x7f, 0x45, 0x4c, 0x46];
  for (let i = 0; i < 4; i++) {
    if (i >= bytes.length) fail(`not an ELF file (only ${bytes.length} bytes)`);
    if (bytes[i] !== magic[i]) fail('not an ELF file (bad magic number)');
  }
  if (bytes.length < 6) fail(`truncated ELF header (${bytes.length} bytes, need ${ELF_HEADER_SIZE})`);
  const elfClass = bytes[4];
  if (elfClass === 1) fail('32-bit ELF; rvsim runs RV64');
  if (elfClass !== 2) fail(`unknown ELF class ${elfClass} (expected 2, ELFCLASS64)`);
  const dataEncoding = bytes[5];
  if (dataEncoding === 2) fail('big-endian ELF; RISC-V executables are little-endian');
  if (dataEncoding !== 1) fail(`unknown ELF data encoding ${dataEncoding} (expected 1, little-endian)`);
  if (bytes.length < ELF_HEADER_SIZE) fail(`truncated ELF header (${bytes.length} bytes, need ${ELF_HEADER_SIZE})`);

  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const osAbi = bytes[7];
  const eType = dv.getUint16(16, true);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_RISCV) {
    const name = MACHINE_NAMES[machine];
    fail(`ELF is for machine ${machine}${name === undefined ? '' : ` (${name})`}, not RISC-V (${EM_RISCV})`);
  }
  if (eType === ET_REL) fail('relocatable object file (ET_REL), not an executable: link it first');
  if (eType === ET_CORE) fail('core dump (ET_CORE), not an executable');
  if (eType !== ET_EXEC && eType !== ET_DYN) fail(`ELF type ${eType} is not an executable (ET_EXEC or ET_DYN)`);

  const entry = dv.getBigUint64(24, true);
  const phoff = dv.getBigUint64(32, true);
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  if (phnum === 0) fail('no program headers, so nothing to load');
  if (phnum === PN_XNUM) fail('more than 65534 program headers (PN_XNUM) is not supported');
  if (phentsize < PHDR_SIZE) fail(`program header entry size ${phentsize} is smaller than ${PHDR_SIZE}`);
  const phEnd = phoff + BigInt(phnum) * BigInt(phentsize);
  if (phEnd > size) {
    fail(`program headers (${phnum} at offset ${hex(phoff)}) lie outside the file (${bytes.length} bytes)`);
  }

  const segments: ElfSegment[] = [];
  let hasInterp = false;
  let hasLinuxHeaders = false;
  for (let i = 0; i < phnum; i++) {
    const at = Number(phoff) + i * phentsize;
    const pType = dv.getUint32(at, true);
    if (pType === PT_INTERP) hasInterp = true;
    if (pType === PT_GNU_STACK || pType === PT_TLS) hasLinuxHeaders = true;
    if (pType !== PT_LOAD) continue;
    const flags = dv.getUint32(at + 4, true);
    const offset = dv.getBigUint64(at + 8, true);
    const vaddr = dv.getBigUint64(at + 16, true);
    const paddr = dv.getBigUint64(at + 24, true);
    const filesz = dv.getBigUint64(at + 32, true);
    const memsz = dv.getBigUint64(at + 40, true);
    if (offset + filesz > size) {
      fail(
        `segment ${i}: its file bytes ${hex(offset)}..${hex(offset + filesz)} lie outside the file (${bytes.length} bytes)`,
      );
    }
    if (filesz > memsz) fail(`segment ${i}: file size ${hex(filesz)} exceeds memory size ${hex(memsz)}`);
    if (paddr + memsz > 1n << 64n || vaddr + memsz > 1n << 64n) {
      fail(`segment ${i}: ${hex(memsz)} bytes at ${hex(paddr)} wrap around the 64-bit address space`);
    }
    const start = Number(offset);
    segments.push({ paddr, vaddr, data: bytes.subarray(start, start + Number(filesz)), memsz, flags });
  }
  if (segments.length === 0) fail('no loadable (PT_LOAD) segments');

  const symtab = readSymbols(bytes, dv);
  const hasTohost = symtab.symbols.has('tohost');
  const isLinux = osAbi === ELFOSABI_LINUX || hasInterp || (!hasTohost && hasLinuxHeaders);

  let entryPaddr = entry;
  for (const s of segments) {
    if (entry >= s.vaddr && entry < s.vaddr + s.memsz) {
      entryPaddr = s.paddr + (entry - s.vaddr);
      break;
    }
  }

  return {
    type: eType === ET_EXEC ? 'exec' : 'dyn',
    entry,
    entryPaddr,
    segments,
    symbols: symtab.symbols,
    codeSymbols: symtab.codeSymbols,
    hasTohost,
    isLinux,
    symbolWarning: symtab.warning,
  };
}
