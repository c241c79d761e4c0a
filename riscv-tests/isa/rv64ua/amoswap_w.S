# amoswap.w: A 8.4: rd gets the old value (sign-extended for .w), memory gets old OP rs2
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_AMO(2, amoswap.w, amo_dw, 0, 0x8000000080000000, 0x0000000080000000, 0xffffffff80000000, 0x8000000080000000)
  TEST_AMO(3, amoswap.w, amo_dw, 4, 0x8000000080000000, 0x0000000080000000, 0xffffffff80000000, 0x8000000080000000)
  TEST_AMO(4, amoswap.w, amo_dw, 0, 0x7fffffff7fffffff, 0x0000000000000001, 0x000000007fffffff, 0x7fffffff00000001)
  TEST_AMO(5, amoswap.w, amo_dw, 4, 0x7fffffff7fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000017fffffff)
  TEST_AMO(6, amoswap.w, amo_dw, 0, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffff00000000)
  TEST_AMO(7, amoswap.w, amo_dw, 4, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0x00000000ffffffff)
  TEST_AMO(8, amoswap.w, amo_dw, 0, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0x00000000ffffffff)
  TEST_AMO(9, amoswap.w, amo_dw, 4, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0xffffffff00000000)
  TEST_AMO(10, amoswap.w, amo_dw, 0, 0x123456789abcdef0, 0x7fffffff80000000, 0xffffffff9abcdef0, 0x1234567880000000)
  TEST_AMO(11, amoswap.w, amo_dw, 4, 0x123456789abcdef0, 0x7fffffff80000000, 0x0000000012345678, 0x800000009abcdef0)
  TEST_AMO(12, amoswap.w, amo_dw, 0, 0xfedcba9876543210, 0x0123456789abcdef, 0x0000000076543210, 0xfedcba9889abcdef)
  TEST_AMO(13, amoswap.w, amo_dw, 4, 0xfedcba9876543210, 0x0123456789abcdef, 0xfffffffffedcba98, 0x89abcdef76543210)
  TEST_AMO(14, amoswap.w, amo_dw, 0, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000000, 0x80000000ffffffff)
  TEST_AMO(15, amoswap.w, amo_dw, 4, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff80000000, 0xffffffff00000000)
  TEST_AMO(16, amoswap.w, amo_dw, 0, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffff00000000)
  TEST_AMO(17, amoswap.w, amo_dw, 4, 0x7fffffffffffffff, 0x8000000000000000, 0x000000007fffffff, 0x00000000ffffffff)
  TEST_AMO(18, amoswap.w, amo_dw, 0, 0x8000000000000000, 0x000000007fffffff, 0x0000000000000000, 0x800000007fffffff)
  TEST_AMO(19, amoswap.w, amo_dw, 4, 0x8000000000000000, 0x000000007fffffff, 0xffffffff80000000, 0x7fffffff00000000)
  TEST_AMO(20, amoswap.w, amo_dw, 0, 0x8000000000000000, 0x123456789abcdef0, 0x0000000000000000, 0x800000009abcdef0)
  TEST_AMO(21, amoswap.w, amo_dw, 4, 0x8000000000000000, 0x123456789abcdef0, 0xffffffff80000000, 0x9abcdef000000000)
  TEST_AMO(22, amoswap.w, amo_dw, 0, 0xfedcba9876543210, 0x0000000000000001, 0x0000000076543210, 0xfedcba9800000001)
  TEST_AMO(23, amoswap.w, amo_dw, 4, 0xfedcba9876543210, 0x0000000000000001, 0xfffffffffedcba98, 0x0000000176543210)
  TEST_AMO(24, amoswap.w, amo_dw, 0, 0x7fffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, 0x7fffffff00000001)
  TEST_AMO(25, amoswap.w, amo_dw, 4, 0x7fffffffffffffff, 0x0000000000000001, 0x000000007fffffff, 0x00000001ffffffff)
  TEST_AMO(26, amoswap.w, amo_dw, 0, 0x8000000000000000, 0x00000000fffff800, 0x0000000000000000, 0x80000000fffff800)
  TEST_AMO(27, amoswap.w, amo_dw, 4, 0x8000000000000000, 0x00000000fffff800, 0xffffffff80000000, 0xfffff80000000000)
  TEST_AMO(28, amoswap.w, amo_dw, 0, 0xffffffff80000000, 0x7fffffffffffffff, 0xffffffff80000000, 0xffffffffffffffff)
  TEST_AMO(29, amoswap.w, amo_dw, 4, 0xffffffff80000000, 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffff80000000)

  # rd = x0: memory is still updated
test_30:
  li TESTNUM, 30
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amoswap.w x0, x2, (x1)
  ld x14, 0(x1)
  li x7, 0x0000000500000009
  CHECK_EQ(x14, x7)
  CHECK_EQ(x0, zero)

  # rd = rs2: the old value wins, the operand was read first
test_31:
  li TESTNUM, 31
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amoswap.w x2, x2, (x1)
  li x7, 0x0000000000000003
  CHECK_EQ(x2, x7)
  ld x14, 0(x1)
  li x7, 0x0000000500000009
  CHECK_EQ(x14, x7)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
amo_dw: .dword 0
  .dword 0x5555555555555555
RVTEST_DATA_END
