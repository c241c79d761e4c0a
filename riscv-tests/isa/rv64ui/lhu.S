# lhu: 2-byte load, zero-extended (Unpriv. ISA 2.6, RV64I 5.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lhu, 0x00000000000000ff, 0, tdat)
  TEST_LD_OP(3, lhu, 0x0000000000000ff0, 2, tdat)
  TEST_LD_OP(4, lhu, 0x0000000000007f80, 4, tdat)
  TEST_LD_OP(5, lhu, 0x000000000000fe01, 6, tdat)
  TEST_LD_OP(6, lhu, 0x0000000000003412, 8, tdat)
  TEST_LD_OP(7, lhu, 0x0000000000007856, 10, tdat)
  TEST_LD_OP(8, lhu, 0x000000000000bc9a, 12, tdat)
  TEST_LD_OP(9, lhu, 0x000000000000f0de, 14, tdat)
  TEST_LD_OP(10, lhu, 0x0000000000008000, 0, tdat_mid)
  TEST_LD_OP(11, lhu, 0x0000000000000000, 2, tdat_mid)
  TEST_LD_OP(12, lhu, 0x000000000000ffff, 4, tdat_mid)
  TEST_LD_OP(13, lhu, 0x0000000000007fff, 6, tdat_mid)
  TEST_LD_OP(14, lhu, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_OP(15, lhu, 0x0000000000008000, 10, tdat_mid)
  TEST_LD_OP(16, lhu, 0x000000000000ffff, 12, tdat_mid)
  TEST_LD_OP(17, lhu, 0x000000000000ffff, 14, tdat_mid)
  TEST_LD_OP(18, lhu, 0x000000000000f0de, -2, tdat_mid)
  TEST_LD_OP(19, lhu, 0x0000000000007856, -6, tdat_mid)
  TEST_LD_OP(20, lhu, 0x000000000000fe01, -10, tdat_mid)
  TEST_LD_OP(21, lhu, 0x0000000000000ff0, -14, tdat_mid)

  # extreme 12-bit offsets: the base register points away from the data
  TEST_LD_OP_BIASED(22, lhu, 0x0000000000003412, 2040, tdat+8)
  TEST_LD_OP_BIASED(23, lhu, 0x0000000000003412, -2048, tdat+8)

  # rd = base register; loaded value used right away and after gaps
  TEST_CASE(24, x1, 0x0000000000003412, la x1, tdat; lhu x1, 8(x1))
  TEST_LD_DEST_BYPASS(25, 0, lhu, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(26, 1, lhu, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(27, 2, lhu, 0x0000000000000000, 8, tdat_mid)

  # rd = x0: the value is discarded, x0 stays 0
  TEST_CASE(28, x0, 0, la x1, tdat; lhu x0, 0(x1))

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
