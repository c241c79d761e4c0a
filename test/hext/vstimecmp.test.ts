/**
 * Sstc with the H extension (privileged spec v20240411: chapter "Sstc"; H extension 21.2.10
 * "Hypervisor Environment Configuration Register (henvcfg)", 21.2.11 "hcounteren" (TM and
 * vstimecmp), 21.2.4 "hip" (VSTIP), 21.2.20 "Virtual Supervisor Timer (vstimecmp)"; machine-level
 * 3.1.11 mcounteren.TM and 3.1.18 menvcfg.STCE):
 *  - henvcfg.STCE is read-only zero while menvcfg.STCE = 0;
 *  - vstimecmp (0x24d) from HS needs mcounteren.TM and menvcfg.STCE (as Spike and QEMU);
 *  - from V=1, stimecmp (0x14d) is vstimecmp: illegal when HS could not use stimecmp, else
 *    virtual-instruction unless henvcfg.STCE and hcounteren.TM (and never from VU);
 *  - with henvcfg.STCE = 1, hip.VSTIP = hvip.VSTIP | ((time + htimedelta) mod 2^64 >= vstimecmp).
 */
import { describe, expect, it } from 'vitest';
import { Ip, val } from '../../src/csr/csr-file.js';
import { VirtMachine } from '../../src/platform/virt.js';
import type { Machine } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import { Cause } from '../../src/rv64/trap.js';
import { openPmp } from '../privileged/helpers.js';
import { CSR, RAM_BASE } from './helpers.js';

const MiB = 1024 * 1024;
const STCE = 1n << 63n;
const TM = 2n;
const STIMECMP = 0x14d;
const VSTIMECMP = 0x24d;
const MENVCFG = 0x30a;

function virt(): Machine {
  const v = new VirtMachine({ memSize: MiB, console: () => {} });
  openPmp(v.machine);
  return v.machine;
}

/** A CSR read as an instruction in the current (priv, V) would do it: the value, or the cause raised. */
function read(m: Machine, addr: number): bigint | 'illegal' | 'virtual' {
  const e = m.csr.lookup(addr, false);
  if (typeof e === 'number') return e === Cause.VirtualInsn ? 'virtual' : e === Cause.IllegalInsn ? 'illegal' : (String(e) as never);
  e.read(m.hart);
  return (BigInt(val[1] >>> 0) << 32n) | BigInt(val[0] >>> 0);
}

function write(m: Machine, addr: number, v: bigint): 'ok' | 'illegal' | 'virtual' {
  const e = m.csr.lookup(addr, true);
  if (typeof e === 'number') return e === Cause.VirtualInsn ? 'virtual' : 'illegal';
  e.write!(m.hart, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
  return 'ok';
}

/** Runs `f` in M-mode (V=0), then returns to the mode the hart was in. */
function asM<T>(m: Machine, f: () => T): T {
  const [p, v] = [m.hart.priv, m.hart.virt];
  m.hart.priv = Priv.M;
  m.hart.virt = 0;
  try {
    return f();
  } finally {
    m.hart.priv = p;
    m.hart.virt = v;
  }
}

function mode(m: Machine, priv: Priv, virt: 0 | 1): void {
  m.hart.priv = priv;
  m.hart.virt = virt;
  m.mmu.flush();
}

/** menvcfg.STCE, mcounteren.TM, henvcfg.STCE, hcounteren.TM, written from M. */
function enables(m: Machine, mstce: boolean, mtm: boolean, hstce: boolean, htm: boolean): void {
  asM(m, () => {
    write(m, MENVCFG, mstce ? STCE : 0n);
    write(m, CSR.mcounteren, mtm ? TM : 0n);
    write(m, CSR.henvcfg, hstce ? STCE : 0n);
    write(m, CSR.hcounteren, htm ? TM : 0n);
  });
}

const vstip = (m: Machine): boolean => (m.csr.mip & Ip.VSTI) !== 0;

describe('henvcfg.STCE', () => {
  it('is read-only zero while menvcfg.STCE = 0, writable once it is 1, and reads zero again when it is cleared', () => {
    const m = virt();
    write(m, CSR.henvcfg, STCE);
    expect(read(m, CSR.henvcfg)).toBe(0n);
    write(m, MENVCFG, STCE);
    write(m, CSR.henvcfg, STCE | 1n);
    expect(read(m, CSR.henvcfg)).toBe(STCE | 1n);
    write(m, MENVCFG, 0n);
    expect(read(m, CSR.henvcfg)).toBe(1n);
  });
});

describe('access rules', () => {
  it('vstimecmp from HS needs mcounteren.TM and menvcfg.STCE (else illegal); M always has it', () => {
    const m = virt();
    expect(write(m, VSTIMECMP, 77n)).toBe('ok');
    for (const [mstce, mtm] of [[false, false], [true, false], [false, true], [true, true]]) {
      enables(m, mstce, mtm, false, false);
      mode(m, Priv.S, 0);
      expect(read(m, VSTIMECMP), `menvcfg.STCE=${mstce} mcounteren.TM=${mtm}`).toBe(mstce && mtm ? 77n : 'illegal');
      mode(m, Priv.U, 0);
      expect(read(m, VSTIMECMP)).toBe('illegal');
    }
  });

  it('stimecmp from VS: illegal unless menvcfg.STCE and mcounteren.TM; then virtual-instruction unless henvcfg.STCE and hcounteren.TM; then vstimecmp', () => {
    const m = virt();
    asM(m, () => {
      write(m, STIMECMP, 11n);
      write(m, VSTIMECMP, 22n);
    });
    const bools = [false, true];
    for (const mstce of bools)
      for (const mtm of bools)
        for (const hstce of bools)
          for (const htm of bools) {
            enables(m, mstce, mtm, hstce, htm);
            mode(m, Priv.S, 1);
            const want = !(mstce && mtm) ? 'illegal' : !(hstce && htm) ? 'virtual' : 22n;
            expect(read(m, STIMECMP), `menvcfg.STCE=${mstce} TM=${mtm} henvcfg.STCE=${hstce} hTM=${htm}`).toBe(want);
            // vstimecmp by its own number is an H CSR: virtual-instruction, or illegal when HS could not use it.
            expect(read(m, VSTIMECMP)).toBe(mstce && mtm ? 'virtual' : 'illegal');
            // VU never reaches it: illegal when HS could not access stimecmp, else virtual-instruction.
            mode(m, Priv.U, 1);
            expect(read(m, STIMECMP)).toBe(mstce && mtm ? 'virtual' : 'illegal');
          }
  });

  it('a VS write to stimecmp changes vstimecmp, not stimecmp', () => {
    const m = virt();
    asM(m, () => write(m, STIMECMP, 11n));
    enables(m, true, true, true, true);
    mode(m, Priv.S, 1);
    expect(write(m, STIMECMP, 1234n)).toBe('ok');
    expect(asM(m, () => [read(m, STIMECMP), read(m, VSTIMECMP)])).toEqual([11n, 1234n]);
  });
});

describe('VSTIP', () => {
  it('is (time + htimedelta) >= vstimecmp with henvcfg.STCE = 1, ORed with hvip.VSTIP; only hvip.VSTIP with STCE = 0', () => {
    const m = virt();
    write(m, VSTIMECMP, 1000n); // time is 0: only a delta of 1000 reaches it
    write(m, MENVCFG, STCE);
    expect(vstip(m)).toBe(false);
    write(m, CSR.htimedelta, 1000n); // STCE still 0
    expect(vstip(m)).toBe(false);
    write(m, CSR.hvip, BigInt(Ip.VSTI));
    expect(vstip(m)).toBe(true); // hvip alone
    expect(read(m, CSR.hip)).toBe(BigInt(Ip.VSTI));
    write(m, CSR.hvip, 0n);
    write(m, CSR.henvcfg, STCE); // re-evaluated on the henvcfg write
    expect(vstip(m)).toBe(true);
    expect(read(m, CSR.hip)).toBe(BigInt(Ip.VSTI));
    write(m, CSR.htimedelta, 999n); // and on the htimedelta write
    expect(vstip(m)).toBe(false);
    write(m, CSR.hvip, BigInt(Ip.VSTI));
    expect(vstip(m)).toBe(true); // the OR
    write(m, CSR.hvip, 0n);
    write(m, VSTIMECMP, 999n);
    expect(vstip(m)).toBe(true);
    // hip.VSTIP is read-only: writing hip or mip does not clear it.
    write(m, CSR.hip, 0n);
    write(m, CSR.mip, 0n);
    expect(vstip(m)).toBe(true);
    write(m, MENVCFG, 0n); // henvcfg.STCE reads zero now: back to hvip alone
    expect(vstip(m)).toBe(false);
  });

  it('rises at the simulated time when time + htimedelta reaches vstimecmp', () => {
    const m = virt();
    m.mmu.writePhys(RAM_BASE, new Uint8Array([0x6f, 0, 0, 0])); // jal x0, 0
    m.hart.pc = BigInt(RAM_BASE);
    enables(m, true, true, true, true);
    write(m, CSR.htimedelta, 1_000_000n);
    write(m, VSTIMECMP, 1_000_300n);
    m.run(300 * 100 - 50); // one timebase tick is 100 instructions here
    expect(m.timeNow()).toBe(299);
    expect(vstip(m)).toBe(false);
    m.run(100);
    expect(vstip(m)).toBe(true);
    write(m, VSTIMECMP, 1_000_500n); // cleared by a later compare value
    expect(vstip(m)).toBe(false);
  });

  it('a negative htimedelta: pending once the 64-bit sum reaches vstimecmp, and again clear when the sum wraps to 0', () => {
    const m = virt();
    m.mmu.writePhys(RAM_BASE, new Uint8Array([0x6f, 0, 0, 0]));
    m.hart.pc = BigInt(RAM_BASE);
    enables(m, true, true, true, true);
    write(m, CSR.htimedelta, (1n << 64n) - 100n); // guest time = time - 100
    write(m, VSTIMECMP, (1n << 64n) - 50n); // reached at time 50, until time 100
    m.run(49 * 100);
    expect(vstip(m)).toBe(false);
    m.run(200);
    expect(vstip(m)).toBe(true);
    m.run(48 * 100);
    expect(m.timeNow()).toBe(99);
    expect(vstip(m)).toBe(true);
    m.run(200);
    expect(vstip(m)).toBe(false);
  });

  it('is taken in VS (delegated by hideleg) at vstimecmp: the handler reads time = vstimecmp', () => {
    const m = virt();
    const loop = RAM_BASE;
    const handler = RAM_BASE + 0x100;
    m.mmu.writePhys(loop, new Uint8Array([0x6f, 0, 0, 0])); // jal x0, 0
    // csrrs a0, time, x0; jal x0, 0
    const csrrsTime = ((0xc01 << 20) | (2 << 12) | (10 << 7) | 0x73) >>> 0;
    const words = new Uint8Array(8);
    new DataView(words.buffer).setUint32(0, csrrsTime, true);
    new DataView(words.buffer).setUint32(4, 0x6f, true);
    m.mmu.writePhys(handler, words);
    enables(m, true, true, true, true);
    write(m, CSR.htimedelta, 5000n);
    write(m, VSTIMECMP, 5700n); // time 700
    write(m, CSR.hideleg, BigInt(Ip.VSTI));
    write(m, CSR.hie, BigInt(Ip.VSTI));
    write(m, CSR.vstvec, BigInt(handler));
    write(m, CSR.vsstatus, 2n); // SIE
    mode(m, Priv.S, 1); // hgatp and vsatp Bare: guest addresses are host addresses
    m.hart.pc = BigInt(loop);
    m.run(1000 * 100);
    expect(m.hart.pc).toBe(BigInt(handler) + 4n);
    expect([m.hart.priv, m.hart.virt]).toEqual([Priv.S, 1]);
    expect(asM(m, () => read(m, CSR.vscause))).toBe((1n << 63n) | 5n); // the guest's supervisor timer interrupt
    const t = m.hart.getX(10);
    expect(t >= 5700n && t < 5702n).toBe(true);
  });
});
