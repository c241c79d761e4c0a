#!/bin/sh
# Builds the Linux kernel and initramfs that rvsim boots (issue 10), into the ignored folder .linux/:
#
#   .linux/Image             the kernel (arch/riscv/boot/Image), what `rvsim boot --kernel` loads
#   .linux/initramfs.cpio    an uncompressed initramfs: /init (linux/init/*.c, static) + dirs/nodes
#   .linux/System.map        the kernel's symbols, and .linux/vmlinux (a link), for debugging
#   .linux/src/              Debian's linux-source-6.1 tarball, unpacked
#   .linux/build/            the kernel's object tree (make O=...)
#
# The kernel is `make tinyconfig` + linux/config-fragment (merge_config.sh, then olddefconfig),
# built with ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- and fixed KBUILD_BUILD_* values so that the
# same inputs give the same Image. Each step is skipped when its inputs (tarball, fragment, this
# script, the compiler) have not changed; --force rebuilds everything.
#
# Needs (Debian): linux-source-6.1 gcc-riscv64-linux-gnu libc6-dev-riscv64-cross gcc make bc flex
# bison xz-utils. Environment: JOBS (default 2), LINUX_TARBALL (default
# /usr/src/linux-source-6.1.tar.xz).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/.linux
TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CROSS=riscv64-linux-gnu-
JOBS=${JOBS:-2}
FRAGMENT=$ROOT/linux/config-fragment
FORCE=0

die() { echo "build-linux: $*" >&2; exit 2; }

for arg in "$@"; do
  case $arg in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (usage: scripts/build-linux.sh [--force])" ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found: install the Debian package $2"; }
need tar tar
need xz xz-utils
need make make
need gcc gcc
need bc bc
need flex flex
need bison bison
need sha256sum coreutils
need "${CROSS}gcc" gcc-riscv64-linux-gnu
[ -f "$TARBALL" ] || die "$TARBALL: no such file: install the Debian package linux-source-6.1"
[ -f "$FRAGMENT" ] || die "$FRAGMENT: no such file"

# Static glibc for the init: the header is the cheapest check that libc6-dev-riscv64-cross is there.
printf '#include <stdio.h>\n' | "${CROSS}gcc" -E -x c - >/dev/null 2>&1 ||
  die "the cross C library is missing: install the Debian package libc6-dev-riscv64-cross"

mkdir -p "$OUT"
SRC=$OUT/src
BUILD=$OUT/build

hash_of() { cat "$@" | sha256sum | cut -c1-64; }
tarball_id=$(stat -c '%n %s %Y' "$TARBALL")

# 1. Unpack the source (about 30 s).
if [ "$FORCE" = 1 ] || [ ! -f "$SRC/.rvsim-unpacked" ] || [ "$(cat "$SRC/.rvsim-unpacked")" != "$tarball_id" ]; then
  echo "build-linux: unpacking $TARBALL into .linux/src"
  rm -rf "$SRC" "$BUILD"
  mkdir -p "$SRC"
  tar -xf "$TARBALL" -C "$SRC" --strip-components=1
  echo "$tarball_id" > "$SRC/.rvsim-unpacked"
fi

# Fixed build identity: `uname -v` and the banner do not depend on when or where the build ran.
export KBUILD_BUILD_USER=rvsim KBUILD_BUILD_HOST=rvsim KBUILD_BUILD_VERSION=1
export KBUILD_BUILD_TIMESTAMP='Thu Jan 1 00:00:00 UTC 2026'
MAKE_ARGS="-C $SRC O=$BUILD ARCH=riscv CROSS_COMPILE=$CROSS"

# 2. Configure and build the kernel.
kernel_key=$( { echo "$tarball_id"; cat "$FRAGMENT" "$0"; "${CROSS}gcc" --version | head -1; } | sha256sum | cut -c1-64)
if [ "$FORCE" = 1 ] || [ ! -f "$OUT/Image" ] || [ ! -f "$BUILD/.rvsim-key" ] || [ "$(cat "$BUILD/.rvsim-key")" != "$kernel_key" ]; then
  rm -f "$BUILD/.rvsim-key" "$OUT/Image"
  mkdir -p "$BUILD"
  echo "build-linux: configuring (tinyconfig + linux/config-fragment)"
  make $MAKE_ARGS -s tinyconfig
  (cd "$SRC" && ./scripts/kconfig/merge_config.sh -m -O "$BUILD" "$BUILD/.config" "$FRAGMENT" >/dev/null)
  make $MAKE_ARGS -s olddefconfig
  # Every line of the fragment must survive: Kconfig silently drops a symbol whose dependencies
  # are not met, which would give a kernel without, say, KVM.
  missing=0
  while IFS= read -r line; do
    case $line in
      CONFIG_*=*) want=$line ;;
      "# CONFIG_"*" is not set") want=$line ;;
      *) continue ;;
    esac
    if ! grep -qxF "$want" "$BUILD/.config"; then
      sym=${want#\# }; sym=${sym%% *}; sym=${sym%%=*}
      got=$(grep -E "^$sym=|^# $sym is not set" "$BUILD/.config" || echo "absent")
      echo "build-linux: config-fragment wants '$want', the kernel's .config has '$got'" >&2
      missing=1
    fi
  done < "$FRAGMENT"
  [ "$missing" = 0 ] || die "linux/config-fragment does not apply cleanly (see above)"
  echo "build-linux: building Image with $JOBS jobs (a few minutes)"
  start=$(date +%s)
  nice make $MAKE_ARGS -j"$JOBS" -s Image
  echo "build-linux: kernel built in $(( $(date +%s) - start )) s"
  cp "$BUILD/arch/riscv/boot/Image" "$OUT/Image.tmp" && mv "$OUT/Image.tmp" "$OUT/Image"
  cp "$BUILD/System.map" "$OUT/System.map"
  cp "$BUILD/.config" "$OUT/config"
  ln -sf build/vmlinux "$OUT/vmlinux"
  echo "$kernel_key" > "$BUILD/.rvsim-key"
else
  echo "build-linux: kernel up to date (.linux/Image)"
fi

# 3. The initramfs: our static init, then the kernel's gen_init_cpio over linux/initramfs.list.
# Timestamps are pinned (the file's mtime and -t for the rest) so the archive is reproducible.
INIT_SRCS="$ROOT/linux/init/init.c $ROOT/linux/init/shell.c $ROOT/linux/init/init.h"
initrd_key=$( { hash_of $INIT_SRCS "$ROOT/linux/initramfs.list" "$0"; "${CROSS}gcc" --version | head -1; echo "$tarball_id"; } | sha256sum | cut -c1-64)
if [ "$FORCE" = 1 ] || [ ! -f "$OUT/initramfs.cpio" ] || [ ! -f "$OUT/.initramfs-key" ] || [ "$(cat "$OUT/.initramfs-key")" != "$initrd_key" ]; then
  rm -f "$OUT/.initramfs-key"
  echo "build-linux: building the initramfs"
  gcc -O2 -o "$OUT/gen_init_cpio" "$SRC/usr/gen_init_cpio.c"
  "${CROSS}gcc" -static -Os -s -Wall -Wextra -Werror -o "$OUT/init" \
    "$ROOT/linux/init/init.c" "$ROOT/linux/init/shell.c"
  touch -d @0 "$OUT/init"
  RVSIM_INIT="$OUT/init" "$OUT/gen_init_cpio" -t 0 "$ROOT/linux/initramfs.list" > "$OUT/initramfs.cpio.tmp"
  mv "$OUT/initramfs.cpio.tmp" "$OUT/initramfs.cpio"
  echo "$initrd_key" > "$OUT/.initramfs-key"
else
  echo "build-linux: initramfs up to date (.linux/initramfs.cpio)"
fi

ls -l "$OUT/Image" "$OUT/initramfs.cpio" | awk '{ printf "build-linux: %s %d bytes\n", $NF, $5 }'
