/** The disassembler's standalone CSR names agree with the names of the CSRs the machine defines. */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine.js';
import { csrLabel, csrName } from '../../src/rv64/csr-names.js';

describe('csr-names', () => {
  it('names every CSR the machine defines, as the CSR file does', () => {
    const m = new Machine({ memSize: 1 << 20, isa: 'rv64imafdc_zicsr_zifencei' });
    const diffs: string[] = [];
    let defined = 0;
    m.csr.table.forEach((e, addr) => {
      if (e === undefined) return;
      defined++;
      if (csrName(addr) !== e.name) diffs.push(`0x${addr.toString(16)}: file ${e.name}, map ${csrName(addr)}`);
    });
    expect(diffs).toEqual([]);
    expect(defined).toBeGreaterThan(100);
  });

  it('labels unnamed CSRs by address', () => {
    expect(csrLabel(0x7c0)).toBe('0x7c0');
    expect(csrLabel(0x600)).toBe('hstatus');
  });
});
