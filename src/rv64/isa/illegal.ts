import type { Hart } from '../hart.js';
import { Cause, raise } from '../trap.js';

/**
 * Raises illegal-instruction (or another cause, e.g. virtual-instruction) with tval = the
 * instruction bits. Handlers receive compressed instructions expanded, with bit 1 cleared; for
 * those the original 16-bit parcel is fetched again from pc (the fetch just succeeded).
 */
export function illegal(h: Hart, insn: number, cause: number = Cause.IllegalInsn): never {
  const bits = (insn & 3) === 3 ? insn : h.mmu.fetch16(h.pcLo, h.pcHi);
  raise(cause, bits, 0);
}
