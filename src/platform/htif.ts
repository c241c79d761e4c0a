/**
 * HTIF, the host-target interface of Spike and the riscv-tests: the target writes a 64-bit command
 * to `tohost`; the host answers through `fromhost`. Supported, as Spike and QEMU's `-M spike` do:
 *  - device 0 (system), command 0: payload bit 0 set = exit with code payload >> 1 (riscv-tests
 *    pass/fail); bit 0 clear = the syscall proxy: payload points at magic_mem = {number, a0..a6},
 *    of which write (64) and exit (93) are served;
 *  - device 1 (console), command 1: putchar; command 0: getchar (answers -1: no input queued).
 */
import type { Mmu } from '../rv64/mmu.js';

export class Htif {
  exitCode: number | null = null;
  private readonly dv: DataView;
  private readonly tohostOff: number;
  private readonly fromhostOff: number;

  constructor(
    private readonly mmu: Mmu,
    tohost: number,
    fromhost: number | null,
    private readonly out: (fd: number, bytes: Uint8Array) => void,
  ) {
    const ram = mmu.ram;
    this.dv = ram.dv;
    this.tohostOff = tohost - ram.base;
    this.fromhostOff = fromhost === null ? -1 : fromhost - ram.base;
    mmu.watch(tohost);
    mmu.onWatch = () => this.poll();
  }

  private u64(off: number): bigint {
    return this.dv.getBigUint64(off, true);
  }

  private setFromhost(v: bigint): void {
    if (this.fromhostOff >= 0) this.dv.setBigUint64(this.fromhostOff, v, true);
  }

  /** Called after every store to the tohost page. */
  poll(): void {
    const cmd = this.u64(this.tohostOff);
    if (cmd === 0n) return;
    this.dv.setBigUint64(this.tohostOff, 0n, true);
    const dev = Number(cmd >> 56n);
    const op = Number((cmd >> 48n) & 0xffn);
    const payload = cmd & 0xffff_ffff_ffffn;
    if (dev === 0 && op === 0) {
      if (payload & 1n) {
        this.exit(Number(payload >> 1n));
        return;
      }
      this.syscall(Number(payload));
    } else if (dev === 1 && op === 1) {
      this.out(1, Uint8Array.of(Number(payload & 0xffn)));
      this.setFromhost((1n << 56n) | (1n << 48n));
    } else if (dev === 1 && op === 0) {
      this.setFromhost((1n << 56n) | 0xffff_ffff_ffffn);
    }
  }

  private exit(code: number): void {
    this.exitCode = code;
    this.mmu.hart.endSlice();
  }

  private syscall(addr: number): void {
    const ram = this.mmu.ram;
    const off = addr - ram.base;
    if (!(off >= 0 && off + 64 <= ram.size)) {
      this.exit(0x7ff); // the target handed us a pointer outside RAM: stop it
      return;
    }
    const which = Number(this.u64(off));
    const a0 = this.u64(off + 8);
    const a1 = this.u64(off + 16);
    const a2 = this.u64(off + 24);
    let ret: bigint;
    if (which === 64) {
      const boff = Number(a1) - ram.base;
      const len = Number(a2);
      if (boff >= 0 && len >= 0 && boff + len <= ram.size) {
        this.out(Number(a0), ram.u8.subarray(boff, boff + len));
        ret = a2;
      } else ret = -14n; // EFAULT
    } else if (which === 93) {
      this.exit(Number(a0 & 0xffffffffn));
      ret = 0n;
    } else {
      ret = -38n; // ENOSYS
    }
    this.dv.setBigInt64(off, ret, true);
    this.setFromhost(1n);
  }
}
