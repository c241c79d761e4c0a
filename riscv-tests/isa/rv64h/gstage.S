# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# gstage.S: G-stage translation and guest-page faults (privileged spec
# v20240411, 21.5.1 Sv39x4, 21.5.2 guest-page faults, 21.2.10 hgatp). VS-mode
# runs with vsatp = Bare over an Sv39x4 G-stage made of 1 GiB leaves:
#   GPA 0x80000000 -> host 0x80000000 (RWX, U)      GPA 0xc0000000: invalid
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define MSTATUS_GVA_BIT 38
# PTE bits: V R W X U, A D
#define GPTE_FLAGS (0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # 2: 21.2.10 a write of mode 10 (Sv57x4, which rvsim lacks; QEMU 7.2 has
  # it) leaves a supported MODE (0, 8, 9, or 10 where Sv57x4 exists): "A
  # write to hgatp with an unsupported MODE value is not ignored as it is
  # for satp. Instead, the fields of hgatp are WARL in the normal way" (so
  # PPN and VMID, written as zero, read zero; the write of other fields is
  # checked in hgatp_mode.S).
  li TESTNUM, 2
  li t0, 10
  slli t0, t0, 60
  csrw hgatp, t0
  csrr t1, hgatp
  slli t0, t1, 4
  bnez t0, fail
  srli t1, t1, 60
  beqz t1, 1f
  li t0, 8
  bltu t1, t0, fail
  li t0, 10
  bgtu t1, t0, fail
1:

  # the G-stage: root[2] = gigapage 0x80000000
  la t1, groot
  li t0, (0x80000000 >> 12) << 10
  ori t0, t0, GPTE_FLAGS
  sd t0, 16(t1)
  srli t1, t1, 12
  li t0, 8
  slli t0, t0, 60
  or t1, t1, t0
  csrw hgatp, t1
  hfence.gvma
  csrw vsatp, zero

  # 3: a VS-mode load through the G-stage reads the host page
  li TESTNUM, 3
  la t0, value
  ld s5, 0(t0)               # expected
  la a0, value
  la s11, 2f
  li t0, 3 << 11; csrc mstatus, t0
  li t0, 1 << 11; csrs mstatus, t0
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:ld a1, 0(a0)
  ecall                      # back to M (cause 10)
  j fail
2:li t0, 10
  bne s10, t0, fail
  bne a1, s5, fail

  # 4: 21.5.2 a load from an unmapped guest physical page is a load
  # guest-page fault: mtval = the guest virtual address, mtval2 = GPA >> 2,
  # mstatus.GVA = 1
  li TESTNUM, 4
  li a0, 0xc0000010
  la s11, 2f
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:ld a1, 0(a0)
  j fail
2:li t0, 21
  bne s10, t0, fail
  bne s9, a0, fail
  csrr t1, mtval2
  srli t0, a0, 2
  bne t1, t0, fail
  srli t1, s8, MSTATUS_GVA_BIT
  andi t1, t1, 1
  beqz t1, fail

  # 5: the same for a store: cause 23
  li TESTNUM, 5
  la s11, 2f
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:sd a1, 0(a0)
  j fail
2:li t0, 23
  bne s10, t0, fail

  # 6: 21.3.2 HLV.D from M-mode takes the same two-stage path
  li TESTNUM, 6
  la t0, value
  hlv.d a1, (t0)
  bne a1, s5, fail

  RVTEST_PASS

  TEST_PASSFAIL

  .balign 4
  .global mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s9, mtval
  csrr s8, mstatus
  jr s11

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN


  .balign 8
value: .dword 0x0123456789abcdef

  .balign 16384
groot: .fill 2048, 8, 0

RVTEST_DATA_END
