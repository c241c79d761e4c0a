# c.beqz / c.bnez: compare rs1' (x8..x15) with zero, offset +/-256 bytes
# (Unpriv. ISA 16.6)
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_CBR(testnum, inst, reg, val, taken)                        \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li reg, val;                                                          \
  li x7, 0;                                                             \
  inst reg, 1f;                                                         \
  li x7, 1;                                                             \
1:li x6, 1 - (taken);                                                   \
  CHECK_EQ(x6, x7)

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CBR(2, c.beqz, s0, 0, 1)
  TEST_CBR(3, c.beqz, s1, 1, 0)
  TEST_CBR(4, c.beqz, a0, -1, 0)
  TEST_CBR(5, c.beqz, a5, 0x100000000, 0)
  TEST_CBR(6, c.bnez, a1, 0, 0)
  TEST_CBR(7, c.bnez, a2, 0x8000000000000000, 1)
  TEST_CBR(8, c.bnez, a3, 0x100000000, 1)
  TEST_CBR(9, c.bnez, a4, -1, 1)

  # backward targets and the far end of the range
test_10:
  li TESTNUM, 10
  li a0, 3
  li a1, 0
1:addi a1, a1, 1
  addi a0, a0, -1
  c.bnez a0, 1b
  li x7, 3
  CHECK_EQ(a1, x7)
test_11:
  li TESTNUM, 11
  li s0, 0
  c.beqz s0, 1f
  .fill 120, 2, 0x0001
  j fail
1:

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
