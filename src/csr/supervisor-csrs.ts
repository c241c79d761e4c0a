/** Supervisor-level CSRs (privileged spec, chapter 10): views of the machine state plus S storage. */
import { Ext, type Hart, Priv } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';
import { type CsrFile, Ip, Ms, val } from './csr-file.js';
import { epc } from './machine-csrs.js';
import { plain } from './plain.js';

/** The sstatus view of mstatus. */
/** The S-level interrupt bits of sip/sie. */
const S_IRQS = Ip.SSI | Ip.STI | Ip.SEI;

const SSTATUS = Ms.SIE | Ms.SPIE | Ms.SPP | Ms.FS | Ms.XS | Ms.SUM | Ms.MXR | (3 << 9);

export function defineSupervisorCsrs(c: CsrFile): void {
  c.define(0x100, {
    name: 'sstatus',
    read: (h) => {
      const m = h.csr;
      val[0] = m.mstatus & SSTATUS;
      val[1] = (m.mstatusHi & 0x3) | (m.sd() ? 0x80000000 : 0); // UXL only
    },
    write: (h, lo) => {
      const m = h.csr;
      let mask = Ms.SIE | Ms.SPIE | Ms.SPP | Ms.SUM | Ms.MXR;
      if (h.ext & (Ext.F | Ext.D)) mask |= Ms.FS;
      const v = (m.mstatus & ~mask) | (lo & mask);
      const ctx = (v ^ m.mstatus) & (Ms.SUM | Ms.MXR);
      m.mstatus = v;
      if (ctx) h.mmu.selectContext();
      h.endSlice();
    },
  });
  c.define(0x104, {
    name: 'sie',
    // The VS-level bits (H) are not part of sie/sip: they live in hie/hip.
    read: (h) => ((val[0] = h.csr.mie & h.csr.mideleg & S_IRQS), (val[1] = 0)),
    write: (h, lo) => {
      const m = h.csr;
      const w = m.mideleg & (Ip.SSI | Ip.STI | Ip.SEI);
      m.mie = (m.mie & ~w) | (lo & w);
      h.endSlice();
    },
  });
  c.define(0x105, {
    name: 'stvec',
    read: (h) => ((val[0] = h.csr.stvecLo), (val[1] = h.csr.stvecHi)),
    write: (h, lo, hi) => ((h.csr.stvecLo = lo & ~2), (h.csr.stvecHi = hi)),
  });
  c.define(0x106, {
    name: 'scounteren',
    read: (h) => ((val[0] = h.csr.scounteren), (val[1] = 0)),
    write: (h, lo) => (h.csr.scounteren = lo),
  });
  c.define(0x10a, {
    name: 'senvcfg',
    read: (h) => ((val[0] = h.csr.senvcfg), (val[1] = 0)),
    write: (h, lo) => (h.csr.senvcfg = lo & 1),
  });
  c.define(0x140, plain(0x140, 'sscratch'));
  c.define(0x141, epc(0x141, 'sepc'));
  c.define(0x142, plain(0x142, 'scause'));
  c.define(0x143, plain(0x143, 'stval'));
  c.define(0x144, {
    name: 'sip',
    read: (h) => ((val[0] = h.csr.mip & h.csr.mideleg & S_IRQS), (val[1] = 0)),
    write: (h, lo) => {
      // Only SSIP is writable through sip, and only when delegated.
      const m = h.csr;
      const w = m.mideleg & Ip.SSI;
      m.mipSw = (m.mipSw & ~w) | (lo & w);
      h.endSlice();
    },
  });
  c.define(0x180, {
    name: 'satp',
    // TVM=1 makes satp accesses from S-mode illegal.
    check: (h) => (h.priv === Priv.S && h.csr.mstatus & Ms.TVM ? Cause.IllegalInsn : 0),
    read: (h) => ((val[0] = h.csr.satpLo), (val[1] = h.csr.satpHi)),
    write: (h, lo, hi) => {
      const m = h.csr;
      const mode = hi >>> 28;
      // Bare, Sv39 and Sv48 are supported; a write of any other mode leaves satp unchanged
      // (Linux probes Sv57 this way). ASIDs: 16 bits.
      if (((h.mmu.satpModes >>> mode) & 1) === 0) return;
      m.satpLo = lo;
      m.satpHi = hi;
      h.mmu.selectContext(); // tagged by the whole satp: other ASIDs' entries stay
      h.endSlice();
    },
  });
}
