# sd: 8-byte store: only those bytes change (Unpriv. ISA 2.6)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_ST_OP(2, ld, sd, 0x1122334455667788, 0, tdat)
  TEST_CASE(3, x14, 0x1122334455667788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(4, ld, sd, 0xfefefefefefefefe, 8, tdat)
  TEST_CASE(5, x14, 0xfefefefefefefefe, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(6, ld, sd, 0x8202020202020282, 0, tdat_mid)
  TEST_CASE(7, x14, 0x8202020202020282, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(8, ld, sd, 0x022046648aa8ceec, 8, tdat_mid)
  TEST_CASE(9, x14, 0x022046648aa8ceec, la x1, tdat; ld x14, 24(x1))

  # negative offsets from the middle of the block
  TEST_ST_OP(10, ld, sd, 0x5a5a5a5a5a5a5a62, -8, tdat_mid)
  TEST_ST_OP(11, ld, sd, 0x5a5a5a5a5a5a5a6a, -16, tdat_mid)

  # store data forwarded from the instruction right before; store with rs2 = x0
  TEST_CASE(12, x14, 0x0f1e2d3c4b5a6978, la x1, tdat; li x2, 0x0f1e2d3c4b5a6978; sd x2, 8(x1); ld x14, 8(x1))
  TEST_CASE(13, x14, 0x0000000000000000, la x1, tdat; sd x0, 24(x1); ld x14, 24(x1))

  # the final image of the whole block
  TEST_CASE(14, x14, 0x5a5a5a5a5a5a5a6a, la x1, tdat; ld x14, 0(x1))
  TEST_CASE(15, x14, 0x0f1e2d3c4b5a6978, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(16, x14, 0x8202020202020282, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(17, x14, 0x0000000000000000, la x1, tdat; ld x14, 24(x1))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
tdat:
  .byte 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef
  .byte 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef
tdat_mid:
  .byte 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef
  .byte 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef, 0xef
RVTEST_DATA_END
