# sstatus is a restricted view of mstatus (privileged spec v20240411, 4.1.1
# "Supervisor Status Register"): it shows SIE, SPIE, SPP, FS, SUM, MXR, UXL
# and SD of mstatus and hides the M-level fields (MIE, MPIE, MPP, MPRV, TVM,
# TW, TSR); writes through sstatus change only the S-visible fields.
#include "riscv_test.h"
#include "test_macros.h"

#define SIE (1 << 1)
#define MIE (1 << 3)
#define SPIE (1 << 5)
#define MPIE (1 << 7)
#define SPP (1 << 8)
#define MPP (3 << 11)
#define FS (3 << 13)
#define MPRV (1 << 17)
#define SUM (1 << 18)
#define MXR (1 << 19)
#define TVM (1 << 20)
#define TW (1 << 21)
#define TSR (1 << 22)
#define M_ONLY (MIE | MPIE | MPP | MPRV | TVM | TW | TSR)
#define S_BITS (SIE | SPIE | SPP | FS | SUM | MXR)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # mstatus M-level fields set: none of them shows in sstatus
  TEST_CASE(2, a4, 0, li t0, M_ONLY; csrs mstatus, t0; csrr a4, sstatus; li t0, M_ONLY; and a4, a4, t0)
  # S-level fields set in mstatus show in sstatus
  TEST_CASE(3, a4, S_BITS, li t0, S_BITS; csrs mstatus, t0; csrr a4, sstatus; li t0, S_BITS; and a4, a4, t0)
  # SD mirrors too (FS = Dirty)
  TEST_CASE(4, a4, 1, csrr a4, sstatus; srli a4, a4, 63)
  # UXL (bits 33:32) = 2
  TEST_CASE(5, a4, 2, csrr a4, sstatus; srli a4, a4, 32; andi a4, a4, 3)
  # clearing all of sstatus leaves the M-level fields of mstatus alone
  TEST_CASE(6, a4, M_ONLY, li t0, -1; csrc sstatus, t0; csrr a4, mstatus; li t0, M_ONLY | S_BITS; and a4, a4, t0)
  # and clears the S-level ones
  TEST_CASE(7, a4, 0, csrr a4, sstatus; li t0, S_BITS; and a4, a4, t0)
  # writing sstatus = S-level fields sets them in mstatus, M ones untouched
  TEST_CASE(8, a4, M_ONLY | SIE | SUM, li t0, SIE | SUM | MPP | MPRV; csrw sstatus, t0; csrr a4, mstatus; li t0, M_ONLY | S_BITS; and a4, a4, t0)
  # clear M-level fields in mstatus: sstatus still shows SIE | SUM
  TEST_CASE(9, a4, SIE | SUM, li t0, M_ONLY; csrc mstatus, t0; csrr a4, sstatus; li t0, M_ONLY | S_BITS; and a4, a4, t0)
  csrw sstatus, zero

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
