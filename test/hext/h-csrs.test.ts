/**
 * H extension CSRs and their WARL rules (privileged spec v20240411, chapter 21 "Hypervisor
 * Extension, Version 1.0": 21.2 hypervisor and virtual supervisor CSRs, 21.4 mstatus/mideleg/mip
 * additions, 21.6.1 virtual-instruction exceptions for CSR accesses).
 */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/machine.js';
import {
  CSR, HS, MS, Priv, csrRead, csrWrite, csrr, csrw, enter, exec, FADD_D, hmachine, landed,
} from './helpers.js';

const ALL = (1n << 64n) - 1n;

describe('21.2 hypervisor CSRs (WARL)', () => {
  it('misa.H (bit 7) is set, and "h" is accepted in the ISA string', () => {
    const m = hmachine();
    expect((csrRead(m, CSR.misa) >> 7n) & 1n).toBe(1n);
    expect((csrRead(new Machine({ memSize: 1 << 20, isa: 'rv64gc' }), CSR.misa) >> 7n) & 1n).toBe(0n);
  });

  it('21.2.1 hstatus: VSXL reads 2 (read-only), VGEIN is zero with GEILEN = 0, VSBE is zero', () => {
    const m = hmachine();
    expect(csrRead(m, CSR.hstatus)).toBe(2n << 32n);
    csrWrite(m, CSR.hstatus, ALL);
    // GVA 6, SPV 7, SPVP 8, HU 9, VTVM 20, VTW 21, VTSR 22 writable; VSXL = 2.
    expect(csrRead(m, CSR.hstatus)).toBe((2n << 32n) | (7n << 20n) | (0xfn << 6n));
  });

  it('21.2.2 hedeleg: bits 9-11 and 20-23 are read-only zero; hideleg: only 2, 6, 10', () => {
    const m = hmachine();
    csrWrite(m, CSR.hedeleg, ALL);
    expect(csrRead(m, CSR.hedeleg)).toBe(0xb1ffn);
    csrWrite(m, CSR.hideleg, ALL);
    expect(csrRead(m, CSR.hideleg)).toBe(0x444n);
  });

  it('21.4.3 mideleg bits 2, 6, 10 read as one; medeleg can delegate 10 and 20-23', () => {
    const m = hmachine();
    csrWrite(m, CSR.mideleg, 0n);
    expect(csrRead(m, CSR.mideleg)).toBe(0x444n);
    csrWrite(m, CSR.mideleg, ALL);
    expect(csrRead(m, CSR.mideleg)).toBe(0x666n);
    csrWrite(m, CSR.medeleg, ALL);
    expect(csrRead(m, CSR.medeleg)).toBe(0xb3ffn | (1n << 10n) | (0xfn << 20n));
  });

  it('21.2.3 hvip: only 2, 6, 10 writable; they show in mip and hip; mip.VSSIP aliases hvip.VSSIP', () => {
    const m = hmachine();
    csrWrite(m, CSR.hvip, ALL);
    expect(csrRead(m, CSR.hvip)).toBe(0x444n);
    expect(csrRead(m, CSR.mip) & 0x1444n).toBe(0x444n);
    expect(csrRead(m, CSR.hip)).toBe(0x444n);
    // mip: VSSIP writable (it is hvip.VSSIP), VSTIP/VSEIP read-only.
    csrWrite(m, CSR.mip, 0n);
    expect(csrRead(m, CSR.hvip)).toBe(0x440n);
    csrWrite(m, CSR.hvip, 0n);
    csrWrite(m, CSR.mip, 0x444n);
    expect(csrRead(m, CSR.hvip)).toBe(0x4n);
    // hip: only VSSIP writable.
    csrWrite(m, CSR.hip, 0n);
    expect(csrRead(m, CSR.hvip)).toBe(0n);
    csrWrite(m, CSR.hip, 0x1444n);
    expect(csrRead(m, CSR.hvip)).toBe(0x4n);
  });

  it('21.2.3 hie holds the VS bits of mie; hgeie and hgeip are zero with GEILEN = 0', () => {
    const m = hmachine();
    csrWrite(m, CSR.hie, ALL);
    expect(csrRead(m, CSR.hie)).toBe(0x444n);
    expect(csrRead(m, CSR.mie) & 0x444n).toBe(0x444n);
    csrWrite(m, CSR.hgeie, ALL);
    expect(csrRead(m, CSR.hgeie)).toBe(0n);
    expect(csrRead(m, CSR.hgeip)).toBe(0n);
  });

  it('21.2.10 hgatp: Sv39x4/Sv48x4/Bare accepted, VMID is 14 bits, PPN[1:0] zero; another MODE keeps the old MODE but writes PPN and VMID ("not ignored as it is for satp")', () => {
    const m = hmachine();
    csrWrite(m, CSR.hgatp, (8n << 60n) | (((1n << 16n) - 1n) << 44n) | 0x80007n);
    expect(csrRead(m, CSR.hgatp)).toBe((8n << 60n) | (((1n << 14n) - 1n) << 44n) | 0x80004n);
    for (const mode of [1n, 10n, 15n]) {
      csrWrite(m, CSR.hgatp, (mode << 60n) | (5n << 44n) | 0x1234n);
      expect(csrRead(m, CSR.hgatp)).toBe((8n << 60n) | (5n << 44n) | 0x1234n);
    }
    csrWrite(m, CSR.hgatp, (9n << 60n) | 0x90000n);
    expect(csrRead(m, CSR.hgatp)).toBe((9n << 60n) | 0x90000n);
  });

  it('21.2.17 vsatp: an unsupported mode leaves it unchanged', () => {
    const m = hmachine();
    csrWrite(m, CSR.vsatp, (8n << 60n) | 0x80000n);
    csrWrite(m, CSR.vsatp, (10n << 60n) | 0x1n);
    expect(csrRead(m, CSR.vsatp)).toBe((8n << 60n) | 0x80000n);
  });

  it('21.2.12 vsip/vsie: the hideleg-delegated VS bits of hip/hie, shifted right by one', () => {
    const m = hmachine();
    csrWrite(m, CSR.hvip, 0x444n);
    csrWrite(m, CSR.hie, 0x444n);
    expect(csrRead(m, CSR.vsip)).toBe(0n); // nothing delegated: read-only zero
    expect(csrRead(m, CSR.vsie)).toBe(0n);
    csrWrite(m, CSR.hideleg, 0x44n); // VSSI and VSTI only
    expect(csrRead(m, CSR.vsip)).toBe(0x22n);
    expect(csrRead(m, CSR.vsie)).toBe(0x22n);
    csrWrite(m, CSR.vsie, 0n);
    expect(csrRead(m, CSR.hie)).toBe(0x400n); // VSEIE not delegated: untouched
    // vsip: only SSIP (hvip.VSSIP) is writable.
    csrWrite(m, CSR.vsip, 0n);
    expect(csrRead(m, CSR.hvip)).toBe(0x440n);
  });

  it('21.2.11 vsstatus: UXL reads 2; SIE/SPIE/SPP/SUM/MXR/FS writable; SD follows FS', () => {
    const m = hmachine();
    csrWrite(m, CSR.vsstatus, ALL);
    const v = csrRead(m, CSR.vsstatus);
    expect(v).toBe((1n << 63n) | (2n << 32n) | MS.MXR | MS.SUM | MS.FS | MS.SPP | MS.SPIE | MS.SIE);
  });

  it('21.4.1 mstatus.MPV (39) and GVA (38) are writable', () => {
    const m = hmachine();
    csrWrite(m, CSR.mstatus, MS.MPV | MS.GVA);
    expect(csrRead(m, CSR.mstatus) & (MS.MPV | MS.GVA)).toBe(MS.MPV | MS.GVA);
  });

  it('sip/sie do not show the VS-level bits (they live in hip/hie)', () => {
    const m = hmachine();
    csrWrite(m, CSR.hvip, 0x444n);
    csrWrite(m, CSR.mie, 0x444n);
    expect(csrRead(m, CSR.sip)).toBe(0n);
    expect(csrRead(m, CSR.sie)).toBe(0n);
  });
});

/** Runs `csrr x5, csr` in (priv, V); returns where it went and x5. */
function readIn(m: Machine, csr: number, priv: Priv, virt: 0 | 1): { to: string; cause: bigint; x5: bigint } {
  enter(m, priv, virt);
  m.hart.setX(5, 0xdeadn);
  exec(m, csrr(5, csr));
  const to = landed(m);
  const cause = to === 'M' ? csrRead(m, CSR.mcause) : -1n;
  return { to, cause, x5: BigInt.asUintN(64, m.hart.getX(5)) };
}

describe('21.2.11/21.6.1 CSR accesses while V = 1', () => {
  it('s* CSRs name their vs* counterparts in VS-mode', () => {
    const m = hmachine();
    csrWrite(m, CSR.vsscratch, 0x1111n);
    csrWrite(m, CSR.sscratch, 0x2222n);
    expect(readIn(m, CSR.sscratch, Priv.S, 1)).toEqual({ to: 'next', cause: -1n, x5: 0x1111n });
    expect(readIn(m, CSR.sscratch, Priv.S, 0)).toEqual({ to: 'next', cause: -1n, x5: 0x2222n });
    // A write from VS lands in vsscratch.
    enter(m, Priv.S, 1);
    m.hart.setX(6, 0x3333n);
    exec(m, csrw(CSR.sscratch, 6));
    expect(csrRead(m, CSR.vsscratch)).toBe(0x3333n);
    expect(csrRead(m, CSR.sscratch)).toBe(0x2222n);
    // satp -> vsatp (Bare, so the fetch itself is untranslated), sstatus -> vsstatus.
    csrWrite(m, CSR.vsatp, 0x123n);
    expect(readIn(m, CSR.satp, Priv.S, 1).x5).toBe(0x123n);
    csrWrite(m, CSR.vsstatus, MS.SUM);
    expect(readIn(m, CSR.sstatus, Priv.S, 1).x5 & MS.SUM).toBe(MS.SUM);
  });

  it('h* and vs* CSRs from VS or VU raise virtual-instruction (22); from U (V=0) illegal (2)', () => {
    const m = hmachine();
    for (const csr of [CSR.hstatus, CSR.hgatp, CSR.vsstatus, CSR.vsatp, CSR.hgeip]) {
      expect(readIn(m, csr, Priv.S, 1)).toMatchObject({ to: 'M', cause: 22n });
      expect(readIn(m, csr, Priv.U, 1)).toMatchObject({ to: 'M', cause: 22n });
      expect(readIn(m, csr, Priv.U, 0)).toMatchObject({ to: 'M', cause: 2n });
      expect(readIn(m, csr, Priv.S, 0)).toMatchObject({ to: 'next' });
    }
  });

  it('s* CSRs from VU raise virtual-instruction; M-level CSRs from V=1 are illegal', () => {
    const m = hmachine();
    expect(readIn(m, CSR.sscratch, Priv.U, 1)).toMatchObject({ to: 'M', cause: 22n });
    expect(readIn(m, CSR.mstatus, Priv.S, 1)).toMatchObject({ to: 'M', cause: 2n });
    expect(readIn(m, CSR.mscratch, Priv.U, 1)).toMatchObject({ to: 'M', cause: 2n });
  });

  it('a write to a read-only CSR is illegal even where a read would be virtual (hgeip from VS)', () => {
    const m = hmachine();
    enter(m, Priv.S, 1);
    exec(m, csrw(CSR.hgeip, 0));
    expect(landed(m)).toBe('M');
    expect(csrRead(m, CSR.mcause)).toBe(2n);
  });

  it('satp from VS with hstatus.VTVM = 1 raises virtual-instruction', () => {
    const m = hmachine();
    csrWrite(m, CSR.hstatus, HS.VTVM);
    expect(readIn(m, CSR.satp, Priv.S, 1)).toMatchObject({ to: 'M', cause: 22n });
    // mstatus.TVM does not apply to VS-mode.
    csrWrite(m, CSR.hstatus, 0n);
    csrWrite(m, CSR.mstatus, MS.TVM);
    expect(readIn(m, CSR.satp, Priv.S, 1)).toMatchObject({ to: 'next' });
  });

  it('counters: enabled in mcounteren but not hcounteren is virtual (22), disabled in mcounteren illegal (2)', () => {
    const m = hmachine();
    csrWrite(m, CSR.mcounteren, 0n);
    expect(readIn(m, CSR.cycle, Priv.S, 1)).toMatchObject({ to: 'M', cause: 2n });
    csrWrite(m, CSR.mcounteren, 7n);
    expect(readIn(m, CSR.cycle, Priv.S, 1)).toMatchObject({ to: 'M', cause: 22n });
    csrWrite(m, CSR.hcounteren, 7n);
    expect(readIn(m, CSR.cycle, Priv.S, 1)).toMatchObject({ to: 'next' });
    // VU: scounteren = 0 with hcounteren = 1 is virtual too.
    csrWrite(m, 0x106, 0n);
    expect(readIn(m, CSR.instret, Priv.U, 1)).toMatchObject({ to: 'M', cause: 22n });
  });

  it('21.2.7 time reads mtime + htimedelta while V = 1', () => {
    const m = hmachine();
    csrWrite(m, CSR.mcounteren, 2n);
    csrWrite(m, CSR.hcounteren, 2n);
    csrWrite(m, CSR.htimedelta, 1000n);
    m.csr.timeNow = () => 5;
    expect(readIn(m, CSR.time, Priv.S, 1).x5).toBe(1005n);
    expect(readIn(m, CSR.time, Priv.S, 0).x5).toBe(5n);
    csrWrite(m, CSR.htimedelta, -10n);
    expect(readIn(m, CSR.time, Priv.S, 1).x5).toBe(BigInt.asUintN(64, -5n));
  });

  it('21.2.11 FP with V = 1 needs both mstatus.FS and vsstatus.FS on, and dirties both', () => {
    const m = hmachine();
    const FS_INITIAL = 1n << 13n;
    csrWrite(m, CSR.mstatus, FS_INITIAL);
    csrWrite(m, CSR.vsstatus, 0n);
    enter(m, Priv.S, 1);
    exec(m, FADD_D);
    expect(landed(m)).toBe('M');
    expect(csrRead(m, CSR.mcause)).toBe(2n);
    csrWrite(m, CSR.vsstatus, FS_INITIAL);
    enter(m, Priv.S, 1);
    exec(m, FADD_D);
    expect(landed(m)).toBe('next');
    expect(csrRead(m, CSR.mstatus) & MS.FS).toBe(MS.FS);
    expect(csrRead(m, CSR.vsstatus) & MS.FS).toBe(MS.FS);
  });
});
