/*
 * Benchmark: a CoreMark-like mix of our own (not CoreMark's code, and not its exact work). Each
 * iteration runs the same three kernels CoreMark is built from, on small data that fits in L1:
 *   - a singly linked list of 64 nodes: find keys, merge-sort the list by value, then by key;
 *   - 12x12 matrices of 16-bit ints: add a constant, multiply by a constant, multiply by a vector,
 *     multiply by a matrix (32-bit results), folded into checksums;
 *   - a character-class state machine scanning a 256-byte string of numbers and junk;
 * and every kernel's result goes through a bitwise CRC-16 (CCITT polynomial 0x1021). The inputs of
 * each iteration depend on the running CRC, so no iteration repeats work and nothing can be
 * hoisted. Prints the iteration count and the final CRC: the same on every correct RV64 core.
 */
#include "../runtime/rt.h"

#define ITERATIONS 600

/* ---- CRC-16/CCITT, bit at a time (as small cores compute it) ---- */

static uint16_t crc16_byte(uint8_t b, uint16_t crc) {
  crc ^= (uint16_t)(b << 8);
  for (int i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  return crc;
}

static uint16_t crc16_u16(uint16_t v, uint16_t crc) {
  crc = crc16_byte((uint8_t)v, crc);
  return crc16_byte((uint8_t)(v >> 8), crc);
}

static uint16_t crc16_u32(uint32_t v, uint16_t crc) {
  crc = crc16_u16((uint16_t)v, crc);
  return crc16_u16((uint16_t)(v >> 16), crc);
}

/* ---- linked list ---- */

#define LIST_NODES 64

struct node {
  struct node *next;
  int16_t key;
  int16_t value;
};

static struct node pool[LIST_NODES];

/* Builds the list in pool order with keys 0..n-1 and values scrambled by the seed. */
static struct node *list_build(uint16_t seed) {
  for (int i = 0; i < LIST_NODES; i++) {
    pool[i].next = i + 1 < LIST_NODES ? &pool[i + 1] : NULL;
    pool[i].key = (int16_t)i;
    pool[i].value = (int16_t)(((i * 73u) ^ seed) & 0x7fff);
  }
  return &pool[0];
}

static struct node *list_find_key(struct node *list, int16_t key) {
  while (list && list->key != key) list = list->next;
  return list;
}

static int by_value(const struct node *a, const struct node *b) { return a->value - b->value; }
static int by_key(const struct node *a, const struct node *b) { return a->key - b->key; }

/* Bottom-up merge sort of a singly linked list: no recursion, no extra memory. */
static struct node *list_sort(struct node *list, int (*cmp)(const struct node *, const struct node *)) {
  for (int width = 1;; width *= 2) {
    struct node *p = list, *head = NULL, *tail = NULL;
    int merges = 0;
    while (p) {
      merges++;
      struct node *q = p;
      int psize = 0;
      for (int i = 0; i < width && q; i++) {
        psize++;
        q = q->next;
      }
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        struct node *e;
        if (psize == 0) {
          e = q, q = q->next, qsize--;
        } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
          e = p, p = p->next, psize--;
        } else {
          e = q, q = q->next, qsize--;
        }
        if (tail) tail->next = e;
        else head = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    list = head;
    if (merges <= 1) return list;
  }
}

static uint16_t list_kernel(uint16_t seed, uint16_t crc) {
  struct node *list = list_build(seed);
  /* Finds: some keys present, some (>= LIST_NODES) absent. */
  int found = 0, missing = 0;
  for (int i = 0; i < 8; i++) {
    int16_t key = (int16_t)((seed + i * 13) % (LIST_NODES + 16));
    struct node *n = list_find_key(list, key);
    if (n) found += n->value & 0xff;
    else missing++;
  }
  list = list_sort(list, by_value);
  /* Fold the value order: the first few nodes of the sorted list. */
  struct node *n = list;
  for (int i = 0; i < 8; i++, n = n->next) crc = crc16_u16((uint16_t)n->key, crc);
  list = list_sort(list, by_key);
  n = list;
  for (int i = 0; i < LIST_NODES; i++, n = n->next)
    if (n->key != i) { /* the key sort must restore pool order */
      printf("coremark_like: list sort by key failed at node %d\n", i);
      exit(1);
    }
  crc = crc16_u16((uint16_t)found, crc);
  return crc16_u16((uint16_t)missing, crc);
}

/* ---- matrices of 16-bit ints ---- */

#define MAT_N 12

static int16_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N];
static int32_t mat_c[MAT_N][MAT_N];
static int32_t vec_c[MAT_N];

static void mat_init(uint16_t seed) {
  uint32_t x = seed | 1u;
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      x = x * 1103515245u + 12345u;
      mat_a[i][j] = (int16_t)((x >> 16) & 0xff) - 128;
      mat_b[i][j] = (int16_t)((x >> 8) & 0xff) - 128;
    }
}

static uint32_t mat_sum(void) {
  uint32_t s = 0;
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) s = s * 3 + (uint32_t)mat_c[i][j];
  return s;
}

static uint16_t matrix_kernel(uint16_t seed, uint16_t crc) {
  mat_init(seed);
  int16_t k = (int16_t)((seed & 0x1f) + 1);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) mat_a[i][j] = (int16_t)(mat_a[i][j] + k);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) mat_c[i][j] = (int32_t)mat_a[i][j] * k;
  crc = crc16_u32(mat_sum(), crc);
  for (int i = 0; i < MAT_N; i++) {
    int32_t s = 0;
    for (int j = 0; j < MAT_N; j++) s += (int32_t)mat_a[i][j] * mat_b[j][0];
    vec_c[i] = s;
  }
  for (int i = 0; i < MAT_N; i++) crc = crc16_u32((uint32_t)vec_c[i], crc);
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int m = 0; m < MAT_N; m++) s += (int32_t)mat_a[i][m] * mat_b[m][j];
      mat_c[i][j] = s;
    }
  return crc16_u32(mat_sum(), crc);
}

/* ---- state machine over a byte string ---- */

#define TEXT_LEN 256

static uint8_t text[TEXT_LEN];

enum state { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_INT, S_BAD, S_COUNT };

/* Fills the text with comma-separated tokens: integers, decimals, exponents and junk. */
static void text_init(uint16_t seed) {
  static const char alphabet[] = "0123456789+-.eE,,x";
  uint32_t x = seed * 2654435761u + 1;
  for (int i = 0; i < TEXT_LEN; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    text[i] = (uint8_t)alphabet[x % (sizeof alphabet - 1)];
  }
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

static enum state step(enum state s, uint8_t c) {
  switch (s) {
  case S_START:
    if (is_digit(c)) return S_INT;
    if (c == '+' || c == '-') return S_SIGN;
    if (c == '.') return S_DOT;
    return S_BAD;
  case S_SIGN:
    if (is_digit(c)) return S_INT;
    if (c == '.') return S_DOT;
    return S_BAD;
  case S_INT:
    if (is_digit(c)) return S_INT;
    if (c == '.') return S_DOT;
    if (c == 'e' || c == 'E') return S_EXP;
    return S_BAD;
  case S_DOT:
  case S_FRAC:
    if (is_digit(c)) return S_FRAC;
    if (s == S_FRAC && (c == 'e' || c == 'E')) return S_EXP;
    return S_BAD;
  case S_EXP:
    if (is_digit(c)) return S_EXP_INT;
    if (c == '+' || c == '-') return S_EXP_SIGN;
    return S_BAD;
  case S_EXP_SIGN:
  case S_EXP_INT:
    return is_digit(c) ? S_EXP_INT : S_BAD;
  default:
    return S_BAD;
  }
}

static uint16_t state_kernel(uint16_t seed, uint16_t crc) {
  uint32_t final_count[S_COUNT] = {0};
  uint32_t transitions = 0;
  text_init(seed);
  for (int pass = 0; pass < 2; pass++) {
    enum state s = S_START;
    for (int i = 0; i < TEXT_LEN; i++) {
      uint8_t c = text[i];
      if (c == ',') {
        final_count[s]++;
        s = S_START;
        continue;
      }
      enum state t = step(s, c);
      transitions += t != s;
      s = t;
    }
    final_count[s]++;
    /* Second pass: corrupt every 7th byte into a separator, as CoreMark's second scan does. */
    for (int i = 0; i < TEXT_LEN; i += 7) text[i] = ',';
  }
  for (int s = 0; s < S_COUNT; s++) crc = crc16_u32(final_count[s], crc);
  return crc16_u32(transitions, crc);
}

int main(void) {
  uint16_t crc = 0xffff;
  for (int it = 0; it < ITERATIONS; it++) {
    uint16_t seed = (uint16_t)(crc ^ it);
    crc = list_kernel(seed, crc);
    crc = matrix_kernel(seed, crc);
    crc = state_kernel(seed, crc);
  }
  printf("coremark_like: %d iterations\n", ITERATIONS);
  printf("crc16: 0x%04x\n", crc);
  return 0;
}
