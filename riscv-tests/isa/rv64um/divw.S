# divw: M 7.2: 32-bit signed divide of rs1[31:0]/rs2[31:0], sign-extended; /0 = -1; (-2^31)/(-1) = -2^31
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_RR_OP(2, divw, 0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
  TEST_RR_OP(3, divw, 0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)
  TEST_RR_OP(4, divw, 0xfffffffffffffffd, 0x0000000000000014, 0xfffffffffffffffa)
  TEST_RR_OP(5, divw, 0x0000000000000003, 0xffffffffffffffec, 0xfffffffffffffffa)
  TEST_RR_OP(6, divw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000001)
  TEST_RR_OP(7, divw, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000)
  TEST_RR_OP(8, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
  TEST_RR_OP(9, divw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(10, divw, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000000)
  TEST_RR_OP(11, divw, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)
  TEST_RR_OP(12, divw, 0x0000000000000000, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP(13, divw, 0x0000000000000001, 0x7fffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP(14, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff)
  TEST_RR_OP(15, divw, 0xffffffff80000000, 0x0000000080000000, 0xffffffffffffffff)
  TEST_RR_OP(16, divw, 0xffffffff80000000, 0xffffffff80000000, 0x00000000ffffffff)
  TEST_RR_OP(17, divw, 0xffffffffffffffff, 0x123456789abcdef0, 0x0000000100000000)
  TEST_RR_OP(18, divw, 0xffffffffffffffff, 0x123456789abcdef0, 0xffffffff00000000)
  TEST_RR_OP(19, divw, 0x0000000000000000, 0x00000000ffffffff, 0x0000000000000002)
  TEST_RR_OP(20, divw, 0xffffffffffffffff, 0x0000000100000005, 0x0000000100000000)
  TEST_RR_OP(21, divw, 0xffffffffffffffff, 0x00000005ffffffff, 0x0000000700000000)
  TEST_RR_OP(22, divw, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP(23, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP(24, divw, 0xfffffffffffffff9, 0x0000000000000007, 0x00000000ffffffff)
  TEST_RR_OP(25, divw, 0xffffffffffffffff, 0x8000000000000000, 0x8000000000000000)
  TEST_RR_OP(26, divw, 0x0000000000000000, 0xfffffffffffff800, 0x123456789abcdef0)
  TEST_RR_OP(27, divw, 0xfffffffffc000000, 0x0000000080000000, 0x0000000000000020)
  TEST_RR_OP(28, divw, 0xffffffffffffffff, 0x0000000000000002, 0xfffffffffffffffe)
  TEST_RR_OP(29, divw, 0xffffffffffffffff, 0x0000000000000040, 0x0000000100000000)
  TEST_RR_OP(30, divw, 0xffffffffd5555555, 0xaaaaaaaaaaaaaaaa, 0x0000000000000002)
  TEST_RR_OP(31, divw, 0x0000000000000000, 0x0000000000000020, 0x0000000000000040)
  TEST_RR_OP(32, divw, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000800)
  TEST_RR_OP(33, divw, 0x0000000000000000, 0x000000007fffffff, 0xffffffff80000000)

  # register aliasing: rd = rs1, rd = rs2, rd = rs1 = rs2, x0 as source and destination
  TEST_RR_SRC1_EQ_DEST(34, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC2_EQ_DEST(35, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC12_EQ_DEST(36, divw, 0x0000000000000001, 0x0000000000000021)
  TEST_RR_ZEROSRC1(37, divw, 0x0000000000000000, 0xfffffffffff0bdb9)
  TEST_RR_ZEROSRC2(38, divw, 0xffffffffffffffff, 0xfffffffffff0bdb9)
  TEST_RR_ZEROSRC12(39, divw, 0xffffffffffffffff)
  TEST_RR_ZERODEST(40, divw, 0xfffffffffff0bdb9, 0x0000000000000021)

  # the result feeds the next instruction directly and after gaps
  TEST_RR_DEST_BYPASS(41, 0, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_DEST_BYPASS(42, 1, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_DEST_BYPASS(43, 2, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC12_BYPASS(44, 0, 0, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC12_BYPASS(45, 0, 1, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC12_BYPASS(46, 1, 0, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)
  TEST_RR_SRC12_BYPASS(47, 2, 0, divw, 0xffffffffffff89a1, 0xfffffffffff0bdb9, 0x0000000000000021)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
