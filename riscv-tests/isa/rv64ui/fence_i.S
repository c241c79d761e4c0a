# fence.i: a store to instruction memory is seen by instruction fetch after
# fence.i on the same hart (Zifencei, Unpriv. ISA chapter 3).  The patched
# routine runs before each patch, so a cached decode of it must be dropped.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_CASE(2, a0, 1, li a0, 0; call patch_fn)
  TEST_CASE(3, a0, 100,
    la x1, patch;
    lw x2, insn_add100;
    sw x2, 0(x1);
    fence.i;
    li a0, 0;
    call patch_fn)
  TEST_CASE(4, a0, 7,
    la x1, patch;
    lw x2, insn_add7;
    sw x2, 0(x1);
    fence.i;
    li a0, 0;
    call patch_fn)
  # patch the jump over the return into a nop
  TEST_CASE(5, a0, 9,
    la x1, patch_jump;
    li x2, 0x00000013;
    sw x2, 0(x1);
    fence.i;
    li a0, 0;
    call patch_fn)
  # a halfword store rewrites the upper half: addi a0,a0,7 -> addi a0,x0,-2041
  TEST_CASE(6, a0, -2041+2,
    la x1, patch;
    li x2, 0x8070;
    sh x2, 2(x1);
    fence.i;
    li a0, 0;
    call patch_fn)

  TEST_PASSFAIL

  .balign 4
patch_fn:
patch:
  addi a0, a0, 1
patch_jump:
  j 1f
  addi a0, a0, 2
1:ret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 4
insn_add100: addi a0, a0, 100
insn_add7:   addi a0, a0, 7
RVTEST_DATA_END
