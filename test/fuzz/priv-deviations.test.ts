/**
 * The privileged fuzzer's deviation rules that are not about one value (src/fuzz/priv/deviations.ts):
 * a QEMU run broken by a U-mode XLEN other than 64 is recognised only when the written UXL is certain.
 */
import { describe, expect, it } from 'vitest';
import type { PrivCase, Step } from '../../src/fuzz/priv/case.js';
import { explainQemuFailure } from '../../src/fuzz/priv/deviations.js';

/** Operand registers a0..a7, s2..s4 (x10..x20): a1 (x11) holds `v`. */
const c = (steps: Step[], v: bigint): PrivCase => ({ x: [0n, v, ...Array(9).fill(0n)], mem: 0, steps });
const UXL1 = 1n << 32n;
const UXL2 = 2n << 32n;

describe('privileged fuzz: QEMU runs broken by UXL', () => {
  it('csrrw sstatus/mstatus/vsstatus from a register holding UXL=1 explains a failed QEMU run', () => {
    for (const csr of [0x100, 0x200, 0x300]) {
      expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrw', csr, rd: 0, src: 11 }], UXL1))?.id, csr.toString(16)).toBe('qemu-uxl-writable');
    }
  });

  it('UXL=2 written, csrrs keeping UXL 2, or csrrc clearing bit 33 (UXL 0): only the last changes UXL', () => {
    expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrw', csr: 0x100, rd: 0, src: 11 }], UXL2))).toBeUndefined();
    expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrs', csr: 0x100, rd: 0, src: 11 }], UXL2))).toBeUndefined();
    expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrc', csr: 0x100, rd: 0, src: 11 }], UXL2))?.id).toBe('qemu-uxl-writable');
  });

  it('a register an earlier step overwrote is not trusted; other CSRs and probes do not count', () => {
    expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrs', csr: 0x140, rd: 11, src: 0 }, { k: 'csr', op: 'csrrw', csr: 0x100, rd: 0, src: 11 }], UXL1))).toBeUndefined();
    expect(explainQemuFailure(c([{ k: 'csr', op: 'csrrw', csr: 0x140, rd: 0, src: 11 }], UXL1))).toBeUndefined();
    expect(explainQemuFailure(c([{ k: 'probe', op: 'csrrw', csr: 0x300, rdA: 10, rdB: 12, rs: 11 }], UXL1))).toBeUndefined();
  });

  it("QEMU's own log: a last trap from a sign-extended 32-bit code address means it ran a mode as RV32", () => {
    const none = c([], 0n);
    expect(explainQemuFailure(none, 0xffffffff800003ecn)?.id).toBe('qemu-uxl-writable');
    expect(explainQemuFailure(none, 0x800003ecn)).toBeUndefined();
    expect(explainQemuFailure(none, 0xffffffff000003ecn)).toBeUndefined();
    expect(explainQemuFailure(none)).toBeUndefined();
  });
});
