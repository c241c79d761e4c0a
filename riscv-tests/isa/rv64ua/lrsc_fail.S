# SCs that must fail: they return nonzero and leave memory alone
# (Unpriv. ISA 8.2).
# - an SC with no reservation (any SC, successful or not, invalidates the
#   hart's reservation, so a second SC in a row always fails)
# - an SC after another SC to a different address (the reservation set may be
#   arbitrarily large, so that first SC may succeed or fail, but it
#   invalidates the reservation either way, and its result must be
#   consistent with memory)
# - an LR, then a store by this hart to the reserved address, then SC: the
#   spec allows either outcome, so only consistency is checked
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # two SCs in a row after a successful pair: the second must fail
  TEST_CASE(2, x5, 0,
    la x1, dw0; li x2, 5; sd x2, 0(x1);
    lr.d x14, (x1);
    sc.d x5, x14, (x1))
  TEST_CASE(3, x14, 5,
    la x1, dw0;
    li x2, 6;
    sc.d x5, x2, (x1);
    beqz x5, fail;
    ld x14, 0(x1))
  # .w form of the same
  TEST_CASE(4, x14, 0x0000000700000007,
    la x1, dw0; li x2, 0x0000000700000007; sd x2, 0(x1);
    sc.w x5, x0, (x1);
    li x2, 9;
    sc.w x5, x2, (x1);
    beqz x5, fail;
    ld x14, 0(x1))

  # LR A; SC B (B in another page); then SC A must fail
  TEST_CASE(5, x14, 0x11,
    la x1, dw0; li x2, 0x11; sd x2, 0(x1);
    la x4, far_dw; li x2, 0x22; sd x2, 0(x4);
    lr.d x14, (x1);
    li x2, 0x33;
    sc.d x6, x2, (x4);
    li x2, 0x44;
    sc.d x5, x2, (x1);
    beqz x5, fail;
    ld x14, 0(x1))
  # ...and the SC to B either succeeded (rd 0, memory 0x33) or failed
  # (rd nonzero, memory 0x22)
  TEST_CASE(6, x14, 0,
    la x4, far_dw; ld x14, 0(x4);
    li x2, 0x33;
    beqz x6, 1f;
    li x2, 0x22;
  1:sub x14, x14, x2)

  # LR A; store to A; SC A: either outcome, but rd and memory must agree
  TEST_CASE(7, x14, 0,
    la x1, dw0;
    lr.d x14, (x1);
    li x2, 0x55;
    sd x2, 0(x1);
    li x2, 0x66;
    sc.d x5, x2, (x1);
    ld x14, 0(x1);
    li x2, 0x66;
    beqz x5, 1f;
    li x2, 0x55;
  1:sub x14, x14, x2)
  TEST_CASE(8, x14, 0, la x1, dw0; sc.d x14, x0, (x1); snez x14, x14; addi x14, x14, -1)

  # an SC of the wrong size to the reserved address is not required to fail,
  # but a later SC must: the first SC consumed the reservation
  TEST_CASE(9, x14, 1,
    la x1, dw0;
    lr.d x2, (x1);
    sc.w x6, x2, (x1);
    sc.d x5, x2, (x1);
    snez x14, x5)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
dw0: .dword 0
  .balign 4096
  .fill 512, 8, 0
far_dw: .dword 0
RVTEST_DATA_END
