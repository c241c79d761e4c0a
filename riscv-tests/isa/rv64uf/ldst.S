# ldst: flw/fsw and fmv.x.w/fmv.w.x (Unpriv. ISA 11.5, 11.7 and 12.2):
# transfers move the 32 bits unchanged (a signalling NaN stays
# signalling, no flag is raised), flw and fmv.w.x NaN-box into the
# 64-bit register, fsw and fmv.x.w take the low 32 bits (fmv.x.w
# sign-extends bit 31), immediates are signed 12-bit.
#include "riscv_test.h"
#include "test_macros.h"

/* flw from base+off, then check the value (fmv.x.d: with the box) and fflags = 0 */
#define TEST_FLW(testnum, result, off, base)                            \
  TEST_FP_CASE(testnum, result, 0, la x1, base; flw f4, off(x1); fmv.x.d x14, f4)
/* fmv.w.x val, fsw to base+off, lwu back */
#define TEST_FSW(testnum, val, off, base)                               \
  TEST_FP_CASE(testnum, (val) & 0xffffffff, 0,                          \
    la x1, base; li x2, MASK_XLEN(val); fmv.d.x f4, x2; fsw f4, off(x1); lwu x14, off(x1))

RVTEST_RV64UF
RVTEST_CODE_BEGIN

  TEST_FLW(2, 0xffffffff3f800000, 0, tdat)
  TEST_FLW(3, 0xffffffff7f800001, 4, tdat)
  TEST_FLW(4, 0xffffffffff800000, 8, tdat)
  TEST_FLW(5, 0xffffffff80000001, 12, tdat)
  TEST_FLW(6, 0xffffffffffc12345, -4, tdat_end)
  TEST_FLW(7, 0xffffffff3f800000, -16, tdat_plus16)
  TEST_FSW(8, 0xffffffff7f800001, 0, sdat)
  TEST_FSW(9, 0x00000000bf800000, 4, sdat)
  TEST_FSW(10, 0x123456787fc12345, 8, sdat)
  TEST_FSW(11, 0xffffffff00000001, -4, sdat_end)
  # fsw leaves the neighbouring word alone
  TEST_CASE(12, x14, 0x7fc12345bf800000, la x1, sdat; ld x14, 4(x1))
  # fmv.x.w: low 32 bits, sign-extended; payloads kept
  TEST_FP_CASE(13, 0xffffffff80000000, 0, li x1, 0x80000000; fmv.w.x f1, x1; fmv.x.w x14, f1)
  TEST_FP_CASE(14, 0x000000007f800001, 0, li x1, 0x7f800001; fmv.w.x f1, x1; fmv.x.w x14, f1)
  TEST_FP_CASE(15, 0xffffffffffffffff, 0, li x1, -1; fmv.w.x f1, x1; fmv.x.w x14, f1)
  # fmv.w.x ignores the upper half of the integer register and boxes
  TEST_FP_CASE(16, 0xffffffff12345678, 0, li x1, 0xabcdef0112345678; fmv.w.x f1, x1; fmv.x.d x14, f1)
  # the loaded sNaN is only signalling when used
  TEST_FP_CASE(17, 0xffffffff7fc00000, 0x10,
    la x1, tdat; flw f1, 4(x1); fadd.s f4, f1, f1; fmv.x.d x14, f4)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
tdat: .word 0x3f800000, 0x7f800001, 0xff800000, 0x80000001
tdat_plus16:
  .word 0xffc12345
tdat_end:
  .balign 8
sdat: .word 0, 0, 0, 0
sdat_end:
RVTEST_DATA_END
