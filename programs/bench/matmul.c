/*
 * Benchmark: double-precision matrix multiply (the F/D workload of `npm run bench`). Two 128x128
 * matrices of doubles from a xorshift64* generator are multiplied (i-k-j order, so the inner loop
 * streams rows: fld, fmadd.d, fsd) over and over; after each product the result, scaled by its
 * largest magnitude (fabs, flt, fdiv), becomes the next left operand so values stay in range and
 * no round repeats work. Prints a checksum of the last product (its bits and a scaled integer);
 * IEEE 754 arithmetic makes it the same on every correct RV64GC implementation.
 */
#include "../runtime/rt.h"

#define N 128
#define ROUNDS 16

static double a[N][N], b[N][N], c[N][N];

static uint64_t xorshift_state = 0x2545F4914F6CDD1Dull;

static uint64_t next_random(void) {
  uint64_t x = xorshift_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  xorshift_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/* A double in [-1, 1) with 53 random bits (exact int64 -> double conversion of 53 bits). */
static double next_double(void) { return (double)(int64_t)(next_random() >> 10) * 0x1p-53 * 2.0 - 1.0; }

static void multiply(void) {
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) c[i][j] = 0.0;
    for (int k = 0; k < N; k++) {
      const double aik = a[i][k];
      for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
    }
  }
}

/* a = c / max|c|: keeps every round's operands within [-1, 1]. */
static void rescale(void) {
  double m = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      const double x = __builtin_fabs(c[i][j]);
      if (x > m) m = x;
    }
  const double inv = 1.0 / m;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) a[i][j] = c[i][j] * inv;
}

static inline uint64_t bits_of(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

/* All FP work lives here, called only after main has turned the FP unit on. */
static __attribute__((noinline)) void run(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = next_double();
      b[i][j] = next_double();
    }
  for (int round = 0; round < ROUNDS; round++) {
    multiply();
    if (round + 1 < ROUNDS) rescale();
  }
  double sum = 0.0, weighted = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      sum += c[i][j];
      weighted += c[i][j] * (double)(i * N + j + 1);
    }
  printf("matmul: %d rounds of %dx%d double\n", ROUNDS, N, N);
  printf("sum:      0x%016lx (%ld e-6)\n", (unsigned long)bits_of(sum), (long)(sum * 1e6));
  printf("weighted: 0x%016lx (%ld e-6)\n", (unsigned long)bits_of(weighted), (long)(weighted * 1e6));
  printf("c[7][11]: 0x%016lx\n", (unsigned long)bits_of(c[7][11]));
}

int main(void) {
  /* crt0 leaves mstatus.FS Off; FS = Initial makes F/D legal (Priv. ISA 3.1.6.6). */
  __asm__ volatile("csrs mstatus, %0" : : "r"(1ul << 13) : "memory");
  run();
  return 0;
}
