/**
 * Copies an ELF's PT_LOAD segments into simulated memory at their physical addresses and zeroes
 * the rest of each segment (.bss). All segments are checked before any byte is written, so a bad
 * image leaves memory untouched.
 */
import { HostError } from '../rv64/trap.js';
import type { ElfImage } from './elf.js';

/** The RAM range, only for the error message: [base, base + size). */
export interface RamRange {
  base: number;
  size: number;
}

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

export function loadSegments(
  elf: ElfImage,
  write: (paddr: number, bytes: Uint8Array) => void,
  zero: (paddr: number, len: number) => void,
  contains: (paddr: number, len: number) => boolean,
  ram?: RamRange,
): void {
  for (const s of elf.segments) {
    if (s.memsz === 0n) continue;
    const end = s.paddr + s.memsz;
    if (end > BigInt(Number.MAX_SAFE_INTEGER) || !contains(Number(s.paddr), Number(s.memsz))) {
      const where = ram === undefined ? 'RAM' : `RAM ${hex(ram.base)}..${hex(ram.base + ram.size)}`;
      throw new HostError(`segment at ${hex(s.paddr)} (${s.memsz} bytes) is outside ${where}`);
    }
  }
  for (const s of elf.segments) {
    if (s.memsz === 0n) continue;
    const paddr = Number(s.paddr);
    if (s.data.length > 0) write(paddr, s.data);
    const rest = Number(s.memsz) - s.data.length;
    if (rest > 0) zero(paddr + s.data.length, rest);
  }
}
