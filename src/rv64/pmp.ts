/**
 * Physical memory protection (privileged spec 3.7): 16 entries, 4-byte grain (G = 0, as QEMU).
 *
 * The CSRs (src/csr/pmp-csrs.ts) hold the architectural cfg bytes and pmpaddr values; after every
 * write they call `update()`, which turns them into byte ranges [start, end) so a check is a few
 * compares per entry. Ranges are JS numbers: exact below 2^53, and every physical address we can
 * reach is below 2^53, so rounding of larger bounds (always monotone) never changes a decision.
 */
import { Access } from './mmu.js';
import { Priv } from './hart.js';

/** pmpcfg byte fields. */
export const enum PmpCfg {
  R = 1 << 0,
  W = 1 << 1,
  X = 1 << 2,
  A = 3 << 3,
  L = 1 << 7,
}

/** Address-matching modes (pmpcfg.A). */
export const enum PmpMode {
  Off = 0,
  Tor = 1,
  Na4 = 2,
  Napot = 3,
}

export const PMP_ENTRIES = 16;
const TWO32 = 4294967296;
const PAGE = 4096;

/** The permission bit an access needs. */
const NEED = [PmpCfg.X, PmpCfg.R, PmpCfg.W];

export class Pmp {
  /** pmpNcfg bytes. */
  readonly cfg = new Uint8Array(PMP_ENTRIES);
  /** pmpaddrN (bits 55:2 of an address), as halves; the high half holds 22 bits. */
  readonly addrLo = new Int32Array(PMP_ENTRIES);
  readonly addrHi = new Int32Array(PMP_ENTRIES);
  /** Matched byte range of each entry; start >= end means the entry matches nothing. */
  readonly start = new Float64Array(PMP_ENTRIES);
  readonly end = new Float64Array(PMP_ENTRIES);
  /** Some entry is locked: M-mode accesses must be checked too. */
  anyLocked = false;
  /** Set by `allows`: the same decision holds for every access to the 4 KiB page of the address. */
  pageUniform = true;

  /** Recomputes the ranges and flags from cfg/addr (after any PMP CSR write). */
  update(): void {
    let locked = false;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const c = this.cfg[i];
      if (c & PmpCfg.L) locked = true;
      const mode = (c >>> 3) & 3;
      let s = 0;
      let e = 0;
      if (mode === PmpMode.Tor) {
        s = i === 0 ? 0 : this.bytes(i - 1);
        e = this.bytes(i);
      } else if (mode === PmpMode.Na4) {
        s = this.bytes(i);
        e = s + 4;
      } else if (mode === PmpMode.Napot) {
        // pmpaddr = base/4 with k trailing ones: a 2^(k+3)-byte region (k counted over all 54 bits).
        const lo = this.addrLo[i];
        const hi = this.addrHi[i];
        let k: number;
        let baseLo: number;
        let baseHi: number;
        if (lo !== -1) {
          k = 31 - Math.clz32(~lo & (lo + 1)); // trailing ones of lo
          baseLo = lo & ~((2 ** k - 1) | 0);
          baseHi = hi;
        } else {
          const t = hi === -1 ? 32 : 31 - Math.clz32(~hi & (hi + 1));
          k = 32 + t;
          baseLo = 0;
          baseHi = t >= 32 ? 0 : hi & ~((2 ** t - 1) | 0);
        }
        s = ((baseHi >>> 0) * TWO32 + (baseLo >>> 0)) * 4;
        e = s + 2 ** (k + 3);
      }
      this.start[i] = s;
      this.end[i] = e;
    }
    this.anyLocked = locked;
  }

  /** Byte address held in pmpaddr[i]. */
  private bytes(i: number): number {
    return ((this.addrHi[i] >>> 0) * TWO32 + (this.addrLo[i] >>> 0)) * 4;
  }

  /**
   * Whether an access of `size` bytes at physical address `pa` (0 <= pa < 2^53) with privilege
   * `priv` passes PMP. The lowest-numbered entry that matches any byte decides; matching only part
   * of the access fails. With no match, only M-mode succeeds (all 16 entries are implemented).
   * Sets `pageUniform`: true when the first entry touching the page covers all of it (or none
   * touches it), so the decision may be cached for the whole page.
   */
  allows(pa: number, size: number, access: Access, priv: number): boolean {
    const page = pa - (pa % PAGE);
    const pageEnd = page + PAGE;
    const aEnd = pa + size;
    let uniform = true;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const s = this.start[i];
      const e = this.end[i];
      if (s >= e || e <= page || s >= pageEnd) continue;
      if (s > page || e < pageEnd) uniform = false;
      if (aEnd <= s || pa >= e) continue;
      this.pageUniform = uniform;
      if (pa < s || aEnd > e) return false;
      const c = this.cfg[i];
      if (priv === Priv.M && (c & PmpCfg.L) === 0) return true;
      return (c & NEED[access]) !== 0;
    }
    this.pageUniform = uniform;
    return priv === Priv.M;
  }
}
