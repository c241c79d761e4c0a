/**
 * A guest's virtual hart while it is not on the real one: its registers and the VS-level and
 * per-guest H CSRs that a world switch saves and restores (H extension, "Hypervisor and Virtual
 * Supervisor CSRs"). Switched with csrr/csrw from HS, as a hypervisor written in assembly would.
 */
import type { HsPort } from './hs-port.js';

export const enum Csr {
  fcsr = 0x003,
  sstatus = 0x100,
  stimecmp = 0x14d,
  sepc = 0x141,
  scause = 0x142,
  stval = 0x143,
  stvec = 0x105,
  scounteren = 0x106,
  senvcfg = 0x10a,
  time = 0xc01,
  vsstatus = 0x200,
  vsie = 0x204,
  vstvec = 0x205,
  vsscratch = 0x240,
  vsepc = 0x241,
  vscause = 0x242,
  vstval = 0x243,
  vsip = 0x244,
  vstimecmp = 0x24d,
  vsatp = 0x280,
  hstatus = 0x600,
  hedeleg = 0x602,
  hideleg = 0x603,
  hie = 0x604,
  htimedelta = 0x605,
  hcounteren = 0x606,
  henvcfg = 0x60a,
  htval = 0x643,
  hip = 0x644,
  hvip = 0x645,
  htinst = 0x64a,
  hgatp = 0x680,
}

/** The per-guest CSRs a world switch carries, in restore order (hgatp first: it selects the guest's TLB context). */
const SWITCHED = [
  Csr.hgatp,
  Csr.vsstatus,
  Csr.vsie,
  Csr.vstvec,
  Csr.vsscratch,
  Csr.vsepc,
  Csr.vscause,
  Csr.vstval,
  Csr.vsatp,
  Csr.hvip,
  Csr.htimedelta,
  Csr.hcounteren,
  Csr.henvcfg,
  Csr.vstimecmp,
  // Not VS-redirected: with V=1 the guest reads and writes these very CSRs, so they are its state.
  Csr.scounteren,
  Csr.senvcfg,
  Csr.fcsr,
];

export class Vcpu {
  /** x0..x31 (lo, hi) and the pc at 64/65, as the hart keeps them. */
  readonly x = new Int32Array(66);
  readonly f = new Int32Array(64);
  /** Saved CSR values: lo at 2i, hi at 2i+1, in SWITCHED order. */
  private readonly csrs = new Int32Array(2 * (SWITCHED.length + 1));
  /** The guest's privilege when it left: 1 = VS, 0 = VU (sstatus.SPP / hstatus.SPVP). */
  priv = 1;

  get pcLo(): number {
    return this.x[64];
  }

  get pcHi(): number {
    return this.x[65];
  }

  setPc(lo: number, hi: number): void {
    this.x[64] = lo;
    this.x[65] = hi;
  }

  setX(r: number, lo: number, hi: number): void {
    this.x[2 * r] = lo;
    this.x[2 * r + 1] = hi;
  }

  /** Sets a saved CSR (before the first run). */
  setCsr(addr: Csr, lo: number, hi = 0): void {
    const i = SWITCHED.indexOf(addr);
    if (i < 0) throw new Error(`CSR 0x${addr.toString(16)} is not switched`);
    this.csrs[2 * i] = lo;
    this.csrs[2 * i + 1] = hi;
  }

  /** A saved CSR's low word. */
  csr(addr: Csr): number {
    return this.csrs[2 * SWITCHED.indexOf(addr)];
  }

  /** A saved CSR's high word. */
  csrHi(addr: Csr): number {
    return this.csrs[2 * SWITCHED.indexOf(addr) + 1];
  }

  /** A saved CSR as a signed number (for htimedelta; exact below 2^53 in magnitude). */
  csrNumber(addr: Csr): number {
    const i = 2 * SWITCHED.indexOf(addr);
    return this.csrs[i + 1] * 4294967296 + (this.csrs[i] >>> 0);
  }

  /** Saves the hart's guest state after a trap from this guest (pc = sepc). */
  save(port: HsPort): void {
    port.saveX(this.x);
    this.x[64] = port.csrRead(Csr.sepc);
    this.x[65] = port.hi;
    port.saveF(this.f);
    for (let i = 0; i < SWITCHED.length; i++) {
      this.csrs[2 * i] = port.csrRead(SWITCHED[i]);
      this.csrs[2 * i + 1] = port.hi;
    }
    this.priv = (port.csrRead(Csr.sstatus) >>> 8) & 1;
  }

  /** Puts this guest's state on the hart, ready for SRET into it. */
  restore(port: HsPort): void {
    for (let i = 0; i < SWITCHED.length; i++) port.csrWrite(SWITCHED[i], this.csrs[2 * i], this.csrs[2 * i + 1]);
    port.restoreX(this.x);
    port.restoreF(this.f);
    port.csrWrite(Csr.sepc, this.x[64], this.x[65]);
  }
}
