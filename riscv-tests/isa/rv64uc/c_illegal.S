# Reserved compressed encodings raise illegal-instruction exceptions with
# mtval = the 16-bit instruction (Unpriv. ISA 16.8 table "RVC opcode map";
# Priv. ISA 3.1.16).  mepc is the parcel's address.
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_CILLEGAL(testnum, bits)                                    \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  TEST_EXPECT_TRAP(2, bits, 1f, 2f);                                    \
1:.half bits;                                                           \
  j fail;                                                               \
2:

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  li s6, 0
  # the all-zero parcel is defined illegal
  TEST_CILLEGAL(2, 0x0000)
  # c.addi4spn with nzuimm = 0 (rd' = x9 and x8)
  TEST_CILLEGAL(3, 0x0004)
  TEST_CILLEGAL(4, 0x0000 | (7 << 2))
  # c.addi16sp with nzimm = 0
  TEST_CILLEGAL(5, 0x6101)
  # c.lui with nzimm = 0 (rd = a0)
  TEST_CILLEGAL(6, 0x6501)
  # c.lwsp / c.ldsp with rd = x0
  TEST_CILLEGAL(7, 0x4002)
  TEST_CILLEGAL(8, 0x6002)
  # c.jr with rs1 = x0
  TEST_CILLEGAL(9, 0x8002)
  # c.addiw with rd = x0
  TEST_CILLEGAL(10, 0x2001)
  # C.ARITH, funct6 100111 with funct2 10 and 11 (after c.subw/c.addw)
  TEST_CILLEGAL(11, 0x9c45)
  TEST_CILLEGAL(12, 0x9c65)
  TEST_TRAP_COUNT(13, 11)

  # an illegal parcel at an address that is 2 mod 4
test_14:
  li TESTNUM, 14
  TEST_EXPECT_TRAP(2, 0, 1f, 2f)
  .balign 4
  c.nop
1:.half 0
  j fail
2:TEST_TRAP_COUNT(15, 12)

  TEST_PASSFAIL
  .option norvc
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
