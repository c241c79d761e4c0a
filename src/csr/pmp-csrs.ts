/**
 * PMP CSRs (privileged spec 3.7.1): pmpcfg0/2 and pmpaddr0-15 backed by a `Pmp`; the registers of
 * entries 16-63 (pmpcfg4-14, pmpaddr16-63) exist but are read-only zero with writes ignored, as in
 * Spike. On RV64 the odd pmpcfg registers do not exist (accessing them is illegal).
 *
 * Every accepted write flushes the MMU's TLBs (they cache PMP decisions per page) and ends the
 * execution slice (the CPU holds the current code page for the slice).
 */
import type { Hart } from '../rv64/hart.js';
import { PMP_ENTRIES, type Pmp, PmpCfg, PmpMode } from '../rv64/pmp.js';
import { type CsrFile, val } from './csr-file.js';

/** pmpaddr holds address bits 55:2: 54 bits (22 in the high half). */
const ADDR_HI_MASK = 0x003fffff;
/** Writable cfg bits: R, W, X, A, L (bits 5 and 6 are reserved, read as zero). */
const CFG_MASK = PmpCfg.R | PmpCfg.W | PmpCfg.X | PmpCfg.A | PmpCfg.L;

function changed(h: Hart, pmp: Pmp): void {
  pmp.update();
  h.mmu.flush();
  h.endSlice();
}

/** Legal value of a cfg byte: R=0 W=1 is reserved and its W is dropped (as Spike does without Smepmp). */
export function legalizeCfg(b: number): number {
  let c = b & CFG_MASK;
  if ((c & (PmpCfg.R | PmpCfg.W)) === PmpCfg.W) c &= ~PmpCfg.W;
  return c;
}

/** pmpaddr[i] is locked: by its own L bit, or by entry i+1 being a locked TOR entry (its base). */
export function addrLocked(pmp: Pmp, i: number): boolean {
  if (pmp.cfg[i] & PmpCfg.L) return true;
  if (i + 1 < PMP_ENTRIES) {
    const next = pmp.cfg[i + 1];
    return (next & PmpCfg.L) !== 0 && ((next >>> 3) & 3) === PmpMode.Tor;
  }
  return false;
}

export function definePmpCsrs(c: CsrFile, pmp: Pmp): void {
  for (let n = 0; n < 4; n += 2) {
    const first = n * 4; // pmpcfg0: entries 0-7, pmpcfg2: entries 8-15
    c.define(0x3a0 + n, {
      name: `pmpcfg${n}`,
      read: () => {
        const b = pmp.cfg;
        val[0] = b[first] | (b[first + 1] << 8) | (b[first + 2] << 16) | (b[first + 3] << 24);
        val[1] = b[first + 4] | (b[first + 5] << 8) | (b[first + 6] << 16) | (b[first + 7] << 24);
      },
      write: (h, lo, hi) => {
        for (let k = 0; k < 8; k++) {
          const i = first + k;
          if (pmp.cfg[i] & PmpCfg.L) continue; // locked entries ignore writes until reset
          pmp.cfg[i] = legalizeCfg((k < 4 ? lo >>> (8 * k) : hi >>> (8 * (k - 4))) & 0xff);
        }
        changed(h, pmp);
      },
    });
  }
  for (let n = 4; n < 16; n += 2) c.define(0x3a0 + n, zero(`pmpcfg${n}`));
  for (let i = 0; i < PMP_ENTRIES; i++) {
    c.define(0x3b0 + i, {
      name: `pmpaddr${i}`,
      // With G = 0 the value reads back as written (no NAPOT/TOR read masking).
      read: () => ((val[0] = pmp.addrLo[i]), (val[1] = pmp.addrHi[i])),
      write: (h, lo, hi) => {
        if (addrLocked(pmp, i)) return;
        pmp.addrLo[i] = lo;
        pmp.addrHi[i] = hi & ADDR_HI_MASK;
        changed(h, pmp);
      },
    });
  }
  for (let i = PMP_ENTRIES; i < 64; i++) c.define(0x3b0 + i, zero(`pmpaddr${i}`));
}

/** An unimplemented PMP register: reads zero, writes are ignored (WARL), not illegal. */
function zero(name: string) {
  return {
    name,
    read: () => ((val[0] = 0), (val[1] = 0)),
    write: () => {},
  };
}
