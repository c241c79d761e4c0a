/**
 * What M-mode firmware (OpenSBI, say) leaves behind before it enters a hypervisor in HS-mode, done
 * here once at reset with M-mode CSR writes: every exception and supervisor interrupt that HS can
 * take delegated to it, Sstc on (the hypervisor's own timer is stimecmp), the counters readable
 * from S and below, PMP open to S/U over all of memory, the FPU in the Initial state. Then MRET
 * into HS at `entry`. From there on, only HS-mode's view is used (src/hv/hs-port.ts).
 */
import type { Machine } from '../machine.js';
import { Priv } from '../rv64/hart.js';
import { allRows } from '../rv64/isa/index.js';

const MRET = allRows.find((r) => r.name === 'mret')!;

/** Exceptions delegated to HS: everything but ecalls from HS (9) and M (11). */
const MEDELEG = 0xf0b5ff;
/** Supervisor software, timer and external interrupts (the VS ones are delegated by H itself). */
const MIDELEG = (1 << 1) | (1 << 5) | (1 << 9);

function mcsr(m: Machine, addr: number, lo: number, hi = 0): void {
  const e = m.csr.lookup(addr, true);
  if (typeof e === 'number' || e.write === undefined) throw new Error(`firmware: cannot write CSR 0x${addr.toString(16)}`);
  e.write(m.hart, lo | 0, hi | 0);
}

export function firmwareEnterHs(m: Machine, entry: number): void {
  const h = m.hart;
  if (h.priv !== Priv.M) throw new Error('firmware: the hart is not in M-mode');
  mcsr(m, 0x302, MEDELEG);
  mcsr(m, 0x303, MIDELEG);
  // menvcfg.STCE (bit 63): stimecmp for S-mode.
  mcsr(m, 0x30a, 0, 0x80000000);
  // mcounteren: cycle, time, instret.
  mcsr(m, 0x306, 7);
  // pmpaddr0 = all ones, NAPOT, RWX: S and U may reach all of memory.
  mcsr(m, 0x3b0, -1, -1);
  mcsr(m, 0x3a0, 0x1f);
  // mstatus: FS = Initial, MPP = S, MPV = 0, MPIE = 0.
  mcsr(m, 0x300, (1 << 13) | (1 << 11));
  mcsr(m, 0x341, entry % 4294967296, Math.floor(entry / 4294967296));
  MRET.exec(h, 0x30200073);
  h.pcLo = h.npcLo;
  h.pcHi = h.npcHi;
}
