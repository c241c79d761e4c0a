# c.mv/c.add: rd = rs2 / rd += rs2, any registers (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a0, 0x123456789abcdef0, li a0, 0x0000000000000005; li a1, 0x123456789abcdef0; c.mv a0, a1)
  TEST_CASE(3, ra, 0xffffffffffffffff, li ra, 0x0000000000000000; li x31, 0xffffffffffffffff; c.mv ra, x31)
  TEST_CASE(4, t0, 0x0000000080000000, li t0, 0x0000000000000007; li sp, 0x0000000080000000; c.mv t0, sp)
  TEST_CASE(5, x31, 0x0000000000000001, li x31, 0x0000000000000000; li s11, 0x0000000000000001; c.mv x31, s11)
  TEST_CASE(6, s0, 0x0000000000000003, li s0, 0x0000000000000003; li s0, 0x0000000000000003; c.mv s0, s0)
  TEST_CASE(7, a0, 0x123456789abcdef5, li a0, 0x0000000000000005; li a1, 0x123456789abcdef0; c.add a0, a1)
  TEST_CASE(8, ra, 0x0000000000000000, li ra, 0x0000000000000001; li x31, 0xffffffffffffffff; c.add ra, x31)
  TEST_CASE(9, t0, 0x8000000000000000, li t0, 0x7fffffffffffffff; li sp, 0x0000000000000001; c.add t0, sp)
  TEST_CASE(10, x31, 0x0000000100000000, li x31, 0x00000000ffffffff; li s11, 0x0000000000000001; c.add x31, s11)
  TEST_CASE(11, a2, 0x2468acf0, li a2, 0x12345678; c.add a2, a2)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
