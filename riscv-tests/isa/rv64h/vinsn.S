# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# vinsn.S: virtual-instruction (22) versus illegal-instruction (2)
# exceptions, one sub-test per case of H "Virtual-Instruction Exceptions"
# (privileged spec, chapter "Hypervisor Extension, Version 1.0"), and the
# mstatus bits that do not reach VS-mode. An M-mode harness enters VS/VU
# with MRET (MPV = 1); every trap reaching M records mcause/mtval/mstatus in
# s10/s9/s8 and resumes at s11 in M-mode.
#
# mtval: the spec has a virtual-instruction trap write xtval "in the same way
# as for an illegal-instruction trap" (zero, or the instruction bits). rvsim
# writes the instruction bits for both, as Spike does, and each sub-test
# checks that (and mstatus.MPV = 1: the trap came from V = 1).
#
# QEMU 7.2 (-M spike -cpu rv64,h=true) fails test 2 at once: it writes
# mtval = 0 for virtual-instruction traps (allowed by the spec, but not what
# rvsim chose). With the mtval check removed it still disagrees with the spec
# at (found one by one, each removed in turn): 7 HFENCE in VU and 8 SRET in
# VU raise illegal instead of virtual-instruction; 10 VS reads satp with
# VTVM = 1 without a trap; 11 SFENCE.VMA in VU is illegal; 14 WFI in VU with
# TW = 1 is virtual-instruction (TW = 1 makes it illegal in every mode below
# M); 24 sstatus from VU is illegal; 29/30 it applies mstatus.TSR/TVM to
# VS-mode (H "Machine Status Registers (mstatus and mstatush)": "The TSR and
# TVM fields of mstatus affect execution only in HS-mode, not in VS-mode").
# The spec wins in each case.
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define MSTATUS_TVM (1 << 20)
#define MSTATUS_TW  (1 << 21)
#define MSTATUS_TSR (1 << 22)
#define HSTATUS_VTVM (1 << 20)
#define HSTATUS_VTW  (1 << 21)
#define HSTATUS_VTSR (1 << 22)

# Enter mode (mpp, V=1) at `where`; traps to M resume at `resume` in M.
#define ENTER_V(mpp, where, resume) \
  la s11, resume; li s10, -1; \
  li t0, 3 << 11; csrc mstatus, t0; \
  li t0, ((mpp) << 11); csrs mstatus, t0; \
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0; \
  la t0, where; csrw mepc, t0; \
  mret

# The trap at label 1 (backward) reached M with this cause, mtval = the
# instruction bits, MPV = 1.
#define EXPECT_TRAP(cause) \
  li t0, cause; bne s10, t0, fail; \
  la t0, 1b; lwu t0, 0(t0); bne s9, t0, fail; \
  srli t0, s8, MSTATUS_MPV_BIT; andi t0, t0, 1; beqz t0, fail

# One instruction at privilege mpp with V=1 must trap to M with `cause`.
#define TRAP_CASE(n, mpp, cause, ...) \
  li TESTNUM, n; \
  ENTER_V(mpp, 1f, 2f); \
1:__VA_ARGS__; \
  j fail; \
2:EXPECT_TRAP(cause)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  csrw hgatp, zero
  csrw vsatp, zero

  # 2-7: hypervisor instructions (HLV, HLVX, HSV, HFENCE) in VS or VU
  TRAP_CASE(2, 1, 22, hlv.b t1, (zero))
  TRAP_CASE(3, 1, 22, hsv.w zero, (zero))
  TRAP_CASE(4, 1, 22, hfence.vvma zero, zero)
  TRAP_CASE(5, 1, 22, hfence.gvma zero, zero)
  TRAP_CASE(6, 0, 22, hlvx.hu t1, (zero))
  TRAP_CASE(7, 0, 22, hfence.gvma zero, zero)

  # 8: SRET in VU is virtual-instruction
  TRAP_CASE(8, 0, 22, sret)

  # 9: SFENCE.VMA in VS with hstatus.VTVM = 1
  li t0, HSTATUS_VTVM
  csrs hstatus, t0
  TRAP_CASE(9, 1, 22, sfence.vma)
  # 10: satp access in VS with hstatus.VTVM = 1 (QEMU 7.2: no trap)
  TRAP_CASE(10, 1, 22, csrr t1, satp)
  li t0, HSTATUS_VTVM
  csrc hstatus, t0
  # 11: SFENCE.VMA in VU, whatever VTVM
  TRAP_CASE(11, 0, 22, sfence.vma)

  # 12: WFI in VS with VTW = 1 and mstatus.TW = 0
  li t0, HSTATUS_VTW
  csrs hstatus, t0
  TRAP_CASE(12, 1, 22, wfi)
  # 13: mstatus.TW = 1 wins: WFI in VS is illegal
  li t0, MSTATUS_TW
  csrs mstatus, t0
  TRAP_CASE(13, 1, 2, wfi)
  li t0, HSTATUS_VTW
  csrc hstatus, t0
  # 14: WFI in VU with TW = 1 is illegal
  TRAP_CASE(14, 0, 2, wfi)
  li t0, MSTATUS_TW
  csrc mstatus, t0
  # 15: WFI in VU with TW = 0 is virtual-instruction (VTW = 0 here)
  TRAP_CASE(15, 0, 22, wfi)

  # 16-18: hypervisor and VS CSRs from VS are virtual-instruction
  TRAP_CASE(16, 1, 22, csrr t1, vsstatus)
  TRAP_CASE(17, 1, 22, csrw hgatp, zero)
  TRAP_CASE(18, 1, 22, csrs hvip, zero)
  # 19: ... also with mstatus.TVM = 1 (hgatp's check in HS assumes TVM = 0)
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  TRAP_CASE(19, 1, 22, csrr t1, hgatp)
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  # 20: a write to read-only hgeip is illegal in HS too, so illegal from VS
  TRAP_CASE(20, 1, 2, csrw hgeip, zero)
  # 21: reading hgeip from VS is virtual-instruction
  TRAP_CASE(21, 1, 22, csrr t1, hgeip)

  # 22-23: machine-level CSRs and MRET from VS are illegal
  TRAP_CASE(22, 1, 2, csrr t1, mstatus)
  TRAP_CASE(23, 1, 2, mret)

  # 24-26: from VU, supervisor CSRs are virtual-instruction, hypervisor CSRs
  # too, machine CSRs illegal
  TRAP_CASE(24, 0, 22, csrr t1, sstatus)
  TRAP_CASE(25, 0, 22, csrr t1, hstatus)
  TRAP_CASE(26, 0, 2, csrr t1, mepc)

  # 27-28: HLV/HFENCE in U-mode (V = 0) with hstatus.HU = 0 are illegal
  # (H "Hypervisor Virtual-Machine Load and Store Instructions"): no MPV
  li TESTNUM, 27
  la s11, 2f; li s10, -1
  li t0, 3 << 11; csrc mstatus, t0
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrc mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:hlv.w t1, (zero)
  j fail
2:li t0, 2
  bne s10, t0, fail
  li TESTNUM, 28
  la s11, 2f; li s10, -1
  la t0, 1f; csrw mepc, t0
  mret
1:hfence.vvma zero, zero
  j fail
2:li t0, 2
  bne s10, t0, fail

  # 29: H "Machine Status Registers (mstatus and mstatush)": TSR and TVM
  # affect HS-mode only; SRET in VS with TSR = 1 and VTSR = 0 returns to vsepc
  li TESTNUM, 29
  li t0, MSTATUS_TSR | MSTATUS_TVM
  csrs mstatus, t0
  la t0, 3f
  csrw vsepc, t0
  li t0, 1 << 8              # vsstatus.SPP = S: stay in VS
  csrw vsstatus, t0
  ENTER_V(1, 1f, 2f)
1:sret
  j fail
  # 30: likewise mstatus.TVM: SFENCE.VMA and satp in VS run (VTVM = 0)
3:li TESTNUM, 30
  sfence.vma
  csrr t1, satp
  ecall
  j fail
2:li t0, 10
  bne s10, t0, fail
  li t0, 30
  bne TESTNUM, t0, fail
  li t0, MSTATUS_TSR | MSTATUS_TVM
  csrc mstatus, t0

  RVTEST_PASS

  TEST_PASSFAIL

  .balign 4
  .global mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s9, mtval
  csrr s8, mstatus
  mv t5, s11
  la s11, fail               # a second trap without a new s11 fails
  jr t5

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

RVTEST_DATA_END
