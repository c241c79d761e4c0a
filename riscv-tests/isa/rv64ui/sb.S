# sb: 1-byte store: only those bytes change (Unpriv. ISA 2.6)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_ST_OP(2, lbu, sb, 0x0000000000000088, 0, tdat)
  TEST_CASE(3, x14, 0xefefefefefefef88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(4, lbu, sb, 0x00000000000000fe, 1, tdat)
  TEST_CASE(5, x14, 0xefefefefefeffe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(6, lbu, sb, 0x0000000000000082, 2, tdat)
  TEST_CASE(7, x14, 0xefefefefef82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(8, lbu, sb, 0x00000000000000ec, 3, tdat)
  TEST_CASE(9, x14, 0xefefefefec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(10, lbu, sb, 0x0000000000000004, 4, tdat)
  TEST_CASE(11, x14, 0xefefef04ec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(12, lbu, sb, 0x00000000000000a0, 5, tdat)
  TEST_CASE(13, x14, 0xefefa004ec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(14, lbu, sb, 0x000000000000008e, 6, tdat)
  TEST_CASE(15, x14, 0xef8ea004ec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(16, lbu, sb, 0x00000000000000f8, 7, tdat)
  TEST_CASE(17, x14, 0xf88ea004ec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_ST_OP(18, lbu, sb, 0x0000000000000088, 8, tdat)
  TEST_CASE(19, x14, 0xefefefefefefef88, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(20, lbu, sb, 0x00000000000000e6, 9, tdat)
  TEST_CASE(21, x14, 0xefefefefefefe688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(22, lbu, sb, 0x000000000000000a, 10, tdat)
  TEST_CASE(23, x14, 0xefefefefef0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(24, lbu, sb, 0x00000000000000ae, 11, tdat)
  TEST_CASE(25, x14, 0xefefefefae0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(26, lbu, sb, 0x0000000000000084, 12, tdat)
  TEST_CASE(27, x14, 0xefefef84ae0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(28, lbu, sb, 0x00000000000000f2, 13, tdat)
  TEST_CASE(29, x14, 0xefeff284ae0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(30, lbu, sb, 0x000000000000008e, 14, tdat)
  TEST_CASE(31, x14, 0xef8ef284ae0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(32, lbu, sb, 0x00000000000000e0, 15, tdat)
  TEST_CASE(33, x14, 0xe08ef284ae0ae688, la x1, tdat; ld x14, 8(x1))
  TEST_ST_OP(34, lbu, sb, 0x0000000000000010, 0, tdat_mid)
  TEST_CASE(35, x14, 0xefefefefefefef10, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(36, lbu, sb, 0x00000000000000b4, 1, tdat_mid)
  TEST_CASE(37, x14, 0xefefefefefefb410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(38, lbu, sb, 0x000000000000009a, 2, tdat_mid)
  TEST_CASE(39, x14, 0xefefefefef9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(40, lbu, sb, 0x00000000000000ec, 3, tdat_mid)
  TEST_CASE(41, x14, 0xefefefefec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(42, lbu, sb, 0x0000000000000094, 4, tdat_mid)
  TEST_CASE(43, x14, 0xefefef94ec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(44, lbu, sb, 0x00000000000000fa, 5, tdat_mid)
  TEST_CASE(45, x14, 0xefeffa94ec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(46, lbu, sb, 0x0000000000000016, 6, tdat_mid)
  TEST_CASE(47, x14, 0xef16fa94ec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(48, lbu, sb, 0x00000000000000b2, 7, tdat_mid)
  TEST_CASE(49, x14, 0xb216fa94ec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_ST_OP(50, lbu, sb, 0x0000000000000090, 8, tdat_mid)
  TEST_CASE(51, x14, 0xefefefefefefef90, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(52, lbu, sb, 0x00000000000000e6, 9, tdat_mid)
  TEST_CASE(53, x14, 0xefefefefefefe690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(54, lbu, sb, 0x000000000000009a, 10, tdat_mid)
  TEST_CASE(55, x14, 0xefefefefef9ae690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(56, lbu, sb, 0x00000000000000f4, 11, tdat_mid)
  TEST_CASE(57, x14, 0xefefefeff49ae690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(58, lbu, sb, 0x000000000000001c, 12, tdat_mid)
  TEST_CASE(59, x14, 0xefefef1cf49ae690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(60, lbu, sb, 0x00000000000000b8, 13, tdat_mid)
  TEST_CASE(61, x14, 0xefefb81cf49ae690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(62, lbu, sb, 0x0000000000000096, 14, tdat_mid)
  TEST_CASE(63, x14, 0xef96b81cf49ae690, la x1, tdat; ld x14, 24(x1))
  TEST_ST_OP(64, lbu, sb, 0x00000000000000e0, 15, tdat_mid)
  TEST_CASE(65, x14, 0xe096b81cf49ae690, la x1, tdat; ld x14, 24(x1))

  # negative offsets from the middle of the block
  TEST_ST_OP(66, lbu, sb, 0x000000000000005b, -1, tdat_mid)
  TEST_ST_OP(67, lbu, sb, 0x0000000000000063, -9, tdat_mid)

  # store data forwarded from the instruction right before; store with rs2 = x0
  TEST_CASE(68, x14, 0x5b8ef284ae0ae678, la x1, tdat; li x2, 0x0f1e2d3c4b5a6978; sb x2, 8(x1); ld x14, 8(x1))
  TEST_CASE(69, x14, 0xe096b81cf49ae600, la x1, tdat; sb x0, 24(x1); ld x14, 24(x1))

  # the final image of the whole block
  TEST_CASE(70, x14, 0x638ea004ec82fe88, la x1, tdat; ld x14, 0(x1))
  TEST_CASE(71, x14, 0x5b8ef284ae0ae678, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(72, x14, 0xb216fa94ec9ab410, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(73, x14, 0xe096b81cf49ae600, la x1, tdat; ld x14, 24(x1))

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
