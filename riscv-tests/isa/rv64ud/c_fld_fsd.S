# c_fld_fsd: compressed FP doubleword loads and stores (Unpriv. ISA 16.3,
# "Load and Store Instructions"): c.fld/c.fsd take rd'/rs2' in f8..f15,
# a base in x8..x15 and a zero-extended offset (multiple of 8, 0..248);
# c.fldsp/c.fsdsp take any f register, base sp, offset 0..504.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64UD
RVTEST_CODE_BEGIN
  .option rvc

  TEST_FP_CASE(2, 0x3ff0000000000000, 0, la x8, buf; c.fld f8, 0(x8); fmv.x.d x14, f8)
  TEST_FP_CASE(3, 0x7ff0000000000001, 0, la x15, buf; c.fld f15, 8(x15); fmv.x.d x14, f15)
  TEST_FP_CASE(4, 0xc000000000000001, 0,
    la x9, buf; li x1, 0xc000000000000001; fmv.d.x f9, x1; c.fsd f9, 248(x9); c.fld f10, 248(x9); fmv.x.d x14, f10)
  TEST_FP_CASE(5, 0xfff8000012345678, 0,
    la x12, buf; li x1, 0xfff8000012345678; fmv.d.x f14, x1; c.fsd f14, 16(x12); ld x14, 16(x12))
  TEST_FP_CASE(6, 0x3ff0000000000000, 0, la sp, buf; c.fldsp f1, 0(sp); fmv.x.d x14, f1)
  TEST_FP_CASE(7, 0x8000000000000001, 0,
    la sp, buf; li x1, 0x8000000000000001; fmv.d.x f31, x1; c.fsdsp f31, 504(sp); c.fldsp f0, 504(sp); fmv.x.d x14, f0)
  TEST_FP_CASE(8, 0xffffffff7f800001, 0,
    la sp, buf; li x1, 0x7f800001; fmv.w.x f20, x1; c.fsdsp f20, 256(sp); ld x14, 256(sp))
  # the word after a c.fsd is untouched
  TEST_CASE(9, x14, 0x7ff0000000000001, la x8, buf; ld x14, 8(x8))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .dword 0x3ff0000000000000, 0x7ff0000000000001
  .fill 62, 8, 0
RVTEST_DATA_END
