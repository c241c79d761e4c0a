# A test guest for Sstc under the hypervisor: the guest programs its own timer with the stimecmp
# CSR (which is vstimecmp on the hart, henvcfg.STCE = 1), waits in WFI with interrupts off, checks
# sip.STIP, then takes the interrupt; prints "S" and exits 0 (1 on a failure).
  .section .text.start
  .globl _start
_start:
  la sp, stack_top
  la t0, trap; csrw stvec, t0
  li t0, 1 << 5; csrs sie, t0
  rdtime t0; li t1, 5000; add t0, t0, t1
  csrw 0x14d, t0                     # stimecmp
  wfi
  csrr t0, sip
  andi t0, t0, 1 << 5
  beqz t0, fail
  rdtime t0; li t1, 5000; bltu t0, t1, fail
  li s1, 0
  csrsi sstatus, 2
1:beqz s1, 1b
  li a7, 1; li a0, 'S'; ecall
  li a7, 1; li a0, '\n'; ecall
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 0; ecall
  .align 2
trap:
  csrr t0, scause
  li t1, (1 << 63) | 5
  bne t0, t1, fail
  li t0, -1; csrw 0x14d, t0          # quiet the timer
  li s1, 1
  sret
fail:
  li a7, 1; li a0, 'F'; ecall
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 1; ecall
3:j 3b
