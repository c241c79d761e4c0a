# c.addi: rd += sext(nzimm[5:0]), any rd (Unpriv. ISA 16.5); c.nop
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a0, 0x0000000000000001, li a0, 0x0000000000000000; c.addi a0, 1)
  TEST_CASE(3, t0, 0x0000000000000004, li t0, 0x0000000000000005; c.addi t0, -1)
  TEST_CASE(4, s1, 0x8000000000000000, li s1, 0x7fffffffffffffff; c.addi s1, 1)
  TEST_CASE(5, ra, 0x000000000000001e, li ra, 0xffffffffffffffff; c.addi ra, 31)
  TEST_CASE(6, x31, 0xffffffffffffffe0, li x31, 0x0000000000000000; c.addi x31, -32)
  TEST_CASE(7, a5, 0x00000000000000e0, li a5, 0x0000000000000100; c.addi a5, -32)
  TEST_CASE(8, s0, 0x000000007fffffff, li s0, 0x0000000080000000; c.addi s0, -1)
  # c.nop changes nothing
  TEST_CASE(9, a0, 77, li a0, 77; c.nop)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
