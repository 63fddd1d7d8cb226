#!/usr/bin/env bash
# Make a private Wine prefix that can run ketluan.exe, and print its path.
#
# Debian 12's Wine 8 has no bcryptprimitives.dll, from which Rust programs (1.78 and
# later) take ProcessPrng: the stand-in built here from processprng.c goes into the
# prefix's system32. Needs wine and gcc-mingw-w64-x86-64; .ci/run installs them.
#
#   WINEPREFIX=$(scripts/wine/prefix.sh [DIR]) wine target/.../ketluan.exe --version
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:-$here/../../target/wine-prefix}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$prefix/system.reg" ]; then
  wineboot --init >/dev/null 2>&1
  wineserver --wait
fi
dll="$prefix/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ] || [ "$here/processprng.c" -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" \
    "$here/processprng.c" "$here/bcryptprimitives.def" -ladvapi32
fi
echo "$prefix"
