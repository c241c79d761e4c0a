/*
 * Benchmark: sorting. Each round fills an array with pseudo-random 64-bit integers, sorts one
 * copy with quicksort (median of three, insertion sort below 16 elements) and the same data with
 * a bottom-up mergesort, checks both are sorted and agree, and folds a position-weighted checksum.
 * Exits 1 if any check fails.
 */
#include "../runtime/rt.h"

#define N 65536
#define ROUNDS 12

static uint64_t a[N], b[N], tmp[N];

static uint64_t xorshift_state = 0x2545F4914F6CDD1Dull;

static uint64_t next_random(void) {
  uint64_t x = xorshift_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  xorshift_state = x;
  return x * 0x9E3779B97F4A7C15ull;
}

static void insertion_sort(uint64_t *v, long lo, long hi) {
  for (long i = lo + 1; i <= hi; i++) {
    uint64_t x = v[i];
    long j = i - 1;
    while (j >= lo && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

static inline void swap(uint64_t *v, long i, long j) {
  uint64_t t = v[i];
  v[i] = v[j];
  v[j] = t;
}

/* Recurse into the smaller side, loop on the larger: stack depth stays O(log n). */
static void quicksort(uint64_t *v, long lo, long hi) {
  while (hi - lo >= 16) {
    long mid = lo + (hi - lo) / 2;
    if (v[mid] < v[lo]) swap(v, mid, lo);
    if (v[hi] < v[lo]) swap(v, hi, lo);
    if (v[hi] < v[mid]) swap(v, hi, mid);
    uint64_t pivot = v[mid];
    long i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        swap(v, i, j);
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
  insertion_sort(v, lo, hi);
}

static void mergesort(uint64_t *v, uint64_t *scratch, long n) {
  uint64_t *src = v, *dst = scratch;
  for (long width = 1; width < n; width *= 2) {
    for (long lo = 0; lo < n; lo += 2 * width) {
      long mid = lo + width < n ? lo + width : n;
      long hi = lo + 2 * width < n ? lo + 2 * width : n;
      long i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    uint64_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != v)
    for (long i = 0; i < n; i++) v[i] = src[i];
}

int main(void) {
  uint64_t checksum = 0;
  int failures = 0;
  for (int round = 0; round < ROUNDS; round++) {
    uint64_t sum = 0;
    for (long i = 0; i < N; i++) {
      /* Every fourth round draws from a small range, so the sorts also meet many duplicates. */
      uint64_t x = next_random();
      a[i] = b[i] = (round % 4 == 3) ? x % 1000 : x;
      sum += a[i];
    }
    quicksort(a, 0, N - 1);
    mergesort(b, tmp, N);

    uint64_t sum_after = 0;
    for (long i = 0; i < N; i++) {
      sum_after += a[i];
      if (a[i] != b[i] || (i > 0 && a[i - 1] > a[i])) {
        failures++;
        break;
      }
      checksum = (checksum ^ a[i]) * 0x100000001b3ull + (uint64_t)i;
    }
    if (sum_after != sum) failures++;
  }

  printf("sort: %d rounds of %d 64-bit integers (quicksort and mergesort)\n", ROUNDS, N);
  printf("checksum: 0x%016lx\n", (unsigned long)checksum);
  if (failures != 0) {
    printf("FAILED: %d checks\n", failures);
    return 1;
  }
  printf("all sorted\n");
  return 0;
}
