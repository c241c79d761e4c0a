/* System call numbers of the guest kernel: ecall from U-mode with the number in a7, arguments in
 * a0..a1, the result in a0 (negative on error). Shared by kernel.c and user.c. */
#ifndef SYSCALL_H
#define SYSCALL_H

#define SYS_WRITE 1       /* write(buf, len): into the task's console buffer; len, or -1 */
#define SYS_GETPID 2      /* getpid(): 1, 2, ... in creation order */
#define SYS_YIELD 3       /* yield(): let the next task run; 0 */
#define SYS_EXIT 4        /* exit(code): never returns */
#define SYS_PREEMPTIONS 5 /* how often the timer took the CPU from the calling task */

#endif
