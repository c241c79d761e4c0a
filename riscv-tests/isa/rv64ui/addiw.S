# addiw: RV64I 5.2.1: 32-bit add, result sign-extended (addiw rd, rs, 0 is sext.w)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, addiw, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(3, addiw, 0x0000000000000556, 0x0000000000000001, 1365)
  TEST_IMM_OP(4, addiw, 0x0000000000000000, 0x7fffffffffffffff, 1)
  TEST_IMM_OP(5, addiw, 0xfffffffffffffaaa, 0x8000000000000000, -1366)
  TEST_IMM_OP(6, addiw, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
  TEST_IMM_OP(7, addiw, 0xffffffff80000001, 0x000000007fffffff, 2)
  TEST_IMM_OP(8, addiw, 0xffffffff800007ff, 0x0000000080000000, 2047)
  TEST_IMM_OP(9, addiw, 0xfffffffffffffffd, 0x00000000ffffffff, -2)
  TEST_IMM_OP(10, addiw, 0x000000007ffff800, 0xffffffff80000000, -2048)
  TEST_IMM_OP(11, addiw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0)
  TEST_IMM_OP(12, addiw, 0xfffffffffffffd55, 0xfffffffffffff800, 1365)
  TEST_IMM_OP(13, addiw, 0x0000000000000800, 0x00000000000007ff, 1)
  TEST_IMM_OP(14, addiw, 0x00000000000002aa, 0x0000000000000800, -1366)
  TEST_IMM_OP(15, addiw, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(16, addiw, 0x0000000000000003, 0x0000000000000001, 2)
  TEST_IMM_OP(17, addiw, 0x00000000000007fe, 0x7fffffffffffffff, 2047)
  TEST_IMM_OP(18, addiw, 0xfffffffffffffffe, 0x8000000000000000, -2)
  TEST_IMM_OP(19, addiw, 0xfffffffffffff7ff, 0xffffffffffffffff, -2048)
  TEST_IMM_OP(20, addiw, 0xffffffff800007fe, 0x000000007fffffff, 2047)
  TEST_IMM_OP(21, addiw, 0x0000000000000000, 0x7ffffffffffff801, 2047)
  TEST_IMM_OP(22, addiw, 0x00000000000007fe, 0xffffffffffffffff, 2047)
  TEST_IMM_OP(23, addiw, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(24, addiw, 0x0000000000000000, 0x0000000000000001, -1)
  TEST_IMM_OP(25, addiw, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
  TEST_IMM_OP(26, addiw, 0x000000007fffffff, 0x0000000080000000, -1)
  TEST_IMM_OP(27, addiw, 0xfffffffffffff7ff, 0x00000000ffffffff, -2048)
  TEST_IMM_OP(28, addiw, 0x0000000000000575, 0x0000000000000020, 1365)
  TEST_IMM_OP(29, addiw, 0x0000000076543210, 0xfedcba9876543210, 0)
  TEST_IMM_OP(30, addiw, 0x000000007ffffffe, 0xffffffff7fffffff, -1)
  TEST_IMM_OP(31, addiw, 0x0000000000000002, 0x0000000000000000, 2)
  TEST_IMM_OP(32, addiw, 0x0000000000000003, 0x0000000000000001, 2)

  # rd = rs1, x0 as source and destination, result forwarding
  TEST_IMM_SRC1_EQ_DEST(33, addiw, 0x00000000123451a6, 0x8765432112345678, -1234)
  TEST_IMM_ZEROSRC1(34, addiw, 0xfffffffffffffb2e, -1234)
  TEST_IMM_ZERODEST(35, addiw, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(36, 0, addiw, 0x00000000123451a6, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(37, 1, addiw, 0x00000000123451a6, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(38, 2, addiw, 0x00000000123451a6, 0x8765432112345678, -1234)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
