# lui: rd = imm << 12, sign-extended from bit 31 on RV64 (RV64I 5.2.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE(2, x14, 0x0000000000000000, lui x14, 0x00000)
  TEST_CASE(3, x14, 0x0000000000001000, lui x14, 0x00001)
  TEST_CASE(4, x14, 0x000000007ffff000, lui x14, 0x7ffff)
  TEST_CASE(5, x14, 0xffffffff80000000, lui x14, 0x80000)
  TEST_CASE(6, x14, 0xfffffffffffff000, lui x14, 0xfffff)
  TEST_CASE(7, x14, 0x0000000012345000, lui x14, 0x12345)
  # lui replaces every bit of rd, including the low 12
  TEST_CASE(8, x14, 0xffffffffabcde000, li x14, -1; lui x14, 0xabcde)
  # the lui/addi pair that li expands to, across the sign boundary
  TEST_CASE(9, x14, 0x000000007fffffff, lui x14, 0x80000; addiw x14, x14, -1)
  TEST_CASE(10, x14, 0xffffffff80000800, lui x14, 0x80001; addi x14, x14, -0x800)
  TEST_CASE(11, x14, 0x0000000000000000, lui x0, 0x80000; mv x14, x0)
  TEST_CASE(12, x14, 0xfffffffffffff800, lui x14, 0xfffff; srai x14, x14, 1)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
