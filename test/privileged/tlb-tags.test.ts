/**
 * The software TLB's empty entries must never match. Its tag compare keeps an access's low
 * alignment bits (a misaligned access misses and takes the slow path), so an "invalid" tag of 1..7
 * matched a misaligned access to page 0: `sh` at address 1 wrote RAM offset 0 instead of raising
 * an access fault (no memory at 0). Found by the hypervisor isolation property test.
 */
import { describe, expect, it } from 'vitest';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import { Cause, TRAP } from '../../src/rv64/trap.js';

function fault(f: () => void): number {
  try {
    f();
  } catch (e) {
    if (e === TRAP) return TRAP.cause;
    throw e;
  }
  return -1;
}

describe('software TLB tags', () => {
  for (const [size, addr] of [
    [2, 1],
    [4, 1],
    [4, 2],
    [4, 3],
    [8, 1],
    [8, 4],
    [8, 7],
  ] as const) {
    it(`a ${size}-byte store and load at ${addr} (page 0, misaligned) fault and leave RAM alone`, () => {
      const m = new Machine({ memSize: 1 << 20 });
      m.hart.priv = Priv.M;
      const ram = m.ram.u8;
      ram.fill(0xa5, 0, 16);
      const mmu = m.mmu;
      const store = size === 2 ? () => mmu.store16(addr, 0, 0) : size === 4 ? () => mmu.store32(addr, 0, 0) : () => mmu.store64(addr, 0, 0, 0);
      expect(fault(store)).toBe(Cause.StoreAccessFault);
      const load = size === 2 ? () => mmu.load16(addr, 0) : size === 4 ? () => mmu.load32(addr, 0) : () => mmu.load64(addr, 0);
      expect(fault(load)).toBe(Cause.LoadAccessFault);
      expect([...ram.subarray(0, 16)]).toEqual(new Array(16).fill(0xa5));
      expect(m.ram.base).toBe(RAM_BASE);
    });
  }
});
