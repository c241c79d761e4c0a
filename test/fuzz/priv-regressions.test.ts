/**
 * Regressions from the privileged differential fuzzer (scripts/fuzz-priv.mjs): where QEMU 7.2 and
 * rvsim differed and the spec sides with rvsim (src/fuzz/priv/deviations.ts), rvsim's value is
 * pinned here, with the spec section. Each runs the fuzzer's own harness program on rvsim's virt
 * machine in-process (no QEMU needed; the cross gcc assembles it).
 */
import { describe, expect, it } from 'vitest';
import type { Mode, PrivCase, Step, TrapBits } from '../../src/fuzz/priv/case.js';
import { DUMP_CSRS } from '../../src/fuzz/priv/csrs.js';
import { CSR_Q, hlsvWord, LOG_FIELDS, LOG_Q, privProgram, RECORD_Q, X_Q } from '../../src/fuzz/priv/program.js';
import { buildPrivElf, GCC, runRvsimVirt } from '../../src/fuzz/priv/runners.js';
import { requireTool } from '../tools.js';

const NO: TrapBits = { tw: false, tvm: false, tsr: false, vtw: false, vtvm: false, vtsr: false, hu: false, spvp: false };
const to = (mode: Mode, bits: Partial<TrapBits> = {}): Step => ({ k: 'mret', mode, bits: { ...NO, ...bits } });

interface Rec {
  q: bigint[];
  trap(i: number): Record<(typeof LOG_FIELDS)[number], bigint>;
  traps: number;
  csr(name: string): bigint;
  x(r: number): bigint;
}

function run(steps: Step[], x: bigint[] = Array(11).fill(0n)): Rec {
  const c: PrivCase = { x, mem: 0, steps };
  const r = runRvsimVirt(buildPrivElf(privProgram([c]).asm), RECORD_Q);
  if (!r.ok) throw new Error(r.why);
  const q = r.quads;
  return {
    q,
    traps: Number(q[LOG_Q]),
    trap: (i) => Object.fromEntries(LOG_FIELDS.map((f, j) => [f, q[LOG_Q + 1 + i * LOG_FIELDS.length + j]])) as Record<(typeof LOG_FIELDS)[number], bigint>,
    csr: (name) => q[CSR_Q + DUMP_CSRS.findIndex((d) => d.name === name)],
    x: (n) => q[X_Q + n],
  };
}

const GVA = 1n << 38n;

describe.skipIf(!requireTool(GCC, 'gcc-riscv64-unknown-elf'))('privileged fuzz regressions (rvsim keeps the spec where QEMU 7.2 does not)', () => {
  it('SRET in VS-mode with mstatus.TSR=1 and hstatus.VTSR=1 is a virtual-instruction exception (H ext.: TSR affects only HS-mode)', () => {
    const r = run([to('VS', { tsr: true, vtsr: true }), { k: 'insn', name: 'sfence.vma' }, { k: 'sret', spp: false, spv: false }]);
    // traps: mret-step to-M, (sfence in VS: allowed), sret's hstatus access (virtual), sret, final to-M
    const causes = Array.from({ length: r.traps }, (_, i) => r.trap(i).mcause);
    const sret = causes.findIndex((_, i) => r.trap(i).mtval === 0x10200073n);
    expect(sret).toBeGreaterThan(0);
    expect(r.trap(sret).mcause).toBe(22n);
  });

  it('SRET in VU-mode with mstatus.TSR=1 is a virtual-instruction exception (H ext. "Virtual-Instruction Exceptions")', () => {
    const r = run([to('VU', { tsr: true }), { k: 'insn', name: 'fence' }, { k: 'sret', spp: false, spv: false }]);
    const i = Array.from({ length: r.traps }, (_, j) => j).find((j) => r.trap(j).mtval === 0x10200073n)!;
    expect(r.trap(i).mcause).toBe(22n);
  });

  it('an illegal instruction from VU-mode leaves mstatus.GVA = 0, and later traps too (H ext. mstatus.GVA)', () => {
    const r = run([to('VU'), { k: 'insn', name: 'illegal 0x00000000' }, { k: 'ecall' }]);
    expect(r.trap(1).mcause).toBe(2n);
    expect(r.trap(1).mstatus & GVA).toBe(0n);
    expect(r.trap(2).mcause).toBe(8n);
    expect(r.trap(2).mstatus & GVA).toBe(0n);
  });

  it('HSV.W in VU-mode with HU=0 is a virtual-instruction trap whose mtval is its own bits (priv. 3.1.16)', () => {
    const r = run([to('VU'), { k: 'insn', name: 'illegal 0x00000000' }, { k: 'hlsv', name: 'hsv.w', reg: 11, off: 4 }]);
    expect(r.trap(2).mcause).toBe(22n);
    expect(r.trap(2).mtval).toBe(BigInt(hlsvWord('hsv.w', 11)));
  });

  it('mideleg: VS interrupts read-only one, SGEI (GEILEN = 0) and LCOFI read zero (H ext. mideleg)', () => {
    const r = run([{ k: 'csr', op: 'csrrw', csr: 0x303, rd: 10, src: 11 }, { k: 'csr', op: 'csrrs', csr: 0x303, rd: 12, src: 0 }], [0n, -1n, ...Array(9).fill(0n)]);
    expect(r.x(12)).toBe(0x666n | 0x444n); // SSI, STI, SEI writable; VSSI/VSTI/VSEI read-only one
    expect(r.csr('mideleg') & 0x3000n).toBe(0n);
  });

  it('sepc bit 0 reads zero (priv. 4.1.7), mcountinhibit has no TM bit and no bits above 31 (priv. 3.1.13)', () => {
    const r = run(
      [
        { k: 'csr', op: 'csrrwi', csr: 0x141, rd: 0, src: 15 },
        { k: 'csr', op: 'csrrs', csr: 0x141, rd: 12, src: 0 },
        { k: 'csr', op: 'csrrw', csr: 0x320, rd: 0, src: 11 },
        { k: 'csr', op: 'csrrs', csr: 0x320, rd: 13, src: 0 },
      ],
      [0n, -1n, ...Array(9).fill(0n)],
    );
    expect(r.x(12)).toBe(14n);
    expect(r.x(13) & ~0xfffffffdn).toBe(0n);
    expect(r.x(13) & 2n).toBe(0n);
  });

  it('WFI in VU-mode is illegal-instruction with mstatus.TW=1, virtual-instruction with TW=0 (priv. 3.1.6.5 TW; H ext. "Virtual-Instruction Exceptions")', () => {
    // TW=1: the TW rule applies in every mode below M (H ext. "Hypervisor Additions to mstatus"),
    // and it raises illegal-instruction; the virtual-instruction rule for VU is only for TW=0.
    // QEMU 7.2 and Spike raise 22 in both (deviation qemu-spike-vu-wfi-tw).
    for (const [tw, cause] of [[true, 2n], [false, 22n]] as const) {
      const r = run([{ k: 'wfi', mode: 'VU', tw, vtw: false }]);
      const i = Array.from({ length: r.traps }, (_, j) => j).find((j) => r.trap(j).mtval === 0x10500073n);
      expect(i, `TW=${+tw}: a trap on the WFI`).toBeDefined();
      expect(r.trap(i!).mcause, `TW=${+tw}`).toBe(cause);
      expect(r.trap(i!).mstatus & (1n << 39n), 'from V=1 (MPV)').not.toBe(0n);
    }
  });

  it('vsstatus keeps only sstatus fields: mstatus-only positions and UBE read zero (H ext. vsstatus; priv. 4.1.1)', () => {
    const r = run([{ k: 'probe', op: 'csrrw', csr: 0x200, rdA: 10, rdB: 12, rs: 11 }], [0n, -17n, ...Array(9).fill(0n)]);
    const MSTATUS_ONLY = 0x8n | 0x80n | 0x1800n | (1n << 17n) | (7n << 20n) | (0xfn << 34n) | (1n << 38n) | (1n << 39n);
    expect(r.x(12) & MSTATUS_ONLY).toBe(0n);
    expect(r.x(12) & 0x40n).toBe(0n); // UBE
    expect(r.x(12) & 0x2n).toBe(2n); // SIE is a vsstatus field and is kept
  });

  it('csrrs on a read-only CSR with rs1 != x0 traps even when rs1 holds 0 (unpriv. "Zicsr", CSR Instructions)', () => {
    const r = run([{ k: 'csr', op: 'csrrs', csr: 0xf15, rd: 10, src: 11 }, { k: 'csr', op: 'csrrs', csr: 0xf15, rd: 12, src: 0 }]);
    // a1 = 0: still a write attempt on mconfigptr, so illegal-instruction; rs1 = x0 is a pure read.
    expect(r.traps).toBe(2); // the csrrs a0, mconfigptr, a1 and the final to-M ecall
    expect(r.trap(0).mcause).toBe(2n);
    expect(r.trap(0).mtval).toBe(0xf155a573n);
    expect(r.trap(1).mcause).toBe(11n);
  });

  it('HFENCE.VVMA/GVMA in VU-mode is a virtual-instruction exception (H ext. "Virtual-Instruction Exceptions")', () => {
    for (const name of ['hfence.vvma', 'hfence.gvma']) {
      const r = run([to('VU', { tvm: true }), { k: 'insn', name }]);
      const i = Array.from({ length: r.traps }, (_, j) => j).find((j) => (r.trap(j).mtval & 0xbe007fffn) === 0x22000073n);
      expect(i, name).toBeDefined();
      expect(r.trap(i!).mcause, name).toBe(22n);
    }
  });

  it('mstatus.UXL stays 2 and MPP never holds the reserved 2 (priv. 3.1.6.1, 3.1.6.2)', () => {
    const r = run([{ k: 'probe', op: 'csrrw', csr: 0x300, rdA: 10, rdB: 12, rs: 11 }], [0n, (3n << 32n) | 0x1000n, ...Array(9).fill(0n)]);
    expect((r.x(12) >> 32n) & 3n).toBe(2n);
    expect((r.x(12) >> 11n) & 3n).not.toBe(2n);
  });
  it('a CSR write to the read-only hgeip from VS/VU-mode is illegal-instruction, a read is virtual-instruction (H ext. "Virtual-Instruction Exceptions": only accesses HS-mode could make)', () => {
    // QEMU 7.2 raises 22 for the write too (deviation qemu-vi-readonly-hcsr).
    for (const mode of ['VS', 'VU'] as const) {
      const r = run([to(mode), { k: 'csr', op: 'csrrs', csr: 0xe12, rd: 10, src: 11 }, { k: 'csr', op: 'csrrs', csr: 0xe12, rd: 12, src: 0 }]);
      const at = (w: bigint) => Array.from({ length: r.traps }, (_, j) => j).find((j) => r.trap(j).mtval === w);
      const write = at(0xe125a573n);
      const read = at(0xe1202673n);
      expect(write, `${mode}: a trap on csrrs a0, hgeip, a1`).toBeDefined();
      expect(r.trap(write!).mcause, `${mode} write`).toBe(2n);
      expect(read, `${mode}: a trap on csrr a2, hgeip`).toBeDefined();
      expect(r.trap(read!).mcause, `${mode} read`).toBe(22n);
    }
  });

  it('HSV.W stores the low word of the register it names, whatever its upper bits (H ext. HSV)', () => {
    const v = (9n << 60n) | 0x73e156adn;
    const r = run([{ k: 'hlsv', name: 'hsv.w', reg: 12, off: 56 }], [0n, 0n, v, ...Array(8).fill(0n)]);
    expect(r.q[r.q.length - 1] & 0xffffffffn).toBe(0x73e156adn);
  });
  it('hgatp in HS-mode with mstatus.TVM=1 is an illegal-instruction exception, with TVM=0 it is accessible (H ext. hgatp)', () => {
    // QEMU 7.2 does not check TVM on hgatp (deviation qemu-hgatp-tvm).
    for (const tvm of [true, false]) {
      const r = run([to('S', { tvm }), { k: 'csr', op: 'csrrsi', csr: 0x680, rd: 10, src: 0 }]);
      const i = Array.from({ length: r.traps }, (_, j) => j).find((j) => r.trap(j).mtval === 0x68006573n);
      if (tvm) {
        expect(i, 'a trap on csrrsi a0, hgatp, 0').toBeDefined();
        expect(r.trap(i!).mcause).toBe(2n);
      } else expect(i, 'no trap on csrrsi a0, hgatp, 0').toBeUndefined();
    }
  });
  it('EBREAK writes its own pc to mtval (priv. 3.1.16: zero or the faulting address, a choice; rvsim = Spike), readable afterwards', () => {
    // QEMU 7.2 writes 0 (choice-ebreak-mtval); the value then shows wherever mtval is read.
    const r = run([{ k: 'insn', name: 'ebreak' }, { k: 'csr', op: 'csrrs', csr: 0x343, rd: 20, src: 0 }]);
    expect(r.trap(0).mcause).toBe(3n);
    expect(r.trap(0).mtval >> 31n).toBe(1n); // a code address (the harness is linked at 0x80000000), not 0
    expect(r.x(20)).toBe(r.trap(0).mtval);
    // The EBREAK is the case's first instruction: its pc is the start of the steps (mepc is logged
    // as an offset from there), the next case-relative offset 0.
    expect(r.trap(0).mepc).toBe(0n);
  });

  it('a write to mip neither sets nor clears VSTIP/VSEIP: only hvip does (H ext. hvip/hip; mip.VSTIP/VSEIP are read-only aliases)', () => {
    // QEMU 7.2 lets mip write them (deviation qemu-mip-vstip-vseip-writable), clearing what hvip set.
    const r = run([{ k: 'csr', op: 'csrrw', csr: 0x645, rd: 0, src: 11 }, { k: 'csr', op: 'csrrw', csr: 0x344, rd: 0, src: 10 }], [0n, 0x440n, ...Array(9).fill(0n)]);
    expect(r.csr('hvip') & 0x440n).toBe(0x440n);
    expect(r.csr('mip') & 0x440n).toBe(0x440n);
    const s = run([{ k: 'csr', op: 'csrrw', csr: 0x344, rd: 0, src: 11 }], [0n, 0x440n, ...Array(9).fill(0n)]);
    expect(s.csr('mip') & 0x440n).toBe(0n);
  });
  it('vstvec never holds a reserved MODE, and stvec at V=1 writes it (priv. 4.1.2 stvec WARL; H ext. vstvec)', () => {
    // QEMU 7.2 keeps MODE 3 written to vstvec and then ignores the stvec write (deviation qemu-vstvec-mode).
    const r = run([{ k: 'csr', op: 'csrrw', csr: 0x205, rd: 0, src: 11 }, to('VS'), { k: 'csr', op: 'csrrci', csr: 0x105, rd: 0, src: 4 }], [0n, -1n, ...Array(9).fill(0n)]);
    expect(r.csr('vstvec')).toBe(0xfffffffffffffff9n);
  });
  it('vsip: bit 1 written is hip.VSSIP, bit 2 written is nothing; STIP/SEIP read as hip.VSTIP/VSEIP when delegated (H ext. vsip)', () => {
    // QEMU 7.2 also takes the written bit 2 and never shows STIP/SEIP in vsip
    // (deviations qemu-vsip-vsie-unshifted-write, qemu-vsip-read-mask).
    const hideleg = { k: 'csr', op: 'csrrw', csr: 0x603, rd: 0, src: 11 } as const;
    const bit2 = run([hideleg, { k: 'csr', op: 'csrrw', csr: 0x244, rd: 0, src: 12 }], [0n, 0x444n, 0x4n, ...Array(8).fill(0n)]);
    expect(bit2.csr('hvip') & 4n).toBe(0n);
    const bit1 = run([hideleg, { k: 'csr', op: 'csrrw', csr: 0x244, rd: 0, src: 12 }], [0n, 0x444n, 0x2n, ...Array(8).fill(0n)]);
    expect(bit1.csr('hvip') & 4n).toBe(4n);
    expect(bit1.csr('vsip')).toBe(2n);
    const timer = run([hideleg, { k: 'csr', op: 'csrrw', csr: 0x645, rd: 0, src: 12 }], [0n, 0x444n, 0x444n, ...Array(8).fill(0n)]);
    expect(timer.csr('vsip')).toBe(0x222n);
  });
  it('vsie: bit 2 written is nothing, bit 1 written is hie.VSSIE (H ext. vsie)', () => {
    // QEMU 7.2 also takes the written bit 2 (deviation qemu-vsip-vsie-unshifted-write).
    const hideleg = { k: 'csr', op: 'csrrw', csr: 0x603, rd: 0, src: 11 } as const;
    const bit2 = run([hideleg, { k: 'probe', op: 'csrrw', csr: 0x204, rdA: 10, rdB: 13, rs: 12 }], [0n, 0x444n, 0x4n, ...Array(8).fill(0n)]);
    expect(bit2.x(13)).toBe(0n);
    const bit1 = run([hideleg, { k: 'probe', op: 'csrrw', csr: 0x204, rdA: 10, rdB: 13, rs: 12 }], [0n, 0x444n, 0x2n, ...Array(8).fill(0n)]);
    expect(bit1.x(13)).toBe(2n);
  });
  it('simultaneous SEI and SSI into M-mode: SEI is taken first (priv. 3.1.9 interrupt order)', () => {
    // QEMU 7.2 takes SSI (deviation qemu-interrupt-priority).
    const r = run([{ k: 'csr', op: 'csrrw', csr: 0x344, rd: 0, src: 20 }, to('M'), { k: 'probe', op: 'csrrw', csr: 0x304, rdA: 10, rdB: 16, rs: 20 }], [...Array(10).fill(0n), -1n]);
    const i = Array.from({ length: r.traps }, (_, j) => j).find((j) => r.trap(j).mcause >> 63n === 1n);
    expect(i, 'an interrupt').toBeDefined();
    expect(r.trap(i!).mcause).toBe((1n << 63n) | 9n);
  });

  it('vsie: STIE written through bit 5 is hie.VSTIE, a written bit 6 is nothing (H ext. vsie)', () => {
    // QEMU 7.2 also keeps the unshifted bit 6 (deviation qemu-vsip-vsie-unshifted-write).
    const hideleg = { k: 'csr', op: 'csrrw', csr: 0x603, rd: 0, src: 11 } as const;
    const probe = { k: 'probe', op: 'csrrw', csr: 0x204, rdA: 10, rdB: 13, rs: 12 } as const;
    expect(run([hideleg, probe], [0n, 0x444n, 0x40n, ...Array(8).fill(0n)]).x(13)).toBe(0n);
    expect(run([hideleg, probe], [0n, 0x444n, 0x20n, ...Array(8).fill(0n)]).x(13)).toBe(0x20n);
  });
});
