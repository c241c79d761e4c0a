/**
 * The registers gdb sees, with the numbers it uses for them in `p`/`P` packets and the target
 * description (gdb manual, "Target Descriptions", "RISC-V Features") that announces them:
 *
 * - org.gnu.gdb.riscv.cpu: x0..x31 (by their ABI names) as 0..31, pc as 32;
 * - org.gnu.gdb.riscv.fpu (with F or D): f0..f31 as 33..64 (64 bits: NaN-boxed singles show as
 *   they are held), fflags, frm, fcsr as 66, 67, 68 (QEMU's numbers);
 * - org.gnu.gdb.riscv.csr: every other CSR the hart implements, numbered 65 + its address (as
 *   QEMU numbers them and gdb's own riscv numbering does);
 * - org.gnu.gdb.riscv.virtual: `priv` (0 U, 1 S, 3 M: gdb's RISCV_PRIV_REGNUM, 65 + 4096) and
 *   `virt`, the H extension's virtualization mode V (0 or 1), next to it.
 *
 * The `g` packet carries x0..x31 and pc; gdb fetches the others one by one with `p`.
 * CSRs are read and written through the CSR table's entries (reads have no side effects, writes
 * keep their WARL rules) without the privilege checks of CSR instructions: the debugger acts as M.
 */
import { val } from '../csr/csr-file.js';
import type { Machine } from '../machine.js';
import { csrName } from '../rv64/csr-names.js';
import { Ext, Priv } from '../rv64/hart.js';

export interface RegDef {
  name: string;
  /** The number in p/P packets (the XML's regnum). */
  regnum: number;
  bits: 32 | 64;
  feature: 'cpu' | 'fpu' | 'csr' | 'virtual';
  type: string;
  /** Reads the value into `out` as (lo, hi). */
  read(out: Int32Array): void;
  /** Writes (lo, hi); false if the register cannot take it. */
  write(lo: number, hi: number): boolean;
}

export const XNAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 'fp', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
export const FNAMES = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
];

export const PC_REGNUM = 32;
export const FIRST_FP_REGNUM = 33;
export const FIRST_CSR_REGNUM = 65;
export const PRIV_REGNUM = FIRST_CSR_REGNUM + 4096;
export const VIRT_REGNUM = PRIV_REGNUM + 1;

export class RegisterFile {
  readonly regs: RegDef[] = [];
  private readonly byNum = new Map<number, RegDef>();
  private readonly tmp = new Int32Array(2);

  constructor(private readonly m: Machine) {
    const h = m.hart;
    const x = h.x;
    for (let r = 0; r < 32; r++) {
      const type = r === 1 ? 'code_ptr' : r === 2 || r === 3 || r === 4 ? 'data_ptr' : 'int';
      this.add({
        name: XNAMES[r], regnum: r, bits: 64, feature: 'cpu', type,
        read: (o) => {
          o[0] = x[2 * r];
          o[1] = x[2 * r + 1];
        },
        write: (lo, hi) => {
          if (r !== 0) {
            x[2 * r] = lo;
            x[2 * r + 1] = hi;
          }
          return true;
        },
      });
    }
    this.add({
      name: 'pc', regnum: PC_REGNUM, bits: 64, feature: 'cpu', type: 'code_ptr',
      read: (o) => {
        o[0] = h.pcLo;
        o[1] = h.pcHi;
      },
      write: (lo, hi) => {
        h.pcLo = lo;
        h.pcHi = hi;
        return true;
      },
    });
    const fp = (h.ext & (Ext.F | Ext.D)) !== 0;
    if (fp) {
      const f = h.f;
      for (let r = 0; r < 32; r++) {
        this.add({
          name: FNAMES[r], regnum: FIRST_FP_REGNUM + r, bits: 64, feature: 'fpu', type: 'riscv_double',
          read: (o) => {
            o[0] = f[2 * r];
            o[1] = f[2 * r + 1];
          },
          write: (lo, hi) => {
            f[2 * r] = lo;
            f[2 * r + 1] = hi;
            return true;
          },
        });
      }
    }
    const csr = m.csr;
    for (let a = 0; a < 4096; a++) {
      const e = csr.table[a];
      const name = csrName(a);
      if (e === undefined || name === undefined) continue;
      const fcsr = a >= 1 && a <= 3;
      if (fcsr && !fp) continue;
      this.add({
        name, regnum: FIRST_CSR_REGNUM + a, bits: fcsr ? 32 : 64, feature: fcsr ? 'fpu' : 'csr', type: 'int',
        read: (o) => {
          e.read(h);
          o[0] = val[0];
          o[1] = fcsr ? 0 : val[1];
        },
        write: (lo, hi) => {
          if (e.write === undefined) return false;
          e.write(h, lo, fcsr ? 0 : hi);
          m.mmu.selectContext();
          return true;
        },
      });
    }
    this.add({
      name: 'priv', regnum: PRIV_REGNUM, bits: 64, feature: 'virtual', type: 'int',
      read: (o) => {
        o[0] = h.priv;
        o[1] = 0;
      },
      write: (lo, hi) => {
        const ok = hi === 0 && (lo === Priv.M || lo === Priv.U || (lo === Priv.S && (h.ext & Ext.S) !== 0));
        if (!ok || (lo === Priv.M && h.virt !== 0)) return false;
        h.priv = lo;
        m.mmu.selectContext();
        return true;
      },
    });
    if ((h.ext & Ext.H) !== 0) {
      this.add({
        name: 'virt', regnum: VIRT_REGNUM, bits: 64, feature: 'virtual', type: 'int',
        read: (o) => {
          o[0] = h.virt;
          o[1] = 0;
        },
        write: (lo, hi) => {
          if (hi !== 0 || (lo !== 0 && lo !== 1) || (lo === 1 && h.priv === Priv.M)) return false;
          h.virt = lo;
          m.mmu.selectContext();
          return true;
        },
      });
    }
  }

  private add(r: RegDef): void {
    this.regs.push(r);
    this.byNum.set(r.regnum, r);
  }

  get(regnum: number): RegDef | undefined {
    return this.byNum.get(regnum);
  }

  /** The register's value as hex in target byte order, or null for a number we do not have. */
  readHex(regnum: number): string | null {
    const r = this.byNum.get(regnum);
    if (r === undefined) return null;
    try {
      r.read(this.tmp);
    } catch {
      return null; // a CSR whose read depends on state it cannot have now
    }
    return hexOf(this.tmp[0], this.tmp[1], r.bits);
  }

  /** Writes the register from hex in target byte order; false for a bad number, size or value. */
  writeHex(regnum: number, hex: string): boolean {
    const r = this.byNum.get(regnum);
    if (r === undefined || hex.length !== r.bits / 4 || !/^[0-9a-fA-F]+$/.test(hex)) return false;
    const b = Buffer.from(hex, 'hex');
    const lo = b.readInt32LE(0);
    const hi = r.bits === 64 ? b.readInt32LE(4) : 0;
    try {
      return r.write(lo, hi);
    } catch {
      return false;
    }
  }

  /** The `g` packet: x0..x31 and pc. */
  readGeneral(): string {
    let s = '';
    for (let r = 0; r <= PC_REGNUM; r++) s += this.readHex(r)!;
    return s;
  }

  /** The `G` packet: x0..x31 and pc (a shorter packet writes the registers it covers). */
  writeGeneral(hex: string): boolean {
    if (hex.length % 16 !== 0 || hex.length > 16 * 33 || !/^[0-9a-fA-F]*$/.test(hex)) return false;
    for (let r = 0; r * 16 < hex.length; r++) this.writeHex(r, hex.slice(r * 16, r * 16 + 16));
    return true;
  }

  /** The target description (target.xml). */
  targetXml(): string {
    const out = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE target SYSTEM "gdb-target.dtd">',
      '<target version="1.0">',
      '<architecture>riscv:rv64</architecture>',
    ];
    const feature = (f: RegDef['feature'], extra: string[] = []): void => {
      const regs = this.regs.filter((r) => r.feature === f);
      if (regs.length === 0) return;
      out.push(`<feature name="org.gnu.gdb.riscv.${f}">`, ...extra);
      for (const r of regs) out.push(`<reg name="${r.name}" bitsize="${r.bits}" type="${r.type}" regnum="${r.regnum}"/>`);
      out.push('</feature>');
    };
    feature('cpu');
    feature('fpu', [
      '<union id="riscv_double"><field name="float" type="ieee_single"/><field name="double" type="ieee_double"/></union>',
    ]);
    feature('csr');
    feature('virtual');
    out.push('</target>');
    return out.join('\n') + '\n';
  }
}

/** (lo, hi) as hex of `bits` bits in little-endian byte order. */
function hexOf(lo: number, hi: number, bits: number): string {
  const b = Buffer.alloc(8);
  b.writeInt32LE(lo | 0, 0);
  b.writeInt32LE(hi | 0, 4);
  return b.subarray(0, bits / 8).toString('hex');
}
