# sraiw: RV64I 5.2.1: shamt 0..31 on rs1[31:0], result sign-extended from bit 31
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_IMM_OP(2, sraiw, 0x0000000000000001, 0x0000000000000001, 0)
  TEST_IMM_OP(3, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 1)
  TEST_IMM_OP(4, sraiw, 0xffffffffff000000, 0x0000000080000000, 7)
  TEST_IMM_OP(5, sraiw, 0x000000000001ffff, 0x000000007fffffff, 14)
  TEST_IMM_OP(6, sraiw, 0xfffffffffffff9ab, 0x123456789abcdef0, 20)
  TEST_IMM_OP(7, sraiw, 0x0000000000000000, 0xffffffff21212121, 30)
  TEST_IMM_OP(8, sraiw, 0xffffffffffffffff, 0x0000000081818181, 31)
  TEST_IMM_OP(9, sraiw, 0x0000000000000000, 0x0000000000000001, 31)
  TEST_IMM_OP(10, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 31)
  TEST_IMM_OP(11, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31)
  TEST_IMM_OP(12, sraiw, 0x0000000000000000, 0x000000007fffffff, 31)
  TEST_IMM_OP(13, sraiw, 0xffffffffffffffff, 0x123456789abcdef0, 31)
  TEST_IMM_OP(14, sraiw, 0x0000000000000000, 0xffffffff21212121, 31)
  TEST_IMM_OP(15, sraiw, 0xffffffffffffffff, 0x0000000081818181, 31)
  TEST_IMM_OP(16, sraiw, 0x0000000000000001, 0x0000000000000001, 0)
  TEST_IMM_OP(17, sraiw, 0xffffffffffffffff, 0xffffffffffffffff, 0)
  TEST_IMM_OP(18, sraiw, 0xffffffff80000000, 0x0000000080000000, 0)
  TEST_IMM_OP(19, sraiw, 0x000000007fffffff, 0x000000007fffffff, 0)
  TEST_IMM_OP(20, sraiw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0)
  TEST_IMM_OP(21, sraiw, 0x0000000021212121, 0xffffffff21212121, 0)
  TEST_IMM_OP(22, sraiw, 0xffffffff81818181, 0x0000000081818181, 0)

  # rd = rs1, x0 as source and destination, result forwarding
  TEST_IMM_SRC1_EQ_DEST(23, sraiw, 0x000000000091a2b3, 0x8765432112345678, 5)
  TEST_IMM_ZEROSRC1(24, sraiw, 0x0000000000000000, 5)
  TEST_IMM_ZERODEST(25, sraiw, 0x8765432112345678, 5)
  TEST_IMM_DEST_BYPASS(26, 0, sraiw, 0x000000000091a2b3, 0x8765432112345678, 5)
  TEST_IMM_DEST_BYPASS(27, 1, sraiw, 0x000000000091a2b3, 0x8765432112345678, 5)
  TEST_IMM_DEST_BYPASS(28, 2, sraiw, 0x000000000091a2b3, 0x8765432112345678, 5)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
