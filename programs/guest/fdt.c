/*
 * Just enough of the flattened device tree (Devicetree Specification v0.4, chapter 5) to read a
 * property by path: the header, then the structure block's tokens, names resolved in the strings
 * block. Everything is big-endian; a bad header or an unknown token ends the search.
 */
#include "guest.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

uint32_t fdt_be32(const void *p) {
  const uint8_t *b = p;
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_be64(const void *p) {
  return (uint64_t)fdt_be32(p) << 32 | fdt_be32((const uint8_t *)p + 4);
}

/* Node `name` matches path component comp[0..n): exactly, or with any unit address ("memory"
 * matches "memory@80000000") when the component names none. */
static int name_matches(const char *name, const char *comp, size_t n) {
  if (strncmp(name, comp, n) != 0) return 0;
  if (name[n] == 0) return 1;
  if (name[n] != '@') return 0;
  for (size_t i = 0; i < n; i++)
    if (comp[i] == '@') return 0;
  return 1;
}

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

const void *fdt_prop(const void *fdt, const char *path, const char *prop, uint32_t *len) {
  const uint8_t *base = fdt;
  if (fdt == NULL || fdt_be32(base) != FDT_MAGIC) return NULL;
  uint32_t total = fdt_be32(base + 4);
  uint32_t off_struct = fdt_be32(base + 8);
  uint32_t off_strings = fdt_be32(base + 12);
  uint32_t size_struct = fdt_be32(base + 36);
  if (off_struct >= total || off_strings >= total || size_struct > total - off_struct) return NULL;
  const uint8_t *p = base + off_struct;
  const uint8_t *end = p + size_struct;
  const char *strings = (const char *)base + off_strings;

  /* Path components: "/chosen" has one, "/" none. */
  const char *comp[8];
  size_t comp_len[8];
  int ncomp = 0;
  for (const char *s = path; *s;) {
    while (*s == '/') s++;
    if (*s == 0) break;
    if (ncomp == 8) return NULL;
    comp[ncomp] = s;
    while (*s && *s != '/') s++;
    comp_len[ncomp] = (size_t)(s - comp[ncomp]);
    ncomp++;
  }

  int depth = -1;   /* the root node is depth 0 */
  int matched = -1; /* the deepest depth whose node chain matches the path's prefix */
  while (p + 4 <= end) {
    uint32_t tok = fdt_be32(p);
    p += 4;
    if (tok == FDT_BEGIN_NODE) {
      const char *name = (const char *)p;
      size_t n = strlen(name);
      p += align4(n + 1);
      depth++;
      if (depth == 0) {
        matched = 0;
      } else if (matched == depth - 1 && depth <= ncomp && name_matches(name, comp[depth - 1], comp_len[depth - 1])) {
        matched = depth;
      }
    } else if (tok == FDT_END_NODE) {
      if (matched == depth) matched = depth - 1;
      depth--;
    } else if (tok == FDT_PROP) {
      if (p + 8 > end) return NULL;
      uint32_t plen = fdt_be32(p);
      uint32_t nameoff = fdt_be32(p + 4);
      p += 8;
      if (plen > (size_t)(end - p) || nameoff >= total - off_strings) return NULL;
      if (matched == depth && depth == ncomp && strncmp(strings + nameoff, prop, strlen(prop) + 1) == 0) {
        *len = plen;
        return p;
      }
      p += align4(plen);
    } else if (tok == FDT_NOP) {
      continue;
    } else {
      break; /* FDT_END or garbage */
    }
  }
  return NULL;
}
