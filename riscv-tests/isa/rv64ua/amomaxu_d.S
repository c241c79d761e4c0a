# amomaxu.d: A 8.4: rd gets the old value (sign-extended for .w), memory gets old OP rs2
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_AMO(2, amomaxu.d, amo_dw, 0, 0x8000000080000000, 0x0000000080000000, 0x8000000080000000, 0x8000000080000000)
  TEST_AMO(3, amomaxu.d, amo_dw, 0, 0x7fffffff7fffffff, 0x0000000000000001, 0x7fffffff7fffffff, 0x7fffffff7fffffff)
  TEST_AMO(4, amomaxu.d, amo_dw, 0, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_AMO(5, amomaxu.d, amo_dw, 0, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff)
  TEST_AMO(6, amomaxu.d, amo_dw, 0, 0x123456789abcdef0, 0x7fffffff80000000, 0x123456789abcdef0, 0x7fffffff80000000)
  TEST_AMO(7, amomaxu.d, amo_dw, 0, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210, 0xfedcba9876543210)
  TEST_AMO(8, amomaxu.d, amo_dw, 0, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO(9, amomaxu.d, amo_dw, 0, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_AMO(10, amomaxu.d, amo_dw, 0, 0x123456789abcdef0, 0x0000000080000000, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO(11, amomaxu.d, amo_dw, 0, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000, 0xffffffff80000000)
  TEST_AMO(12, amomaxu.d, amo_dw, 0, 0x00000000ffffffff, 0x000000007fffffff, 0x00000000ffffffff, 0x00000000ffffffff)
  TEST_AMO(13, amomaxu.d, amo_dw, 0, 0x8000000000000000, 0x0000000080000000, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO(14, amomaxu.d, amo_dw, 0, 0xfedcba9876543210, 0x0000000000000000, 0xfedcba9876543210, 0xfedcba9876543210)
  TEST_AMO(15, amomaxu.d, amo_dw, 0, 0x00000000ffffffff, 0x7fffffffffffffff, 0x00000000ffffffff, 0x7fffffffffffffff)

  # rd = x0: memory is still updated
test_16:
  li TESTNUM, 16
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amomaxu.d x0, x2, (x1)
  ld x14, 0(x1)
  li x7, 0x0000000700000009
  CHECK_EQ(x14, x7)
  CHECK_EQ(x0, zero)

  # rd = rs2: the old value wins, the operand was read first
test_17:
  li TESTNUM, 17
  la x1, amo_dw
  li x2, 0x0000000500000003
  sd x2, 0(x1)
  li x2, 0x0000000700000009
  amomaxu.d x2, x2, (x1)
  li x7, 0x0000000500000003
  CHECK_EQ(x2, x7)
  ld x14, 0(x1)
  li x7, 0x0000000700000009
  CHECK_EQ(x14, x7)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
amo_dw: .dword 0
  .dword 0x5555555555555555
RVTEST_DATA_END
