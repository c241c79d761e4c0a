/**
 * Every device is an MMIO region on the bus. Accesses are at most 4 bytes wide; the bus splits
 * 8-byte accesses into two 4-byte ones (low word first), as a 32-bit interconnect would.
 */
export interface Device {
  readonly name: string;
  /** Size of the region in bytes. */
  readonly size: number;
  /** Read `size` bytes at `offset` (little-endian); returns the value zero-extended, or -1 bits as needed. */
  read(offset: number, size: 1 | 2 | 4): number;
  write(offset: number, size: 1 | 2 | 4, value: number): void;
  /** Advance device time to `now` (simulated timebase ticks). Optional. */
  tick?(now: number): void;
  getState?(): unknown;
  setState?(state: unknown): void;
}
