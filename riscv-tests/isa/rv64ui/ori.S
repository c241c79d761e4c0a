# ori: Unpriv. ISA 2.4.1
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, ori, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM_OP(3, ori, 0x0000000000000555, 0x0000000000000001, 1365)
  TEST_IMM_OP(4, ori, 0x7fffffffffffffff, 0x7fffffffffffffff, 1)
  TEST_IMM_OP(5, ori, 0xfffffffffffffaaa, 0x8000000000000000, -1366)
  TEST_IMM_OP(6, ori, 0xffffffffffffffff, 0xffffffffffffffff, -1)
  TEST_IMM_OP(7, ori, 0x000000007fffffff, 0x000000007fffffff, 2)
  TEST_IMM_OP(8, ori, 0x00000000800007ff, 0x0000000080000000, 2047)
  TEST_IMM_OP(9, ori, 0xffffffffffffffff, 0x00000000ffffffff, -2)
  TEST_IMM_OP(10, ori, 0xfffffffffffff800, 0xffffffff80000000, -2048)
  TEST_IMM_OP(11, ori, 0x123456789abcdef0, 0x123456789abcdef0, 0)
  TEST_IMM_OP(12, ori, 0xfffffffffffffd55, 0xfffffffffffff800, 1365)
  TEST_IMM_OP(13, ori, 0x00000000000007ff, 0x00000000000007ff, 1)
  TEST_IMM_OP(14, ori, 0xfffffffffffffaaa, 0x0000000000000800, -1366)
  TEST_IMM_OP(15, ori, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(16, ori, 0x0000000000000003, 0x0000000000000001, 2)
  TEST_IMM_OP(17, ori, 0x7fffffffffffffff, 0x7fffffffffffffff, 2047)
  TEST_IMM_OP(18, ori, 0xfffffffffffffffe, 0x8000000000000000, -2)
  TEST_IMM_OP(19, ori, 0xffffffffffffffff, 0xffffffffffffffff, -2048)
  TEST_IMM_OP(20, ori, 0x000000007fffffff, 0x000000007fffffff, 2047)
  TEST_IMM_OP(21, ori, 0x7fffffffffffffff, 0x7ffffffffffff801, 2047)
  TEST_IMM_OP(22, ori, 0xffffffffffffffff, 0xffffffffffffffff, 2047)
  TEST_IMM_OP(23, ori, 0xffffffffffffffff, 0x0000000000000000, -1)
  TEST_IMM_OP(24, ori, 0xffffffffffffffff, 0x0000000000000001, -1)
  TEST_IMM_OP(25, ori, 0xffffffffffffffff, 0xffffffffffffffff, -1)
  TEST_IMM_OP(26, ori, 0xffffffffffffffff, 0x0000000080000000, -1)
  TEST_IMM_OP(27, ori, 0xffffffffffffffff, 0x0000000000000800, -1)
  TEST_IMM_OP(28, ori, 0x000000000000ffff, 0x000000000000ffff, 2)
  TEST_IMM_OP(29, ori, 0xffffffffffffffff, 0xfffffffffffffffe, 1365)
  TEST_IMM_OP(30, ori, 0xfffffffffffffffe, 0xfffffffffffffffe, -2048)
  TEST_IMM_OP(31, ori, 0x5555555555555555, 0x5555555555555555, 0)
  TEST_IMM_OP(32, ori, 0x0000000080000001, 0x0000000080000000, 1)

  # rd = rs1, x0 as source and destination, result forwarding
  TEST_IMM_SRC1_EQ_DEST(33, ori, 0xffffffffffffff7e, 0x8765432112345678, -1234)
  TEST_IMM_ZEROSRC1(34, ori, 0xfffffffffffffb2e, -1234)
  TEST_IMM_ZERODEST(35, ori, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(36, 0, ori, 0xffffffffffffff7e, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(37, 1, ori, 0xffffffffffffff7e, 0x8765432112345678, -1234)
  TEST_IMM_DEST_BYPASS(38, 2, ori, 0xffffffffffffff7e, 0x8765432112345678, -1234)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
