# c.addiw: RV64C: rd = sext32(rd + imm); imm 0 is sext.w.  This encoding is C.JAL on RV32 (Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  TEST_CASE(2, a0, 0xffffffff80000000, li a0, 0x000000007fffffff; c.addiw a0, 1)
  TEST_CASE(3, t1, 0x0000000000000000, li t1, 0x00000000ffffffff; c.addiw t1, 1)
  TEST_CASE(4, s1, 0x0000000023456789, li s1, 0x0000000123456789; c.addiw s1, 0)
  TEST_CASE(5, ra, 0x000000007fffffff, li ra, 0x0000000080000000; c.addiw ra, -1)
  TEST_CASE(6, x31, 0xffffffffffffffe0, li x31, 0x0000000000000000; c.addiw x31, -32)
  TEST_CASE(7, a5, 0x000000000000000f, li a5, 0xfffffffffffffff0; c.addiw a5, 31)
  TEST_CASE(8, sp, 0x000000007fffffff, li sp, 0x000000017fffffff; c.addiw sp, 0)
  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
