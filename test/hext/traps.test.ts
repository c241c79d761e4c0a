/**
 * Trap routing, trap entry/return and virtual-instruction exceptions with the H extension
 * (privileged spec v20240411, 21.5 "Traps": 21.5.1 trap cause codes, 21.5.2 trap entry, 21.5.3 trap
 * return; 21.6.1 virtual-instruction exceptions; 21.2.3/21.4.3 interrupts and their priorities).
 */
import { describe, expect, it } from 'vitest';
import { pendingInterrupt, takeTrap } from '../../src/csr/traps.js';
import type { Machine } from '../../src/machine.js';
import { TRAP } from '../../src/rv64/trap.js';
import {
  CODE, CSR, ECALL, HLV, HS, MRET, MS, Priv, SRET, VSTVEC, WFI, csrRead, csrWrite, enter, exec,
  hfenceGvma, hfenceVvma, hlv, hmachine, hsv, HSV, landed, sfenceVma,
} from './helpers.js';

function causeAt(m: Machine, where: string): bigint {
  const r = where === 'M' ? CSR.mcause : where === 'HS' ? CSR.scause : CSR.vscause;
  return csrRead(m, r);
}

/** Executes `insn` in (priv, V); returns [where it went, cause]. */
function run(m: Machine, insn: number, priv: Priv, virt: 0 | 1): [string, bigint] {
  enter(m, priv, virt);
  exec(m, insn);
  const to = landed(m);
  return [to, to === 'next' ? -1n : causeAt(m, to)];
}

describe('21.5.2 trap entry: where a trap from V=1 goes', () => {
  it('ecall from VS is cause 10, taken in M with MPV = 1, MPP = S, GVA = 0', () => {
    const m = hmachine();
    expect(run(m, ECALL, Priv.S, 1)).toEqual(['M', 10n]);
    const s = csrRead(m, CSR.mstatus);
    expect(s & MS.MPV).toBe(MS.MPV);
    expect(s & MS.GVA).toBe(0n);
    expect((s >> 11n) & 3n).toBe(1n);
    expect(m.hart.virt).toBe(0);
    expect(csrRead(m, CSR.mepc)).toBe(CODE);
  });

  it('delegated by medeleg only: taken in HS with hstatus.SPV = 1, SPVP = the guest privilege, V = 0', () => {
    const m = hmachine();
    csrWrite(m, CSR.medeleg, 1n << 10n);
    expect(run(m, ECALL, Priv.S, 1)).toEqual(['HS', 10n]);
    const hs = csrRead(m, CSR.hstatus);
    expect(hs & (HS.SPV | HS.SPVP | HS.GVA)).toBe(HS.SPV | HS.SPVP);
    expect(csrRead(m, CSR.sstatus) & MS.SPP).toBe(MS.SPP);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 0]);
    // From VU: SPVP = 0.
    csrWrite(m, CSR.medeleg, 1n << 8n);
    expect(run(m, ECALL, Priv.U, 1)).toEqual(['HS', 8n]);
    expect(csrRead(m, CSR.hstatus) & (HS.SPV | HS.SPVP)).toBe(HS.SPV);
  });

  it('SPVP is written only when V was 1: a trap from U (V=0) leaves it, and clears SPV', () => {
    const m = hmachine();
    csrWrite(m, CSR.medeleg, 1n << 8n);
    csrWrite(m, CSR.hstatus, HS.SPVP | HS.SPV);
    expect(run(m, ECALL, Priv.U, 0)).toEqual(['HS', 8n]);
    expect(csrRead(m, CSR.hstatus) & (HS.SPV | HS.SPVP)).toBe(HS.SPVP);
  });

  it('delegated by medeleg and hedeleg: taken in VS through vstvec with vsepc/vscause/vstval/vsstatus; V stays 1', () => {
    const m = hmachine();
    csrWrite(m, CSR.medeleg, 1n << 8n);
    csrWrite(m, CSR.hedeleg, 1n << 8n);
    csrWrite(m, CSR.vsstatus, MS.SIE | MS.SPP);
    expect(run(m, ECALL, Priv.U, 1)).toEqual(['VS', 8n]);
    expect(csrRead(m, CSR.vsepc)).toBe(CODE);
    expect(csrRead(m, CSR.vsstatus) & (MS.SIE | MS.SPIE | MS.SPP)).toBe(MS.SPIE);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 1]);
    // HS state untouched.
    expect(csrRead(m, CSR.scause)).toBe(0n);
  });

  it('hedeleg without medeleg does nothing: M takes it', () => {
    const m = hmachine();
    csrWrite(m, CSR.hedeleg, 1n << 8n);
    expect(run(m, ECALL, Priv.U, 1)).toEqual(['M', 8n]);
  });

  it('GVA is set for address traps from V=1 (breakpoint: tval = pc, a guest virtual address), never for illegal/virtual/ecall', () => {
    const m = hmachine();
    expect(run(m, 0x00100073, Priv.S, 1)).toEqual(['M', 3n]);
    expect(csrRead(m, CSR.mstatus) & MS.GVA).toBe(MS.GVA);
    expect(run(m, 0xffffffff, Priv.S, 1)).toEqual(['M', 2n]);
    expect(csrRead(m, CSR.mstatus) & MS.GVA).toBe(0n);
    expect(run(m, hfenceVvma(), Priv.S, 1)).toEqual(['M', 22n]);
    expect(csrRead(m, CSR.mstatus) & MS.GVA).toBe(0n);
  });
});

describe('21.5.3 trap return', () => {
  it('MRET sets V = MPV (MPP != M) and clears MPV', () => {
    const m = hmachine();
    csrWrite(m, CSR.mepc, VSTVEC);
    csrWrite(m, CSR.mstatus, (1n << 11n) | MS.MPV);
    expect(run(m, MRET, Priv.M, 0)[0]).toBe('VS'); // pc = mepc
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 1]);
    expect(csrRead(m, CSR.mstatus) & MS.MPV).toBe(0n);
    // MPP = M: V stays 0 whatever MPV says.
    csrWrite(m, CSR.mstatus, (3n << 11n) | MS.MPV);
    run(m, MRET, Priv.M, 0);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.M, 0]);
  });

  it('SRET in HS sets V = hstatus.SPV and clears SPV', () => {
    const m = hmachine();
    csrWrite(m, CSR.sepc, VSTVEC);
    csrWrite(m, CSR.hstatus, HS.SPV);
    csrWrite(m, CSR.sstatus, 0n); // SPP = U
    run(m, SRET, Priv.S, 0);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.U, 1]);
    expect(csrRead(m, CSR.hstatus) & HS.SPV).toBe(0n);
  });

  it('SRET in VS returns within V=1 using vsstatus and vsepc', () => {
    const m = hmachine();
    csrWrite(m, CSR.vsepc, VSTVEC + 0x40n);
    csrWrite(m, CSR.vsstatus, MS.SPIE);
    csrWrite(m, CSR.sepc, 0n);
    run(m, SRET, Priv.S, 1);
    expect(m.hart.pc).toBe(VSTVEC + 0x40n);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.U, 1]);
    expect(csrRead(m, CSR.vsstatus) & (MS.SIE | MS.SPIE)).toBe(MS.SIE | MS.SPIE);
  });
});

describe('21.6.1 virtual-instruction exceptions (22) against illegal-instruction (2)', () => {
  it('SRET: VS with VTSR -> 22; VU -> 22; U -> 2', () => {
    const m = hmachine();
    csrWrite(m, CSR.hstatus, HS.VTSR);
    expect(run(m, SRET, Priv.S, 1)).toEqual(['M', 22n]);
    csrWrite(m, CSR.hstatus, 0n);
    expect(run(m, SRET, Priv.U, 1)).toEqual(['M', 22n]);
    expect(run(m, SRET, Priv.U, 0)).toEqual(['M', 2n]);
  });

  it('WFI: VS with VTW=1, TW=0 -> 22; TW=1 -> 2; VU with TW=0 -> 22, TW=1 -> 2', () => {
    const m = hmachine();
    csrWrite(m, CSR.hstatus, HS.VTW);
    expect(run(m, WFI, Priv.S, 1)).toEqual(['M', 22n]);
    csrWrite(m, CSR.mstatus, MS.TW);
    expect(run(m, WFI, Priv.S, 1)).toEqual(['M', 2n]);
    expect(run(m, WFI, Priv.U, 1)).toEqual(['M', 2n]);
    csrWrite(m, CSR.mstatus, 0n);
    expect(run(m, WFI, Priv.U, 1)).toEqual(['M', 22n]);
    csrWrite(m, CSR.hstatus, 0n);
    expect(run(m, WFI, Priv.S, 1)).toEqual(['next', -1n]);
  });

  it('SFENCE.VMA: VS with VTVM -> 22, VU -> 22; mstatus.TVM does not apply in VS', () => {
    const m = hmachine();
    csrWrite(m, CSR.hstatus, HS.VTVM);
    expect(run(m, sfenceVma(), Priv.S, 1)).toEqual(['M', 22n]);
    csrWrite(m, CSR.hstatus, 0n);
    expect(run(m, sfenceVma(), Priv.U, 1)).toEqual(['M', 22n]);
    csrWrite(m, CSR.mstatus, MS.TVM);
    expect(run(m, sfenceVma(), Priv.S, 1)).toEqual(['next', -1n]);
    expect(run(m, sfenceVma(), Priv.S, 0)).toEqual(['M', 2n]);
  });

  it('HLV/HSV/HFENCE in V=1 -> 22; in U: HLV/HSV illegal unless hstatus.HU, HFENCE always illegal', () => {
    const m = hmachine();
    for (const insn of [hlv(HLV.w, 5, 0), hsv(HSV.w, 5, 0), hfenceVvma(), hfenceGvma()]) {
      expect(run(m, insn, Priv.S, 1)).toEqual(['M', 22n]);
      expect(run(m, insn, Priv.U, 1)).toEqual(['M', 22n]);
      expect(run(m, insn, Priv.U, 0)).toEqual(['M', 2n]);
    }
    csrWrite(m, CSR.hstatus, HS.HU);
    expect(run(m, hfenceVvma(), Priv.U, 0)).toEqual(['M', 2n]);
    // With HU the HLV runs: x0 as address, vsatp/hgatp Bare -> physical 0 -> access fault (5), not 2.
    expect(run(m, hlv(HLV.w, 5, 0), Priv.U, 0)).toEqual(['M', 5n]);
  });

  it('HFENCE.GVMA in HS with mstatus.TVM = 1 is illegal; HFENCE.VVMA is not', () => {
    const m = hmachine();
    csrWrite(m, CSR.mstatus, MS.TVM);
    expect(run(m, hfenceGvma(), Priv.S, 0)).toEqual(['M', 2n]);
    expect(run(m, hfenceVvma(), Priv.S, 0)).toEqual(['next', -1n]);
  });

  it('MRET from V=1 is illegal (not allowed in HS either)', () => {
    const m = hmachine();
    expect(run(m, MRET, Priv.S, 1)).toEqual(['M', 2n]);
  });
});

describe('21.2.3/21.4.3 VS-level interrupts', () => {
  /** The machine's interrupt check between slices (Machine.run), once, in (priv, V). */
  function poll(m: Machine, priv: Priv, virt: 0 | 1): [string, bigint] {
    enter(m, priv, virt);
    m.hart.pc = CODE;
    const irq = pendingInterrupt(m.hart);
    if (irq < 0) return ['next', -1n];
    TRAP.set(irq, 0, 0);
    TRAP.interrupt = true;
    takeTrap(m.hart, TRAP);
    return [landed(m), causeAt(m, landed(m))];
  }

  function setup(): Machine {
    const m = hmachine();
    csrWrite(m, CSR.hie, 0x444n);
    return m;
  }

  it('hvip.VSSIP delegated by hideleg is taken in VU with vscause = interrupt 1 (S-level numbering)', () => {
    const m = setup();
    csrWrite(m, CSR.hideleg, 0x444n);
    csrWrite(m, CSR.hvip, 0x4n);
    expect(poll(m, Priv.U, 1)).toEqual(['VS', (1n << 63n) | 1n]);
  });

  it('in VS it is gated by vsstatus.SIE; with V=0 a hideleg-delegated VS interrupt is not taken', () => {
    const m = setup();
    csrWrite(m, CSR.hideleg, 0x444n);
    csrWrite(m, CSR.hvip, 0x40n);
    expect(poll(m, Priv.S, 1)[0]).toBe('next');
    expect(poll(m, Priv.S, 0)[0]).toBe('next');
    csrWrite(m, CSR.vsstatus, MS.SIE);
    expect(poll(m, Priv.S, 1)).toEqual(['VS', (1n << 63n) | 5n]);
  });

  it('not delegated by hideleg: taken in HS with its own cause (2/6/10), also from V=1', () => {
    const m = setup();
    csrWrite(m, CSR.hvip, 0x400n);
    expect(poll(m, Priv.S, 1)).toEqual(['HS', (1n << 63n) | 10n]);
    expect(csrRead(m, CSR.hstatus) & HS.SPV).toBe(HS.SPV);
  });

  it('priority: VSEI over VSSI over VSTI', () => {
    const m = setup();
    csrWrite(m, CSR.hideleg, 0x444n);
    csrWrite(m, CSR.hvip, 0x444n);
    expect(poll(m, Priv.U, 1)[1]).toBe((1n << 63n) | 9n);
    csrWrite(m, CSR.hvip, 0x44n);
    expect(poll(m, Priv.U, 1)[1]).toBe((1n << 63n) | 1n);
    csrWrite(m, CSR.hvip, 0x40n);
    expect(poll(m, Priv.U, 1)[1]).toBe((1n << 63n) | 5n);
  });

  it('HS-level interrupts are always enabled in V=1, ahead of VS-level ones', () => {
    const m = setup();
    csrWrite(m, CSR.mideleg, 0x222n);
    csrWrite(m, CSR.mie, 0x666n);
    csrWrite(m, CSR.hideleg, 0x444n);
    csrWrite(m, CSR.hvip, 0x444n);
    csrWrite(m, CSR.mip, 0x2n | 0x4n); // SSIP
    expect(poll(m, Priv.S, 1)).toEqual(['HS', (1n << 63n) | 1n]);
  });
});
