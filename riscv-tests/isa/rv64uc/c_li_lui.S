# c.li/c.lui: c.li rd = sext(imm[5:0]); c.lui rd = sext(nzimm[17:12]) << 12, rd not x0/x2 (Unpriv. ISA 16.4)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a0, 0x0000000000000000, li a0, -77; c.li a0, 0)
  TEST_CASE(3, t0, 0x000000000000001f, li t0, -77; c.li t0, 31)
  TEST_CASE(4, s1, 0xffffffffffffffe0, li s1, -77; c.li s1, -32)
  TEST_CASE(5, ra, 0xffffffffffffffff, li ra, -77; c.li ra, -1)
  TEST_CASE(6, x31, 0x0000000000000001, li x31, -77; c.li x31, 1)
  TEST_CASE(7, sp, 0x0000000000000011, li sp, -77; c.li sp, 17)
  TEST_CASE(8, a0, 0x0000000000001000, li a0, 77; c.lui a0, 0x1)
  TEST_CASE(9, t0, 0x000000000001f000, li t0, 77; c.lui t0, 0x1f)
  TEST_CASE(10, s1, 0xfffffffffffff000, li s1, 77; c.lui s1, 0xfffff)
  TEST_CASE(11, ra, 0xfffffffffffe0000, li ra, 77; c.lui ra, 0xfffe0)
  TEST_CASE(12, x31, 0x0000000000010000, li x31, 77; c.lui x31, 0x10)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
