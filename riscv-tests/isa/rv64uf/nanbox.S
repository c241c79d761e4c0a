# nanbox: NaN-boxing of binary32 values in 64-bit f registers (Unpriv. ISA
# 12.2, "NaN Boxing of Narrower Values"): an operand whose upper 32 bits
# are not all ones reads as the canonical NaN 0x7fc00000 (a quiet NaN: no
# NV from it), every single-precision result is written boxed, and the
# 32-bit transfers out (fmv.x.w, fsw) take the low 32 bits as they are,
# boxed or not.  The _RAW macros move all 64 register bits in and out.
#include "riscv_test.h"
#include "test_macros.h"

#define BOX(x) (0xffffffff00000000 | (x))
#define CANON_S BOX(0x7fc00000)

RVTEST_RV64UF
RVTEST_CODE_BEGIN

  # improperly boxed operands: upper half zero, almost-ones, or a binary64
  TEST_FP_OP2_RAW_S(2, fadd.s, rne, 0x00, CANON_S, 0x000000003f800000, BOX(0x3f800000))
  TEST_FP_OP2_RAW_S(3, fadd.s, rne, 0x00, CANON_S, BOX(0x3f800000), 0xfffffffe3f800000)
  TEST_FP_OP2_RAW_S(4, fmul.s, rne, 0x00, CANON_S, 0x7fffffff3f800000, BOX(0x3f800000))
  TEST_FP_OP1_RAW_S(5, fsqrt.s, rne, 0x00, CANON_S, 0x3ff0000000000000)
  TEST_FP_OP3_RAW_S(6, fmadd.s, rne, 0x00, CANON_S, BOX(0x3f800000), BOX(0x3f800000), 0x0000000040000000)
  # the boxed sNaN raises NV; the same bits unboxed are just the canonical qNaN
  TEST_FP_OP2_RAW_S(7, fadd.s, rne, 0x10, CANON_S, BOX(0x7f800001), BOX(0x3f800000))
  TEST_FP_OP2_RAW_S(8, fadd.s, rne, 0x00, CANON_S, 0x000000007f800001, BOX(0x3f800000))
  # sign injection reads the canonical NaN too (sign 0), then injects
  TEST_FP_OP2N_RAW_S(9, fsgnj.s, 0x00, CANON_S, 0x00000000bf800000, BOX(0x3f800000))
  TEST_FP_OP2N_RAW_S(10, fsgnjn.s, 0x00, BOX(0xffc00000), 0x00000000bf800000, BOX(0x3f800000))
  TEST_FP_OP2N_RAW_S(11, fsgnj.s, 0x00, BOX(0x3f800000), BOX(0x3f800000), 0x0000000000000000)
  TEST_FP_OP2N_RAW_S(12, fsgnjx.s, 0x00, BOX(0x3f800000), BOX(0x3f800000), 0x0000000080000000)
  # fmin/fmax: the non-NaN operand wins
  TEST_FP_OP2N_RAW_S(13, fmin.s, 0x00, BOX(0xc0000000), 0x00000000ff800000, BOX(0xc0000000))
  TEST_FP_OP2N_RAW_S(14, fmax.s, 0x00, CANON_S, 0x1234567800000000, 0x0000000000000000)
  # compares: feq quiet, flt/fle signalling
  TEST_FP_CMP_OP_RAW_S(15, feq.s, 0x00, 0, 0x000000003f800000, 0x000000003f800000)
  TEST_FP_CMP_OP_RAW_S(16, flt.s, 0x10, 0, 0x000000003f800000, BOX(0x40000000))
  TEST_FP_CMP_OP_RAW_S(17, fle.s, 0x10, 0, BOX(0x3f800000), 0xffff00003f800000)
  TEST_FP_CMP_OP_RAW_S(18, feq.s, 0x00, 1, BOX(0x3f800000), BOX(0x3f800000))
  # fclass: quiet NaN (bit 9)
  TEST_FP_CLASS_RAW_S(19, 0x200, 0x00000000ff800000)
  TEST_FP_CLASS_RAW_S(20, 0x080, BOX(0x7f800000))
  # conversions from an unboxed single: NaN saturates (to the maximum) with NV
  TEST_FP_INT_OP_RAW_S(21, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x00000000bf800000)
  TEST_FP_INT_OP_RAW_S(22, fcvt.lu.s, rtz, 0x10, 0xffffffffffffffff, 0x00000000bf800000)
  TEST_CASE(23, x14, 0x7ff8000000000000,
    li x1, 0x000000003f800000; fmv.d.x f1, x1; fcvt.d.s f4, f1; fmv.x.d x14, f4)

  # results are boxed: fcvt.s.w, fcvt.s.l, fcvt.s.d, fmv.w.x, fsgnj, fmin
  TEST_CASE(24, x14, BOX(0xbf800000), li x1, -1; fcvt.s.w f4, x1; fmv.x.d x14, f4)
  TEST_CASE(25, x14, BOX(0x5f800000), li x1, -1; fcvt.s.lu f4, x1; fmv.x.d x14, f4)
  TEST_CASE(26, x14, BOX(0x3f800000),
    li x1, 0x3ff0000000000000; fmv.d.x f1, x1; fcvt.s.d f4, f1; fmv.x.d x14, f4)
  TEST_CASE(27, x14, BOX(0x00000000), fmv.w.x f4, x0; fmv.x.d x14, f4)
  TEST_CASE(28, x14, BOX(0x80000001), li x1, 0x1234567880000001; fmv.w.x f4, x1; fmv.x.d x14, f4)
  TEST_FP_OP2N_RAW_S(29, fmin.s, 0x00, BOX(0x00000000), BOX(0x00000000), BOX(0x00000000))
  TEST_FP_OP2_RAW_S(30, fsub.s, rdn, 0x00, BOX(0x80000000), BOX(0x3f800000), BOX(0x3f800000))

  # 32-bit moves out ignore the upper half: fmv.x.w sign-extends bit 31
  TEST_CASE(31, x14, 0x000000003f800000,
    li x1, 0x000000003f800000; fmv.d.x f1, x1; fmv.x.w x14, f1)
  TEST_CASE(32, x14, 0xffffffffbf800001,
    li x1, 0x12345678bf800001; fmv.d.x f1, x1; fmv.x.w x14, f1)
  # fsw stores the low 32 bits, fsd after flw shows the box
  TEST_CASE(33, x14, 0x00000000bf800001,
    la x2, buf; li x1, 0x12345678bf800001; fmv.d.x f1, x1; fsw f1, 0(x2); lwu x14, 0(x2))
  TEST_CASE(34, x14, BOX(0x7f800001),
    la x2, buf; li x1, 0x7f800001; sw x1, 8(x2); flw f1, 8(x2); fsd f1, 16(x2); ld x14, 16(x2))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .fill 4, 8, 0
RVTEST_DATA_END
