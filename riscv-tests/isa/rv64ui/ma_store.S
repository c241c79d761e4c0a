# ma_store: misaligned stores write exactly their bytes (Unpriv. ISA 2.6; done in hardware by rvsim)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE(2, x14, 0x0000000000000e12, la x1, tdat; li x2, 0x020406080a0c0e12; sh x2, 9(x1); lhu x14, 9(x1))
  TEST_CASE(3, x14, 0xefefefefef0e12ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(4, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(5, x14, 0x000000000a0c0e14, la x1, tdat; li x2, 0x020406080a0c0e14; sw x2, 9(x1); lwu x14, 9(x1))
  TEST_CASE(6, x14, 0xefefef0a0c0e14ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(7, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(8, x14, 0x000000000f12151c, la x1, tdat; li x2, 0x0306090c0f12151c; sw x2, 10(x1); lwu x14, 10(x1))
  TEST_CASE(9, x14, 0xefef0f12151c14ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(10, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(11, x14, 0x0000000014181c24, la x1, tdat; li x2, 0x04080c1014181c24; sw x2, 11(x1); lwu x14, 11(x1))
  TEST_CASE(12, x14, 0xef14181c241c14ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(13, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(14, x14, 0x020406080a0c0e18, la x1, tdat; li x2, 0x020406080a0c0e18; sd x2, 9(x1); ld x14, 9(x1))
  TEST_CASE(15, x14, 0x0406080a0c0e18ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(16, x14, 0xefefefefefefef02, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(17, x14, 0x0306090c0f121520, la x1, tdat; li x2, 0x0306090c0f121520; sd x2, 10(x1); ld x14, 10(x1))
  TEST_CASE(18, x14, 0x090c0f12152018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(19, x14, 0xefefefefefef0306, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(20, x14, 0x04080c1014181c28, la x1, tdat; li x2, 0x04080c1014181c28; sd x2, 11(x1); ld x14, 11(x1))
  TEST_CASE(21, x14, 0x1014181c282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(22, x14, 0xefefefefef04080c, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(23, x14, 0x050a0f14191e2330, la x1, tdat; li x2, 0x050a0f14191e2330; sd x2, 12(x1); ld x14, 12(x1))
  TEST_CASE(24, x14, 0x191e2330282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(25, x14, 0xefefefef050a0f14, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(26, x14, 0x060c12181e242a38, la x1, tdat; li x2, 0x060c12181e242a38; sd x2, 13(x1); ld x14, 13(x1))
  TEST_CASE(27, x14, 0x242a3830282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(28, x14, 0xefefef060c12181e, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(29, x14, 0x070e151c232a3140, la x1, tdat; li x2, 0x070e151c232a3140; sd x2, 14(x1); ld x14, 14(x1))
  TEST_CASE(30, x14, 0x31403830282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(31, x14, 0xefef070e151c232a, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(32, x14, 0x0810182028303848, la x1, tdat; li x2, 0x0810182028303848; sd x2, 15(x1); ld x14, 15(x1))
  TEST_CASE(33, x14, 0x48403830282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(34, x14, 0xef08101820283038, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(35, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 0(x1))
  TEST_CASE(36, x14, 0x48403830282018ef, la x1, tdat; ld x14, 8(x1))
  TEST_CASE(37, x14, 0xef08101820283038, la x1, tdat; ld x14, 16(x1))
  TEST_CASE(38, x14, 0xefefefefefefefef, la x1, tdat; ld x14, 24(x1))

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
