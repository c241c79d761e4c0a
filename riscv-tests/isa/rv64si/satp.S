# satp WARL modes (privileged spec v20240411, 4.1.11 "Supervisor Address
# Translation and Protection Register"). Run in M-mode, where satp does not
# translate the test's own fetches (the S-mode access rule, TVM, is checked
# in tvm_tw_tsr.S). Bare and Sv39 read back; a write whose MODE is not
# supported has no effect at all (satp keeps its old value): checked with
# MODE 1 (a reserved value) and 11 (reserved for Sv64). Sv57 (10) is
# optional: rvsim does not have it (satp unchanged), QEMU 7.2 does (the new
# value reads back); either is accepted, nothing else.
#include "riscv_test.h"
#include "test_macros.h"

#define PPN 0x80123

# satp value for mode m and the test PPN
#define SATP(m) (((m) << 60) | PPN)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 0, csrw satp, zero; csrr a4, satp)
  # ASID bits are WARL (any width 0..16): keep them zero here
  TEST_CASE(3, a4, SATP(8), li t0, SATP(8); csrw satp, t0; csrr a4, satp)
  TEST_CASE(4, a4, SATP(8), li t0, SATP(1); csrw satp, t0; csrr a4, satp)
  TEST_CASE(5, a4, SATP(8), li t0, SATP(11); csrw satp, t0; csrr a4, satp)
  TEST_CASE(6, a4, 0, csrw satp, zero; csrr a4, satp)
  TEST_CASE(7, a4, 0, li t0, SATP(1); csrw satp, t0; csrr a4, satp)
test_8:
  li TESTNUM, 8
  li t0, SATP(10)
  csrw satp, t0
  csrr a4, satp
  beqz a4, 1f
  CHECK_EQ(a4, t0)
1:csrw satp, zero
  sfence.vma

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
