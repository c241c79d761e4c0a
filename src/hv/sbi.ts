/**
 * The SBI the hypervisor offers its guests (RISC-V SBI specification v2.0): ecall from VS-mode
 * (cause 10) with the extension in a7, the function in a6, arguments in a0..a5; the result goes
 * back in a0 (error) and a1 (value). Base, TIME, IPI, RFENCE, HSM (one vCPU), SRST, DBCN and the
 * legacy console, timer and shutdown calls.
 */
import type { HsPort } from './hs-port.js';
import type { Vm } from './vm.js';

export const enum SbiErr {
  Success = 0,
  Failed = -1,
  NotSupported = -2,
  InvalidParam = -3,
  Denied = -4,
  InvalidAddress = -5,
  AlreadyAvailable = -6,
}

export const enum Eid {
  LegacySetTimer = 0x00,
  LegacyPutchar = 0x01,
  LegacyGetchar = 0x02,
  LegacyClearIpi = 0x03,
  LegacySendIpi = 0x04,
  LegacyRemoteFenceI = 0x05,
  LegacyRemoteSfence = 0x06,
  LegacyRemoteSfenceAsid = 0x07,
  LegacyShutdown = 0x08,
  Base = 0x10,
  Time = 0x54494d45,
  Ipi = 0x735049,
  Rfence = 0x52464e43,
  Hsm = 0x48534d,
  Srst = 0x53525354,
  Dbcn = 0x4442434e,
}

/** SBI specification version 2.0 (major << 24 | minor). */
const SPEC_VERSION = 2 << 24;
/**
 * Implementation ID. The SBI spec's registry has none for rvsim; 0x7276 ('rv') is outside the
 * range it has assigned so far (0..10) and says whose SBI this is.
 */
export const IMPL_ID = 0x7276;
const IMPL_VERSION = 1;

const SUPPORTED = new Set<number>([
  Eid.LegacySetTimer,
  Eid.LegacyPutchar,
  Eid.LegacyGetchar,
  Eid.LegacyClearIpi,
  Eid.LegacySendIpi,
  Eid.LegacyRemoteFenceI,
  Eid.LegacyRemoteSfence,
  Eid.LegacyRemoteSfenceAsid,
  Eid.LegacyShutdown,
  Eid.Base,
  Eid.Time,
  Eid.Ipi,
  Eid.Rfence,
  Eid.Hsm,
  Eid.Srst,
  Eid.Dbcn,
]);

const EXT_NAMES: Record<number, string> = {
  [Eid.Base]: 'base',
  [Eid.Time]: 'time',
  [Eid.Ipi]: 'ipi',
  [Eid.Rfence]: 'rfence',
  [Eid.Hsm]: 'hsm',
  [Eid.Srst]: 'srst',
  [Eid.Dbcn]: 'dbcn',
};

/** The services the SBI needs from the hypervisor. */
export interface SbiHost {
  /** Arms the guest's timer at guest time `ticks` (clears a pending timer interrupt). */
  setGuestTimer(vm: Vm, ticks: number): void;
  /** Raises the guest's supervisor software interrupt (hvip.VSSIP). */
  sendGuestIpi(vm: Vm): void;
  /** Clears it. */
  clearGuestIpi(vm: Vm): void;
  /** Forgets the guest's cached translations (HFENCE.VVMA). */
  fenceGuest(vm: Vm): void;
  /** Ends the guest: shutdown (exit code) or reset request. */
  shutdown(vm: Vm, code: number, why: string): void;
  /** Puts the vCPU to sleep until an interrupt (HSM suspend, as WFI). */
  suspend(vm: Vm): void;
}

export interface SbiOutcome {
  /** The exit's name in the statistics, e.g. "sbi:time". */
  stat: string;
}

/** The single vCPU's hart ID. */
const HART0 = 0;

/** Handles the ecall the guest made; leaves sepc for the caller to step past the ecall. */
export function handleSbi(port: HsPort, vm: Vm, host: SbiHost): SbiOutcome {
  const eid = port.xLo(17) >>> 0;
  const fid = port.xLo(16) >>> 0;
  const a0 = port.xNumber(10);
  const a1 = port.xNumber(11);
  const ret = (err: number, value = 0): void => {
    port.setXNumber(10, err);
    port.setXNumber(11, value);
  };
  // The legacy extensions (v0.1) return only a0, and leave a1 alone.
  const legacy = (value: number): void => port.setXNumber(10, value);
  const stat = eid <= Eid.LegacyShutdown ? 'sbi:legacy' : `sbi:${EXT_NAMES[eid] ?? 'unknown'}`;

  switch (eid) {
    case Eid.LegacySetTimer:
      host.setGuestTimer(vm, a0);
      legacy(0);
      break;
    case Eid.LegacyPutchar:
      vm.print(port.xLo(10) & 0xff);
      legacy(0);
      break;
    case Eid.LegacyGetchar:
      legacy(-1);
      break;
    case Eid.LegacyClearIpi:
      host.clearGuestIpi(vm);
      legacy(0);
      break;
    case Eid.LegacySendIpi:
      host.sendGuestIpi(vm);
      legacy(0);
      break;
    case Eid.LegacyRemoteFenceI:
    case Eid.LegacyRemoteSfence:
    case Eid.LegacyRemoteSfenceAsid:
      host.fenceGuest(vm);
      legacy(0);
      break;
    case Eid.LegacyShutdown:
      host.shutdown(vm, 0, 'legacy shutdown');
      break;
    case Eid.Base:
      switch (fid) {
        case 0:
          ret(SbiErr.Success, SPEC_VERSION);
          break;
        case 1:
          ret(SbiErr.Success, IMPL_ID);
          break;
        case 2:
          ret(SbiErr.Success, IMPL_VERSION);
          break;
        case 3:
          ret(SbiErr.Success, SUPPORTED.has(port.xLo(10) >>> 0) && port.xHi(10) === 0 ? 1 : 0);
          break;
        case 4: // mvendorid, marchid, mimpid: a guest sees zeros (no vendor claims this machine)
        case 5:
        case 6:
          ret(SbiErr.Success, 0);
          break;
        default:
          ret(SbiErr.NotSupported);
      }
      break;
    case Eid.Time:
      if (fid === 0) {
        host.setGuestTimer(vm, a0);
        ret(SbiErr.Success);
      } else ret(SbiErr.NotSupported);
      break;
    case Eid.Ipi:
      if (fid === 0) {
        // send_ipi(hart_mask, hart_mask_base): base -1 means every hart.
        const all = port.xLo(11) === -1 && port.xHi(11) === -1;
        if (all || (a1 === HART0 && (port.xLo(10) & 1) !== 0)) host.sendGuestIpi(vm);
        ret(SbiErr.Success);
      } else ret(SbiErr.NotSupported);
      break;
    case Eid.Rfence:
      if (fid <= 6) {
        // remote fence.i / sfence.vma[_asid] / hfence.*: one vCPU, so a local fence does it.
        host.fenceGuest(vm);
        ret(SbiErr.Success);
      } else ret(SbiErr.NotSupported);
      break;
    case Eid.Hsm:
      switch (fid) {
        case 0: // hart_start
          ret(a0 === HART0 ? SbiErr.AlreadyAvailable : SbiErr.InvalidParam);
          break;
        case 1: // hart_stop: the only hart stops, so the machine is off
          host.shutdown(vm, 0, 'HSM hart_stop');
          break;
        case 2: // hart_get_status
          if (a0 === HART0) ret(SbiErr.Success, 0);
          else ret(SbiErr.InvalidParam);
          break;
        case 3: // hart_suspend(type, resume_addr, opaque): the retentive kind only
          if ((port.xLo(10) >>> 0) === 0 && port.xHi(10) === 0) {
            ret(SbiErr.Success);
            host.suspend(vm);
          } else ret(SbiErr.NotSupported);
          break;
        default:
          ret(SbiErr.NotSupported);
      }
      break;
    case Eid.Srst:
      if (fid === 0) {
        const type = a0;
        const reason = a1;
        if (type < 0 || type > 2 || (reason < 0 || (reason > 1 && reason < 0xe0000000) || reason > 0xffffffff)) {
          ret(SbiErr.InvalidParam);
          break;
        }
        // Reason 0 (none) exits 0, 1 (system failure) exits 1; implementation-specific reasons
        // 0xE0000000 + n carry exit code n (0..255).
        const code = reason === 0 ? 0 : reason === 1 ? 1 : reason >= 0xf0000000 ? 1 : (reason - 0xe0000000) & 0xff;
        host.shutdown(vm, code, type === 0 ? 'SRST shutdown' : type === 1 ? 'SRST cold reboot' : 'SRST warm reboot');
      } else ret(SbiErr.NotSupported);
      break;
    case Eid.Dbcn:
      dbcn(port, vm, fid, ret);
      break;
    default:
      ret(SbiErr.NotSupported);
  }
  return { stat };
}

/** DBCN: write(num_bytes, base_lo, base_hi), read(...), write_byte(byte). Addresses are guest-physical. */
function dbcn(port: HsPort, vm: Vm, fid: number, ret: (err: number, value?: number) => void): void {
  if (fid === 2) {
    vm.print(port.xLo(10) & 0xff);
    ret(SbiErr.Success);
    return;
  }
  if (fid !== 0 && fid !== 1) {
    ret(SbiErr.NotSupported);
    return;
  }
  const len = port.xNumber(10);
  const lo = port.xLo(11) >>> 0;
  const hi = port.xLo(12) >>> 0;
  if (len < 0 || hi >= 0x200000) {
    ret(SbiErr.InvalidParam);
    return;
  }
  const gpa = hi * 4294967296 + lo;
  const hpa = vm.gpaToHpa(gpa, len);
  if (hpa < 0) {
    ret(SbiErr.InvalidParam);
    return;
  }
  if (fid === 1) {
    ret(SbiErr.Success, 0); // no console input for guests
    return;
  }
  for (const b of port.readPhys(hpa, len)) vm.print(b);
  ret(SbiErr.Success, len);
}
