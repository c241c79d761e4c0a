# A test guest for virtual interrupts: the virtual UART's interrupt (IER.ETBEI: transmitter empty)
# goes through the guest's virtual PLIC (source 10, S-mode context 1: priority, enable, threshold,
# claim/complete) to its supervisor external interrupt, i.e. hvip.VSEIP; then the guest waits
# in WFI for its SBI timer, which the hypervisor turns into a yield of the hart and wakes with
# hvip.VSTIP. Prints "E" for the UART interrupt and "W" after the wait, exits 0 (1 on a failure).
  .section .text.start
  .globl _start
_start:
  la sp, stack_top
  la t0, trap; csrw stvec, t0
  li s0, 0x10000000
  li s3, 0x0c000000                 # the PLIC
  li t0, 1; sw t0, 40(s3)           # priority[10] = 1
  li t1, 0x2080; add t1, t1, s3     # context 1 enables
  li t0, 1 << 10; sw t0, 0(t1)
  li t1, 0x201000; add t1, t1, s3   # context 1 threshold = 0
  sw zero, 0(t1)
  li s1, 0                          # interrupts seen: UART
  li s2, 0                          # timer
  li t0, (1 << 9) | (1 << 5); csrs sie, t0
  csrsi sstatus, 2
  li t0, 2; sb t0, 1(s0)            # IER.ETBEI: THR empty raises the line at once
1:beqz s1, 1b
  # wait for the timer with WFI (interrupts off: WFI still wakes, then the interrupt is taken)
  csrci sstatus, 2
  rdtime a0; li t0, 20000; add a0, a0, t0
  li a7, 0x54494D45; li a6, 0; ecall
  wfi
  csrsi sstatus, 2
2:beqz s2, 2b
  li a7, 1; li a0, 'W'; ecall
  li a7, 1; li a0, '\n'; ecall
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 0; ecall
  j fail
  .align 2
trap:
  csrr t0, scause
  li t1, (1 << 63) | 9
  beq t0, t1, uart_irq
  li t1, (1 << 63) | 5
  beq t0, t1, timer_irq
  j fail
uart_irq:
  li t2, 0x201004; add t2, t2, s3   # context 1 claim/complete
  lw t3, 0(t2)
  li t1, 10; bne t3, t1, fail       # the UART's source
  lbu t0, 2(s0)                     # IIR: 0x?2 = THR empty
  andi t0, t0, 0xf
  li t1, 2; bne t0, t1, fail
  sb zero, 1(s0)                    # IER = 0: the line drops
  sw t3, 0(t2)                      # complete
  li s1, 1
  li a7, 1; li a0, 'E'; ecall
  li a7, 1; li a0, '\n'; ecall
  sret
timer_irq:
  li a0, -1; li a7, 0x54494D45; li a6, 0; ecall
  li s2, 1
  sret
fail:
  li a7, 1; li a0, 'F'; ecall
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 1; ecall
3:j 3b
