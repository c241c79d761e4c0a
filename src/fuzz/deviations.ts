/**
 * Known places where qemu-riscv64 (Debian's 7.2) and the spec part ways, or where the spec leaves a
 * choice the generator cannot steer around. A case whose differences are all explained by an entry
 * is counted as excluded, not as a mismatch. Keep the list short, each entry with its spec section.
 */
import type { FuzzCase } from './case.js';
import type { Diff } from './compare.js';

export interface Deviation {
  id: string;
  /** The spec section that decides. */
  spec: string;
  why: string;
  /** True if this deviation explains the differences of the case. */
  explains(c: FuzzCase, diffs: readonly Diff[]): boolean;
}

/**
 * Empty so far: campaigns of 1M+ generated instructions each for I, M, A, C (and F/D) found no
 * difference that QEMU got wrong. The generator already steers clear of what the spec leaves open
 * (misaligned AMOs, LR/SC of different sizes or in the same reservation set, frm 5..7).
 */
export const DEVIATIONS: Deviation[] = [];

/** The first deviation that explains the case, if any. */
export function explain(c: FuzzCase, diffs: readonly Diff[]): Deviation | undefined {
  return DEVIATIONS.find((d) => d.explains(c, diffs));
}
