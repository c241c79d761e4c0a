# illegal_rm: reserved rounding modes (Unpriv. ISA 11.2, "Floating-Point
# Control and Status Register"): rm = 5 and 6 are reserved, and rm = 7
# (dyn) with frm = 5, 6 or 7 is reserved too; both raise illegal
# instruction.  The trapping instruction must write neither its
# destination nor fflags (its operands would raise NV), and instructions
# without a rounding mode (fsgnj, fmin/fmax, compares, fclass, moves) work
# whatever frm holds.  Encodings with a reserved rm are built by hand:
# the rm field is bits 14:12.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64UF
RVTEST_CODE_BEGIN

  li s6, 0
  # static rm = 5 and 6: fadd.s, fsqrt.s, fmadd.s (R4 format), fnmsub.s,
  # fcvt.w.s (integer destination), fcvt.s.w (integer source)
  TEST_FP_ILLEGAL(2, 0x0020d253)
  TEST_FP_ILLEGAL(3, 0x0020e253)
  TEST_FP_ILLEGAL(4, 0x5800d253)
  TEST_FP_ILLEGAL(5, 0x5800e253)
  TEST_FP_ILLEGAL(6, 0x1820d243)
  TEST_FP_ILLEGAL(7, 0x1820e24b)
  TEST_FP_ILLEGAL(8, 0xc000d753)
  TEST_FP_ILLEGAL(9, 0xc000e753)
  TEST_FP_ILLEGAL(10, 0xd000d253)
  TEST_TRAP_COUNT(11, 9)

  # dyn (rm = 7) with frm = 5, 6, 7
  fsrmi 5
  TEST_FP_ILLEGAL(12, 0x0020f253)
  TEST_FP_ILLEGAL(13, 0x1820f24b)
  fsrmi 6
  TEST_FP_ILLEGAL(14, 0x5800f253)
  TEST_FP_ILLEGAL(15, 0xc000f753)
  fsrmi 7
  TEST_FP_ILLEGAL(16, 0x0020f253)
  TEST_FP_ILLEGAL(17, 0xd000f253)
  TEST_TRAP_COUNT(18, 15)

  # frm = 7 still reads back as 7, and does not affect instructions
  # without a rounding mode
  TEST_CASE(19, x14, 7, frrm x14)
  TEST_FP_OP2N_S(20, fsgnjn.s, 0x00, 0xbf800000, 0x3f800000, 0x3f800000)
  TEST_FP_OP2N_S(21, fmin.s, 0x10, 0x3f800000, 0x7f800001, 0x3f800000)
  TEST_FP_CMP_OP_S(22, flt.s, 0x00, 1, 0xbf800000, 0x3f800000)
  TEST_FP_CLASS_S(23, 0x100, 0x7f800001)
  # valid static modes are unaffected by the reserved frm
  TEST_FP_OP2_S(24, fadd.s, rtz, 0x01, 0x3f800000, 0x3f800000, 0x33800000)
  TEST_FP_OP2_S(25, fadd.s, rup, 0x01, 0x3f800001, 0x3f800000, 0x33800000)
  # frm 0..4 with dyn: a tie 1 + 2^-24 rounds per frm
  fsrmi 4
  TEST_FP_OP2_S(26, fadd.s, dyn, 0x01, 0x3f800001, 0x3f800000, 0x33800000)
  fsrmi 0
  TEST_FP_OP2_S(27, fadd.s, dyn, 0x01, 0x3f800000, 0x3f800000, 0x33800000)
  TEST_TRAP_COUNT(28, 15)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
