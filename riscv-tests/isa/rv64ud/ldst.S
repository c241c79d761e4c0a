# ldst: fld/fsd and fmv.x.d/fmv.d.x (Unpriv. ISA 12.3, 12.5): 64-bit
# transfers move the bits unchanged (signalling NaN payloads kept, no
# flags); a boxed single written by flw is stored by fsd with its box.
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_FLD(testnum, result, off, base)                            \
  TEST_FP_CASE(testnum, result, 0, la x1, base; fld f4, off(x1); fmv.x.d x14, f4)
#define TEST_FSD(testnum, val, off, base)                               \
  TEST_FP_CASE(testnum, val, 0,                                         \
    la x1, base; li x2, MASK_XLEN(val); fmv.d.x f4, x2; fsd f4, off(x1); ld x14, off(x1))

RVTEST_RV64UD
RVTEST_CODE_BEGIN

  TEST_FLD(2, 0x3ff0000000000000, 0, tdat)
  TEST_FLD(3, 0x7ff0000000000001, 8, tdat)
  TEST_FLD(4, 0xfff0000000000000, 16, tdat)
  TEST_FLD(5, 0x8000000000000001, 24, tdat)
  TEST_FLD(6, 0x000000003f800000, -8, tdat_end)
  TEST_FLD(7, 0x7ff0000000000001, -24, tdat_plus32)
  TEST_FSD(8, 0x7ff4000000000000, 0, sdat)
  TEST_FSD(9, 0x8000000000000000, 8, sdat)
  TEST_FSD(10, 0xfff8000012345678, -8, sdat_end)
  TEST_CASE(11, x14, 0x8000000000000000, la x1, sdat; ld x14, 8(x1))
  TEST_FP_CASE(12, 0xffffffff3f800000, 0,
    la x1, tdat_plus32; flw f4, 0(x1); la x2, sdat; fsd f4, 16(x2); ld x14, 16(x2))
  # fmv.x.d / fmv.d.x keep every bit
  TEST_FP_CASE(13, 0x7ff0000000000001, 0, li x1, 0x7ff0000000000001; fmv.d.x f1, x1; fmv.x.d x14, f1)
  TEST_FP_CASE(14, 0xffffffffffffffff, 0, li x1, -1; fmv.d.x f1, x1; fmv.x.d x14, f1)
  # a loaded D sNaN signals when used
  TEST_FP_CASE(15, 0x7ff8000000000000, 0x10,
    la x1, tdat; fld f1, 8(x1); fmul.d f4, f1, f1; fmv.x.d x14, f4)
  # a double read as a single is not boxed: canonical NaN, no flag
  TEST_FP_CASE(16, 0xffffffff7fc00000, 0x00,
    la x1, tdat; fld f1, 0(x1); fadd.s f4, f1, f1; fmv.x.d x14, f4)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
tdat: .dword 0x3ff0000000000000, 0x7ff0000000000001, 0xfff0000000000000, 0x8000000000000001
tdat_plus32:
  .dword 0x000000003f800000
tdat_end:
sdat: .dword 0, 0, 0
sdat_end:
RVTEST_DATA_END
