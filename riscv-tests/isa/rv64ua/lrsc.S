# LR/SC that must succeed: an SC to the address of the hart's most recent LR,
# with no other store or SC in between, writes memory and returns 0
# (Unpriv. ISA 8.2).  LR.W sign-extends the loaded word.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # lr.d / sc.d: memory and rd
  TEST_CASE(2, x14, 0x8000000000000001,
    la x1, dw0; li x2, 0x8000000000000001; sd x2, 0(x1);
    lr.d x14, (x1))
  TEST_CASE(3, x5, 0,
    la x1, dw0;
    lr.d x14, (x1);
    li x2, 0x1122334455667788;
    sc.d x5, x2, (x1))
  TEST_CASE(4, x14, 0x1122334455667788, la x1, dw0; ld x14, 0(x1))

  # lr.w sign-extends; sc.w writes only its word
  TEST_CASE(5, x14, 0xffffffff80000000,
    la x1, dw1; li x2, 0x1234567880000000; sd x2, 0(x1);
    lr.w x14, (x1))
  TEST_CASE(6, x5, 0,
    la x1, dw1;
    lr.w x14, (x1);
    li x2, 0xaaaaaaaa00000042;
    sc.w x5, x2, (x1))
  TEST_CASE(7, x14, 0x1234567800000042, la x1, dw1; ld x14, 0(x1))
  # the upper word of a doubleword
  TEST_CASE(8, x14, 0x0000000012345678, la x1, dw1; addi x1, x1, 4; lr.w x14, (x1))
  TEST_CASE(9, x14, 0x0000007700000042,
    la x1, dw1; addi x1, x1, 4;
    lr.w x14, (x1);
    li x2, 0x77;
    sc.w x5, x2, (x1);
    bnez x5, fail;
    ld x14, -4(x1))

  # an LR after an earlier LR/SC pair gets a fresh reservation
  TEST_CASE(10, x14, 3,
    la x1, dw0; sd x0, 0(x1);
    li x14, 0;
    lr.d x2, (x1); addi x2, x2, 1; sc.d x5, x2, (x1); add x14, x14, x5;
    lr.d x2, (x1); addi x2, x2, 1; sc.d x5, x2, (x1); add x14, x14, x5;
    lr.d x2, (x1); addi x2, x2, 1; sc.d x5, x2, (x1); add x14, x14, x5;
    ld x14, 0(x1))

  # a constrained LR/SC loop (Unpriv. ISA 8.3) counting to 1000 completes
  TEST_CASE(11, x14, 1000,
    la x1, dw0; sd x0, 0(x1);
    li x4, 1000;
  1:lr.d x2, (x1);
    addi x2, x2, 1;
    sc.d x5, x2, (x1);
    bnez x5, 1b;
    addi x4, x4, -1;
    bnez x4, 1b;
    ld x14, 0(x1))

  # rd = x0 for sc: the store still happens when it succeeds
  TEST_CASE(12, x14, 0x99,
    la x1, dw0;
    lr.d x2, (x1);
    li x2, 0x99;
    sc.d x0, x2, (x1);
    ld x14, 0(x1))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
dw0: .dword 0
dw1: .dword 0
RVTEST_DATA_END
