/*
 * Benchmark: hashing. Fills a 64 KiB buffer from a xorshift64* generator, then hashes it over and
 * over with two hashes of different shape: FNV-1a 64 (one byte per step: load, xor, multiply) and
 * a word-at-a-time multiply/rotate mixer in the style of xxHash64 (four independent lanes). The
 * buffer is perturbed between rounds so no round repeats work. Prints the folded digests; the
 * output is the same on every correct RV64 implementation.
 */
#include "../runtime/rt.h"

#define BUF_WORDS 8192 /* 64 KiB */
#define ROUNDS 1024

static uint64_t buf[BUF_WORDS];

static uint64_t xorshift_state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void) {
  uint64_t x = xorshift_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  xorshift_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t lane_step(uint64_t acc, uint64_t word) {
  acc += word * P2;
  acc = rotl64(acc, 31);
  return acc * P1;
}

/* Four-lane word mixer: the lanes are independent, as in xxHash64's main loop. n is a multiple of 4. */
static uint64_t mix64(const uint64_t *w, size_t n, uint64_t seed) {
  uint64_t a = seed + P1 + P2, b = seed + P2, c = seed, d = seed - P1;
  for (size_t i = 0; i < n; i += 4) {
    a = lane_step(a, w[i]);
    b = lane_step(b, w[i + 1]);
    c = lane_step(c, w[i + 2]);
    d = lane_step(d, w[i + 3]);
  }
  uint64_t h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18);
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

int main(void) {
  for (size_t i = 0; i < BUF_WORDS; i++) buf[i] = next_random();

  uint64_t fnv_fold = 0, mix_fold = 0;
  for (int round = 0; round < ROUNDS; round++) {
    uint64_t f = fnv1a64((const uint8_t *)buf, sizeof buf);
    uint64_t m = mix64(buf, BUF_WORDS, (uint64_t)round);
    fnv_fold = rotl64(fnv_fold, 5) ^ f;
    mix_fold = rotl64(mix_fold, 5) ^ m;
    /* Perturb a pseudo-random word so the next round hashes different data. */
    buf[next_random() % BUF_WORDS] ^= f ^ m;
  }

  printf("hash: %d rounds over %d KiB\n", ROUNDS, (int)(sizeof buf / 1024));
  printf("fnv1a64 fold: 0x%016lx\n", (unsigned long)fnv_fold);
  printf("mix64 fold:   0x%016lx\n", (unsigned long)mix_fold);
  return 0;
}
