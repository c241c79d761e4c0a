/*
 * The guest kernel: reads /chosen/bootargs from the device tree, drives the console through SBI
 * and through its own NS16550A driver, turns on Sv39 and runs four U-mode tasks (user.c) under a
 * round-robin scheduler preempted by the SBI timer. Tasks' output is kept in per-task buffers and
 * printed in task order once every task has finished, so the text never depends on where the
 * timer ticks fell; tick counts and times are never printed. Ends with an SBI SRST shutdown:
 * reason 0 if every check passed, 1 (system failure) otherwise.
 */
#include "guest.h"
#include "syscall.h"

/* ---- layout (link.ld) and the user tasks (user.c) ---- */
extern char __kernel_start[], __text_end[], __rodata_end[], __user_start[], __utext_end[], __user_end[], _end[];
extern void task_primes(void), task_crc(void), task_sort(void), task_rogue(void);
extern uint8_t user_stacks[][4096];

void run_user(void *frame);

/* ---- small helpers ---- */
#define PAGE 4096UL
#define NTASKS 4
#define OUTBUF 512

static unsigned failures;

static void check(int ok, const char *what) {
  if (!ok) {
    failures++;
    kprintf("check failed: %s\n", what);
  }
}

/* ---- Sv39 (privileged spec 12.4) ---- */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define SATP_SV39 (8UL << 60)

static uint64_t pt_pool[12][512] __attribute__((aligned(4096)));
static unsigned pt_used;
static uint64_t *root_pt;

static uint64_t *pt_alloc(void) {
  if (pt_used == sizeof pt_pool / sizeof pt_pool[0]) {
    kprintf("kernel: out of page-table pages\n");
    sbi_shutdown(1);
  }
  return pt_pool[pt_used++]; /* .bss: already zero */
}

/* Maps one 4 KiB page; A and D are set by us (the platform may not update them). */
static void map_page(uint64_t va, uint64_t pa, uint64_t perm) {
  uint64_t *table = root_pt;
  for (int level = 2; level > 0; level--) {
    uint64_t *pte = &table[(va >> (12 + 9 * level)) & 511];
    if ((*pte & PTE_V) == 0) *pte = ((uint64_t)(uintptr_t)pt_alloc() >> 12) << 10 | PTE_V;
    table = (uint64_t *)(uintptr_t)((*pte >> 10) << 12);
  }
  uint64_t ad = PTE_A | ((perm & PTE_W) ? PTE_D : 0);
  table[(va >> 12) & 511] = (pa >> 12) << 10 | perm | ad | PTE_V;
}

static int paging_on(void) {
  root_pt = pt_alloc();
  for (uint64_t a = (uintptr_t)__kernel_start; a < (uintptr_t)_end; a += PAGE) {
    uint64_t perm;
    if (a < (uintptr_t)__text_end) perm = PTE_R | PTE_X | PTE_G;
    else if (a < (uintptr_t)__rodata_end) perm = PTE_R | PTE_G;
    else if (a < (uintptr_t)__user_start) perm = PTE_R | PTE_W | PTE_G;
    else if (a < (uintptr_t)__utext_end) perm = PTE_U | PTE_R | PTE_X;
    else if (a < (uintptr_t)__user_end) perm = PTE_U | PTE_R | PTE_W;
    else perm = PTE_R | PTE_W | PTE_G;
    map_page(a, a, perm);
  }
  map_page(UART_BASE, UART_BASE, PTE_R | PTE_W | PTE_G);
  __asm__ volatile("sfence.vma" ::: "memory");
  csr_write(satp, SATP_SV39 | (uint64_t)(uintptr_t)root_pt >> 12);
  __asm__ volatile("sfence.vma" ::: "memory");
  return (csr_read(satp) >> 60) == 8;
}

/* ---- tasks ---- */
enum { READY, EXITED, KILLED };

struct task {
  uint64_t x[32]; /* the trap frame: x0..x31 (x0 unused), then sepc; entry.S knows this layout */
  uint64_t sepc;
  int state;
  int pid;
  long exit_code;
  unsigned preempted;
  uint64_t kill_cause, kill_tval;
  size_t out_len;
  char out[OUTBUF];
};

static struct task tasks[NTASKS];
static uint64_t tick;

static void arm_timer(void) { sbi_set_timer(rdtime() + tick); }

/* The task's buffer [va, va+len) lies inside the user part of the image. */
static int user_range_ok(uint64_t va, uint64_t len) {
  return va >= (uintptr_t)__user_start && va <= (uintptr_t)__user_end && len <= (uintptr_t)__user_end - va;
}

/* Handles the ecall of task t; returns 1 if t gives up the CPU. */
static int do_syscall(struct task *t) {
  uint64_t nr = t->x[17], a0 = t->x[10], a1 = t->x[11];
  t->sepc += 4;
  switch (nr) {
  case SYS_WRITE: {
    if (!user_range_ok(a0, a1)) {
      t->x[10] = (uint64_t)-1;
      return 0;
    }
    size_t room = OUTBUF - t->out_len, n = a1 < room ? a1 : room;
    csr_set(sstatus, SSTATUS_SUM); /* read U pages from S-mode for the copy only */
    memcpy(t->out + t->out_len, (const void *)(uintptr_t)a0, n);
    csr_clear(sstatus, SSTATUS_SUM);
    t->out_len += n;
    t->x[10] = n;
    return 0;
  }
  case SYS_GETPID:
    t->x[10] = (uint64_t)t->pid;
    return 0;
  case SYS_YIELD:
    t->x[10] = 0;
    return 1;
  case SYS_EXIT:
    t->state = EXITED;
    t->exit_code = (long)a0;
    return 1;
  case SYS_PREEMPTIONS:
    t->x[10] = t->preempted;
    return 0;
  default:
    t->x[10] = (uint64_t)-1;
    return 0;
  }
}

static void schedule(void) {
  void (*entry[NTASKS])(void) = {task_primes, task_crc, task_sort, task_rogue};
  for (int i = 0; i < NTASKS; i++) {
    struct task *t = &tasks[i];
    t->pid = i + 1;
    t->state = READY;
    t->sepc = (uintptr_t)entry[i];
    t->x[2] = (uintptr_t)user_stacks[i + 1]; /* the top of stack i */
  }
  /* sret goes to U-mode (SPP = 0) with SPIE = 0: the kernel itself always runs with SIE = 0 and is
   * never interrupted; in U-mode supervisor interrupts are enabled whatever SIE says, so sie.STIE
   * alone lets the timer preempt the tasks. */
  csr_clear(sstatus, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
  csr_set(sie, SIE_STIE);
  arm_timer();
  int cur = 0, alive = NTASKS;
  while (alive > 0) {
    struct task *t = &tasks[cur];
    run_user(t);
    uint64_t cause = csr_read(scause);
    int switch_task;
    if (cause == (SCAUSE_INTR | 5)) {
      t->preempted++;
      arm_timer();
      switch_task = 1;
    } else if (cause == 8) {
      switch_task = do_syscall(t);
    } else {
      t->state = KILLED;
      t->kill_cause = cause;
      t->kill_tval = csr_read(stval);
      switch_task = 1;
    }
    if (t->state != READY) alive--;
    if (switch_task && alive > 0) {
      do cur = (cur + 1) % NTASKS;
      while (tasks[cur].state != READY);
    }
  }
  csr_clear(sie, SIE_STIE);
  sbi_set_timer(~0ULL);
}

static void report(void) {
  for (int i = 0; i < NTASKS; i++) {
    struct task *t = &tasks[i];
    sbi_puts(t->out, t->out_len);
    if (t->out_len > 0 && t->out[t->out_len - 1] != '\n') sbi_puts("\n", 1);
    if (t->state == EXITED)
      uprintf("task %d: exit %ld\n", t->pid, t->exit_code);
    else
      uprintf("task %d: killed (scause=0x%lx, stval=0x%lx)\n", t->pid, t->kill_cause, t->kill_tval);
  }
  for (int i = 0; i < 3; i++) {
    check(tasks[i].state == EXITED && tasks[i].exit_code == 0, "a computing task did not exit 0");
    check(tasks[i].preempted >= 2, "a computing task was preempted fewer than twice");
  }
  /* Task 4 loads from the kernel's first page, which is not a U page: a load page fault (13). */
  check(tasks[3].state == KILLED && tasks[3].kill_cause == 13 && tasks[3].kill_tval == (uintptr_t)__kernel_start,
        "task 4 was not stopped by a load page fault on the kernel's memory");
}

/* A trap while the kernel itself runs is a kernel bug: report it and stop. */
void kernel_trap(uint64_t *frame) {
  kprintf("kernel: unexpected trap scause=0x%lx sepc=0x%lx stval=0x%lx\n", csr_read(scause), frame[32],
          csr_read(stval));
  sbi_shutdown(1);
}

static char bootargs[256];

void kmain(unsigned long hartid, const void *fdt) {
  (void)hartid;
  sbi_init();
  kprintf("guest: rvsim guest kernel\n");

  uint32_t len = 0;
  const char *args = fdt_prop(fdt, "/chosen", "bootargs", &len);
  if (args != NULL && len > 1) {
    size_t n = len - 1 < sizeof bootargs - 1 ? len - 1 : sizeof bootargs - 1;
    memcpy(bootargs, args, n);
    bootargs[n] = 0;
  }
  kprintf("bootargs: %s\n", bootargs[0] ? bootargs : "(none)");

  /* The timer tick: 1 ms of the timebase (10 MHz on QEMU virt if the tree does not say). */
  const void *tb = fdt_prop(fdt, "/cpus", "timebase-frequency", &len);
  uint64_t freq = tb != NULL && len == 4 ? fdt_be32(tb) : tb != NULL && len == 8 ? fdt_be64(tb) : 10000000;
  tick = freq / 1000 ? freq / 1000 : 1;

  uart_init();
  unsigned lcr;
  int uart_ok = uart_selftest(&lcr);
  check(uart_ok, "the UART's scratch register, LCR or IIR misbehaved");
  uprintf("ns16550a: lcr 0x%02x (8N1), scratch register %s\n", lcr, uart_ok ? "round-trips" : "BROKEN");

  int sv39 = paging_on();
  check(sv39, "satp did not keep Sv39");
  kprintf("sv39: %s\n", sv39 ? "on" : "off");

  uprintf("tasks: %d in U-mode, round-robin, preempted by the SBI timer\n", NTASKS);
  schedule();
  report();

  if (failures == 0)
    kprintf("guest: all checks passed\n");
  else
    kprintf("guest: %u checks FAILED\n", failures);
  sbi_shutdown(failures != 0);
}
