/**
 * Names code addresses for --trace: "main+0x1c". Built once from an ELF's code symbols; lookups
 * take the address as 32-bit halves (as the hart holds its PC) and binary-search two Uint32Arrays,
 * so no BigInt is involved per lookup (the string result is the only allocation).
 */
import type { ElfSymbol } from './elf-symbols.js';

export class Symbolizer {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  /** Sizes as numbers (0 = unknown: the symbol extends to the next one). */
  private readonly sizes: Float64Array;
  private readonly names: string[];

  /** `symbols` sorted by address, as ElfImage.codeSymbols is; of several at one address the first is used. */
  constructor(symbols: readonly ElfSymbol[]) {
    const kept = symbols.filter((s, i) => i === 0 || s.addr !== symbols[i - 1].addr);
    this.hi = new Uint32Array(kept.length);
    this.lo = new Uint32Array(kept.length);
    this.sizes = new Float64Array(kept.length);
    this.names = kept.map((s) => s.name);
    kept.forEach((s, i) => {
      this.hi[i] = Number(s.addr >> 32n);
      this.lo[i] = Number(s.addr & 0xffffffffn);
      this.sizes[i] = Number(s.size);
    });
  }

  /** "sym+0xoff" for the address hi:lo (either signed or unsigned 32-bit halves), or undefined if no symbol covers it. */
  lookup(lo: number, hi: number): string | undefined {
    const alo = lo >>> 0;
    const ahi = hi >>> 0;
    // Find the last symbol whose address is <= the target.
    let low = 0;
    let high = this.names.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const mhi = this.hi[mid];
      if (mhi < ahi || (mhi === ahi && this.lo[mid] <= alo)) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0) return undefined;
    const offset = (ahi - this.hi[found]) * 4294967296 + (alo - this.lo[found]);
    const size = this.sizes[found];
    if (size !== 0 && offset >= size) return undefined;
    return `${this.names[found]}+0x${offset.toString(16)}`;
  }

  lookupBig(addr: bigint): string | undefined {
    const a = BigInt.asUintN(64, addr);
    return this.lookup(Number(a & 0xffffffffn), Number(a >> 32n));
  }
}
