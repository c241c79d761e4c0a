/**
 * The CSRs the privileged fuzzer touches, and how: `free` ones any step may write in any mode;
 * `guard` ones (whose writes could take the harness away: trap vectors and delegation, interrupt
 * enables, translation, mstatus, misa, the envcfgs' STCE) are written only by probes, which
 * run in M-mode and put the old value back at once, and read anywhere; `ro` are read-only CSRs
 * (writes must trap); `ctr` are counters and the implementation-defined ID CSRs, only read into x0
 * (their values are timing or the implementation's choice, the access check is what counts); `none` are numbers no CSR of this hart has.
 *
 * mscratch is not here: the harness's trap handler keeps its save-area pointer in it. Nor are
 * pmpcfg0/pmpaddr0 (entry 0 opens memory to S/U; a locked entry could not be put back).
 */
export type CsrClass = 'free' | 'guard' | 'ro' | 'ctr' | 'none';

export interface FuzzCsr {
  name: string;
  num: number;
  cls: CsrClass;
}

const t = (cls: CsrClass, list: [string, number][]): FuzzCsr[] => list.map(([name, num]) => ({ name, num, cls }));

export const FUZZ_CSRS: FuzzCsr[] = [
  ...t('free', [
    ['mcounteren', 0x306], ['mcountinhibit', 0x320], ['mepc', 0x341], ['mcause', 0x342], ['mtval', 0x343],
    ['mip', 0x344], ['mtinst', 0x34a], ['mtval2', 0x34b], ['mideleg', 0x303], ['pmpaddr1', 0x3b1],
    ['sstatus', 0x100], ['stvec', 0x105], ['scounteren', 0x106], ['senvcfg', 0x10a], ['sscratch', 0x140],
    ['sepc', 0x141], ['scause', 0x142], ['stval', 0x143], ['sip', 0x144],
    ['hstatus', 0x600], ['hideleg', 0x603], ['htimedelta', 0x605], ['hcounteren', 0x606], ['hgeie', 0x607],
    ['htval', 0x643], ['hip', 0x644], ['hvip', 0x645], ['htinst', 0x64a],
    ['vsstatus', 0x200], ['vstvec', 0x205], ['vsscratch', 0x240], ['vsepc', 0x241], ['vscause', 0x242],
    ['vstval', 0x243], ['vsip', 0x244],
  ]),
  ...t('guard', [
    ['mstatus', 0x300], ['misa', 0x301], ['medeleg', 0x302], ['mie', 0x304], ['mtvec', 0x305], ['menvcfg', 0x30a],
    ['sie', 0x104], ['satp', 0x180], ['hedeleg', 0x602], ['hie', 0x604],
    ['henvcfg', 0x60a], ['hgatp', 0x680], ['vsie', 0x204], ['vsatp', 0x280],
  ]),
  ...t('ro', [['mhartid', 0xf14], ['hgeip', 0xe12], ['mconfigptr', 0xf15]]),
  ...t('ctr', [['mvendorid', 0xf11], ['marchid', 0xf12], ['mimpid', 0xf13], ['cycle', 0xc00], ['time', 0xc01], ['instret', 0xc02], ['hpmcounter3', 0xc03], ['mcycle', 0xb00], ['minstret', 0xb02]]),
  ...t('none', [['dcsr', 0x7b0], ['custom0x8ff', 0x8ff], ['unassigned0x5ff', 0x5ff], ['stimecmph', 0x15d]]),
];

/** CSRs the harness reads in M-mode at the end of each case (the state compared besides x and the trap log). */
export const DUMP_CSRS: FuzzCsr[] = FUZZ_CSRS.filter((c) => (c.cls === 'free' || c.cls === 'guard' || c.cls === 'ro'));

export function csrName(num: number): string {
  return FUZZ_CSRS.find((c) => c.num === num)?.name ?? `csr0x${num.toString(16)}`;
}
