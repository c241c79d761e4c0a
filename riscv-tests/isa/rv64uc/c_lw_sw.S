# c_lw_sw: c.lw/c.sw: offset is a zero-extended multiple of 4 up to 124, registers x8..x15; c.lw sign-extends (Unpriv. ISA 16.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a1, 0xffffffff89abcdef, la s0, buf; li a1, 0x0123456789abcdef; c.sw a1, 0(s0); li a1, 0; c.lw a1, 0(s0))
  TEST_CASE(3, a2, 0x0000000076543210, la s1, buf; li a2, 0xfedcba9876543210; c.sw a2, 4(s1); li a2, 0; c.lw a2, 4(s1))
  TEST_CASE(4, a3, 0xffffffff80000000, la a0, buf; li a3, 0x0000000080000000; c.sw a3, 124(a0); li a3, 0; c.lw a3, 124(a0))
  TEST_CASE(5, a4, 0x000000007fffffff, la a1, buf; li a4, 0x000000007fffffff; c.sw a4, 120(a1); li a4, 0; c.lw a4, 120(a1))
  TEST_CASE(6, a5, 0xffffffffffffffff, la a2, buf; li a5, 0xffffffffffffffff; c.sw a5, 16(a2); li a5, 0; c.lw a5, 16(a2))
  TEST_CASE(7, s0, 0x0000000000000001, la a3, buf; li s0, 0x8000000000000001; c.sw s0, 32(a3); li s0, 0; c.lw s0, 32(a3))
  TEST_CASE(8, s1, 0xffffffff89abcdef, la a4, buf; li s1, 0x0123456789abcdef; c.sw s1, 0(a4); li s1, 0; c.lw s1, 0(a4))
  TEST_CASE(9, a0, 0x0000000076543210, la a5, buf; li a0, 0xfedcba9876543210; c.sw a0, 4(a5); li a0, 0; c.lw a0, 4(a5))
  TEST_CASE(10, a0, 0x0000000011111111, la a0, buf; li a1, 0x1111111111111111; c.sw a1, 8(a0); c.lw a0, 8(a0))
  TEST_CASE(11, a2, 0x55555555aaaaaaaa, la a0, buf; li a1, 0x5555555555555555; sd a1, 16(a0); li a1, 0xaaaaaaaa; c.sw a1, 16(a0); ld a2, 16(a0))
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .fill 64, 8, 0
RVTEST_DATA_END
