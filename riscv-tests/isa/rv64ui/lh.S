# lh: 2-byte load, sign-extended (Unpriv. ISA 2.6, RV64I 5.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lh, 0x00000000000000ff, 0, tdat)
  TEST_LD_OP(3, lh, 0x0000000000000ff0, 2, tdat)
  TEST_LD_OP(4, lh, 0x0000000000007f80, 4, tdat)
  TEST_LD_OP(5, lh, 0xfffffffffffffe01, 6, tdat)
  TEST_LD_OP(6, lh, 0x0000000000003412, 8, tdat)
  TEST_LD_OP(7, lh, 0x0000000000007856, 10, tdat)
  TEST_LD_OP(8, lh, 0xffffffffffffbc9a, 12, tdat)
  TEST_LD_OP(9, lh, 0xfffffffffffff0de, 14, tdat)
  TEST_LD_OP(10, lh, 0xffffffffffff8000, 0, tdat_mid)
  TEST_LD_OP(11, lh, 0x0000000000000000, 2, tdat_mid)
  TEST_LD_OP(12, lh, 0xffffffffffffffff, 4, tdat_mid)
  TEST_LD_OP(13, lh, 0x0000000000007fff, 6, tdat_mid)
  TEST_LD_OP(14, lh, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_OP(15, lh, 0xffffffffffff8000, 10, tdat_mid)
  TEST_LD_OP(16, lh, 0xffffffffffffffff, 12, tdat_mid)
  TEST_LD_OP(17, lh, 0xffffffffffffffff, 14, tdat_mid)
  TEST_LD_OP(18, lh, 0xfffffffffffff0de, -2, tdat_mid)
  TEST_LD_OP(19, lh, 0x0000000000007856, -6, tdat_mid)
  TEST_LD_OP(20, lh, 0xfffffffffffffe01, -10, tdat_mid)
  TEST_LD_OP(21, lh, 0x0000000000000ff0, -14, tdat_mid)

  # extreme 12-bit offsets: the base register points away from the data
  TEST_LD_OP_BIASED(22, lh, 0x0000000000003412, 2040, tdat+8)
  TEST_LD_OP_BIASED(23, lh, 0x0000000000003412, -2048, tdat+8)

  # rd = base register; loaded value used right away and after gaps
  TEST_CASE(24, x1, 0x0000000000003412, la x1, tdat; lh x1, 8(x1))
  TEST_LD_DEST_BYPASS(25, 0, lh, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(26, 1, lh, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(27, 2, lh, 0x0000000000000000, 8, tdat_mid)

  # rd = x0: the value is discarded, x0 stays 0
  TEST_CASE(28, x0, 0, la x1, tdat; lh x0, 0(x1))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
tdat:
  .byte 0xff, 0x00, 0xf0, 0x0f, 0x80, 0x7f, 0x01, 0xfe
  .byte 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0
tdat_mid:
  .byte 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x7f
  .byte 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff
RVTEST_DATA_END
