/**
 * The RISC-V Linux user ABI as the system-call layer needs it: system-call numbers (asm-generic
 * unistd.h, as the riscv64 kernel uses them), errno values, flag bits and the auxiliary vector's
 * keys. Numbers are the guest's, independent of the host's (Node's fs constants are translated).
 */

/** System calls by number: the names Linux's asm-generic/unistd.h gives them (for messages and dispatch). */
export const SYSCALL_NAMES: Record<number, string> = {
  17: 'getcwd', 23: 'dup', 24: 'dup3', 25: 'fcntl', 29: 'ioctl', 34: 'mkdirat', 35: 'unlinkat',
  37: 'linkat', 36: 'symlinkat', 38: 'renameat', 43: 'statfs', 44: 'fstatfs', 45: 'truncate', 46: 'ftruncate',
  47: 'fallocate', 48: 'faccessat', 49: 'chdir', 50: 'fchdir', 52: 'fchmod', 53: 'fchmodat', 54: 'fchownat',
  55: 'fchown', 56: 'openat', 57: 'close', 59: 'pipe2', 61: 'getdents64', 62: 'lseek', 63: 'read',
  64: 'write', 65: 'readv', 66: 'writev', 67: 'pread64', 68: 'pwrite64', 71: 'sendfile', 72: 'pselect6',
  73: 'ppoll', 78: 'readlinkat', 79: 'newfstatat', 80: 'fstat', 81: 'sync', 82: 'fsync', 83: 'fdatasync',
  88: 'utimensat', 93: 'exit', 94: 'exit_group', 96: 'set_tid_address', 98: 'futex', 99: 'set_robust_list',
  100: 'get_robust_list', 101: 'nanosleep', 113: 'clock_gettime', 114: 'clock_getres', 115: 'clock_nanosleep',
  122: 'sched_setaffinity', 123: 'sched_getaffinity', 124: 'sched_yield', 129: 'kill', 130: 'tkill',
  131: 'tgkill', 132: 'sigaltstack', 134: 'rt_sigaction', 135: 'rt_sigprocmask', 139: 'rt_sigreturn',
  153: 'times', 160: 'uname', 163: 'getrlimit', 164: 'setrlimit', 165: 'getrusage', 166: 'umask',
  167: 'prctl', 169: 'gettimeofday', 172: 'getpid', 173: 'getppid', 174: 'getuid', 175: 'geteuid',
  176: 'getgid', 177: 'getegid', 178: 'gettid', 179: 'sysinfo', 198: 'socket', 203: 'connect',
  214: 'brk', 215: 'munmap', 216: 'mremap', 220: 'clone', 221: 'execve', 222: 'mmap', 226: 'mprotect',
  227: 'msync', 228: 'mlock', 229: 'munlock', 232: 'mincore', 233: 'madvise', 258: 'riscv_hwprobe',
  260: 'wait4', 261: 'prlimit64', 276: 'renameat2', 278: 'getrandom', 279: 'memfd_create', 281: 'execveat',
  291: 'statx', 293: 'rseq', 435: 'clone3', 439: 'faccessat2',
};

/** Linux errno values (asm-generic/errno-base.h, errno.h). */
export const enum E {
  PERM = 1, NOENT = 2, SRCH = 3, INTR = 4, IO = 5, NXIO = 6, BADF = 9, CHILD = 10, AGAIN = 11,
  NOMEM = 12, ACCES = 13, FAULT = 14, BUSY = 16, EXIST = 17, XDEV = 18, NODEV = 19, NOTDIR = 20,
  ISDIR = 21, INVAL = 22, NFILE = 23, MFILE = 24, NOTTY = 25, FBIG = 27, NOSPC = 28, SPIPE = 29,
  ROFS = 30, MLINK = 31, PIPE = 32, RANGE = 34, NAMETOOLONG = 36, NOSYS = 38, NOTEMPTY = 39, LOOP = 40,
  OVERFLOW = 75, NOTSUP = 95,
}

/** Node's error codes (the host's errno names) to the guest's numbers. */
export const ERRNO_BY_CODE: Record<string, number> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, EBADF: 9, EAGAIN: 11,
  ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20,
  EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, ETXTBSY: 26, EFBIG: 27, ENOSPC: 28,
  ESPIPE: 29, EROFS: 30, EMLINK: 31, EPIPE: 32, ERANGE: 34, ENAMETOOLONG: 36, ENOSYS: 38,
  ENOTEMPTY: 39, ELOOP: 40, EOVERFLOW: 75, ENOTSUP: 95, EOPNOTSUPP: 95, EDQUOT: 122,
};

/** The dirfd meaning "the current directory" in the *at calls. */
export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EMPTY_PATH = 0x1000;

/** open(2) flags (asm-generic/fcntl.h). */
export const enum O {
  ACCMODE = 3, WRONLY = 1, RDWR = 2, CREAT = 0o100, EXCL = 0o200, NOCTTY = 0o400, TRUNC = 0o1000,
  APPEND = 0o2000, NONBLOCK = 0o4000, DSYNC = 0o10000, DIRECTORY = 0o200000, NOFOLLOW = 0o400000,
  CLOEXEC = 0o2000000, SYNC = 0o4010000, PATH = 0o10000000,
}

/** mmap(2) prot and flags. */
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MAP_FIXED_NOREPLACE = 0x100000;
export const MREMAP_MAYMOVE = 1;
export const MREMAP_FIXED = 2;

/** Auxiliary-vector keys (linux/auxvec.h). */
export const enum At {
  NULL = 0, PHDR = 3, PHENT = 4, PHNUM = 5, PAGESZ = 6, BASE = 7, FLAGS = 8, ENTRY = 9, UID = 11,
  EUID = 12, GID = 13, EGID = 14, HWCAP = 16, CLKTCK = 17, SECURE = 23, RANDOM = 25, EXECFN = 31,
}

/** Signals (asm-generic/signal.h) and the names QEMU and the shell print for them. */
export const SIGNAL_NAMES: Record<number, string> = {
  1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS',
  8: 'SIGFPE', 9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM',
  15: 'SIGTERM', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP', 20: 'SIGTSTP',
};
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGBUS = 7;
export const SIGSEGV = 11;

/** Signals whose default action is to be ignored (or to stop/continue, which we treat as ignore). */
export const SIGNAL_DEFAULT_IGNORED = new Set([17, 18, 19, 20, 21, 22, 23, 28]);
