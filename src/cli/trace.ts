/** `--trace`: one line per retired instruction, with disassembly and symbols. */
import type { ElfImage } from '../loader/elf.js';
import { Symbolizer } from '../loader/symbolizer.js';
import type { Machine } from '../machine.js';
import type { RetireObserver } from '../rv64/cpu.js';
import type { Hart } from '../rv64/hart.js';
import { disassemble } from '../rv64/disasm.js';

const PRIV = ['U', 'S', '?', 'M'];

function hex64(lo: number, hi: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

export function makeTracer(m: Machine, elf: ElfImage | null, write: (s: string) => void): RetireObserver {
  const sym = elf === null ? null : new Symbolizer(elf.codeSymbols);
  const disasm = (raw: number, pc: bigint): string => disassemble(raw, pc, m.decoder);
  return {
    retire(h: Hart, pcLo: number, pcHi: number) {
      let raw: number;
      try {
        const lo16 = h.mmu.fetch16(pcLo, pcHi);
        raw = (lo16 & 3) === 3 ? (lo16 | (h.mmu.fetch16((pcLo + 2) | 0, pcHi) << 16)) >>> 0 : lo16;
      } catch {
        raw = 0;
      }
      const pc = (BigInt(pcHi >>> 0) << 32n) | BigInt(pcLo >>> 0);
      const where = sym?.lookup(pcLo, pcHi);
      const bits = (raw & 3) === 3 ? raw.toString(16).padStart(8, '0') : raw.toString(16).padStart(4, '0').padEnd(8);
      const text = disasm(raw, pc);
      write(`${PRIV[h.priv]} ${hex64(pcLo, pcHi)} (${bits}) ${text}${where ? `  <${where}>` : ''}\n`);
    },
    trap(h: Hart, cause: number, interrupt: boolean) {
      write(`${PRIV[h.priv]} trap: ${interrupt ? 'interrupt' : 'exception'} ${cause} at ${hex64(h.pcLo, h.pcHi)}\n`);
    },
  };
}
