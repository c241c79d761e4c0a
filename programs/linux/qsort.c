/* qsort and bsearch over integers, doubles and strings; argv[1] sets the element count. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) { return seed = seed * 1103515245u + 12345u; }

static int cmpint(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmpdbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 5000;
  if (n <= 0) {
    fprintf(stderr, "qsort: bad count %s\n", argv[1]);
    return 2;
  }
  int *a = malloc(n * sizeof *a);
  double *d = malloc(n * sizeof *d);
  char **s = malloc(n * sizeof *s);
  for (int i = 0; i < n; i++) {
    a[i] = (int)(rnd() >> 1) - (1 << 30);
    d[i] = (double)rnd() / 7.0 - 1e8;
    s[i] = malloc(12);
    snprintf(s[i], 12, "k%08x", rnd());
  }
  qsort(a, n, sizeof *a, cmpint);
  qsort(d, n, sizeof *d, cmpdbl);
  qsort(s, n, sizeof *s, cmpstr);
  int ok = 1;
  for (int i = 1; i < n; i++) ok &= a[i - 1] <= a[i] && d[i - 1] <= d[i] && strcmp(s[i - 1], s[i]) <= 0;
  printf("n=%d sorted=%d\n", n, ok);
  printf("int min %d median %d max %d\n", a[0], a[n / 2], a[n - 1]);
  printf("double min %.6f median %.6f max %.6f\n", d[0], d[n / 2], d[n - 1]);
  printf("string first %s last %s\n", s[0], s[n - 1]);
  int found = 0;
  for (int i = 0; i < n; i += 7) found += bsearch(&a[i], a, n, sizeof *a, cmpint) != NULL;
  int key = 12345;
  printf("bsearch found %d, 12345 present %d\n", found, bsearch(&key, a, n, sizeof *a, cmpint) != NULL);
  unsigned long h = 0;
  for (int i = 0; i < n; i++) h = h * 131 + (unsigned)a[i] + (unsigned long)(d[i] * 1000) + (unsigned char)s[i][3];
  printf("hash %lx\n", h);
  return 0;
}
