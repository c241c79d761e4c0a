# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# traps.S: H extension trap routing and virtual-instruction exceptions
# (privileged spec v20240411, 21.5.2 trap entry, 21.6.1 virtual-instruction
# exceptions). An M-mode harness enters VS/VU with MRET (MPV = 1) and checks
# where each trap lands. Every trap reaching M records mcause/mtval/mstatus in
# s10/s9/s8 and resumes at the address in s11 (still in M-mode).
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define HSTATUS_VTSR (1 << 22)

# Enter mode (mpp, V=1) at `where`; traps to M resume at `resume`.
#define ENTER_V(mpp, where, resume) \
  la s11, resume; \
  li t0, 3 << 11; csrc mstatus, t0; \
  li t0, ((mpp) << 11); csrs mstatus, t0; \
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0; \
  la t0, where; csrw mepc, t0; \
  mret

RVTEST_RV64M
RVTEST_CODE_BEGIN

  la t0, vs_handler
  csrw vstvec, t0

  # 2: 21.5.2 ecall from VS is cause 10, taken in M with MPV = 1 and MPP = S
  li TESTNUM, 2
  ENTER_V(1, 1f, 2f)
1:ecall
  j fail
2:li t0, 10
  bne s10, t0, fail
  srli t1, s8, MSTATUS_MPV_BIT
  andi t1, t1, 1
  beqz t1, fail
  srli t1, s8, 11
  andi t1, t1, 3
  li t0, 1
  bne t1, t0, fail

  # 3: 21.5.2 ecall from VU delegated by medeleg and hedeleg lands in VS
  # (vscause = 8, V stays 1); the VS handler's own ecall then reaches M as 10
  li TESTNUM, 3
  li t0, 1 << 8
  csrw medeleg, t0
  csrw hedeleg, t0
  li s6, 0
  ENTER_V(0, 1f, 2f)
1:ecall
  j fail
2:li t0, 8
  bne s6, t0, fail
  li t0, 10
  bne s10, t0, fail
  csrw medeleg, zero
  csrw hedeleg, zero

  # 4: 21.6.1 reading hstatus from VS is a virtual-instruction exception;
  # mtval holds the instruction
  li TESTNUM, 4
  ENTER_V(1, 1f, 2f)
1:csrr t1, hstatus
  j fail
2:li t0, 22
  bne s10, t0, fail
  li t0, 0x60002373        # csrr t1, hstatus
  bne s9, t0, fail

  # 5: 21.6.1 SRET in VS with hstatus.VTSR = 1 is virtual-instruction
  li TESTNUM, 5
  li t0, HSTATUS_VTSR
  csrs hstatus, t0
  ENTER_V(1, 1f, 2f)
1:sret
  j fail
2:li t0, 22
  bne s10, t0, fail
  li t0, HSTATUS_VTSR
  csrc hstatus, t0

  # 6: 21.6.1 WFI in VU with mstatus.TW = 0 is virtual-instruction
  li TESTNUM, 6
  ENTER_V(0, 1f, 2f)
1:wfi
  j fail
2:li t0, 22
  bne s10, t0, fail

  # 7: 21.6.1 HLV in VS is virtual-instruction
  li TESTNUM, 7
  ENTER_V(1, 1f, 2f)
1:hlv.w t1, (zero)
  j fail
2:li t0, 22
  bne s10, t0, fail

  # 8: 21.6.1 mscratch (an M-level CSR) from VS is illegal, not virtual
  li TESTNUM, 8
  ENTER_V(1, 1f, 2f)
1:csrr t1, mscratch
  j fail
2:li t0, 2
  bne s10, t0, fail

  RVTEST_PASS

  TEST_PASSFAIL

  .balign 4
  .global mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s9, mtval
  csrr s8, mstatus
  jr s11

  # VS-mode trap handler (through vstvec): record vscause, then ecall to M
  .balign 4
vs_handler:
  csrr s6, scause
  ecall
  j fail

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN


RVTEST_DATA_END
