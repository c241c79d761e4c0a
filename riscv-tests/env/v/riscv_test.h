/*
 * rvsim's "v" (virtual memory) test environment.
 *
 * Written for rvsim (not derived from upstream's env/v); same interface as
 * env/p (RVTEST_* macros, TESTNUM in gp, tohost/fromhost), so the user-mode
 * tests (rv64ui/um/ua/uc/uf/ud) build against either.  The Makefile builds
 * isa/<group>/<name>.S with this environment as <group>-v-<name>.
 *
 * Three privilege levels, each doing what an OS would:
 *   M (rvtest_reset, physical): zeroes x1..x31, parks harts other than 0,
 *     opens PMP, delegates the user's exceptions to S (medeleg), builds the
 *     Sv39 page tables, writes satp (MODE Sv39, ASID 1) and mret's into S.
 *     Any trap that still reaches M is a failure (rvtest_mtrap).
 *   S (rvtest_supervisor, translated): sets sstatus (SPP = U, FS for the F/D
 *     groups) and sret's into the test body in U-mode.  Its trap handler
 *     (stvec = rvtest_strap) handles
 *       - ecall from U at rvtest_user_ecall: the test's report, a0 = the
 *         tohost value; written to tohost by the supervisor;
 *       - page faults (scause 12, 13, 15) that only miss the A bit (or D for
 *         a store) of a user leaf PTE that allows the access: sets A (and D),
 *         sfence.vma for that page and ASID, and sret's to retry.  The leaf
 *         PTEs start with A = D = 0, so on a hart without hardware A/D
 *         updates (Svade, Priv. spec 12.4.1 "Addressing and Memory
 *         Protection", step 7) every first touch of a page goes through
 *         here; with Svadu (or QEMU, which updates A/D itself) none does.
 *         The handler preserves every user register (sscratch save area),
 *         since tests use t5/t6 too;
 *       - anything else (another page fault, an ecall from elsewhere,
 *         illegal instruction, misaligned or access fault...): a failure.
 *   U: the test body.
 *
 * Memory (env/v/link.ld): the harness (.text.init, .tohost, page tables)
 * is at 0x80000000 and reached by S through an identity-mapped 1 GiB
 * superpage with U = 0.  The test's .text/.data/.bss are linked at the
 * virtual address rvtest_user_va (0x12_3450_0000, Sv39 root index 0x48)
 * and loaded right after the harness (ELF p_vaddr != p_paddr); they are
 * mapped by 4 KiB leaves U|X|W|R (W for fence_i's self-modifying code)
 * through a three-level walk.  Address 0 and the rest of the low VA space
 * are unmapped.  The supervisor runs with SUM = 0: it never touches user
 * memory.
 *
 * Results, as in env/p (tohost >> 1 is QEMU's exit status):
 *   pass: tohost = 1
 *   fail: tohost = (TESTNUM << 1) | 1
 *   unexpected trap: tohost = (code << 1) | 1, code = (cause << 9) | 0x100
 *     | (TESTNUM & 0xff) with cause = scause (taken in S) or mcause (in M);
 *     TESTNUM is 0 while the harness sets up.
 *
 * Tests that install their own trap handler (TEST_TRAP_HANDLER, which reads
 * mcause/mepc in M-mode) cannot run here: S owns the traps.  They are left
 * out of the v build by the Makefile; RVTEST_CODE_END stops the assembly if
 * one is built anyway.
 */
#ifndef RVSIM_RISCV_TEST_H
#define RVSIM_RISCV_TEST_H

#define TESTNUM gp

/* sstatus.FS for the test body: 0 Off (integer tests), 1 Initial (F/D). */
#define RVTEST_RV64U \
  .macro rvtest_user_fs; li t0, 0; .endm
#define RVTEST_RV64UF \
  .macro rvtest_user_fs; li t0, 1; .endm
#define RVTEST_RV64UD RVTEST_RV64UF
#define RVTEST_RV64S \
  .error "env/v runs user-mode tests only (RVTEST_RV64U, UF, UD)"
#define RVTEST_RV64M \
  .error "env/v runs user-mode tests only (RVTEST_RV64U, UF, UD)"

/* PTE bits (Priv. spec 12.4.1, Sv32 PTE layout, same low bits in Sv39) */
#define RVTEST_PTE_V 0x01
#define RVTEST_PTE_R 0x02
#define RVTEST_PTE_W 0x04
#define RVTEST_PTE_X 0x08
#define RVTEST_PTE_U 0x10
#define RVTEST_PTE_A 0x40
#define RVTEST_PTE_D 0x80
/* satp: MODE 8 = Sv39 in bits 63:60, ASID in 59:44 (Priv. spec 10.1.11) */
#define RVTEST_SATP_SV39 (8 << 60)
#define RVTEST_ASID 1
/* exceptions handed to S: misaligned/access faults (0, 1, 4, 5, 6, 7),
   illegal instruction (2), breakpoint (3), ecall from U (8), page faults
   (12, 13, 15) */
#define RVTEST_MEDELEG 0xb1ff
/* offsets in rvtest_layout */
#define RVTEST_L_USER_VA   0
#define RVTEST_L_USER_SIZE 8
#define RVTEST_L_USER_PA   16
#define RVTEST_L_BODY      24
#define RVTEST_L_ECALL     32

#define RVTEST_ZERO_XREGS \
  li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;  \
  li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0; \
  li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0; \
  li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0; \
  li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0; \
  li x31, 0

#define RVTEST_CODE_BEGIN                                               \
  .file __BASE_FILE__;                                                  \
  /* page tables (root, level 1, level 0) and the S handler's save      \
     area: harness memory, zeroed by rvtest_reset */                    \
  .pushsection .rvtest.pt, "aw", @nobits;                               \
  .balign 4096;                                                         \
rvtest_pt_root: .skip 4096;                                             \
rvtest_pt_l1:   .skip 4096;                                             \
rvtest_pt_l0:   .skip 4096;                                             \
rvtest_ssave:   .skip 64;                                               \
  .popsection;                                                          \
  .section .text.init, "ax", @progbits;                                 \
  .option norvc;                                                        \
  .option norelax;                                                      \
  .globl _start;                                                        \
_start:                                                                 \
  j rvtest_reset;                                                       \
                                                                        \
  /* M: every trap here is a failure */                                 \
  .balign 4;                                                            \
rvtest_mtrap:                                                           \
  csrr t5, mcause;                                                      \
  j rvtest_report_trap;                                                 \
                                                                        \
  /* S: trap handler, runs translated (identity superpage) */           \
  .balign 4;                                                            \
  .globl rvtest_strap;                                                  \
rvtest_strap:                                                           \
  csrrw t0, sscratch, t0;                                               \
  sd t1, 0(t0);                                                         \
  sd t2, 8(t0);                                                         \
  sd t3, 16(t0);                                                        \
  sd t4, 24(t0);                                                        \
  csrr t1, scause;                                                      \
  li t2, 8;                                                             \
  beq t1, t2, rvtest_s_ecall;                                           \
  li t3, RVTEST_PTE_V | RVTEST_PTE_U | RVTEST_PTE_X;                    \
  li t2, 12;                                                            \
  beq t1, t2, rvtest_s_page_fault;                                      \
  li t3, RVTEST_PTE_V | RVTEST_PTE_U | RVTEST_PTE_R;                    \
  li t2, 13;                                                            \
  beq t1, t2, rvtest_s_page_fault;                                      \
  li t3, RVTEST_PTE_V | RVTEST_PTE_U | RVTEST_PTE_W;                    \
  li t2, 15;                                                            \
  beq t1, t2, rvtest_s_page_fault;                                      \
rvtest_s_unexpected:                                                    \
  csrr t5, scause;                                                      \
  j rvtest_report_trap;                                                 \
                                                                        \
  /* the test's report: only the env's own ecall counts */              \
rvtest_s_ecall:                                                         \
  csrr t2, sepc;                                                        \
  la t3, rvtest_layout;                                                 \
  ld t3, RVTEST_L_ECALL(t3);                                            \
  bne t2, t3, rvtest_s_unexpected;                                      \
  mv t5, a0;                                                            \
  j rvtest_write_tohost;                                                \
                                                                        \
  /* t3 = the PTE bits the access needs; t1 = scause */                 \
rvtest_s_page_fault:                                                    \
  csrr t2, stval;                                                       \
  la t4, rvtest_layout;                                                 \
  ld t4, RVTEST_L_USER_VA(t4);                                          \
  sub t2, t2, t4;                                                       \
  la t4, rvtest_layout;                                                 \
  ld t4, RVTEST_L_USER_SIZE(t4);                                        \
  /* outside the test's pages: a real fault */                          \
  bgeu t2, t4, rvtest_s_unexpected;                                     \
  csrr t2, stval;                                                       \
  srli t2, t2, 12;                                                      \
  andi t2, t2, 0x1ff;                                                   \
  slli t2, t2, 3;                                                       \
  la t4, rvtest_pt_l0;                                                  \
  add t2, t2, t4;                                                       \
  ld t4, 0(t2);                                                         \
  and t4, t4, t3;                                                       \
  /* the PTE does not allow this access: a real fault */                \
  bne t4, t3, rvtest_s_unexpected;                                      \
  li t3, RVTEST_PTE_A;                                                  \
  li t4, 15;                                                            \
  bne t1, t4, 1f;                                                       \
  li t3, RVTEST_PTE_A | RVTEST_PTE_D;                                   \
1:ld t4, 0(t2);                                                         \
  and t1, t4, t3;                                                       \
  /* A (and D) already set: nothing explains the fault */               \
  beq t1, t3, rvtest_s_unexpected;                                      \
  or t4, t4, t3;                                                        \
  sd t4, 0(t2);                                                         \
  /* drop any cached translation of this page in our address space */  \
  csrr t2, stval;                                                       \
  csrr t4, satp;                                                        \
  srli t4, t4, 44;                                                      \
  slli t4, t4, 48;                                                      \
  srli t4, t4, 48;                                                      \
  sfence.vma t2, t4;                                                    \
  ld t1, 0(t0);                                                         \
  ld t2, 8(t0);                                                         \
  ld t3, 16(t0);                                                        \
  ld t4, 24(t0);                                                        \
  csrrw t0, sscratch, t0;                                               \
  sret;                                                                 \
                                                                        \
  /* t5 = cause: tohost = (((t5 << 9) | 0x100 | TESTNUM) << 1) | 1 */   \
rvtest_report_trap:                                                     \
  slli t5, t5, 9;                                                       \
  ori t5, t5, 0x100;                                                    \
  andi t6, TESTNUM, 0xff;                                               \
  or t5, t5, t6;                                                        \
  slli t5, t5, 1;                                                       \
  ori t5, t5, 1;                                                        \
  /* t5 = tohost value; from M physically, from S through the identity  \
     superpage (VA = PA) */                                             \
  .globl rvtest_write_tohost;                                           \
rvtest_write_tohost:                                                    \
  la t6, tohost;                                                        \
  sd t5, 0(t6);                                                         \
  j rvtest_write_tohost;                                                \
                                                                        \
  /* M: reset, physical addresses */                                    \
rvtest_reset:                                                           \
  RVTEST_ZERO_XREGS;                                                    \
  csrr t0, mhartid;                                                     \
1:bnez t0, 1b;                                                          \
  la t0, rvtest_mtrap;                                                  \
  csrw mtvec, t0;                                                       \
  /* one NAPOT region over all of memory, RWX (Priv. spec 3.7.1) */     \
  li t0, -1;                                                            \
  csrw pmpaddr0, t0;                                                    \
  li t0, 0x1f;                                                          \
  csrw pmpcfg0, t0;                                                     \
  csrwi mie, 0;                                                         \
  csrwi mideleg, 0;                                                     \
  li t0, RVTEST_MEDELEG;                                                \
  csrw medeleg, t0;                                                     \
  /* zero the page tables and the save area */                          \
  la t0, rvtest_pt_root;                                                \
  la t1, rvtest_ssave + 64;                                             \
1:sd zero, 0(t0);                                                       \
  addi t0, t0, 8;                                                       \
  bltu t0, t1, 1b;                                                      \
  /* root: identity 1 GiB superpage over the harness, S only (U = 0),   \
     PPN[1:0] = 0 as a superpage needs */                               \
  la t0, _start;                                                        \
  srli t1, t0, 30;                                                      \
  slli t2, t1, 3;                                                       \
  la t3, rvtest_pt_root;                                                \
  add t2, t2, t3;                                                       \
  slli t1, t1, 28;                                                      \
  ori t1, t1, RVTEST_PTE_D | RVTEST_PTE_A | RVTEST_PTE_X | RVTEST_PTE_W | RVTEST_PTE_R | RVTEST_PTE_V; \
  sd t1, 0(t2);                                                         \
  /* user VA -> root[VPN2] -> l1[VPN1] -> l0[VPN0 + i] */               \
  la a0, rvtest_layout;                                                 \
  ld a1, RVTEST_L_USER_VA(a0);                                          \
  ld a2, RVTEST_L_USER_SIZE(a0);                                        \
  ld a3, RVTEST_L_USER_PA(a0);                                          \
  srli t0, a1, 30;                                                      \
  andi t0, t0, 0x1ff;                                                   \
  slli t0, t0, 3;                                                       \
  add t0, t0, t3;                                                       \
  la t1, rvtest_pt_l1;                                                  \
  srli t1, t1, 2;                                                       \
  ori t1, t1, RVTEST_PTE_V;                                             \
  sd t1, 0(t0);                                                         \
  srli t0, a1, 21;                                                      \
  andi t0, t0, 0x1ff;                                                   \
  slli t0, t0, 3;                                                       \
  la t1, rvtest_pt_l1;                                                  \
  add t0, t0, t1;                                                       \
  la t1, rvtest_pt_l0;                                                  \
  srli t1, t1, 2;                                                       \
  ori t1, t1, RVTEST_PTE_V;                                             \
  sd t1, 0(t0);                                                         \
  srli t0, a1, 12;                                                      \
  andi t0, t0, 0x1ff;                                                   \
  slli t0, t0, 3;                                                       \
  la t1, rvtest_pt_l0;                                                  \
  add t0, t0, t1;                                                       \
  /* leaves: A = D = 0 (set by rvtest_strap on first use) */            \
  srli t1, a3, 2;                                                       \
  ori t1, t1, RVTEST_PTE_U | RVTEST_PTE_X | RVTEST_PTE_W | RVTEST_PTE_R | RVTEST_PTE_V; \
  li t2, 4096 >> 2;                                                     \
  srli a2, a2, 12;                                                      \
1:sd t1, 0(t0);                                                         \
  addi t0, t0, 8;                                                       \
  add t1, t1, t2;                                                       \
  addi a2, a2, -1;                                                      \
  bnez a2, 1b;                                                          \
  /* satp = Sv39 | ASID | root PPN */                                   \
  srli t0, t3, 12;                                                      \
  li t1, RVTEST_SATP_SV39 | (RVTEST_ASID << 44);                        \
  or t0, t0, t1;                                                        \
  csrw satp, t0;                                                        \
  sfence.vma;                                                           \
  la t0, rvtest_strap;                                                  \
  csrw stvec, t0;                                                       \
  la t0, rvtest_ssave;                                                  \
  csrw sscratch, t0;                                                    \
  /* mret to S: MPP = 1, MPIE = 0, MPRV = 0 */                          \
  li t0, 1 << 11;                                                       \
  csrw mstatus, t0;                                                     \
  la t0, rvtest_supervisor;                                             \
  csrw mepc, t0;                                                        \
  mret;                                                                 \
                                                                        \
  /* S: enter the test body in U-mode */                                \
rvtest_supervisor:                                                      \
  rvtest_user_fs;                                                       \
  slli t0, t0, 13;                                                      \
  /* SPP = 0 (U), SPIE = 0, SUM = 0, MXR = 0 */                         \
  csrw sstatus, t0;                                                     \
  la t0, rvtest_layout;                                                 \
  ld t0, RVTEST_L_BODY(t0);                                             \
  csrw sepc, t0;                                                        \
  li t0, 0;                                                             \
  li t1, 0;                                                             \
  li t2, 0;                                                             \
  li t3, 0;                                                             \
  li a0, 0;                                                             \
  li a1, 0;                                                             \
  li a2, 0;                                                             \
  li a3, 0;                                                             \
  li TESTNUM, 1;                                                        \
  sret;                                                                 \
                                                                        \
  .balign 8;                                                            \
rvtest_layout:                                                          \
  .dword rvtest_user_va;                                                \
  .dword rvtest_user_size;                                              \
  .dword rvtest_user_pa;                                                \
  .dword rvtest_body;                                                   \
  .dword rvtest_user_ecall;                                             \
                                                                        \
  /* U: the test; RVTEST_PASS/FAIL report through this ecall */         \
  .text;                                                                \
  .globl rvtest_user_ecall;                                             \
rvtest_user_ecall:                                                      \
  ecall;                                                                \
  j rvtest_user_ecall;                                                  \
  .globl rvtest_body;                                                   \
rvtest_body:

#define RVTEST_CODE_END                                                 \
  .ifdef mtvec_handler;                                                 \
  .error "env/v: the supervisor owns the traps; tests with a trap handler run in env/p only"; \
  .endif;                                                               \
rvtest_fell_off_end:                                                    \
  j rvtest_fell_off_end

/* Report success: a0 = 1, ecall to the supervisor. */
#define RVTEST_PASS                                                     \
  fence;                                                                \
  li TESTNUM, 1;                                                        \
  li a0, 1;                                                             \
  j rvtest_user_ecall

/* Report failure of test TESTNUM: a0 = (TESTNUM << 1) | 1 (TESTNUM 0 is
   reported as 1, never as a pass). */
#define RVTEST_FAIL                                                     \
  fence;                                                                \
  bnez TESTNUM, 5f;                                                     \
  li TESTNUM, 1;                                                        \
5:slli a0, TESTNUM, 1;                                                  \
  ori a0, a0, 1;                                                        \
  j rvtest_user_ecall

/* RVTEST_DATA_BEGIN / RVTEST_DATA_END: the tohost mailbox and the signature, shared by p and v. */
#include "../rvtest_data.h"

#endif
