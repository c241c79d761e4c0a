/**
 * fast-check arbitraries for privileged cases (src/fuzz/priv/case.ts): CSR instructions on the CSRs
 * of src/fuzz/priv/csrs.ts with edge and WARL-probing values, probes, MRET/SRET mode switches with
 * chosen MPP/MPV/SPP/SPV and trap bits, ECALL, privileged and illegal words, HLV/HSV on the data
 * window under bare translation, and WFI where it cannot wait.
 */
import fc from 'fast-check';
import { edge64 } from '../values.js';
import { type CsrOp, DEST_REGS, type Mode, OPERAND_REGS, type PrivCase, PRIV_WINDOW, type Step, type TrapBits } from './case.js';
import { FUZZ_CSRS } from './csrs.js';

/** Privileged and illegal instruction words an `insn` step executes (never MRET/SRET: they jump). */
export const INSNS: Record<string, number> = {
  'sfence.vma': 0x12000073,
  'sfence.vma a0,a1': 0x12b50073,
  'hfence.vvma': 0x22000073,
  'hfence.vvma a0,a1': 0x22b50073,
  'hfence.gvma': 0x62000073,
  'hfence.gvma a0,a1': 0x62b50073,
  ebreak: 0x00100073,
  'fence.i': 0x0000100f,
  fence: 0x0ff0000f,
  'fadd.d fa0,fa1,fa2': 0x02c58553,
  'fmv.x.d a0,fa0': 0xe2050553 | 0,
  'illegal 0x00000000': 0,
  'illegal 0xffffffff': -1,
  'dret': 0x7b200073,
  'uret (removed)': 0x00200073,
  'sret rs1!=0': 0x10208073,
  'wfi rd!=0': 0x10500573,
  'hlv.w rs2=2 (reserved)': 0x68204573,
};

/** Operand values: the generic edges, plus satp/hgatp mode patterns and single bits. */
export const privValue: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 4, arbitrary: edge64 },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 63 }).map((k) => 1n << BigInt(k)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(0n, 1n, 8n, 9n, 10n, 11n, 15n), fc.constantFrom(0n, 0xffffn, 0x3fffn, 1n, 0x1234n), fc.bigInt({ min: 0n, max: (1n << 44n) - 1n }))
      .map(([mode, id, ppn]) => BigInt.asIntN(64, (mode << 60n) | (id << 44n) | ppn)),
  },
  { weight: 1, arbitrary: fc.constantFrom(0x222n, 0x444n, 0x1444n, 0xaaan, 0x1000n, 0x2000n, 0x0000000200000000n, 0x0000000a00000000n, 0x5555555555555555n, -0x5555555555555556n) },
);

const reg = fc.constantFrom(...OPERAND_REGS);
const dest = fc.constantFrom(...DEST_REGS);
const mode = fc.constantFrom<Mode>('M', 'S', 'U', 'VS', 'VU');
const bits: fc.Arbitrary<TrapBits> = fc.record({
  tw: fc.boolean(),
  tvm: fc.boolean(),
  tsr: fc.boolean(),
  vtw: fc.boolean(),
  vtvm: fc.boolean(),
  vtsr: fc.boolean(),
  hu: fc.boolean(),
  spvp: fc.boolean(),
});

const writable = FUZZ_CSRS.filter((c) => c.cls === 'free' || c.cls === 'ro' || c.cls === 'none').map((c) => c.num);
const readable = FUZZ_CSRS.filter((c) => c.cls !== 'ctr').map((c) => c.num);
const counters = FUZZ_CSRS.filter((c) => c.cls === 'ctr').map((c) => c.num);
const probed = FUZZ_CSRS.filter((c) => c.cls === 'free' || c.cls === 'guard').map((c) => c.num);

const csrWrite: fc.Arbitrary<Step> = fc
  .tuple(fc.constantFrom<CsrOp>('csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci'), fc.constantFrom(...writable), dest, reg, fc.integer({ min: 0, max: 31 }))
  .map(([op, csr, rd, rs, imm]) => ({ k: 'csr', op, csr, rd, src: op.endsWith('i') ? imm : rs }));
/** A pure read: csrrs/csrrc with x0, or the immediate forms with uimm 0 (no write happens). */
const csrRead: fc.Arbitrary<Step> = fc
  .tuple(fc.constantFrom<CsrOp>('csrrs', 'csrrc', 'csrrsi', 'csrrci'), fc.constantFrom(...readable), dest)
  .map(([op, csr, rd]) => ({ k: 'csr', op, csr, rd, src: 0 }));
const ctrRead: fc.Arbitrary<Step> = fc.constantFrom(...counters).map((csr) => ({ k: 'csr', op: 'csrrs', csr, rd: 0, src: 0 }));

const probe: fc.Arbitrary<Step> = fc
  .tuple(fc.constantFrom<'csrrw' | 'csrrs' | 'csrrc'>('csrrw', 'csrrw', 'csrrs', 'csrrc'), fc.constantFrom(...probed), fc.constantFrom(...OPERAND_REGS), fc.constantFrom(...OPERAND_REGS), reg)
  .filter(([, , a, b]) => a !== b)
  .map(([op, csr, rdA, rdB, rs]) => ({ k: 'probe', op, csr, rdA, rdB, rs }));

const HL: [string, number][] = [
  ['hlv.b', 1], ['hlv.bu', 1], ['hlv.h', 2], ['hlv.hu', 2], ['hlvx.hu', 2], ['hlv.w', 4], ['hlv.wu', 4], ['hlvx.wu', 4],
  ['hlv.d', 8], ['hsv.b', 1], ['hsv.h', 2], ['hsv.w', 4], ['hsv.d', 8],
];
const hlsv: fc.Arbitrary<Step> = fc
  .tuple(fc.constantFrom(...HL), fc.nat({ max: PRIV_WINDOW - 1 }), dest, reg)
  .map(([[name, size], o, rd, rs2]) => ({ k: 'hlsv', name, reg: name.startsWith('hsv') ? rs2 : rd, off: o - (o % size) }));

/** WFI only where the spec has it trap, or in M with a wake-up armed: nothing here can wait forever. */
const wfi: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ k: 'wfi', mode: 'M', tw: false, vtw: false }),
  fc.record({ k: fc.constant('wfi' as const), mode: fc.constantFrom<Mode>('U', 'VU'), tw: fc.boolean(), vtw: fc.boolean() }),
  fc.constant<Step>({ k: 'wfi', mode: 'S', tw: true, vtw: false }),
  fc.constantFrom<[boolean, boolean]>([true, false], [true, true], [false, true]).map<Step>(([tw, vtw]) => ({ k: 'wfi', mode: 'VS', tw, vtw })),
);

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: csrWrite },
  { weight: 8, arbitrary: csrRead },
  { weight: 1, arbitrary: ctrRead },
  { weight: 6, arbitrary: probe },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('mret' as const), mode, bits }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sret' as const), spp: fc.boolean(), spv: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant<Step>({ k: 'ecall' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ k: 'tom' }) },
  { weight: 3, arbitrary: fc.constantFrom(...Object.keys(INSNS)).map<Step>((name) => ({ k: 'insn', name })) },
  { weight: 4, arbitrary: hlsv },
  { weight: 1, arbitrary: wfi },
);

export interface PrivCaseOptions {
  maxSteps?: number;
}

export function privCaseArb(o: PrivCaseOptions = {}): fc.Arbitrary<PrivCase> {
  return fc.record({
    x: fc.array(privValue, { minLength: OPERAND_REGS.length, maxLength: OPERAND_REGS.length }),
    mem: fc.nat(),
    steps: fc.array(stepArb, { minLength: 1, maxLength: o.maxSteps ?? 24 }),
  });
}
