# Compressed HINT encodings execute as no-ops: no trap, no register change
# (Unpriv. ISA 16.7, table "RVC HINT instructions"): c.nop with nzimm != 0,
# c.addi with imm 0, c.li/c.lui/c.mv/c.add/c.slli with rd = x0, and
# c.slli/c.srli/c.srai with shamt 0 (HINTs on RV32C/RV64C, Unpriv. ISA 16.5)
#include "riscv_test.h"
#include "test_macros.h"

/* run a 16-bit parcel with a0, a1 and s0 preset; all three must be unchanged */
#define TEST_CHINT(testnum, bits)                                       \
  TEST_CASE(testnum, x14, 0,                                            \
    li a0, 0x111; li a1, 0x222; li s0, 0x333;                        \
    .half bits;                                                         \
    xori x14, a0, 0x111;                         \
    xori x6, a1, 0x222; or x14, x14, x6;           \
    xori x6, s0, 0x333; or x14, x14, x6)

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  # c.nop with nzimm = 5
  TEST_CHINT(2, 0x0015)
  # c.addi a0, 0
  TEST_CHINT(3, 0x0501)
  # c.li x0, 5
  TEST_CHINT(4, 0x4015)
  # c.lui x0, 1
  TEST_CHINT(5, 0x6005)
  # c.mv x0, a0
  TEST_CHINT(6, 0x802a)
  # c.add x0, a0
  TEST_CHINT(7, 0x902a)
  # c.slli x0, 1
  TEST_CHINT(8, 0x0006)
  # c.slli a0, 0 / c.srli s0, 0 / c.srai s0, 0 (shamt 0)
  TEST_CHINT(9, 0x0502)
  TEST_CHINT(10, 0x8001)
  TEST_CHINT(11, 0x8401)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
