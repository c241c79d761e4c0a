# mtvec vectored mode (privileged spec v20240411, 3.1.7 "Machine Trap-Vector
# Base-Address Register"): with MODE = 1 an interrupt of cause c jumps to
# BASE + 4*c, a synchronous exception to BASE. The interrupt is a supervisor
# software interrupt (cause 1) raised in M-mode by setting mip.SSIP with
# mideleg = 0, mie.SSIE and mstatus.MIE (3.1.9: SSIP is writable by M-mode).
#include "riscv_test.h"
#include "test_macros.h"

#define MIP_SSIP 2

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  la t0, vtable
  ori t0, t0, 1
  csrw mtvec, t0
  # MODE = 1 reads back
  TEST_CASE(2, a4, 1, csrr a4, mtvec; andi a4, a4, 3)

  # 3: the interrupt enters at BASE + 4 with mcause = interrupt | 1,
  # mepc = the instruction after the csrs that made it pending
test_3:
  li TESTNUM, 3
  li s10, 0
  csrw mideleg, zero
  li t0, MIP_SSIP
  csrs mie, t0
  csrsi mstatus, 8
  csrs mip, t0
after_ssip:
  nop
  li t0, 0xa1
  bne s10, t0, fail
  li t0, 1; slli t0, t0, 63; ori t0, t0, 1
  bne s9, t0, fail
  la t0, after_ssip
  bne s7, t0, fail
  # the handler cleared SSIP: no second interrupt
  TEST_CASE(4, s6, 1, nop)

  # 5: an exception (ecall, cause 11) enters at BASE in vectored mode
test_5:
  li TESTNUM, 5
  ecall
  li t0, 0xe0
  bne s10, t0, fail
  li t0, 11
  bne s9, t0, fail
  TEST_CASE(6, s6, 2, nop)

  TEST_PASSFAIL

  # the vector table: BASE must be 4-byte aligned; keep it well aligned
  .balign 256
vtable:
  j vexception
  j vssi
  .rept 14
  j fail
  .endr

vexception:
  li s10, 0xe0
  csrr s9, mcause
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  addi s6, s6, 1
  mret

vssi:
  li s10, 0xa1
  csrr s9, mcause
  csrr s7, mepc
  li t5, MIP_SSIP
  csrc mip, t5
  addi s6, s6, 1
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
