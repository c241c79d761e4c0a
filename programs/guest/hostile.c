/*
 * guest-hostile.elf: a guest that misbehaves on purpose, for the hypervisor's containment test.
 * It only runs under rvsim's hypervisor (bare on OpenSBI several of its probes are legal).
 * With satp Bare it: executes illegal instructions, reads CSRs a guest must not touch (under the
 * hypervisor: virtual-instruction exceptions, which the hypervisor reflects as illegal
 * instructions), stores 0xdeadbeef to 64 pseudo-random addresses inside its own RAM (after its
 * image and stack), then to 16 addresses outside RAM (the hypervisor must stop it at the first),
 * and, if still alive, jumps to 0x0. Its trap handler counts faults and skips the faulting
 * instruction. It never shuts down cleanly: reaching the end is a containment failure, reported
 * as an SRST shutdown with reason 1 (system failure).
 */
#include "guest.h"

extern char _end[];

static unsigned illegal_traps, access_traps;

static void die(const char *why, uint64_t cause, uint64_t epc, uint64_t tval) {
  kprintf("hostile: %s (scause=0x%lx sepc=0x%lx stval=0x%lx)\n", why, cause, epc, tval);
  sbi_shutdown(1);
}

void hostile_trap(uint64_t *frame) {
  uint64_t cause = csr_read(scause), epc = frame[32], tval = csr_read(stval);
  if (cause & SCAUSE_INTR) die("unexpected interrupt", cause, epc, tval);
  switch (cause) {
  case 2: /* illegal instruction */
    illegal_traps++;
    break;
  case 4: case 5: case 6: case 7: case 13: case 15: /* misaligned, access and page faults */
    access_traps++;
    break;
  case 1: case 12: /* instruction fetch: only the wild jump gets here */
    die("still running after a wild jump", cause, epc, tval);
    break;
  default:
    die("unexpected trap", cause, epc, tval);
  }
  /* Skip the instruction: 2 bytes if compressed (low bits != 11), else 4. */
  uint16_t low = *(volatile uint16_t *)(uintptr_t)epc;
  frame[32] = epc + ((low & 3) == 3 ? 4 : 2);
}

static uint64_t lcg_state = 0x2545f4914f6cdd1dULL;
static uint64_t lcg(void) {
  lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return lcg_state >> 16;
}

static void store32(uint64_t addr, uint32_t v) {
  __asm__ volatile("sw %0, 0(%1)" ::"r"(v), "r"(addr) : "memory");
}

#define CSR_PROBE(num)                                             \
  do {                                                             \
    unsigned long v_;                                              \
    __asm__ volatile("csrr %0, " #num : "=r"(v_)::"memory");       \
    (void)v_;                                                      \
  } while (0)

void hmain(unsigned long hartid, const void *fdt) {
  (void)hartid;
  sbi_init();
  csr_write(satp, 0);
  kprintf("hostile: misbehaving guest starting\n");

  /* Illegal instructions: two c.unimp halves of .word 0, `csrw cycle, zero`, a custom-3 opcode. */
  unsigned before = illegal_traps;
  __asm__ volatile(".word 0x00000000\n\t.word 0xc0001073\n\t.word 0x0000007b" ::: "memory");
  kprintf("hostile: illegal instructions: %u of 4 trapped\n", illegal_traps - before);

  before = illegal_traps;
  CSR_PROBE(0x600); /* hstatus */
  CSR_PROBE(0x680); /* hgatp */
  CSR_PROBE(0x300); /* mstatus */
  CSR_PROBE(0x280); /* vsatp */
  kprintf("hostile: forbidden CSR reads: %u of 4 trapped\n", illegal_traps - before);

  /* Our RAM from /memory's reg (two address cells, two size cells on virt). */
  uint32_t len = 0;
  const uint8_t *reg = fdt_prop(fdt, "/memory", "reg", &len);
  uint64_t ram_base = 0x80000000ULL, ram_size = 0x8000000ULL; /* QEMU virt's 128 MiB default */
  if (reg != NULL && len >= 16) {
    ram_base = fdt_be64(reg);
    ram_size = fdt_be64(reg + 8);
  }
  uint64_t lo = ((uintptr_t)_end + 0xfff) & ~0xfffULL, hi = ram_base + ram_size;
  if (lo < ram_base + 0x200000) lo = ram_base + 0x200000;
  if (hi <= lo + 4096) die("no RAM after the image", 0, 0, hi);
  kprintf("hostile: 64 stores of 0xdeadbeef inside RAM 0x%lx..0x%lx\n", lo, hi);
  before = access_traps;
  for (int i = 0; i < 64; i++) store32(lo + (lcg() % ((hi - lo) / 4)) * 4, 0xdeadbeef);
  kprintf("hostile: stores inside RAM done, %u faulted\n", access_traps - before);

  static const uint64_t outside[] = {0x0, 0x2000000, 0xc000000, 0x40000000, 0x100000000ULL};
  kprintf("hostile: 16 stores outside RAM next, the first at 0x0\n");
  before = access_traps;
  store32(0, 0xdeadbeef);
  for (int i = 1; i < 16; i++) store32(outside[lcg() % 5] + (lcg() % 1024) * 4, 0xdeadbeef);
  kprintf("hostile: still alive after 16 stores outside RAM, %u faulted\n", access_traps - before);

  kprintf("hostile: jumping to 0x0\n");
  ((void (*)(void))0)();
  die("returned from a jump to 0x0", 0, 0, 0);
}
