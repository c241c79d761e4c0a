# c.sub/c.xor/c.or/c.and/c.subw/c.addw: rd' = rd' op rs2', both in x8..x15; the W forms sign-extend bit 31 (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, s0, 0x02468acf13579bcf, li s0, 0x123456789abcdef0; li s1, 0x0fedcba987654321; c.sub s0, s1)
  TEST_CASE(3, s1, 0x000000007ffffffe, li s1, 0x000000007fffffff; li a1, 0x0000000000000001; c.sub s1, a1)
  TEST_CASE(4, a0, 0xffffffffffffffff, li a0, 0x0000000000000000; li a3, 0x0000000000000001; c.sub a0, a3)
  TEST_CASE(5, a1, 0xffffffff80000001, li a1, 0x0000000080000000; li a5, 0x00000000ffffffff; c.sub a1, a5)
  TEST_CASE(6, a2, 0x7fffffffffffffff, li a2, 0xffffffffffffffff; li s1, 0x8000000000000000; c.sub a2, s1)
  TEST_CASE(7, a3, 0xfffffffe00000001, li a3, 0xffffffff00000000; li a1, 0x00000000ffffffff; c.sub a3, a1)
  TEST_CASE(8, a3, 0x0000000000000000, li a3, 0x0000000180000003; c.sub a3, a3)
  TEST_CASE(9, s1, 0x1dd99dd11dd99dd1, li s1, 0x123456789abcdef0; li a0, 0x0fedcba987654321; c.xor s1, a0)
  TEST_CASE(10, a0, 0x000000007ffffffe, li a0, 0x000000007fffffff; li a2, 0x0000000000000001; c.xor a0, a2)
  TEST_CASE(11, a1, 0x0000000000000001, li a1, 0x0000000000000000; li a4, 0x0000000000000001; c.xor a1, a4)
  TEST_CASE(12, a2, 0x000000007fffffff, li a2, 0x0000000080000000; li s0, 0x00000000ffffffff; c.xor a2, s0)
  TEST_CASE(13, a3, 0x7fffffffffffffff, li a3, 0xffffffffffffffff; li a0, 0x8000000000000000; c.xor a3, a0)
  TEST_CASE(14, a4, 0xffffffffffffffff, li a4, 0xffffffff00000000; li a2, 0x00000000ffffffff; c.xor a4, a2)
  TEST_CASE(15, a3, 0x0000000000000000, li a3, 0x0000000180000003; c.xor a3, a3)
  TEST_CASE(16, a0, 0x1ffddff99ffddff1, li a0, 0x123456789abcdef0; li a1, 0x0fedcba987654321; c.or a0, a1)
  TEST_CASE(17, a1, 0x000000007fffffff, li a1, 0x000000007fffffff; li a3, 0x0000000000000001; c.or a1, a3)
  TEST_CASE(18, a2, 0x0000000000000001, li a2, 0x0000000000000000; li a5, 0x0000000000000001; c.or a2, a5)
  TEST_CASE(19, a3, 0x00000000ffffffff, li a3, 0x0000000080000000; li s1, 0x00000000ffffffff; c.or a3, s1)
  TEST_CASE(20, a4, 0xffffffffffffffff, li a4, 0xffffffffffffffff; li a1, 0x8000000000000000; c.or a4, a1)
  TEST_CASE(21, a5, 0xffffffffffffffff, li a5, 0xffffffff00000000; li a3, 0x00000000ffffffff; c.or a5, a3)
  TEST_CASE(22, a3, 0x0000000180000003, li a3, 0x0000000180000003; c.or a3, a3)
  TEST_CASE(23, a1, 0x0224422882244220, li a1, 0x123456789abcdef0; li a2, 0x0fedcba987654321; c.and a1, a2)
  TEST_CASE(24, a2, 0x0000000000000001, li a2, 0x000000007fffffff; li a4, 0x0000000000000001; c.and a2, a4)
  TEST_CASE(25, a3, 0x0000000000000000, li a3, 0x0000000000000000; li s0, 0x0000000000000001; c.and a3, s0)
  TEST_CASE(26, a4, 0x0000000080000000, li a4, 0x0000000080000000; li a0, 0x00000000ffffffff; c.and a4, a0)
  TEST_CASE(27, a5, 0x8000000000000000, li a5, 0xffffffffffffffff; li a2, 0x8000000000000000; c.and a5, a2)
  TEST_CASE(28, s0, 0x0000000000000000, li s0, 0xffffffff00000000; li a4, 0x00000000ffffffff; c.and s0, a4)
  TEST_CASE(29, a3, 0x0000000180000003, li a3, 0x0000000180000003; c.and a3, a3)
  TEST_CASE(30, a2, 0x0000000013579bcf, li a2, 0x123456789abcdef0; li a3, 0x0fedcba987654321; c.subw a2, a3)
  TEST_CASE(31, a3, 0x000000007ffffffe, li a3, 0x000000007fffffff; li a5, 0x0000000000000001; c.subw a3, a5)
  TEST_CASE(32, a4, 0xffffffffffffffff, li a4, 0x0000000000000000; li s1, 0x0000000000000001; c.subw a4, s1)
  TEST_CASE(33, a5, 0xffffffff80000001, li a5, 0x0000000080000000; li a1, 0x00000000ffffffff; c.subw a5, a1)
  TEST_CASE(34, s0, 0xffffffffffffffff, li s0, 0xffffffffffffffff; li a3, 0x8000000000000000; c.subw s0, a3)
  TEST_CASE(35, s1, 0x0000000000000001, li s1, 0xffffffff00000000; li a5, 0x00000000ffffffff; c.subw s1, a5)
  TEST_CASE(36, a3, 0x0000000000000000, li a3, 0x0000000180000003; c.subw a3, a3)
  TEST_CASE(37, a3, 0x0000000022222211, li a3, 0x123456789abcdef0; li a4, 0x0fedcba987654321; c.addw a3, a4)
  TEST_CASE(38, a4, 0xffffffff80000000, li a4, 0x000000007fffffff; li s0, 0x0000000000000001; c.addw a4, s0)
  TEST_CASE(39, a5, 0x0000000000000001, li a5, 0x0000000000000000; li a0, 0x0000000000000001; c.addw a5, a0)
  TEST_CASE(40, s0, 0x000000007fffffff, li s0, 0x0000000080000000; li a2, 0x00000000ffffffff; c.addw s0, a2)
  TEST_CASE(41, s1, 0xffffffffffffffff, li s1, 0xffffffffffffffff; li a4, 0x8000000000000000; c.addw s1, a4)
  TEST_CASE(42, a0, 0xffffffffffffffff, li a0, 0xffffffff00000000; li s0, 0x00000000ffffffff; c.addw a0, s0)
  TEST_CASE(43, a3, 0x0000000000000006, li a3, 0x0000000180000003; c.addw a3, a3)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
