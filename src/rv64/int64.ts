/**
 * 64-bit integer arithmetic on pairs of 32-bit halves (lo, hi), without BigInt: results go to the
 * shared `out` pair so that no call allocates.
 */
export const out = new Int32Array(2);

/** High 32 bits of the unsigned 64-bit product of two unsigned 32-bit values. */
export function mulhu32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a0 * b0;
  const mid1 = a1 * b0 + (t >>> 16);
  const mid2 = a0 * b1 + (mid1 & 0xffff);
  // Every partial sum stays below 2^32, so `>>> 16` on it is exact.
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16)) | 0;
}

/** Low 64 bits of a 64x64 product. */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): void {
  out[0] = Math.imul(alo, blo);
  out[1] = (mulhu32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

/** High 64 bits of the unsigned 128-bit product. */
export function mulhu64(alo: number, ahi: number, blo: number, bhi: number): void {
  const a0 = alo >>> 0;
  const a1 = ahi >>> 0;
  const b0 = blo >>> 0;
  const b1 = bhi >>> 0;
  const h00 = mulhu32(a0, b0) >>> 0;
  const l01 = Math.imul(a0, b1) >>> 0;
  const h01 = mulhu32(a0, b1) >>> 0;
  const l10 = Math.imul(a1, b0) >>> 0;
  const h10 = mulhu32(a1, b0) >>> 0;
  const l11 = Math.imul(a1, b1) >>> 0;
  const h11 = mulhu32(a1, b1) >>> 0;
  const t1 = h00 + l01 + l10;
  const c1 = Math.floor(t1 / 4294967296);
  const t2 = h01 + h10 + l11 + c1;
  const c2 = Math.floor(t2 / 4294967296);
  out[0] = t2 | 0;
  out[1] = (h11 + c2) | 0;
}

/** High 64 bits of the signed x signed product. */
export function mulh64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulhu64(alo, ahi, blo, bhi);
  let lo = out[0];
  let hi = out[1];
  if (ahi < 0) {
    // hi -= b
    const nlo = (lo - blo) | 0;
    hi = (hi - bhi - ((lo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
    lo = nlo;
  }
  if (bhi < 0) {
    const nlo = (lo - alo) | 0;
    hi = (hi - ahi - ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0;
    lo = nlo;
  }
  out[0] = lo;
  out[1] = hi;
}

/** High 64 bits of the signed a x unsigned b product. */
export function mulhsu64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulhu64(alo, ahi, blo, bhi);
  if (ahi < 0) {
    const lo = out[0];
    const hi = out[1];
    out[0] = (lo - blo) | 0;
    out[1] = (hi - bhi - ((lo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
  }
}

const TWO32 = 4294967296;

/**
 * Unsigned 64-bit division; quotient to out, remainder to rem. Divisor must be non-zero.
 * Uses doubles when both operands are below 2^52 (exact with a correction step), else shift-subtract.
 */
export const rem = new Int32Array(2);
export function divu64(alo: number, ahi: number, blo: number, bhi: number): void {
  const a1 = ahi >>> 0;
  const b1 = bhi >>> 0;
  const a0 = alo >>> 0;
  const b0 = blo >>> 0;
  if (a1 < 0x100000 && b1 < 0x100000) {
    const a = a1 * TWO32 + a0;
    const b = b1 * TWO32 + b0;
    let q = Math.floor(a / b);
    let r = a - q * b;
    // q*b <= a < 2^53 except when q was rounded up by one: then r < 0 and q*b may be inexact by
    // at most b, which still fits; correct in both directions.
    while (r < 0) {
      q -= 1;
      r += b;
    }
    while (r >= b) {
      q += 1;
      r -= b;
    }
    out[0] = q % TWO32 | 0;
    out[1] = Math.floor(q / TWO32) | 0;
    rem[0] = r % TWO32 | 0;
    rem[1] = Math.floor(r / TWO32) | 0;
    return;
  }
  // Restoring division, one bit at a time.
  let qlo = 0;
  let qhi = 0;
  let rlo = 0;
  let rhi = 0;
  for (let i = 63; i >= 0; i--) {
    // r = (r << 1) | bit i of a
    rhi = ((rhi << 1) | (rlo >>> 31)) >>> 0;
    const bit = i >= 32 ? (a1 >>> (i - 32)) & 1 : (a0 >>> i) & 1;
    rlo = ((rlo << 1) | bit) >>> 0;
    if (rhi > b1 || (rhi === b1 && rlo >= b0)) {
      const nlo = rlo - b0;
      rhi = (rhi - b1 - (nlo < 0 ? 1 : 0)) >>> 0;
      rlo = nlo >>> 0;
      if (i >= 32) qhi |= 1 << (i - 32);
      else qlo |= 1 << i;
    }
  }
  out[0] = qlo;
  out[1] = qhi;
  rem[0] = rlo;
  rem[1] = rhi;
}

/** Signed 64-bit division with RISC-V semantics for the special cases handled by the caller. */
export function div64(alo: number, ahi: number, blo: number, bhi: number): void {
  const na = ahi < 0;
  const nb = bhi < 0;
  let ulo = alo;
  let uhi = ahi;
  if (na) {
    ulo = -alo | 0;
    uhi = (~ahi + (alo === 0 ? 1 : 0)) | 0;
  }
  let vlo = blo;
  let vhi = bhi;
  if (nb) {
    vlo = -blo | 0;
    vhi = (~bhi + (blo === 0 ? 1 : 0)) | 0;
  }
  divu64(ulo, uhi, vlo, vhi);
  if (na !== nb) {
    const lo = out[0];
    out[0] = -lo | 0;
    out[1] = (~out[1] + (lo === 0 ? 1 : 0)) | 0;
  }
  if (na) {
    const lo = rem[0];
    rem[0] = -lo | 0;
    rem[1] = (~rem[1] + (lo === 0 ? 1 : 0)) | 0;
  }
}
