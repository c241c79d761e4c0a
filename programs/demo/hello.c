/*
 * The `npm start` demo: a banner, the first primes (sieve of Eratosthenes) and a CRC-32 of them,
 * all computed on the simulated hart and printed through HTIF. Exits 0.
 */
#include "../runtime/rt.h"

#define LIMIT 200

static uint8_t composite[LIMIT];

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: no table, so more to run. */
static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    for (int b = 0; b < 8; b++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

int main(void) {
  printf("rvsim demo: bare-metal RV64 program talking HTIF\n");
  printf("primes below %d:\n", LIMIT);

  uint8_t primes[LIMIT];
  int count = 0;
  for (int i = 2; i < LIMIT; i++) {
    if (composite[i]) continue;
    primes[count++] = (uint8_t)i;
    for (int j = i * i; j < LIMIT; j += i) composite[j] = 1;
  }
  for (int i = 0; i < count; i++) printf("%4d%s", primes[i], (i % 12 == 11 || i == count - 1) ? "\n" : "");

  printf("%d primes, CRC-32 of their bytes: 0x%08x\n", count, crc32(primes, (size_t)count));
  printf("CRC-32 of \"123456789\": 0x%08x (expected 0xcbf43926)\n", crc32((const uint8_t *)"123456789", 9));
  printf("printf check: [%-6s] [%6s] [%05d] [%ld] [%lx] [%llu] [%c]\n", "ab", "cd", -42, -1234567890123L,
         0xdeadbeefcafeUL, 18446744073709551615ULL, 'z');
  printf("bye\n");
  return 0;
}
