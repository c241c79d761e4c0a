# fence, fence.tso and the pause hint (a fence with pred=W, succ=0) all
# execute as ordinary instructions on one hart and order its own memory
# accesses trivially (Unpriv. ISA 2.7, Zihintpause)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE(2, x14, 0x1234,
    la x1, word;
    li x2, 0x1234;
    sd x2, 0(x1);
    fence;
    ld x14, 0(x1))
  TEST_CASE(3, x14, 0x5678,
    la x1, word;
    li x2, 0x5678;
    sd x2, 0(x1);
    fence rw, rw;
    fence w, r;
    fence r, w;
    fence iorw, iorw;
    fence.tso;
    ld x14, 0(x1))
  # pause (0x0100000f) must not trap and must not change registers
  TEST_CASE(4, x14, 77,
    li x14, 77;
    .word 0x0100000f)
  # fence with reserved fm/rs1/rd fields set must execute as a normal fence
  TEST_CASE(5, x14, 78,
    li x14, 78;
    .word 0x0ff5850f)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
word: .dword 0
RVTEST_DATA_END
