# c.andi: rd' &= sext(imm[5:0]), rd' in x8..x15 (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, s0, 0x0000000000000000, li s0, 0xffffffffffffffff; c.andi s0, 0)
  TEST_CASE(3, s1, 0xffffffffffffffff, li s1, 0xffffffffffffffff; c.andi s1, -1)
  TEST_CASE(4, a0, 0x0000000000000010, li a0, 0x123456789abcdef0; c.andi a0, 31)
  TEST_CASE(5, a1, 0x123456789abcdee0, li a1, 0x123456789abcdef0; c.andi a1, -32)
  TEST_CASE(6, a2, 0x0000000000000015, li a2, 0x00000000000000ff; c.andi a2, 21)
  TEST_CASE(7, a3, 0x8000000000000000, li a3, 0x8000000000000000; c.andi a3, -1)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
