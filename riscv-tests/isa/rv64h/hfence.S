# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# hfence.S: HFENCE.VVMA and HFENCE.GVMA. Sections named by title,
# privileged spec chapter "Hypervisor Extension, Version 1.0" (H):
# "Hypervisor Memory-Management Fence Instructions", "Machine Status
# Registers (mstatus and mstatush)" (TVM, MPRV with MPV). A fence cannot be
# shown to be needed (a hart may cache no translations, and traps may flush
# them), so each test uses a mapping (warming any TLB), changes the page
# table, fences and checks that the new mapping is used, all in one context:
# M-mode with MPRV = 1 and MPV = 1 (HFENCE.*), or VS-mode (SFENCE.VMA). On
# rvsim, removing the fence from test 3, 5 or 7 makes it fail.
#
# G-stage (Sv39x4): GPA 0x80000000 -> 0x80000000 (1 GiB, RWX U);
#   GPA 0x100000000 (4 KiB, through gtab1/gtab0) -> page_a or page_c
# VS-stage (Sv39): VA 0x80000000 -> GPA 0x80000000 (1 GiB, RWX, the code);
#   VA 0x40000000 (4 KiB) -> GPA page_a or page_b;
#   VA 0x40001000 (4 KiB) -> GPA 0x100000000
# Every trap reaching M records mcause in s10 and resumes at s11 in M-mode.
#
# QEMU 7.2 (-M spike -cpu rv64,h=true) passes this file.
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define MSTATUS_TVM (1 << 20)
#define MSTATUS_MPRV (1 << 17)
#define MAGIC_A 0xaaaa0000aaaa0001
#define MAGIC_B 0xbbbb0000bbbb0002
#define MAGIC_C 0xcccc0000cccc0003

# Enter mode (mpp, V=v) at `where`; traps to M resume at `resume` in M.
#define ENTER(mpp, v, where, resume) \
  la s11, resume; li s10, -1; \
  li t0, 3 << 11; csrc mstatus, t0; \
  li t0, ((mpp) << 11); csrs mstatus, t0; \
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrc mstatus, t0; \
  li t0, (v); slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0; \
  la t0, where; csrw mepc, t0; \
  mret

# VS loads a2 from a0 and returns to M
#define VS_LOAD \
  li a2, 0; \
  ENTER(1, 1, 1f, 2f); \
1:ld a2, 0(a0); \
  ecall; \
  j fail; \
2:li t0, 10; bne s10, t0, fail

#define EXPECT(reg, value) li t0, value; bne reg, t0, fail
#define MPRV_ON  li t6, MSTATUS_MPRV; csrs mstatus, t6
#define MPRV_OFF li t6, MSTATUS_MPRV; csrc mstatus, t6

# t0 = the PTE for the 4 KiB page at label `page` with flags
#define PTE4K(page, flags) la t0, page; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, flags

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ---- G-stage
  la t1, groot
  li t0, ((0x80000000 >> 12) << 10) | 0xdf      # V R W X U A D
  sd t0, 16(t1)
  PTE4K(gtab1, 1)
  sd t0, 32(t1)                                 # root[4] -> gtab1
  la t1, gtab1
  PTE4K(gtab0, 1)
  sd t0, 0(t1)
  la s2, gtab0                                  # s2: the G-stage leaf's address
  PTE4K(page_a, 0xd7)                           # V R W U A D
  sd t0, 0(s2)
  la t1, groot
  srli t1, t1, 12
  li t0, 8 << 60
  or t1, t1, t0
  csrw hgatp, t1
  hfence.gvma
  # ---- VS-stage
  la t1, vsroot
  li t0, ((0x80000000 >> 12) << 10) | 0xcf      # V R W X A D
  sd t0, 16(t1)
  PTE4K(vstab1, 1)
  sd t0, 8(t1)                                  # [1] -> vstab1
  la t1, vstab1
  PTE4K(vstab0, 1)
  sd t0, 0(t1)
  la s3, vstab0                                 # s3: the VS-stage leaves
  PTE4K(page_a, 0xc7)                           # V R W A D
  sd t0, 0(s3)
  li t0, ((0x100000000 >> 12) << 10) | 0xc7
  sd t0, 8(s3)
  la t1, vsroot
  srli t1, t1, 12
  li t0, 8 << 60
  or t1, t1, t0
  csrw vsatp, t1
  hfence.vvma

  # 2: VS reads VA 0x40000000 -> page_a
  li TESTNUM, 2
  li a0, 0x40000000
  VS_LOAD
  EXPECT(a2, MAGIC_A)

  # From here, M-mode loads and stores with MPRV = 1, MPP = S, MPV = 1 are
  # VS-level accesses through both stages ("Machine Status Registers
  # (mstatus and mstatush)"). Each test warms the translation, changes a
  # PTE (a store through the identity gigapages), fences and reloads, all
  # without a trap or a privilege change in between.
  li t0, 3 << 11; csrc mstatus, t0
  li t0, 1 << 11; csrs mstatus, t0
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0

  # 3: "Hypervisor Memory-Management Fence Instructions": after the VS-stage
  # PTE is changed to page_b, HFENCE.VVMA (all addresses and ASIDs) makes
  # the VS-level access see page_b
  li TESTNUM, 3
  li a0, 0x40000000
  PTE4K(page_b, 0xc7)
  MPRV_ON
  ld a2, 0(a0)
  sd t0, 0(s3)
  hfence.vvma zero, zero
  ld a3, 0(a0)
  MPRV_OFF
  EXPECT(a2, MAGIC_A)
  EXPECT(a3, MAGIC_B)

  # 4: HFENCE.VVMA with rs1 = the guest virtual address
  li TESTNUM, 4
  PTE4K(page_a, 0xc7)
  MPRV_ON
  ld a2, 0(a0)
  sd t0, 0(s3)
  hfence.vvma a0, zero
  ld a3, 0(a0)
  MPRV_OFF
  EXPECT(a2, MAGIC_B)
  EXPECT(a3, MAGIC_A)

  # 5: G-stage: VA 0x40001000 -> GPA 0x100000000 -> page_a; after the
  # G-stage leaf is changed to page_c, HFENCE.GVMA makes it see page_c
  li TESTNUM, 5
  li a0, 0x40001000
  PTE4K(page_c, 0xd7)
  MPRV_ON
  ld a2, 0(a0)
  sd t0, 0(s2)
  hfence.gvma zero, zero
  ld a3, 0(a0)
  MPRV_OFF
  EXPECT(a2, MAGIC_A)
  EXPECT(a3, MAGIC_C)

  # 6: HFENCE.GVMA with rs1 = the guest physical address shifted right by 2
  li TESTNUM, 6
  PTE4K(page_a, 0xd7)
  li t1, 0x100000000 >> 2
  MPRV_ON
  ld a2, 0(a0)
  sd t0, 0(s2)
  hfence.gvma t1, zero
  ld a3, 0(a0)
  MPRV_OFF
  EXPECT(a2, MAGIC_C)
  EXPECT(a3, MAGIC_A)

  # 7: SFENCE.VMA executed in VS fences the VS-stage: VS itself switches
  # VA 0x40000000 from page_a to page_b and back, fencing each time
  li TESTNUM, 7
  li a0, 0x40000000
  PTE4K(page_a, 0xc7)
  mv a4, t0
  PTE4K(page_b, 0xc7)
  mv a5, t0
  ENTER(1, 1, 1f, 2f)
1:ld a2, 0(a0)               # page_a
  sd a5, 0(s3)
  sfence.vma
  ld a3, 0(a0)               # page_b
  sd a4, 0(s3)
  sfence.vma a0, zero
  ld a6, 0(a0)               # page_a
  ecall
  j fail
2:EXPECT(s10, 10)
  EXPECT(a2, MAGIC_A)
  EXPECT(a3, MAGIC_B)
  EXPECT(a6, MAGIC_A)

  # 8: "Machine Status Registers (mstatus and mstatush)": with mstatus.TVM = 1,
  # HFENCE.GVMA in HS-mode is illegal; HFENCE.VVMA is not affected
  li TESTNUM, 8
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  li a3, 0
  ENTER(1, 0, 1f, 2f)
1:hfence.vvma zero, zero
  li a3, 1
  hfence.gvma zero, zero
  j fail
2:EXPECT(s10, 2)
  EXPECT(a3, 1)
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  # 9: with TVM = 0, HFENCE.GVMA runs in HS-mode
  li TESTNUM, 9
  ENTER(1, 0, 1f, 2f)
1:hfence.gvma zero, zero
  ecall
  j fail
2:EXPECT(s10, 9)

  csrw vsatp, zero
  csrw hgatp, zero
  RVTEST_PASS

  TEST_PASSFAIL

  .balign 4
  .global mtvec_handler
mtvec_handler:
  csrr s10, mcause
  mv t5, s11
  la s11, fail               # a second trap without a new s11 fails
  jr t5

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

  .balign 4096
page_a: .dword MAGIC_A
  .balign 4096
page_b: .dword MAGIC_B
  .balign 4096
page_c: .dword MAGIC_C
  .balign 4096
vsroot: .fill 512, 8, 0
vstab1: .fill 512, 8, 0
vstab0: .fill 512, 8, 0
gtab1: .fill 512, 8, 0
gtab0: .fill 512, 8, 0
  .balign 16384
groot: .fill 2048, 8, 0

RVTEST_DATA_END
