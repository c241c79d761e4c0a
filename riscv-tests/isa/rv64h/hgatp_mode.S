# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# hgatp_mode.S: a write of an unsupported MODE to hgatp. H extension
# "Hypervisor Guest Address Translation and Protection Register (hgatp)":
# "A write to hgatp with an unsupported MODE value is not ignored as it is
# for satp. Instead, the fields of hgatp are WARL in the normal way, when so
# indicated." So PPN and VMID take the written values and MODE reads some
# supported mode (Bare, Sv39x4, Sv48x4 or Sv57x4); 15 is reserved and never
# supported.
#
# EXPECTED TO FAIL on rvsim today (test 3): src/csr/h-csrs.ts ignores the
# whole write, as for satp. QEMU 7.2 fails test 2 (it stores MODE 15).
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li t0, (8 << 60) | (5 << 44) | 0x80004
  csrw hgatp, t0

  # 2: MODE reads a supported value after MODE = 15 is written
  li TESTNUM, 2
  li t0, (15 << 60) | (7 << 44) | 0x80008
  csrw hgatp, t0
  csrr s1, hgatp
  srli t1, s1, 60
  beqz t1, 1f
  li t0, 8
  bltu t1, t0, fail
  li t0, 10
  bgtu t1, t0, fail
1:
  # 3: the write is not ignored: PPN and VMID hold the written values
  li TESTNUM, 3
  slli t1, s1, 4
  srli t1, t1, 4
  li t0, (7 << 44) | 0x80008
  bne t1, t0, fail

  csrw hgatp, zero
  RVTEST_PASS

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
