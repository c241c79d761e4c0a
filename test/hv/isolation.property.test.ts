/**
 * Isolation under the hypervisor (issue 8, "Properties of the host"): a random guest program —
 * instructions drawn from the ISA tables, registers holding addresses in, at the edges of and
 * beyond its memory, in the other guest's host-physical range and in the hypervisor's — never
 * changes a byte outside its G-stage assignment, leaves the hypervisor's memory (idle loop, page
 * tables) and the other guest intact, and never makes the host throw: it ends stopped by the
 * hypervisor, still running at the instruction limit, or exited.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArb } from '../../src/fuzz/arbitraries.js';
import { renderItems } from '../../src/fuzz/render.js';
import { HV_RESERVED, Hypervisor } from '../../src/hv/hypervisor.js';
import { rawElf } from './raw-elf.js';

const RUNS = { numRuns: Number(process.env.RVSIM_PROPERTY_RUNS ?? 100) };
const MiB = 1024 * 1024;
const MEM = 4 * MiB;

/** Addresses worth storing to: own RAM edges, just past it, the other guest's and the hypervisor's host range, device windows. */
const interesting = [
  0x80000000, 0x80200000, 0x80000000 + MEM - 8, 0x80000000 + MEM, 0x80000000 + MEM + HV_RESERVED, 0x80000000 + 2 * MEM, 0x10000000,
  0x10000100, 0x2000000, 0xc000000, 0x100000, 0, 2 ** 41 - 8, 2 ** 41,
].map((n) => BigInt(n));

const regArb = fc.oneof(
  fc.constantFrom(...interesting),
  fc.constantFrom(...interesting).chain((b) => fc.integer({ min: -4096, max: 4096 }).map((d) => BigInt.asUintN(64, b + BigInt(d)))),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

describe('isolation under the hypervisor (property)', () => {
  it('a random guest program never changes memory outside its assignment', () => {
    const progArb = fc.record({
      c: caseArb(['i', 'm', 'a', 'c'], { maxItems: 40 }),
      regs: fc.array(regArb, { minLength: 31, maxLength: 31 }),
    });
    // The other guest: an endless loop (j .), so the scheduler switches between the two.
    const spin = rawElf(Uint8Array.of(0x01, 0xa0)); // c.j 0
    fc.assert(
      fc.property(progArb, ({ c, regs }) => {
        const words: number[] = [];
        for (const i of renderItems(c.items)) {
          words.push(i.word & 0xffff);
          if (i.len === 4) words.push(i.word >>> 16);
        }
        const code = new Uint8Array(2 * words.length);
        words.forEach((w, k) => ((code[2 * k] = w & 0xff), (code[2 * k + 1] = w >>> 8)));
        const hv = new Hypervisor({ maxGuests: 2, memPerGuest: MEM, quantumTicks: 20 });
        const a = hv.createVm({ elf: rawElf(code), name: 'random' });
        const b = hv.createVm({ elf: spin, name: 'spin' });
        regs.forEach((v, k) => a.vcpu.setX(k + 1, Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0));
        const m = hv.machine;
        const hvBefore = m.mmu.readPhys(m.ram.base, HV_RESERVED);
        const bBefore = m.mmu.readPhys(b.hostBase, b.memSize);
        const r = hv.run(20_000);
        expect(['limit', 'done']).toContain(r.reason);
        expect(['stopped', 'exited', 'running', 'ready', 'waiting']).toContain(a.state);
        expect(bytesEqual(m.mmu.readPhys(m.ram.base, HV_RESERVED), hvBefore)).toBe(true);
        expect(bytesEqual(m.mmu.readPhys(b.hostBase, b.memSize), bBefore)).toBe(true);
        expect(b.alive).toBe(true);
      }),
      RUNS,
    );
  }, 300_000);
});
