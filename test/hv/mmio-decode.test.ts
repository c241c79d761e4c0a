/**
 * MMIO access decoding from a (transformed) instruction: H extension, "Transformed Instruction or
 * Pseudoinstruction for mtinst or htinst" — loads keep rd/funct3/opcode, stores rs2/funct3/opcode;
 * a compressed original has bit 1 cleared.
 */
import { describe, expect, it } from 'vitest';
import { decodeMmio } from '../../src/hv/mmio-decode.js';

const load = (f3: number, rd: number) => (f3 << 12) | (rd << 7) | 0x03;
const store = (f3: number, rs2: number) => (rs2 << 20) | (f3 << 12) | 0x23;

describe('decodeMmio', () => {
  it.each([
    [0, 1, true],
    [1, 2, true],
    [2, 4, true],
    [3, 8, true],
    [4, 1, false],
    [5, 2, false],
    [6, 4, false],
  ])('load funct3 %i: %i bytes, signed %s', (f3, size, signed) => {
    expect(decodeMmio(load(f3, 11))).toEqual({ store: false, size, signed, reg: 11 });
    // The same access from a compressed instruction: bit 1 cleared.
    expect(decodeMmio(load(f3, 11) & ~2)).toEqual({ store: false, size, signed, reg: 11 });
  });

  it.each([0, 1, 2, 3])('store funct3 %i', (f3) => {
    expect(decodeMmio(store(f3, 9))).toEqual({ store: true, size: 1 << f3, signed: false, reg: 9 });
  });

  it('refuses what it cannot emulate on a device: ldu (reserved), FP and AMO accesses', () => {
    expect(decodeMmio(load(7, 1))).toBeNull();
    expect(decodeMmio((2 << 12) | (1 << 7) | 0x07)).toBeNull(); // flw
    expect(decodeMmio((2 << 12) | 0x27)).toBeNull(); // fsw
    expect(decodeMmio((2 << 12) | 0x2f)).toBeNull(); // amo*.w
    expect(decodeMmio(store(4, 1))).toBeNull();
  });
});
