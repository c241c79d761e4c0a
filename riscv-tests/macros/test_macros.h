/*
 * rvsim's test macros for riscv-tests style assembly tests.
 *
 * Same macro names and argument order as the riscv-tests suite, our own
 * implementation.  Register use:
 *   x3  (gp)  TESTNUM, the number of the running test case (2..255)
 *   x1  (ra)  first operand            x2  (sp)  second operand
 *   x14 (a4)  result                   x7  (t2)  expected value
 *   x4  (tp)  loop counter in the bypass tests
 *   x30/x31 (t5/t6) belong to the environment's trap path.
 * Every check is "result == expected" on all 64 bits; a mismatch jumps
 * to `fail` (defined by TEST_PASSFAIL).
 */
#ifndef RVSIM_TEST_MACROS_H
#define RVSIM_TEST_MACROS_H

/* 64-bit two's complement of an assembler-time constant. */
#define MASK_XLEN(x) ((x) & 0xffffffffffffffff)
/* Sign-extend a 12-bit immediate given as 0..0xfff, as the hardware does. */
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

/* Load the test number; numbers outside 2..255 are rejected at assembly
   time because QEMU reports tohost>>1 modulo 256 as its exit status. */
#define RVTEST_SET_TESTNUM(testnum)                                     \
  .if ((testnum) < 2) || ((testnum) > 255);                             \
  .error "test numbers must be in 2..255";                              \
  .endif;                                                               \
  li TESTNUM, testnum

/* Run `code`, then require testreg == correctval. */
#define TEST_CASE(testnum, testreg, correctval, code...)                \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  code;                                                                 \
  li x7, MASK_XLEN(correctval);                                         \
  beq testreg, x7, 9f;                                                  \
  j fail;                                                               \
9:

/* Branch to fail unless a == b (registers); for hand-written checks. */
#define CHECK_EQ(a, b)                                                  \
  beq a, b, 9f;                                                         \
  j fail;                                                               \
9:

/*---------------------------------------------------------------------
 * Register-register: rd = rs1 op rs2
 *-------------------------------------------------------------------*/

#define TEST_RR_OP(testnum, inst, result, val1, val2)                   \
  TEST_CASE(testnum, x14, result,                                       \
    li x1, MASK_XLEN(val1);                                             \
    li x2, MASK_XLEN(val2);                                             \
    inst x14, x1, x2)

/* rd is also rs1 */
#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)         \
  TEST_CASE(testnum, x1, result,                                        \
    li x1, MASK_XLEN(val1);                                             \
    li x2, MASK_XLEN(val2);                                             \
    inst x1, x1, x2)

/* rd is also rs2 */
#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)         \
  TEST_CASE(testnum, x2, result,                                        \
    li x1, MASK_XLEN(val1);                                             \
    li x2, MASK_XLEN(val2);                                             \
    inst x2, x1, x2)

/* rd, rs1 and rs2 the same register */
#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1)              \
  TEST_CASE(testnum, x1, result,                                        \
    li x1, MASK_XLEN(val1);                                             \
    inst x1, x1, x1)

/* rs1 = x0 */
#define TEST_RR_ZEROSRC1(testnum, inst, result, val)                    \
  TEST_CASE(testnum, x2, result,                                        \
    li x1, MASK_XLEN(val);                                              \
    inst x2, x0, x1)

/* rs2 = x0 */
#define TEST_RR_ZEROSRC2(testnum, inst, result, val)                    \
  TEST_CASE(testnum, x2, result,                                        \
    li x1, MASK_XLEN(val);                                              \
    inst x2, x1, x0)

/* both sources x0 */
#define TEST_RR_ZEROSRC12(testnum, inst, result)                        \
  TEST_CASE(testnum, x1, result,                                        \
    li x1, 0x5a5a;                                                      \
    inst x1, x0, x0)

/* rd = x0: the write is discarded and x0 still reads 0 */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                     \
  TEST_CASE(testnum, x0, 0,                                             \
    li x1, MASK_XLEN(val1);                                             \
    li x2, MASK_XLEN(val2);                                             \
    inst x0, x1, x2)

/* The result is consumed after nop_cycles nops (forwarding paths). */
#define TEST_RR_DEST_BYPASS(testnum, nop_cycles, inst, result, val1, val2) \
  TEST_CASE(testnum, x6, result,                                        \
    li x4, 0;                                                           \
1:  li x1, MASK_XLEN(val1);                                             \
    li x2, MASK_XLEN(val2);                                             \
    inst x14, x1, x2;                                                   \
    TEST_INSERT_NOPS_ ## nop_cycles;                                    \
    addi x6, x14, 0;                                                    \
    addi x4, x4, 1;                                                     \
    li x5, 2;                                                           \
    bne x4, x5, 1b)

/* The operands are produced src1_nops / src2_nops instructions earlier. */
#define TEST_RR_SRC12_BYPASS(testnum, src1_nops, src2_nops, inst, result, val1, val2) \
  TEST_CASE(testnum, x14, result,                                       \
    li x4, 0;                                                           \
1:  li x1, MASK_XLEN(val1);                                             \
    TEST_INSERT_NOPS_ ## src1_nops;                                     \
    li x2, MASK_XLEN(val2);                                             \
    TEST_INSERT_NOPS_ ## src2_nops;                                     \
    inst x14, x1, x2;                                                   \
    addi x4, x4, 1;                                                     \
    li x5, 2;                                                           \
    bne x4, x5, 1b)

#define TEST_INSERT_NOPS_0
#define TEST_INSERT_NOPS_1 nop
#define TEST_INSERT_NOPS_2 nop; nop
#define TEST_INSERT_NOPS_3 nop; nop; nop
#define TEST_INSERT_NOPS_4 nop; nop; nop; nop

/*---------------------------------------------------------------------
 * Register-immediate: rd = rs1 op imm
 *-------------------------------------------------------------------*/

#define TEST_IMM_OP(testnum, inst, result, val1, imm)                   \
  TEST_CASE(testnum, x14, result,                                       \
    li x1, MASK_XLEN(val1);                                             \
    inst x14, x1, SEXT_IMM(imm))

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)         \
  TEST_CASE(testnum, x1, result,                                        \
    li x1, MASK_XLEN(val1);                                             \
    inst x1, x1, SEXT_IMM(imm))

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm)                   \
  TEST_CASE(testnum, x1, result,                                        \
    li x1, 0x5a5a;                                                      \
    inst x1, x0, SEXT_IMM(imm))

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm)                     \
  TEST_CASE(testnum, x0, 0,                                             \
    li x1, MASK_XLEN(val1);                                             \
    inst x0, x1, SEXT_IMM(imm))

#define TEST_IMM_DEST_BYPASS(testnum, nop_cycles, inst, result, val1, imm) \
  TEST_CASE(testnum, x6, result,                                        \
    li x4, 0;                                                           \
1:  li x1, MASK_XLEN(val1);                                             \
    inst x14, x1, SEXT_IMM(imm);                                        \
    TEST_INSERT_NOPS_ ## nop_cycles;                                    \
    addi x6, x14, 0;                                                    \
    addi x4, x4, 1;                                                     \
    li x5, 2;                                                           \
    bne x4, x5, 1b)

/* Single-register-source op (e.g. lui has none: use TEST_CASE). */
#define TEST_R_OP(testnum, inst, result, val1)                          \
  TEST_CASE(testnum, x14, result,                                       \
    li x1, MASK_XLEN(val1);                                             \
    inst x14, x1)

/*---------------------------------------------------------------------
 * Loads and stores.  `base` is a data label; offset is the immediate.
 *-------------------------------------------------------------------*/

#define TEST_LD_OP(testnum, inst, result, offset, base)                 \
  TEST_CASE(testnum, x14, result,                                       \
    la x1, base;                                                        \
    inst x14, offset(x1))

/* base register points past/before the data so the offset does the work */
#define TEST_LD_OP_BIASED(testnum, inst, result, offset, base)          \
  TEST_CASE(testnum, x14, result,                                       \
    la x1, base;                                                        \
    li x5, offset;                                                      \
    sub x1, x1, x5;                                                     \
    inst x14, offset(x1))

/* store `result` with store_inst, read it back with load_inst */
#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
  TEST_CASE(testnum, x14, result,                                       \
    la x1, base;                                                        \
    li x2, MASK_XLEN(result);                                           \
    store_inst x2, offset(x1);                                          \
    load_inst x14, offset(x1))

/* store `value`, read back with load_inst and expect `result` (e.g. a
   narrow store followed by a wider load sees the untouched neighbours) */
#define TEST_ST_LD(testnum, load_inst, store_inst, result, value, offset, base) \
  TEST_CASE(testnum, x14, result,                                       \
    la x1, base;                                                        \
    li x2, MASK_XLEN(value);                                            \
    store_inst x2, offset(x1);                                          \
    load_inst x14, 0(x1))

/* the loaded value is used after nop_cycles instructions */
#define TEST_LD_DEST_BYPASS(testnum, nop_cycles, inst, result, offset, base) \
  TEST_CASE(testnum, x6, result,                                        \
    li x4, 0;                                                           \
1:  la x1, base;                                                        \
    inst x14, offset(x1);                                               \
    TEST_INSERT_NOPS_ ## nop_cycles;                                    \
    addi x6, x14, 0;                                                    \
    addi x4, x4, 1;                                                     \
    li x5, 2;                                                           \
    bne x4, x5, 1b)

/*---------------------------------------------------------------------
 * Branches.  A taken branch must skip the `j fail`; a not-taken one
 * must fall through.  Branch targets both ahead and behind are used.
 *-------------------------------------------------------------------*/

#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2)                    \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  li x1, MASK_XLEN(val1);                                               \
  li x2, MASK_XLEN(val2);                                               \
  inst x1, x2, 2f;                                                      \
  j fail;                                                               \
1:j 3f;                                                                 \
  j fail;                                                               \
2:inst x1, x2, 1b;                                                      \
  j fail;                                                               \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2)                 \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  li x1, MASK_XLEN(val1);                                               \
  li x2, MASK_XLEN(val2);                                               \
  inst x1, x2, 1f;                                                      \
  j 2f;                                                                 \
1:j fail;                                                               \
2:inst x1, x2, 1b;                                                      \
3:


/*---------------------------------------------------------------------
 * AMOs: the doubleword at `base` is set to init_dword, the AMO runs on
 * base+off with `operand`, then rd must equal old_expected and the whole
 * doubleword must equal dword_expected (so a .w AMO provably leaves the
 * other half alone).
 *-------------------------------------------------------------------*/

#define TEST_AMO(testnum, inst, base, off, init_dword, operand, old_expected, dword_expected) \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  la x1, base;                                                          \
  li x2, MASK_XLEN(init_dword);                                         \
  sd x2, 0(x1);                                                         \
  addi x5, x1, off;                                                     \
  li x2, MASK_XLEN(operand);                                            \
  inst x14, x2, (x5);                                                   \
  li x7, MASK_XLEN(old_expected);                                       \
  CHECK_EQ(x14, x7);                                                    \
  ld x14, 0(x1);                                                        \
  li x7, MASK_XLEN(dword_expected);                                     \
  CHECK_EQ(x14, x7)

/*---------------------------------------------------------------------
 * Expected traps.  A test that provokes exceptions includes
 * TEST_TRAP_HANDLER (it defines mtvec_handler) and, before each
 * faulting instruction, TEST_EXPECT_TRAP.  The handler checks mcause,
 * mepc and mtval, counts the trap in s6 and resumes at `resume`.
 *   s2 expected mcause       s7 other acceptable mcause (or -1)
 *   s3 expected mtval        s8 nonzero: mtval may also be 0 or mepc
 *   s4 expected mepc         s5 resume address       s6 trap count
 * Any other trap, or a mismatch, fails the current test number.
 *-------------------------------------------------------------------*/

#define TEST_EXPECT_TRAP(cause, tval, at, resume)                       \
  li s2, cause;                                                         \
  li s7, -1;                                                            \
  li s3, MASK_XLEN(tval);                                               \
  li s8, 0;                                                             \
  la s4, at;                                                            \
  la s5, resume

/* as TEST_EXPECT_TRAP, also accepting cause2 */
#define TEST_EXPECT_TRAP2(cause, cause2, tval, at, resume)              \
  TEST_EXPECT_TRAP(cause, tval, at, resume);                            \
  li s7, cause2

/* mtval may be tval, 0 or the trapping pc (e.g. breakpoints) */
#define TEST_EXPECT_TRAP_TVAL_LOOSE(cause, tval, at, resume)            \
  TEST_EXPECT_TRAP(cause, tval, at, resume);                            \
  li s8, 1

/* Require exactly `count` traps so far (catches a trap that never came). */
#define TEST_TRAP_COUNT(testnum, count)                                 \
  TEST_CASE(testnum, s6, count, )

#define TEST_TRAP_HANDLER                                               \
  .balign 4;                                                            \
  .globl mtvec_handler;                                                 \
mtvec_handler:                                                          \
  csrr t5, mcause;                                                      \
  beq t5, s2, 1f;                                                       \
  beq t5, s7, 1f;                                                       \
  j fail;                                                               \
1:csrr t5, mepc;                                                        \
  CHECK_EQ(t5, s4);                                                     \
  csrr t5, mtval;                                                       \
  beq t5, s3, 2f;                                                       \
  beqz s8, fail;                                                        \
  beqz t5, 2f;                                                          \
  beq t5, s4, 2f;                                                       \
  j fail;                                                               \
2:addi s6, s6, 1;                                                       \
  /* a stale expectation must not match a later, unplanned trap */      \
  li s2, -2;                                                            \
  li s7, -2;                                                            \
  csrw mepc, s5;                                                        \
  mret

/* Pass if TESTNUM reached here without a `j fail`; every test file ends
   with this. */
#define TEST_PASSFAIL                                                   \
  j pass;                                                               \
fail:                                                                   \
  RVTEST_FAIL;                                                          \
pass:                                                                   \
  RVTEST_PASS

/*---------------------------------------------------------------------
 * Floating point (F and D).  Operands and results are raw bit patterns
 * moved through the integer registers (binary32 in the low 32 bits,
 * binary64 in all 64), so every case is exact to the bit.  `rm` is the
 * instruction's rounding-mode operand (rne, rtz, rdn, rup, rmm or dyn);
 * `flags` is the exact fflags value the instruction must leave: fflags
 * is cleared first, so every flag is checked, raised or not.
 *   f1, f2, f3 operands (via x1, x2, x5); f4 FP result; x14 result
 *   bits; x15 fflags.
 * Single-precision results are read with fmv.x.w, i.e. sign-extended
 * from bit 31 (FP_SEXT32); the NaN-boxing of results is checked by the
 * _RAW forms, which move all 64 bits both ways (fmv.d.x / fmv.x.d).
 *-------------------------------------------------------------------*/

/* A test body that runs F/D instructions in U-mode needs mstatus.FS on.
   As upstream's env does for RVTEST_RV64UF, the FP unit starts in the
   Initial state (FS = 1); here through the env's mode hook, whose value
   is shifted to mstatus bit 11 (MPP): 4 << 11 = FS Initial, MPP = U. */
#ifndef RVTEST_RV64UF
#define RVTEST_RV64UF \
  .macro rvtest_body_mode; li t0, 4; .endm
#endif
#ifndef RVTEST_RV64UD
#define RVTEST_RV64UD RVTEST_RV64UF
#endif

/* Sign-extend a 32-bit constant (what fmv.x.w and fcvt.w* produce). */
#define FP_SEXT32(x) (((x) & 0xffffffff) | (-(((x) >> 31) & 1) << 32))

#define TEST_FP_CASE(testnum, result, flags, code...)                   \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  fsflags x0;                                                           \
  code;                                                                 \
  frflags x15;                                                          \
  li x7, MASK_XLEN(result);                                             \
  CHECK_EQ(x14, x7);                                                    \
  li x7, flags;                                                         \
  CHECK_EQ(x15, x7)

/* Generic forms: mvin moves an integer register into f1..f3, mvout the
   FP result into x14. */
#define TEST_FP_OP1_(testnum, inst, rm, flags, result, val1, mvin, mvout) \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    inst f4, f1, rm; mvout x14, f4)

#define TEST_FP_OP2_(testnum, inst, rm, flags, result, val1, val2, mvin, mvout) \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    li x2, MASK_XLEN(val2); mvin f2, x2;                                \
    inst f4, f1, f2, rm; mvout x14, f4)

#define TEST_FP_OP3_(testnum, inst, rm, flags, result, val1, val2, val3, mvin, mvout) \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    li x2, MASK_XLEN(val2); mvin f2, x2;                                \
    li x5, MASK_XLEN(val3); mvin f3, x5;                                \
    inst f4, f1, f2, f3, rm; mvout x14, f4)

/* no rounding-mode operand: fsgnj*, fmin, fmax */
#define TEST_FP_OP2N_(testnum, inst, flags, result, val1, val2, mvin, mvout) \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    li x2, MASK_XLEN(val2); mvin f2, x2;                                \
    inst f4, f1, f2; mvout x14, f4)

/* FP operands, integer result: feq/flt/fle */
#define TEST_FP_CMP_(testnum, inst, flags, result, val1, val2, mvin)    \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    li x2, MASK_XLEN(val2); mvin f2, x2;                                \
    inst x14, f1, f2)

/* FP operand, integer result: fcvt.{w,wu,l,lu}.{s,d} (with rm) */
#define TEST_FP_INT_OP_(testnum, inst, rm, flags, result, val1, mvin)   \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    inst x14, f1, rm)

/* fclass: no rounding mode, never any flag */
#define TEST_FP_CLASS_(testnum, inst, result, val1, mvin)               \
  TEST_FP_CASE(testnum, result, 0,                                      \
    li x1, MASK_XLEN(val1); mvin f1, x1;                                \
    inst x14, f1)

/* integer operand, FP result: fcvt.{s,d}.{w,wu,l,lu} */
#define TEST_FCVT_FROM_INT_(testnum, inst, rm, flags, result, val1, mvout) \
  TEST_FP_CASE(testnum, result, flags,                                  \
    li x1, MASK_XLEN(val1);                                             \
    inst f4, x1, rm; mvout x14, f4)

#define TEST_FP_OP1_S(n, inst, rm, flags, result, a) \
  TEST_FP_OP1_(n, inst, rm, flags, FP_SEXT32(result), a, fmv.w.x, fmv.x.w)
#define TEST_FP_OP2_S(n, inst, rm, flags, result, a, b) \
  TEST_FP_OP2_(n, inst, rm, flags, FP_SEXT32(result), a, b, fmv.w.x, fmv.x.w)
#define TEST_FP_OP3_S(n, inst, rm, flags, result, a, b, c) \
  TEST_FP_OP3_(n, inst, rm, flags, FP_SEXT32(result), a, b, c, fmv.w.x, fmv.x.w)
#define TEST_FP_OP2N_S(n, inst, flags, result, a, b) \
  TEST_FP_OP2N_(n, inst, flags, FP_SEXT32(result), a, b, fmv.w.x, fmv.x.w)
#define TEST_FP_CMP_OP_S(n, inst, flags, result, a, b) \
  TEST_FP_CMP_(n, inst, flags, result, a, b, fmv.w.x)
#define TEST_FP_INT_OP_S(n, inst, rm, flags, result, a) \
  TEST_FP_INT_OP_(n, inst, rm, flags, result, a, fmv.w.x)
#define TEST_FP_CLASS_S(n, result, a) \
  TEST_FP_CLASS_(n, fclass.s, result, a, fmv.w.x)
#define TEST_FCVT_S_FROM_INT(n, inst, rm, flags, result, a) \
  TEST_FCVT_FROM_INT_(n, inst, rm, flags, FP_SEXT32(result), a, fmv.x.w)

#define TEST_FP_OP1_D(n, inst, rm, flags, result, a) \
  TEST_FP_OP1_(n, inst, rm, flags, result, a, fmv.d.x, fmv.x.d)
#define TEST_FP_OP2_D(n, inst, rm, flags, result, a, b) \
  TEST_FP_OP2_(n, inst, rm, flags, result, a, b, fmv.d.x, fmv.x.d)
#define TEST_FP_OP3_D(n, inst, rm, flags, result, a, b, c) \
  TEST_FP_OP3_(n, inst, rm, flags, result, a, b, c, fmv.d.x, fmv.x.d)
#define TEST_FP_OP2N_D(n, inst, flags, result, a, b) \
  TEST_FP_OP2N_(n, inst, flags, result, a, b, fmv.d.x, fmv.x.d)
#define TEST_FP_CMP_OP_D(n, inst, flags, result, a, b) \
  TEST_FP_CMP_(n, inst, flags, result, a, b, fmv.d.x)
#define TEST_FP_INT_OP_D(n, inst, rm, flags, result, a) \
  TEST_FP_INT_OP_(n, inst, rm, flags, result, a, fmv.d.x)
#define TEST_FP_CLASS_D(n, result, a) \
  TEST_FP_CLASS_(n, fclass.d, result, a, fmv.d.x)
#define TEST_FCVT_D_FROM_INT(n, inst, rm, flags, result, a) \
  TEST_FCVT_FROM_INT_(n, inst, rm, flags, result, a, fmv.x.d)

/* between formats: fcvt.s.d (D in, S out) and fcvt.d.s (S in, D out) */
#define TEST_FCVT_S_D(n, rm, flags, result, a) \
  TEST_FP_OP1_(n, fcvt.s.d, rm, flags, FP_SEXT32(result), a, fmv.d.x, fmv.x.w)
/* fcvt.d.s, fcvt.d.w and fcvt.d.wu are exact: the assembler takes no rm
   operand for them (it encodes rne); their rm field is tested for legality
   with raw encodings. */
#define TEST_FCVT_D_S(n, flags, result, a) \
  TEST_FP_CASE(n, result, flags,                                        \
    li x1, MASK_XLEN(a); fmv.w.x f1, x1;                                \
    fcvt.d.s f4, f1; fmv.x.d x14, f4)
#define TEST_FCVT_D_FROM_INT32(n, inst, flags, result, a) \
  TEST_FP_CASE(n, result, flags,                                        \
    li x1, MASK_XLEN(a);                                                \
    inst f4, x1; fmv.x.d x14, f4)

/* Single-precision instructions on raw 64-bit register contents: the
   operands may be improperly NaN-boxed and the result is read whole. */
#define TEST_FP_OP1_RAW_S(n, inst, rm, flags, result, a) \
  TEST_FP_OP1_(n, inst, rm, flags, result, a, fmv.d.x, fmv.x.d)
#define TEST_FP_OP2_RAW_S(n, inst, rm, flags, result, a, b) \
  TEST_FP_OP2_(n, inst, rm, flags, result, a, b, fmv.d.x, fmv.x.d)
#define TEST_FP_OP3_RAW_S(n, inst, rm, flags, result, a, b, c) \
  TEST_FP_OP3_(n, inst, rm, flags, result, a, b, c, fmv.d.x, fmv.x.d)
#define TEST_FP_OP2N_RAW_S(n, inst, flags, result, a, b) \
  TEST_FP_OP2N_(n, inst, flags, result, a, b, fmv.d.x, fmv.x.d)
#define TEST_FP_CMP_OP_RAW_S(n, inst, flags, result, a, b) \
  TEST_FP_CMP_(n, inst, flags, result, a, b, fmv.d.x)
#define TEST_FP_INT_OP_RAW_S(n, inst, rm, flags, result, a) \
  TEST_FP_INT_OP_(n, inst, rm, flags, result, a, fmv.d.x)
#define TEST_FP_CLASS_RAW_S(n, result, a) \
  TEST_FP_CLASS_(n, fclass.s, result, a, fmv.d.x)

/* An FP instruction given as raw bits (e.g. with a reserved rm) must
   raise illegal instruction and write neither its destination (f4 or
   x14 hold a marker) nor fflags (its operands would raise NV): f1 is a
   boxed binary32 sNaN, f2 a binary64 sNaN, f3 = 1.0, x1 = 1234.  Needs
   TEST_TRAP_HANDLER. */
#define FP_ILLEGAL_SETUP                                                \
  li x1, 0xffffffff7f800001; fmv.d.x f1, x1;                            \
  li x2, 0x7ff0000000000001; fmv.d.x f2, x2;                            \
  li x5, 0x3ff0000000000000; fmv.d.x f3, x5;                            \
  li x14, 0x5a5a; fmv.d.x f4, x14;                                      \
  li x1, 1234

#define TEST_FP_ILLEGAL(testnum, bits)                                  \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  FP_ILLEGAL_SETUP;                                                     \
  fsflags x0;                                                           \
  TEST_EXPECT_TRAP_TVAL_LOOSE(2, bits, 1f, 2f);                         \
1:.word bits;                                                           \
  j fail;                                                               \
2:frflags x15;                                                          \
  CHECK_EQ(x15, x0);                                                    \
  li x6, 0x5a5a;                                                        \
  CHECK_EQ(x14, x6);                                                    \
  fmv.x.d x7, f4;                                                       \
  CHECK_EQ(x7, x6)

#endif
