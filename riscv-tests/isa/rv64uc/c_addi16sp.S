# c.addi16sp: sp += sext(nzimm), a multiple of 16 in -512..496 (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, sp, 0x0000000080001010, li sp, 0x0000000080001000; c.addi16sp sp, 16)
  TEST_CASE(3, sp, 0x0000000080000ff0, li sp, 0x0000000080001000; c.addi16sp sp, -16)
  TEST_CASE(4, sp, 0x00000000800011f0, li sp, 0x0000000080001000; c.addi16sp sp, 496)
  TEST_CASE(5, sp, 0x0000000080000e00, li sp, 0x0000000080001000; c.addi16sp sp, -512)
  TEST_CASE(6, sp, 0xfffffffffffffe00, li sp, 0x0000000000000000; c.addi16sp sp, -512)
  TEST_CASE(7, sp, 0x0000000000000010, li sp, 0xfffffffffffffff0; c.addi16sp sp, 32)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
