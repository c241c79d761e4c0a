/**
 * Memory layout shared by the program generator, the runners and the comparator.
 *
 * The window is WINDOW bytes; x2 points at its start and x9 at its middle, so every load/store
 * offset the generator picks lands inside it. After the sequence the program stores x1..x31 (and
 * f0..f31, fcsr) right after the window, then copies window + registers into the case's record of
 * the output area: one record per case, RECORD(fp) bytes each.
 */
export const WINDOW = 512;
export const HALF = 256;
/** Offset (from the window start) of the stored x registers, then f registers, then fcsr. */
export const X_AT = WINDOW;
export const F_AT = WINDOW + 256;
export const FCSR_AT = WINDOW + 512;

export const record = (fp: boolean): number => (fp ? WINDOW + 512 + 16 : WINDOW + 256);

/** Link address: rvsim's RAM base, so both runs see the same addresses (auipc, jal link values). */
export const LINK_ADDR = 0x80000000;
