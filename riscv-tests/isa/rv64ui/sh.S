# sh: 2-byte store: only those bytes change (Unpriv. ISA 2.6)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_ST_OP(2, lhu, sh, 0x0000000000007788, 0, tdat)
  TEST_CASE(3, x14, 0xefefefefefef7788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(4, lhu, sh, 0x000000000000fefe, 2, tdat)
  TEST_CASE(5, x14, 0xefefefeffefe7788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(6, lhu, sh, 0x0000000000000282, 4, tdat)
  TEST_CASE(7, x14, 0xefef0282fefe7788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(8, lhu, sh, 0x000000000000ceec, 6, tdat)
  TEST_CASE(9, x14, 0xceec0282fefe7788, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(10, lhu, sh, 0x0000000000000404, 8, tdat)
  TEST_CASE(11, x14, 0xefefefefefef0404, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(12, lhu, sh, 0x000000000000a0a0, 10, tdat)
  TEST_CASE(13, x14, 0xefefefefa0a00404, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(14, lhu, sh, 0x000000000000718e, 12, tdat)
  TEST_CASE(15, x14, 0xefef718ea0a00404, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(16, lhu, sh, 0x000000000000f8f8, 14, tdat)
  TEST_CASE(17, x14, 0xf8f8718ea0a00404, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(18, lhu, sh, 0x0000000000000888, 0, tdat_mid)
  TEST_CASE(19, x14, 0xefefefefefef0888, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(20, lhu, sh, 0x000000000000c4e6, 2, tdat_mid)
  TEST_CASE(21, x14, 0xefefefefc4e60888, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(22, lhu, sh, 0x0000000000000a0a, 4, tdat_mid)
  TEST_CASE(23, x14, 0xefef0a0ac4e60888, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(24, lhu, sh, 0x000000000000aeae, 6, tdat_mid)
  TEST_CASE(25, x14, 0xaeae0a0ac4e60888, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(26, lhu, sh, 0x0000000000007b84, 8, tdat_mid)
  TEST_CASE(27, x14, 0xefefefefefef7b84, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(28, lhu, sh, 0x000000000000f2f2, 10, tdat_mid)
  TEST_CASE(29, x14, 0xefefefeff2f27b84, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(30, lhu, sh, 0x0000000000000e8e, 12, tdat_mid)
  TEST_CASE(31, x14, 0xefef0e8ef2f27b84, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(32, lhu, sh, 0x000000000000c2e0, 14, tdat_mid)
  TEST_CASE(33, x14, 0xc2e00e8ef2f27b84, la x1, tdat; ld x14, 24(x1))

  # negative offsets from the middle of the block
  TEST_ST_OP(34, lhu, sh, 0x0000000000005a5c, -2, tdat_mid)
  TEST_ST_OP(35, lhu, sh, 0x0000000000005a64, -10, tdat_mid)

  # store data forwarded from the instruction right before; store with rs2 = x0
  TEST_CASE(36, x14, 0x5a5c718ea0a06978, la x1, tdat; li x2, 0x0f1e2d3c4b5a6978; sh x2, 8(x1); ld x14, 8(x1))
  TEST_CASE(37, x14, 0xc2e00e8ef2f20000, la x1, tdat; sh x0, 24(x1); ld x14, 24(x1))

  # the final image of the whole block
  TEST_CASE(38, x14, 0x5a640282fefe7788, la x1, tdat; ld x14, 0(x1))
  TEST_CASE(39, x14, 0x5a5c718ea0a06978, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(40, x14, 0xaeae0a0ac4e60888, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(41, x14, 0xc2e00e8ef2f20000, la x1, tdat; ld x14, 24(x1))

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
