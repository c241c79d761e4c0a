# sw: 4-byte store: only those bytes change (Unpriv. ISA 2.6)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_ST_OP(2, lwu, sw, 0x0000000055667788, 0, tdat)
  TEST_CASE(3, x14, 0xefefefef55667788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(4, lwu, sw, 0x00000000fefefefe, 4, tdat)
  TEST_CASE(5, x14, 0xfefefefe55667788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(6, lwu, sw, 0x0000000002020282, 8, tdat)
  TEST_CASE(7, x14, 0xefefefef02020282, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(8, lwu, sw, 0x000000008aa8ceec, 12, tdat)
  TEST_CASE(9, x14, 0x8aa8ceec02020282, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(10, lwu, sw, 0x0000000004040404, 0, tdat_mid)
  TEST_CASE(11, x14, 0xefefefef04040404, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(12, lwu, sw, 0x00000000a0a0a0a0, 4, tdat_mid)
  TEST_CASE(13, x14, 0xa0a0a0a004040404, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(14, lwu, sw, 0x000000005360718e, 8, tdat_mid)
  TEST_CASE(15, x14, 0xefefefef5360718e, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(16, lwu, sw, 0x00000000f8f8f8f8, 12, tdat_mid)
  TEST_CASE(17, x14, 0xf8f8f8f85360718e, la x1, tdat; ld x14, 24(x1))

  # negative offsets from the middle of the block
  TEST_ST_OP(18, lwu, sw, 0x000000005a5a5a5e, -4, tdat_mid)
  TEST_ST_OP(19, lwu, sw, 0x000000005a5a5a66, -12, tdat_mid)

  # store data forwarded from the instruction right before; store with rs2 = x0
  TEST_CASE(20, x14, 0x5a5a5a5e4b5a6978, la x1, tdat; li x2, 0x0f1e2d3c4b5a6978; sw x2, 8(x1); ld x14, 8(x1))
  TEST_CASE(21, x14, 0xf8f8f8f800000000, la x1, tdat; sw x0, 24(x1); ld x14, 24(x1))

  # the final image of the whole block
  TEST_CASE(22, x14, 0x5a5a5a6655667788, la x1, tdat; ld x14, 0(x1))
  TEST_CASE(23, x14, 0x5a5a5a5e4b5a6978, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(24, x14, 0xa0a0a0a004040404, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(25, x14, 0xf8f8f8f800000000, la x1, tdat; ld x14, 24(x1))

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
