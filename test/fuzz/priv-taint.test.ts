/**
 * The privileged fuzzer's data-flow explanation (src/fuzz/priv/taint.ts): a difference a
 * deviation causes in one CSR is carried by registers into other CSRs, registers and the window;
 * only those second-hand locations are explained, never the first-hand read.
 */
import { describe, expect, it } from 'vitest';
import type { PrivCase, Step } from '../../src/fuzz/priv/case.js';
import { PRIV_DEVIATIONS } from '../../src/fuzz/priv/deviations.js';
import { LOG_FIELDS, LOG_Q, RECORD_Q } from '../../src/fuzz/priv/program.js';
import { explainByTaint, explainDivergenceByTaint, TAINT_SOURCES } from '../../src/fuzz/priv/taint.js';

const c = (steps: Step[]): PrivCase => ({ x: Array(11).fill(0n), mem: 0, steps });
const diff = (what: string) => ({ what, qemu: 1n, rvsim: 0n });
const HTINST = 0x64a;
const MSTATUS = 0x300;
const HSTATUS = 0x600;

describe('privileged fuzz: differences carried by the data flow', () => {
  it('every taint source names a known deviation', () => {
    const ids = new Set(PRIV_DEVIATIONS.map((d) => d.id));
    for (const id of Object.keys(TAINT_SOURCES)) expect(ids.has(id), id).toBe(true);
  });

  it('htinst read into a register and written to mstatus: mstatus, its reads and the trap log are explained', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: HTINST, rd: 10, src: 0 },
      { k: 'probe', op: 'csrrw', csr: MSTATUS, rdA: 11, rdB: 12, rs: 10 },
      { k: 'csr', op: 'csrrw', csr: HSTATUS, rd: 0, src: 10 },
      { k: 'csr', op: 'csrrs', csr: HSTATUS, rd: 13, src: 0 },
    ]);
    expect(explainByTaint(k, diff('x12'))).toEqual(['choice-tinst-writable']); // read back in the probe
    expect(explainByTaint(k, diff('csr:hstatus'))).toEqual(['choice-tinst-writable']);
    expect(explainByTaint(k, diff('trap[3].hstatus'))).toEqual(['choice-tinst-writable']);
    expect(explainByTaint(k, diff('x13'))).toEqual(['choice-tinst-writable']);
    // The probe put mstatus back: its slot is not tainted.
    expect(explainByTaint(k, diff('csr:mstatus'))).toBeUndefined();
    // The first-hand read is left to the deviation's own bit-exact rule.
    expect(explainByTaint(k, diff('x10'))).toBeUndefined();
  });

  it('a value written back to the CSR it was read from carries nothing', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: MSTATUS, rd: 10, src: 0 },
      { k: 'csr', op: 'csrrw', csr: MSTATUS, rd: 0, src: 10 },
      { k: 'csr', op: 'csrrs', csr: 0x100, rd: 11, src: 0 }, // sstatus: a view of mstatus
    ]);
    expect(explainByTaint(k, diff('csr:mstatus'))).toBeUndefined();
    expect(explainByTaint(k, diff('x11'))).toBeUndefined();
  });

  it('a register overwritten by an untainted read is clean again; immediates carry nothing', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: HTINST, rd: 10, src: 0 },
      { k: 'csr', op: 'csrrs', csr: 0x140, rd: 10, src: 0 }, // sscratch: no deviation
      { k: 'csr', op: 'csrrw', csr: HSTATUS, rd: 0, src: 10 },
      { k: 'csr', op: 'csrrwi', csr: 0x106, rd: 0, src: 5 },
    ]);
    expect(explainByTaint(k, diff('csr:hstatus'))).toBeUndefined();
    expect(explainByTaint(k, diff('csr:scounteren'))).toBeUndefined();
  });

  it('a probe whose rs is its rdA writes the old register value (read before rd is written)', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: HTINST, rd: 10, src: 0 },
      { k: 'probe', op: 'csrrw', csr: MSTATUS, rdA: 10, rdB: 11, rs: 10 },
    ]);
    expect(explainByTaint(k, diff('x11'))).toEqual(['choice-tinst-writable']);
  });

  it('HSV of a tainted register taints the window, and HLV from it a register', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: 0x280, rd: 10, src: 0 }, // vsatp
      { k: 'hlsv', name: 'hsv.d', reg: 10, off: 8 },
      { k: 'hlsv', name: 'hlv.d', reg: 12, off: 8 },
    ]);
    expect(explainByTaint(k, diff('mem+0x8'))).toEqual(['config-sv57', 'qemu-vsatp-unmasked']);
    expect(explainByTaint(k, diff('x12'))).toEqual(['config-sv57', 'qemu-vsatp-unmasked']);
  });

  it('vsstatus read and written to mstatus (one alias group, different registers) carries the taint', () => {
    const k = c([
      { k: 'probe', op: 'csrrw', csr: 0x200, rdA: 10, rdB: 14, rs: 11 },
      { k: 'probe', op: 'csrrc', csr: MSTATUS, rdA: 10, rdB: 20, rs: 14 },
    ]);
    expect(explainByTaint(k, diff('x20'))).toContain('qemu-vsstatus-mstatus-fields');
  });

  it('a CSR instruction that always traps (no such CSR, a write to a read-only one) leaves rd as it was', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: HTINST, rd: 10, src: 0 },
      { k: 'probe', op: 'csrrw', csr: MSTATUS, rdA: 11, rdB: 12, rs: 10 },
      { k: 'csr', op: 'csrrw', csr: 0x5ff, rd: 12, src: 0 }, // unassigned: traps
      { k: 'csr', op: 'csrrc', csr: 0xf15, rd: 12, src: 12 }, // mconfigptr, a write: traps
    ]);
    expect(explainByTaint(k, diff('x12'))).toEqual(['choice-tinst-writable']);
    const read = c([...k.steps, { k: 'csr', op: 'csrrs', csr: 0xf15, rd: 12, src: 0 }]); // a plain read does write rd
    expect(explainByTaint(read, diff('x12'))).toBeUndefined();
  });

  it('a divergence where a tainted mstatus differs in the trap log is carried by the taint', () => {
    const k = c([
      { k: 'csr', op: 'csrrs', csr: HTINST, rd: 10, src: 0 },
      { k: 'csr', op: 'csrrw', csr: 0x100, rd: 0, src: 10 },
    ]);
    const rec = (mstatus: bigint): bigint[] => {
      const q = Array<bigint>(RECORD_Q).fill(0n);
      q[LOG_Q] = 2n;
      q[LOG_Q + 1 + LOG_FIELDS.length + LOG_FIELDS.indexOf('mstatus')] = mstatus;
      return q;
    };
    expect(explainDivergenceByTaint(k, rec(0x3800n), rec(0x1800n), 1)).toEqual(['choice-tinst-writable']);
    expect(explainDivergenceByTaint(k, rec(0x1800n), rec(0x1800n), 1)).toBeUndefined();
    expect(explainDivergenceByTaint(c([]), rec(0x3800n), rec(0x1800n), 1)).toBeUndefined();
  });
});
