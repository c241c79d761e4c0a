# amoor.w: A 8.4: rd gets the old value (sign-extended for .w), memory gets old OP rs2
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_AMO(2, amoor.w, amo_dw, 0, 0x8000000080000000, 0x0000000080000000, 0xffffffff80000000, 0x8000000080000000)
  TEST_AMO(3, amoor.w, amo_dw, 4, 0x8000000080000000, 0x0000000080000000, 0xffffffff80000000, 0x8000000080000000)
  TEST_AMO(4, amoor.w, amo_dw, 0, 0x7fffffff7fffffff, 0x0000000000000001, 0x000000007fffffff, 0x7fffffff7fffffff)
  TEST_AMO(5, amoor.w, amo_dw, 4, 0x7fffffff7fffffff, 0x0000000000000001, 0x000000007fffffff, 0x7fffffff7fffffff)
  TEST_AMO(6, amoor.w, amo_dw, 0, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO(7, amoor.w, amo_dw, 4, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO(8, amoor.w, amo_dw, 0, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0x00000000ffffffff)
  TEST_AMO(9, amoor.w, amo_dw, 4, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0xffffffff00000000)
  TEST_AMO(10, amoor.w, amo_dw, 0, 0x123456789abcdef0, 0x7fffffff80000000, 0xffffffff9abcdef0, 0x123456789abcdef0)
  TEST_AMO(11, amoor.w, amo_dw, 4, 0x123456789abcdef0, 0x7fffffff80000000, 0x0000000012345678, 0x923456789abcdef0)
  TEST_AMO(12, amoor.w, amo_dw, 0, 0xfedcba9876543210, 0x0123456789abcdef, 0x0000000076543210, 0xfedcba98ffffffff)
  TEST_AMO(13, amoor.w, amo_dw, 4, 0xfedcba9876543210, 0x0123456789abcdef, 0xfffffffffedcba98, 0xffffffff76543210)
  TEST_AMO(14, amoor.w, amo_dw, 0, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000000, 0x80000000ffffffff)
  TEST_AMO(15, amoor.w, amo_dw, 4, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff80000000, 0xffffffff00000000)
  TEST_AMO(16, amoor.w, amo_dw, 0, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff)
  TEST_AMO(17, amoor.w, amo_dw, 4, 0x7fffffffffffffff, 0x8000000000000000, 0x000000007fffffff, 0x7fffffffffffffff)
  TEST_AMO(18, amoor.w, amo_dw, 0, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000000, 0x00000000ffffffff)
  TEST_AMO(19, amoor.w, amo_dw, 4, 0x0000000000000000, 0x7fffffffffffffff, 0x0000000000000000, 0xffffffff00000000)
  TEST_AMO(20, amoor.w, amo_dw, 0, 0x000000007fffffff, 0x8000000000000000, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(21, amoor.w, amo_dw, 4, 0x000000007fffffff, 0x8000000000000000, 0x0000000000000000, 0x000000007fffffff)
  TEST_AMO(22, amoor.w, amo_dw, 0, 0x0000000080000000, 0x0000000000000000, 0xffffffff80000000, 0x0000000080000000)
  TEST_AMO(23, amoor.w, amo_dw, 4, 0x0000000080000000, 0x0000000000000000, 0x0000000000000000, 0x0000000080000000)
  TEST_AMO(24, amoor.w, amo_dw, 0, 0x0000000080000000, 0xffffffff80000000, 0xffffffff80000000, 0x0000000080000000)
  TEST_AMO(25, amoor.w, amo_dw, 4, 0x0000000080000000, 0xffffffff80000000, 0x0000000000000000, 0x8000000080000000)
  TEST_AMO(26, amoor.w, amo_dw, 0, 0x123456789abcdef0, 0x00000000fffff800, 0xffffffff9abcdef0, 0x12345678fffffef0)
  TEST_AMO(27, amoor.w, amo_dw, 4, 0x123456789abcdef0, 0x00000000fffff800, 0x0000000012345678, 0xfffffe789abcdef0)
  TEST_AMO(28, amoor.w, amo_dw, 0, 0x0000000000000001, 0xffffffff80000000, 0x0000000000000001, 0x0000000080000001)
  TEST_AMO(29, amoor.w, amo_dw, 4, 0x0000000000000001, 0xffffffff80000000, 0x0000000000000000, 0x8000000000000001)

  # rd = x0: memory is still updated
test_30:
  li TESTNUM, 30
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amoor.w x0, x2, (x1)
  ld x14, 0(x1)
  li x7, 0x000000050000000b
  CHECK_EQ(x14, x7)
  CHECK_EQ(x0, zero)

  # rd = rs2: the old value wins, the operand was read first
test_31:
  li TESTNUM, 31
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amoor.w x2, x2, (x1)
  li x7, 0x0000000000000003
  CHECK_EQ(x2, x7)
  ld x14, 0(x1)
  li x7, 0x000000050000000b
  CHECK_EQ(x14, x7)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
amo_dw: .dword 0
  .dword 0x5555555555555555
RVTEST_DATA_END
