# auipc: rd = pc + (imm << 12), imm sign-extended from bit 31 (Unpriv. ISA 2.4.1, RV64I 5.2.1)
# The expected pc comes from the linker (a .dword holding the label's
# address), not from another auipc.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE(2, x14, 0,
    ld x1, addr_a;
    aa: auipc x14, 0;
    sub x14, x14, x1)
  TEST_CASE(3, x14, 0x1000,
    ld x1, addr_b;
    ab: auipc x14, 1;
    sub x14, x14, x1)
  TEST_CASE(4, x14, -0x1000,
    ld x1, addr_c;
    ac: auipc x14, 0xfffff;
    sub x14, x14, x1)
  TEST_CASE(5, x14, 0x7ffff000,
    ld x1, addr_d;
    ad: auipc x14, 0x7ffff;
    sub x14, x14, x1)
  # imm 0x80000 is -2^31: the sum wraps below the test's own address
  TEST_CASE(6, x14, 0xffffffff80000000,
    ld x1, addr_e;
    ae: auipc x14, 0x80000;
    sub x14, x14, x1)
  # jal's link register agrees: auipc in the next slot sees pc = link
  TEST_CASE(7, x14, 0,
    jal x1, 1f;
    1: auipc x14, 0;
    sub x14, x14, x1)
  TEST_CASE(8, x14, 0, auipc x0, 0x12345; mv x14, x0)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_a: .dword aa
addr_b: .dword ab
addr_c: .dword ac
addr_d: .dword ad
addr_e: .dword ae
RVTEST_DATA_END
