/**
 * No Svpbmt (privileged spec v20240411: 3.1.18 menvcfg.PBMTE, H extension 21.2.10 henvcfg.PBMTE:
 * "If Svpbmt is not implemented, PBMTE is read-only zero"; 12.4.1: without Svpbmt, PTE bits 62:61
 * are reserved and a leaf with them set raises a page fault). With H this holds in both stages: a
 * VS-stage leaf with PBMT set is a page fault, a G-stage leaf with PBMT set a guest-page fault.
 */
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/machine.js';
import { A, Access, D, R, U, V, W, X, pte, ppnOf, translate, trapOf, w64 } from '../privileged/helpers.js';
import { CSR, Priv, RAM_BASE, csrRead, csrWrite, enter, hmachine } from './helpers.js';

const BASE = BigInt(RAM_BASE);
const GROOT = BASE + 0x40000n; // Sv39x4 root, 16 KiB
const VROOT = BASE + 0x50000n; // Sv39 root (guest physical = host physical below)
const PBMT_NC = 1n << 61n;
const PBMTE = 1n << 62n;
const LEAF = R | W | X | A | D | V;

/** Both stages map the 1 GiB at 0x80000000 one to one with a gigapage; extra PTE bits per stage. */
function machine(vsExtra: bigint, gExtra: bigint): Machine {
  const m = hmachine();
  w64(m, GROOT + 2n * 8n, pte(ppnOf(BASE), LEAF | U | gExtra));
  w64(m, VROOT + 2n * 8n, pte(ppnOf(BASE), LEAF | vsExtra));
  csrWrite(m, CSR.hgatp, (8n << 60n) | ppnOf(GROOT));
  csrWrite(m, CSR.vsatp, (8n << 60n) | ppnOf(VROOT));
  enter(m, Priv.S, 1);
  return m;
}

describe('no Svpbmt under H', () => {
  it('menvcfg.PBMTE and henvcfg.PBMTE are read-only zero', () => {
    const m = hmachine();
    csrWrite(m, 0x30a, PBMTE | 1n);
    expect(csrRead(m, 0x30a) & PBMTE).toBe(0n);
    csrWrite(m, CSR.henvcfg, PBMTE | 1n);
    expect(csrRead(m, CSR.henvcfg)).toBe(1n);
  });

  it('a VS-stage leaf with PBMT bits is a page fault; a G-stage leaf with them a guest-page fault', () => {
    const va = BASE + 0x1234n;
    expect(translate(machine(0n, 0n), va, Access.Load)).toBe(Number(va));
    expect(trapOf(() => translate(machine(PBMT_NC, 0n), va, Access.Load))).toEqual({ cause: 13, tval: va });
    expect(trapOf(() => translate(machine(0n, PBMT_NC), va, Access.Load))).toEqual({ cause: 21, tval: va });
    expect(trapOf(() => translate(machine(0n, 2n << 61n), va, Access.Store))?.cause).toBe(23);
  });
});
