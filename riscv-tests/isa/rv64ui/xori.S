# xori: Unpriv. ISA 2.4.1 (xori rd, rs, -1 is not)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, xori, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(3, xori, 0x0000000000000554, 0x0000000000000001, 1365)
  TEST_IMM_OP(4, xori, 0x7ffffffffffffffe, 0x7fffffffffffffff, 1)
  TEST_IMM_OP(5, xori, 0x7ffffffffffffaaa, 0x8000000000000000, -1366)
  TEST_IMM_OP(6, xori, 0x0000000000000000, 0xffffffffffffffff, -1)
  TEST_IMM_OP(7, xori, 0x000000007ffffffd, 0x000000007fffffff, 2)
  TEST_IMM_OP(8, xori, 0x00000000800007ff, 0x0000000080000000, 2047)
  TEST_IMM_OP(9, xori, 0xffffffff00000001, 0x00000000ffffffff, -2)
  TEST_IMM_OP(10, xori, 0x000000007ffff800, 0xffffffff80000000, -2048)
  TEST_IMM_OP(11, xori, 0x123456789abcdef0, 0x123456789abcdef0, 0)
  TEST_IMM_OP(12, xori, 0xfffffffffffffd55, 0xfffffffffffff800, 1365)
  TEST_IMM_OP(13, xori, 0x00000000000007fe, 0x00000000000007ff, 1)
  TEST_IMM_OP(14, xori, 0xfffffffffffff2aa, 0x0000000000000800, -1366)
  TEST_IMM_OP(15, xori, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(16, xori, 0x0000000000000003, 0x0000000000000001, 2)
  TEST_IMM_OP(17, xori, 0x7ffffffffffff800, 0x7fffffffffffffff, 2047)
  TEST_IMM_OP(18, xori, 0x7ffffffffffffffe, 0x8000000000000000, -2)
  TEST_IMM_OP(19, xori, 0x00000000000007ff, 0xffffffffffffffff, -2048)
  TEST_IMM_OP(20, xori, 0x000000007ffff800, 0x000000007fffffff, 2047)
  TEST_IMM_OP(21, xori, 0x7ffffffffffffffe, 0x7ffffffffffff801, 2047)
  TEST_IMM_OP(22, xori, 0xfffffffffffff800, 0xffffffffffffffff, 2047)
  TEST_IMM_OP(23, xori, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(24, xori, 0xfffffffffffffffe, 0x0000000000000001, -1)
  TEST_IMM_OP(25, xori, 0x0000000000000000, 0xffffffffffffffff, -1)
  TEST_IMM_OP(26, xori, 0xffffffff7fffffff, 0x0000000080000000, -1)
  TEST_IMM_OP(27, xori, 0x7ffffffffffffffe, 0x8000000000000000, -2)
  TEST_IMM_OP(28, xori, 0x8000000000000001, 0x7fffffffffffffff, -2)
  TEST_IMM_OP(29, xori, 0xffffffff7ffffaaa, 0x0000000080000000, -1366)
  TEST_IMM_OP(30, xori, 0x000000007ffffffe, 0xffffffff80000000, -2)
  TEST_IMM_OP(31, xori, 0xaaaaaaaaaaaaaaab, 0xaaaaaaaaaaaaaaaa, 1)
  TEST_IMM_OP(32, xori, 0x0000000000000003, 0x0000000000000003, 0)

  # rd = rs1, x0 as source and destination, result forwarding
  TEST_IMM_SRC1_EQ_DEST(33, xori, 0x789abcdeedcbad56, 0x8765432112345678, -1234)
  TEST_IMM_ZEROSRC1(34, xori, 0xfffffffffffffb2e, -1234)
  TEST_IMM_ZERODEST(35, xori, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(36, 0, xori, 0x789abcdeedcbad56, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(37, 1, xori, 0x789abcdeedcbad56, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(38, 2, xori, 0x789abcdeedcbad56, 0x8765432112345678, -1234)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
