/**
 * The cycles each hypervisor exit costs besides the trap itself. The handlers are TypeScript and
 * retire no simulated instructions, so their cost is modelled: an estimate of what the same
 * handler written in HS-mode assembly would take on the in-order core, counted in instructions at
 * about one cycle each (KVM's RISC-V entry/exit path is of this shape: save and restore the 31
 * GPRs, read scause/stval/htval/htinst/sepc, dispatch, then SRET). These are estimates, not
 * measurements; they are charged to the machine's cycle count (so guest time includes the
 * hypervisor's) and reported per exit cause.
 */

/** Trap entry bookkeeping every exit pays: 31 stores + 31 loads of GPRs, 5 CSR reads, dispatch, SRET. */
export const EXIT_BASE_CYCLES = 80;

export const EXIT_EXTRA_CYCLES = {
  /** An SBI call: decode a7/a6, do the work, write a0/a1, step sepc. */
  sbi: 20,
  /** MMIO: fetch/decode the instruction (HLVX when htinst is 0), emulate the device register. */
  mmio: 60,
  /** A host timer interrupt: compare guest deadlines, reprogram stimecmp. */
  timer: 30,
  /** A virtual-instruction exit that is emulated (WFI) or redirected into the guest. */
  virtualInsn: 40,
  /** Switching to another guest: 17 per-guest CSRs, 32 FPRs, hgatp (selects the TLB context of its VMID). */
  worldSwitch: 150,
} as const;
