/* String functions, and a word count of stdin. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[256];
  strcpy(buf, "The quick brown fox");
  strcat(buf, " jumps over the lazy dog");
  printf("len %zu: %s\n", strlen(buf), buf);
  printf("strchr %s | strrchr %s | strstr %s\n", strchr(buf, 'q'), strrchr(buf, 'o'), strstr(buf, "lazy"));
  printf("strcmp %d %d %d strncmp %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"), strncmp("hello", "help", 3));
  printf("strspn %zu strcspn %zu\n", strspn("aaabbbccc", "ab"), strcspn("hello, world", ",;"));
  char copy[256];
  memcpy(copy, buf, strlen(buf) + 1);
  memmove(copy + 4, copy, 10);
  printf("memmove: %s\n", copy);
  memset(copy, '*', 5);
  printf("memset: %.12s memcmp %d\n", copy, memcmp("abcd", "abce", 4) < 0);
  char *tok, *save, line[] = "alpha,beta;;gamma , delta";
  for (tok = strtok_r(line, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save)) printf("token [%s]\n", tok);
  char num[128];
  snprintf(num, sizeof num, "%d|%5d|%-5d|%05d|%x|%#o|%lu|%lld|%c|%%|%10.4s|", -42, 42, 42, 42, 255, 8, 1ul << 40,
           -(1ll << 50), 'Z', "truncated");
  puts(num);
  printf("strtol %ld %ld %lu atoi %d\n", strtol("-0x1f", NULL, 16), strtol("0777", NULL, 0), strtoul("4294967296", NULL, 10), atoi("  123abc"));
  char *dup = strdup(buf);
  for (char *p = dup; *p; p++) *p = toupper((unsigned char)*p);
  printf("upper: %s\n", dup);
  free(dup);
  long lines = 0, words = 0, chars = 0;
  int c, inword = 0;
  unsigned long h = 5381;
  while ((c = getchar()) != EOF) {
    chars++;
    h = h * 33 + (unsigned)c;
    if (c == '\n') lines++;
    if (isspace(c)) inword = 0;
    else if (!inword) {
      inword = 1;
      words++;
    }
  }
  printf("stdin: %ld lines %ld words %ld chars hash %lx\n", lines, words, chars, h);
  return 0;
}
