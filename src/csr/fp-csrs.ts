/** fflags, frm, fcsr (unprivileged spec 11.2): illegal when F/D are absent or mstatus.FS is Off. */
import type { Hart } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';
import { type CsrFile, val } from './csr-file.js';

const fpCheck = (h: Hart): number => (h.csr.fpOn() ? 0 : Cause.IllegalInsn);

export function defineFpCsrs(c: CsrFile): void {
  c.define(0x001, {
    name: 'fflags',
    check: fpCheck,
    read: (h) => ((val[0] = h.fflags), (val[1] = 0)),
    write: (h, lo) => ((h.fflags = lo & 0x1f), h.csr.fpDirty()),
  });
  c.define(0x002, {
    name: 'frm',
    check: fpCheck,
    read: (h) => ((val[0] = h.frm), (val[1] = 0)),
    write: (h, lo) => ((h.frm = lo & 7), h.csr.fpDirty()),
  });
  c.define(0x003, {
    name: 'fcsr',
    check: fpCheck,
    read: (h) => ((val[0] = (h.frm << 5) | h.fflags), (val[1] = 0)),
    write: (h, lo) => ((h.fflags = lo & 0x1f), (h.frm = (lo >>> 5) & 7), h.csr.fpDirty()),
  });
}
