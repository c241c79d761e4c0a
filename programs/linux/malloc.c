/* Heap churn: many blocks of mixed sizes (small, brk heap; large, mmap), realloc growth, checksums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

#define SLOTS 4096

int main(void) {
  static unsigned char *block[SLOTS];
  static size_t size[SLOTS];
  uint64_t check = 0;
  size_t live = 0, peak = 0;
  for (int round = 0; round < 20000; round++) {
    int i = rnd() % SLOTS;
    uint64_t r = rnd();
    if (block[i]) {
      for (size_t k = 0; k < size[i]; k += 61) check = check * 1099511628211ull + block[i][k];
      if (r % 4 == 0) {
        size_t ns = size[i] + 1 + (r >> 20) % (size[i] > 200000 ? 50000 : 2000);
        unsigned char *p = realloc(block[i], ns);
        if (!p) { puts("realloc failed"); return 1; }
        memset(p + size[i], (int)(r >> 8), ns - size[i]);
        live += ns - size[i];
        block[i] = p;
        size[i] = ns;
      } else {
        live -= size[i];
        free(block[i]);
        block[i] = NULL;
      }
    } else {
      size_t s = r % 200 == 0 ? 140000 + (r >> 40) % 200000 : 1 + (r >> 16) % 512;
      block[i] = r % 7 == 0 ? calloc(s, 1) : malloc(s);
      if (!block[i]) { puts("malloc failed"); return 1; }
      if (r % 7 != 0) memset(block[i], (int)(r >> 24), s);
      size[i] = s;
      live += s;
    }
    if (live > peak) peak = live;
  }
  size_t count = 0;
  for (int i = 0; i < SLOTS; i++)
    if (block[i]) {
      count++;
      free(block[i]);
    }
  printf("checksum %016llx live blocks %zu peak bytes %zu\n", (unsigned long long)check, count, peak);
  return 0;
}
