# A test guest for the hypervisor's SBI (SBI spec v2.0): prints through the legacy console and
# DBCN, checks base-extension answers, the TIME extension and the timer interrupt, then shuts
# down through SRST with an implementation-specific reason carrying exit code 42.
  .section .text.start
  .globl _start
_start:
  la sp, stack_top
  mv s0, a1                 # the device tree
  # legacy putchar 'L', '\n'
  li a7, 1; li a0, 'L'; ecall
  li a7, 1; li a0, '\n'; ecall
  # base: spec version (fid 0) must be >= 0.2
  li a7, 0x10; li a6, 0; ecall
  bnez a0, fail
  li t0, 2; blt a1, t0, fail
  # base: probe DBCN and TIME, and a missing extension
  li a7, 0x10; li a6, 3; li a0, 0x4442434E; ecall
  li t0, 1; bne a1, t0, fail
  li a7, 0x10; li a6, 3; li a0, 0x54494D45; ecall
  li t0, 1; bne a1, t0, fail
  li a7, 0x10; li a6, 3; li a0, 0x12345; ecall
  bnez a1, fail
  # an unknown extension answers NOT_SUPPORTED (-2)
  li a7, 0x12345; li a6, 0; ecall
  li t0, -2; bne a0, t0, fail
  # DBCN write of the message (guest-physical address)
  li a7, 0x4442434E; li a6, 0; li a0, 8; la a1, msg; li a2, 0; ecall
  bnez a0, fail
  li t0, 8; bne a1, t0, fail
  # the device tree is where a1 said: magic 0xd00dfeed (big-endian)
  lwu t0, 0(s0)
  li t1, 0xedfe0dd0; bne t0, t1, fail
  # time starts near zero for a new guest
  rdtime t0
  li t1, 10000000; bgeu t0, t1, fail
  # TIME: an interrupt 1000 ticks from now, taken in VS through stvec
  la t0, trap; csrw stvec, t0
  li t0, 1 << 5; csrs sie, t0
  rdtime a0; addi a0, a0, 1000
  li a7, 0x54494D45; li a6, 0; ecall
  li s1, 0
  csrsi sstatus, 2
1: beqz s1, 1b
  csrci sstatus, 2
  # DBCN "T\n"
  li a7, 0x4442434E; li a6, 2; li a0, 'T'; ecall
  li a7, 0x4442434E; li a6, 2; li a0, '\n'; ecall
  # SRST shutdown, reason 0xE0000000 + 42
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 0xE000002A; ecall
  j fail
  .align 2
trap:
  csrr t0, scause
  li t1, (1 << 63) | 5
  bne t0, t1, fail
  # stop the timer: set it far away (this clears the pending interrupt)
  li a0, -1
  li a7, 0x54494D45; li a6, 0; ecall
  li s1, 1
  sret
fail:
  li a7, 1; li a0, 'F'; ecall
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 1; ecall
1: j 1b
  .section .rodata
msg: .ascii "DBCN ok\n"
msg_end:
