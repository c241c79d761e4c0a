/*
 * The user tasks: U-mode code that reaches the kernel only through ecall (syscall.h). The Makefile
 * renames every section of this file's object to .user.*, and link.ld puts them in the pages the
 * kernel maps with U=1; nothing here may call into the kernel's code or touch its data.
 *
 * Each computing task checks its own result two independent ways and exits 1 on a mismatch, and
 * keeps going until the timer has preempted it at least twice, so preemption is shown on every
 * platform however fast the host is. Their text never mentions how often they were preempted.
 */
#include <stddef.h>
#include <stdint.h>
#include "syscall.h"

uint8_t user_stacks[4][4096] __attribute__((aligned(4096)));

static long sys2(long nr, long a0, long a1) {
  register long r0 __asm__("a0") = a0;
  register long r1 __asm__("a1") = a1;
  register long r7 __asm__("a7") = nr;
  __asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
  return r0;
}

static long write(const char *buf, size_t len) { return sys2(SYS_WRITE, (long)buf, (long)len); }
static long getpid(void) { return sys2(SYS_GETPID, 0, 0); }
static void yield(void) { sys2(SYS_YIELD, 0, 0); }
static long preemptions(void) { return sys2(SYS_PREEMPTIONS, 0, 0); }
static void __attribute__((noreturn)) exit(long code) {
  sys2(SYS_EXIT, code, 0);
  for (;;) {
  }
}

/* ---- a line builder: text, decimal and hex, then one write ---- */
struct line {
  char buf[160];
  size_t n;
};

static void put_s(struct line *l, const char *s) {
  while (*s && l->n < sizeof l->buf) l->buf[l->n++] = *s++;
}

static void put_u(struct line *l, uint64_t v, unsigned base, int digits) {
  char tmp[20];
  int n = 0;
  do {
    unsigned d = (unsigned)(v % base);
    tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v != 0 || n < digits);
  while (n > 0 && l->n < sizeof l->buf) l->buf[l->n++] = tmp[--n];
}

/* "task <pid>: " */
static void begin(struct line *l) {
  l->n = 0;
  put_s(l, "task ");
  put_u(l, (uint64_t)getpid(), 10, 1);
  put_s(l, ": ");
}

/* Spins until the timer has taken the CPU from us twice, doing some throwaway work. */
static volatile uint64_t spin_sink;
static void await_two_preemptions(void) {
  uint64_t x = 1;
  while (preemptions() < 2)
    for (int i = 0; i < 256; i++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  spin_sink = x;
}

static void finish(struct line *l, int ok) {
  await_two_preemptions();
  put_s(l, " (preempted: yes)\n");
  write(l->buf, l->n);
  exit(ok ? 0 : 1);
}

/* ---- task 1: primes below 5000, by a sieve and by trial division ---- */
#define PRIME_LIMIT 5000
static uint8_t composite[PRIME_LIMIT];

void task_primes(void) {
  unsigned sieve = 0, trial = 0;
  for (unsigned i = 2; i < PRIME_LIMIT; i++) {
    if (composite[i]) continue;
    sieve++;
    for (unsigned j = i * i; j < PRIME_LIMIT; j += i) composite[j] = 1;
  }
  yield();
  for (unsigned n = 2; n < PRIME_LIMIT; n++) {
    unsigned d = 2;
    while (d * d <= n && n % d != 0) d++;
    if (d * d > n) trial++;
  }
  struct line l;
  begin(&l);
  put_s(&l, "primes below 5000 = ");
  put_u(&l, sieve, 10, 1);
  if (sieve != trial) put_s(&l, " MISMATCH with trial division");
  finish(&l, sieve == trial);
}

/* ---- task 2: CRC-32 (IEEE, reflected) of 16 KiB of xorshift bytes, bitwise and by table ---- */
#define CRC_BYTES 16384
static uint8_t crc_data[CRC_BYTES];
static uint32_t crc_table[256];

void task_crc(void) {
  uint32_t s = 2463534242u;
  for (unsigned i = 0; i < CRC_BYTES; i++) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    crc_data[i] = (uint8_t)(s >> 24);
  }
  uint32_t bitwise = 0xffffffffu;
  for (unsigned i = 0; i < CRC_BYTES; i++) {
    bitwise ^= crc_data[i];
    for (int k = 0; k < 8; k++) bitwise = (bitwise >> 1) ^ (0xedb88320u & -(bitwise & 1));
  }
  bitwise = ~bitwise;
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    crc_table[n] = c;
  }
  uint32_t table = 0xffffffffu;
  for (unsigned i = 0; i < CRC_BYTES; i++) table = (table >> 8) ^ crc_table[(table ^ crc_data[i]) & 0xff];
  table = ~table;
  struct line l;
  begin(&l);
  put_s(&l, "crc32 of 16384 xorshift bytes = 0x");
  put_u(&l, bitwise, 16, 8);
  if (bitwise != table) put_s(&l, " MISMATCH with the table-driven crc");
  finish(&l, bitwise == table);
}

/* ---- task 3: heapsort of 1024 words; sorted order and the multiset (sum, xor) are checked ---- */
#define SORT_N 1024
static uint64_t words[SORT_N];

static void sift_down(uint64_t *a, size_t root, size_t n) {
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && a[child + 1] > a[child]) child++;
    if (a[root] >= a[child]) return;
    uint64_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

void task_sort(void) {
  uint64_t x = 88172645463325252ULL, sum = 0, xr = 0;
  for (unsigned i = 0; i < SORT_N; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    words[i] = x;
    sum += x;
    xr ^= x;
  }
  for (size_t i = SORT_N / 2; i-- > 0;) sift_down(words, i, SORT_N);
  for (size_t n = SORT_N; n-- > 1;) {
    uint64_t t = words[0];
    words[0] = words[n];
    words[n] = t;
    sift_down(words, 0, n);
  }
  int ok = 1;
  uint64_t sum2 = 0, xr2 = 0, weighted = 0;
  for (unsigned i = 0; i < SORT_N; i++) {
    if (i > 0 && words[i - 1] > words[i]) ok = 0;
    sum2 += words[i];
    xr2 ^= words[i];
    weighted += words[i] * (i + 1);
  }
  if (sum != sum2 || xr != xr2) ok = 0;
  struct line l;
  begin(&l);
  put_s(&l, "heapsort of 1024 words ");
  put_s(&l, ok ? "sorted" : "NOT SORTED");
  put_s(&l, ", weighted sum 0x");
  put_u(&l, weighted, 16, 16);
  finish(&l, ok);
}

/* ---- task 4: misbehaves, and must be stopped by the kernel ---- */
extern char __kernel_start[];

void task_rogue(void) {
  struct line l;
  begin(&l);
  /* A write() from a buffer in kernel memory must be refused. */
  long r = write(__kernel_start, 16);
  put_s(&l, r < 0 ? "write from kernel memory refused\n" : "write from kernel memory ACCEPTED\n");
  write(l.buf, l.n);
  begin(&l);
  put_s(&l, "reading kernel memory at 0x");
  put_u(&l, (uintptr_t)__kernel_start, 16, 1);
  put_s(&l, "\n");
  write(l.buf, l.n);
  spin_sink = *(volatile uint64_t *)__kernel_start; /* a load page fault: the kernel kills us */
  begin(&l);
  put_s(&l, "still alive after reading kernel memory\n");
  write(l.buf, l.n);
  exit(2);
}
