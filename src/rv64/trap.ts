/**
 * Traps are values: a cause with its tval (and, for the H extension, tval2/tinst/gva). They travel
 * from the point of detection to the trap-entry logic by `throw`ing the hart's one Trap object (no
 * allocation, no stack capture). Host errors (bad ELF, bad option) are `HostError`s instead.
 */
export const enum Cause {
  InsnMisaligned = 0,
  InsnAccessFault = 1,
  IllegalInsn = 2,
  Breakpoint = 3,
  LoadMisaligned = 4,
  LoadAccessFault = 5,
  StoreMisaligned = 6,
  StoreAccessFault = 7,
  EcallU = 8,
  EcallS = 9,
  EcallVS = 10,
  EcallM = 11,
  InsnPageFault = 12,
  LoadPageFault = 13,
  StorePageFault = 15,
  InsnGuestPageFault = 20,
  LoadGuestPageFault = 21,
  VirtualInsn = 22,
  StoreGuestPageFault = 23,
}

export const enum Irq {
  SSI = 1,
  VSSI = 2,
  MSI = 3,
  STI = 5,
  VSTI = 6,
  MTI = 7,
  SEI = 9,
  VSEI = 10,
  MEI = 11,
  SGEI = 12,
}

export class Trap {
  cause = 0;
  interrupt = false;
  /** The trap value, as the two 32-bit halves of a 64-bit register. */
  tvalLo = 0;
  tvalHi = 0;
  /** Guest-physical address >> 2 for guest-page faults (htval / mtval2); a JS number (< 2^53). */
  tval2 = 0;
  /** Transformed instruction for htinst / mtinst. */
  tinst = 0;
  /** tval holds a guest virtual address. */
  gva = false;

  set(cause: number, tvalLo: number, tvalHi: number): Trap {
    this.cause = cause;
    this.interrupt = false;
    this.tvalLo = tvalLo | 0;
    this.tvalHi = tvalHi | 0;
    this.tval2 = 0;
    this.tinst = 0;
    this.gva = false;
    return this;
  }
}

/** The single in-flight trap. Throwing it is how any layer raises a synchronous exception. */
export const TRAP = new Trap();

export function raise(cause: number, tvalLo = 0, tvalHi = 0): never {
  throw TRAP.set(cause, tvalLo, tvalHi);
}

/** A problem with the host's inputs (file, option, image), reported as one line and an exit code. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
