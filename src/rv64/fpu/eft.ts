/**
 * Error-free transformations on host doubles (RNE). Given s = RN(a + b) or p = RN(a * b), these return
 * the exact error term e with a + b = s + e (a * b = p + e), itself a double, provided nothing
 * overflows and (for products) the error is not below the subnormal range; callers check that.
 */

/** Knuth's TwoSum error: a + b - s exactly (any magnitudes, no overflow). */
export function twoSumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** Dekker's TwoProduct error: a * b - p exactly, for |a|, |b| < 2^996 and the error above 2^-1074 scale. */
export function twoProdErr(a: number, b: number, p: number): number {
  let c = 134217729 * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = 134217729 * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}
