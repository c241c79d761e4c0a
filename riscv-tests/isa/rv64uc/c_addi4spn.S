# c.addi4spn: rd' = sp + nzuimm, zero-extended multiple of 4 up to 1020, rd' in x8..x15 (Unpriv. ISA 16.5 "Integer Register-Immediate Operations")
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, s0, 0x80001230 + 4, li sp, 0x80001230; c.addi4spn s0, sp, 4)
  TEST_CASE(3, s1, 0x80001230 + 8, li sp, 0x80001230; c.addi4spn s1, sp, 8)
  TEST_CASE(4, a0, 0x80001230 + 12, li sp, 0x80001230; c.addi4spn a0, sp, 12)
  TEST_CASE(5, a1, 0x80001230 + 16, li sp, 0x80001230; c.addi4spn a1, sp, 16)
  TEST_CASE(6, a2, 0x80001230 + 64, li sp, 0x80001230; c.addi4spn a2, sp, 64)
  TEST_CASE(7, a3, 0x80001230 + 128, li sp, 0x80001230; c.addi4spn a3, sp, 128)
  TEST_CASE(8, a4, 0x80001230 + 256, li sp, 0x80001230; c.addi4spn a4, sp, 256)
  TEST_CASE(9, a5, 0x80001230 + 512, li sp, 0x80001230; c.addi4spn a5, sp, 512)
  TEST_CASE(10, s0, 0x80001230 + 1020, li sp, 0x80001230; c.addi4spn s0, sp, 1020)
  TEST_CASE(11, s1, 0x80001230 + 1016, li sp, 0x80001230; c.addi4spn s1, sp, 1016)
  TEST_CASE(12, a0, 0x80001230 + 1000, li sp, 0x80001230; c.addi4spn a0, sp, 1000)
  TEST_CASE(13, a1, 0x80001230 + 4, li sp, 0x80001230; c.addi4spn a1, sp, 4)
  TEST_CASE(14, a2, 0x80001230 + 36, li sp, 0x80001230; c.addi4spn a2, sp, 36)
  TEST_CASE(15, a3, 0x80001230 + 68, li sp, 0x80001230; c.addi4spn a3, sp, 68)
  TEST_CASE(16, a4, 0x80001230 + 132, li sp, 0x80001230; c.addi4spn a4, sp, 132)
  TEST_CASE(17, a5, 0x80001230 + 260, li sp, 0x80001230; c.addi4spn a5, sp, 260)
  # sp itself unchanged
  TEST_CASE(18, sp, 0x80001230, li sp, 0x80001230; c.addi4spn a0, sp, 1020)
  TEST_CASE(19, a0, 0xffffffffffffffff + 4, li sp, -1; c.addi4spn a0, sp, 4)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
