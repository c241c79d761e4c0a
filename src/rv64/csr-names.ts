/**
 * Names of the standard CSRs by address (privileged spec, "CSR Listing" tables), for disassembly
 * and traces without a hart. RV32-only halves (the ...h CSRs) are left out: this is an RV64 machine.
 */
const names = new Map<number, string>();

function put(addr: number, name: string): void {
  names.set(addr, name);
}

// Unprivileged: floating point, counters and timers.
put(0x001, 'fflags');
put(0x002, 'frm');
put(0x003, 'fcsr');
put(0xc00, 'cycle');
put(0xc01, 'time');
put(0xc02, 'instret');
for (let n = 3; n < 32; n++) put(0xc00 + n, `hpmcounter${n}`);

// Supervisor.
put(0x100, 'sstatus');
put(0x104, 'sie');
put(0x105, 'stvec');
put(0x106, 'scounteren');
put(0x10a, 'senvcfg');
put(0x140, 'sscratch');
put(0x141, 'sepc');
put(0x142, 'scause');
put(0x143, 'stval');
put(0x144, 'sip');
put(0x14d, 'stimecmp');
put(0x180, 'satp');
put(0x5a8, 'scontext');

// Hypervisor and virtual supervisor.
put(0x600, 'hstatus');
put(0x602, 'hedeleg');
put(0x603, 'hideleg');
put(0x604, 'hie');
put(0x605, 'htimedelta');
put(0x606, 'hcounteren');
put(0x607, 'hgeie');
put(0x60a, 'henvcfg');
put(0x643, 'htval');
put(0x644, 'hip');
put(0x645, 'hvip');
put(0x64a, 'htinst');
put(0x680, 'hgatp');
put(0x6a8, 'hcontext');
put(0xe12, 'hgeip');
put(0x200, 'vsstatus');
put(0x204, 'vsie');
put(0x205, 'vstvec');
put(0x240, 'vsscratch');
put(0x241, 'vsepc');
put(0x242, 'vscause');
put(0x243, 'vstval');
put(0x244, 'vsip');
put(0x24d, 'vstimecmp');
put(0x280, 'vsatp');

// Machine.
put(0xf11, 'mvendorid');
put(0xf12, 'marchid');
put(0xf13, 'mimpid');
put(0xf14, 'mhartid');
put(0xf15, 'mconfigptr');
put(0x300, 'mstatus');
put(0x301, 'misa');
put(0x302, 'medeleg');
put(0x303, 'mideleg');
put(0x304, 'mie');
put(0x305, 'mtvec');
put(0x306, 'mcounteren');
put(0x30a, 'menvcfg');
put(0x320, 'mcountinhibit');
put(0x340, 'mscratch');
put(0x341, 'mepc');
put(0x342, 'mcause');
put(0x343, 'mtval');
put(0x344, 'mip');
put(0x34a, 'mtinst');
put(0x34b, 'mtval2');
put(0x747, 'mseccfg');
for (let n = 0; n < 16; n += 2) put(0x3a0 + n, `pmpcfg${n}`);
for (let n = 0; n < 64; n++) put(0x3b0 + n, `pmpaddr${n}`);
put(0xb00, 'mcycle');
put(0xb02, 'minstret');
for (let n = 3; n < 32; n++) {
  put(0xb00 + n, `mhpmcounter${n}`);
  put(0x320 + n, `mhpmevent${n}`);
}

// Debug/trace.
put(0x7a0, 'tselect');
put(0x7a1, 'tdata1');
put(0x7a2, 'tdata2');
put(0x7a3, 'tdata3');
put(0x7a8, 'mcontext');
put(0x7b0, 'dcsr');
put(0x7b1, 'dpc');
put(0x7b2, 'dscratch0');
put(0x7b3, 'dscratch1');

/** The standard name of a CSR, or undefined for an address with none. */
export function csrName(addr: number): string | undefined {
  return names.get(addr);
}

/** The CSR as disassembly shows it: its name, or its address in hex. */
export function csrLabel(addr: number): string {
  return names.get(addr) ?? `0x${addr.toString(16)}`;
}
