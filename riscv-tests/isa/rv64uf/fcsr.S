# fcsr: the FP CSRs (Unpriv. ISA 11.2): fcsr = frm (bits 7:5) | fflags
# (bits 4:0), bits 31:8 read as zero; frm and fflags are views of the
# same register; the swap forms return the old value; fflags accrue
# (an instruction only sets flags, never clears them).
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64UF
RVTEST_CODE_BEGIN

  TEST_CASE(2, x14, 0x00, csrr x14, fcsr)
  TEST_CASE(3, x14, 0xff, li x1, -1; csrw fcsr, x1; csrr x14, fcsr)
  TEST_CASE(4, x14, 0x07, frrm x14)
  TEST_CASE(5, x14, 0x1f, frflags x14)
  TEST_CASE(6, x14, 0x3f, fsrmi 1; csrr x14, fcsr)
  TEST_CASE(7, x14, 0x01, li x1, 0xf4; fsrm x14, x1)
  TEST_CASE(8, x14, 0x9f, csrr x14, fcsr)
  TEST_CASE(9, x14, 0x1f, li x1, 0xea; fsflags x14, x1)
  TEST_CASE(10, x14, 0x8a, csrr x14, fcsr)
  TEST_CASE(11, x14, 0x8b, csrsi fflags, 0x01; csrr x14, fcsr)
  TEST_CASE(12, x14, 0x83, csrci fflags, 0x08; csrr x14, fcsr)
  TEST_CASE(13, x14, 0x03, csrci frm, 0x04; csrr x14, fcsr)
  TEST_CASE(14, x14, 0x03, li x1, 0x100; csrw fcsr, x1; csrr x14, fcsr; xori x14, x14, 3)

  # accrual: NX (0x01) then NV (0x10) without clearing in between
  TEST_CASE(15, x15, 0x01,
    fsflags x0;
    li x1, 0x3f800000; fmv.w.x f1, x1; li x2, 0x40400000; fmv.w.x f2, x2;
    fdiv.s f3, f1, f2, rne; frflags x15)
  TEST_CASE(16, x15, 0x11,
    li x1, 0x7f800001; fmv.w.x f1, x1; fadd.s f3, f1, f1, rne; frflags x15)
  # an exact operation leaves the accrued flags alone
  TEST_CASE(17, x15, 0x11,
    li x1, 0x3f800000; fmv.w.x f1, x1; fadd.s f3, f1, f1, rne; frflags x15)
  # DZ, and OF | NX together
  TEST_CASE(18, x15, 0x08,
    fsflags x0; li x1, 0x3f800000; fmv.w.x f1, x1; fmv.w.x f2, x0;
    fdiv.s f3, f1, f2, rne; frflags x15)
  TEST_CASE(19, x15, 0x05,
    fsflags x0; li x1, 0x7f7fffff; fmv.w.x f1, x1;
    fadd.s f3, f1, f1, rne; frflags x15)
  # UF | NX: the product 2^-100 * 2^-40 is below the smallest subnormal's range
  TEST_CASE(20, x15, 0x03,
    fsflags x0; li x1, 0x0d800001; fmv.w.x f1, x1; li x2, 0x2b800000; fmv.w.x f2, x2;
    fmul.s f3, f1, f2, rne; frflags x15)
  # reads of fflags/frm do not clear anything
  TEST_CASE(21, x14, 0x03, csrr x14, fcsr)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
