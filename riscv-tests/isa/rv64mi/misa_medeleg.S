# misa and medeleg (privileged spec v20240411, 3.1.1 "Machine ISA Register",
# 3.1.8 "Machine Trap Delegation Registers").
# misa: MXL (bits 63:62) = 2 for RV64; the letters I, M, A, F, D, C, S, U of
# the modelled hart are set (H is not checked: QEMU's spike machine has none).
# medeleg: bit 11 (ecall from M) is read-only zero; with S-mode the other
# synchronous causes 0-9, 12, 13, 15 can be delegated and read back.
#include "riscv_test.h"
#include "test_macros.h"

#define LETTER(c) (1 << ((c) - 'A'))
#define LETTERS (LETTER('I') | LETTER('M') | LETTER('A') | LETTER('F') | LETTER('D') | LETTER('C') | LETTER('S') | LETTER('U'))

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_CASE(2, a4, 2, csrr a4, misa; srli a4, a4, 62)
  TEST_CASE(3, a4, LETTERS, csrr a4, misa; li t0, LETTERS; and a4, a4, t0)

  # medeleg[11] is read-only zero
  TEST_CASE(4, a4, 0, li t0, -1; csrw medeleg, t0; csrr a4, medeleg; srli a4, a4, 11; andi a4, a4, 1)
  # the standard delegable causes read back
  TEST_CASE(5, a4, 0xb3ff, li t0, -1; csrw medeleg, t0; csrr a4, medeleg; li t0, 0xb3ff; and a4, a4, t0)
  TEST_CASE(6, a4, 0, csrw medeleg, zero; csrr a4, medeleg)
  TEST_CASE(7, a4, 0x104, li t0, 0x104; csrw medeleg, t0; csrr a4, medeleg)
  csrw medeleg, zero

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
