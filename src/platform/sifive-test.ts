import type { Device } from './device.js';

export const SIFIVE_TEST_BASE = 0x100000;
export const SIFIVE_TEST_SIZE = 0x1000;

/** The values of the finisher register's low 16 bits. */
export const FINISHER_FAIL = 0x3333;
export const FINISHER_PASS = 0x5555;
export const FINISHER_RESET = 0x7777;

export type PowerOffKind = 'pass' | 'fail' | 'reset';

/**
 * QEMU's sifive,test1 finisher: a write to offset 0 of 0x5555 powers off with success,
 * (code << 16) | 0x3333 powers off with failure `code`, 0x7777 resets. Other values do nothing;
 * reads return 0. As in QEMU, 16- and 32-bit writes count, byte writes cannot form a command.
 * OpenSBI's sifive_test driver and Linux's syscon-poweroff/syscon-reboot use it.
 */
export class SifiveTest implements Device {
  readonly name = 'sifive-test';
  readonly size = SIFIVE_TEST_SIZE;

  constructor(private readonly onPowerOff: (kind: PowerOffKind, code: number) => void) {}

  read(_offset: number, _size: 1 | 2 | 4): number {
    return 0;
  }

  write(offset: number, size: 1 | 2 | 4, value: number): void {
    if (offset !== 0 || size === 1) return;
    const status = value & 0xffff;
    const code = size === 4 ? (value >>> 16) & 0xffff : 0;
    if (status === FINISHER_PASS) this.onPowerOff('pass', 0);
    else if (status === FINISHER_FAIL) this.onPowerOff('fail', code);
    else if (status === FINISHER_RESET) this.onPowerOff('reset', 0);
  }
}
