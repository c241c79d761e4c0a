/* Stores through a wild pointer: killed by SIGSEGV. */
#include <stdio.h>

int main(void) {
  volatile int *p = (volatile int *)0x1234;
  printf("before\n");
  fflush(stdout);
  *p = 1;
  printf("after\n");
  return 0;
}
