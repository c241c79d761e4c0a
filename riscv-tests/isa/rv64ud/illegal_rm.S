# illegal_rm: reserved rounding modes for the D instructions (Unpriv. ISA
# 11.2): rm = 5, 6, and dyn with frm = 5..7 raise illegal instruction,
# also for the instructions the rounding mode cannot affect (fcvt.d.s,
# fcvt.d.w, fcvt.d.wu: "implementations must treat the rm field as usual
# (in particular, with regard to decoding legal vs. reserved encodings)",
# 12.5).  Destination and fflags stay unwritten (TEST_FP_ILLEGAL).
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64UD
RVTEST_CODE_BEGIN

  li s6, 0
  TEST_FP_ILLEGAL(2, 0x0220d253)  /* fadd.d f4, f1, f2, rm=5 */
  TEST_FP_ILLEGAL(3, 0x1a20e253)  /* fdiv.d rm=6 */
  TEST_FP_ILLEGAL(4, 0x5a00d253)  /* fsqrt.d rm=5 */
  TEST_FP_ILLEGAL(5, 0x1a20e243)  /* fmadd.d rm=6 */
  TEST_FP_ILLEGAL(6, 0xc220d753)  /* fcvt.l.d x14, f1, rm=5 */
  TEST_FP_ILLEGAL(7, 0xd230d253)  /* fcvt.d.lu f4, x1, rm=5 */
  TEST_FP_ILLEGAL(8, 0x4010e253)  /* fcvt.s.d f4, f1, rm=6 */
  TEST_FP_ILLEGAL(9, 0x4200d253)  /* fcvt.d.s f4, f1, rm=5 */
  TEST_FP_ILLEGAL(10, 0x4200e253) /* fcvt.d.s rm=6 */
  TEST_FP_ILLEGAL(11, 0xd200d253) /* fcvt.d.w f4, x1, rm=5 */
  TEST_FP_ILLEGAL(12, 0xd210e253) /* fcvt.d.wu f4, x1, rm=6 */
  TEST_TRAP_COUNT(13, 11)
  fsrmi 5
  TEST_FP_ILLEGAL(14, 0x0220f253) /* fadd.d dyn */
  TEST_FP_ILLEGAL(15, 0x4200f253) /* fcvt.d.s dyn */
  fsrmi 6
  TEST_FP_ILLEGAL(16, 0xd200f253) /* fcvt.d.w dyn */
  TEST_FP_ILLEGAL(17, 0x1a20f24f) /* fnmadd.d dyn */
  fsrmi 7
  TEST_FP_ILLEGAL(18, 0x4010f253) /* fcvt.s.d dyn */
  TEST_FP_ILLEGAL(19, 0xc220f753) /* fcvt.l.d dyn */
  TEST_TRAP_COUNT(20, 17)
  # no-rounding D instructions ignore frm = 7
  TEST_FP_OP2N_D(21, fmax.d, 0x10, 0xbff0000000000000, 0x7ff0000000000001, 0xbff0000000000000)
  TEST_FP_CMP_OP_D(22, fle.d, 0x00, 1, 0x8000000000000000, 0x0000000000000000)
  TEST_FP_CLASS_D(23, 0x008, 0x8000000000000000)
  # the exact conversions with their rm field 0..4 are legal, any mode
  TEST_FP_CASE(24, 0x3ff0000000000000, 0, li x1, 1; .word 0xd200c253; fmv.x.d x14, f4)
  TEST_FP_CASE(25, 0x3ff0000000000000, 0,
    li x1, 0x3f800000; fmv.w.x f1, x1; .word 0x42009253; fmv.x.d x14, f4)
  fsrmi 3
  TEST_FP_CASE(26, 0xc1e0000000000000, 0, li x1, 0x80000000; .word 0xd200f253; fmv.x.d x14, f4)
  fsrmi 0
  TEST_TRAP_COUNT(27, 17)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
