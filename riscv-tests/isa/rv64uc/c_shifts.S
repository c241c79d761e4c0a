# c.slli/c.srli/c.srai: RV64C shift amounts 1..63 (shamt[5] used); c.slli any rd, c.srli/c.srai rd' in x8..x15 (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a0, 0x0000000000000002, li a0, 0x0000000000000001; c.slli a0, 1)
  TEST_CASE(3, ra, 0x8000000000000000, li ra, 0x0000000000000001; c.slli ra, 63)
  TEST_CASE(4, t6, 0x9abcdef000000000, li t6, 0x123456789abcdef0; c.slli t6, 32)
  TEST_CASE(5, sp, 0xffffffff80000000, li sp, 0xffffffffffffffff; c.slli sp, 31)
  TEST_CASE(6, s0, 0x0000000200000000, li s0, 0x8000000000000001; c.slli s0, 33)
  TEST_CASE(7, x31, 0xf000000000000000, li x31, 0x000000000000000f; c.slli x31, 60)
  TEST_CASE(8, s0, 0x4000000000000000, li s0, 0x8000000000000000; c.srli s0, 1)
  TEST_CASE(10, s0, 0xc000000000000000, li s0, 0x8000000000000000; c.srai s0, 1)
  TEST_CASE(11, s1, 0x0000000000000001, li s1, 0x8000000000000000; c.srli s1, 63)
  TEST_CASE(13, s1, 0xffffffffffffffff, li s1, 0x8000000000000000; c.srai s1, 63)
  TEST_CASE(14, a0, 0x00000000ffffffff, li a0, 0xffffffffffffffff; c.srli a0, 32)
  TEST_CASE(16, a0, 0xffffffffffffffff, li a0, 0xffffffffffffffff; c.srai a0, 32)
  TEST_CASE(17, a1, 0x0123456789abcdef, li a1, 0x123456789abcdef0; c.srli a1, 4)
  TEST_CASE(19, a1, 0x0123456789abcdef, li a1, 0x123456789abcdef0; c.srai a1, 4)
  TEST_CASE(20, a2, 0x00000001ffffffff, li a2, 0xffffffff80000000; c.srli a2, 31)
  TEST_CASE(22, a2, 0xffffffffffffffff, li a2, 0xffffffff80000000; c.srai a2, 31)
  TEST_CASE(23, a3, 0x0000000000000001, li a3, 0x7fffffffffffffff; c.srli a3, 62)
  TEST_CASE(25, a3, 0x0000000000000001, li a3, 0x7fffffffffffffff; c.srai a3, 62)
  TEST_CASE(26, a4, 0x0000000000000002, li a4, 0x0000000000000005; c.srli a4, 1)
  TEST_CASE(28, a4, 0x0000000000000002, li a4, 0x0000000000000005; c.srai a4, 1)
  TEST_CASE(29, a5, 0x0000000040000000, li a5, 0x8000000000000001; c.srli a5, 33)
  TEST_CASE(31, a5, 0xffffffffc0000000, li a5, 0x8000000000000001; c.srai a5, 33)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
