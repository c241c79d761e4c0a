# c_lwsp_swsp: c.lwsp/c.swsp: sp + zero-extended offset (multiple of 4, up to 252), any rd (x0 reserved for the load) (Unpriv. ISA 16.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, ra, 0xffffffff89abcdef, la sp, buf; li ra, 0x0123456789abcdef; c.swsp ra, 0(sp); li ra, 0; c.lwsp ra, 0(sp))
  TEST_CASE(3, t0, 0x0000000076543210, la sp, buf; li t0, 0xfedcba9876543210; c.swsp t0, 4(sp); li t0, 0; c.lwsp t0, 4(sp))
  TEST_CASE(4, a0, 0xffffffff80000000, la sp, buf; li a0, 0x0000000080000000; c.swsp a0, 252(sp); li a0, 0; c.lwsp a0, 252(sp))
  TEST_CASE(5, s2, 0x000000007fffffff, la sp, buf; li s2, 0x000000007fffffff; c.swsp s2, 248(sp); li s2, 0; c.lwsp s2, 248(sp))
  TEST_CASE(6, s11, 0xffffffffffffffff, la sp, buf; li s11, 0xffffffffffffffff; c.swsp s11, 64(sp); li s11, 0; c.lwsp s11, 64(sp))
  TEST_CASE(7, t6, 0x0000000000000001, la sp, buf; li t6, 0x8000000000000001; c.swsp t6, 40(sp); li t6, 0; c.lwsp t6, 40(sp))
  TEST_CASE(8, tp, 0xffffffff89abcdef, la sp, buf; li tp, 0x0123456789abcdef; c.swsp tp, 0(sp); li tp, 0; c.lwsp tp, 0(sp))
  TEST_CASE(9, x31, 0x0000000076543210, la sp, buf; li x31, 0xfedcba9876543210; c.swsp x31, 4(sp); li x31, 0; c.lwsp x31, 4(sp))
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .fill 72, 8, 0
RVTEST_DATA_END
