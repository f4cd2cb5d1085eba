#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ctest packaging_depends: every shared library the binaries link directly (DT_NEEDED)
# belongs to a Debian package named in the package's Depends, so the field is read off
# the binaries instead of guessed, and a library added to the build cannot be forgotten.
#   check-depends.sh "pkg-a, pkg-b | pkg-c, ..." BINARY...
set -uo pipefail
depends=$1
shift
declare -A declared=()
for alternative in $(tr ',|' '  ' <<<"$depends"); do
  declared[$alternative]=1
done

# dpkg -S is slow per call, so every file is asked about once, in one call. Debian 12 has
# merged /usr, and dpkg knows each file under only one of /lib and /usr/lib: ask for both.
declare -A owners=()
ownerOf() {
  local path
  for path in "$1" "/usr$1" "${1#/usr}"; do
    [ -n "${owners[$path]:-}" ] && { echo "${owners[$path]}"; return; }
  done
}

status=0
for binary in "$@"; do
  mapfile -t needed < <(readelf -d "$binary" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
  lddOut=$(ldd "$binary")
  declare -A resolved=()
  for lib in "${needed[@]}"; do
    # "libfoo.so.1 => /lib/x86_64-linux-gnu/libfoo.so.1 (0x…)", or the loader on its own.
    resolved[$lib]=$(awk -v lib="$lib" '$1 == lib && $2 == "=>" { print $3 } index($1, "/" lib) { print $1 }' <<<"$lddOut" | head -n1)
  done
  queries=()
  for path in "${resolved[@]}"; do
    [ -n "$path" ] && queries+=("$path" "/usr$path" "${path#/usr}")
  done
  while IFS= read -r line; do
    owners[${line#*: }]=${line%%:*}
  done < <(dpkg -S "${queries[@]}" 2>/dev/null)

  for lib in "${needed[@]}"; do
    owner=$(ownerOf "${resolved[$lib]}")
    if [ -z "$owner" ]; then
      echo "error: $(basename "$binary") needs $lib (${resolved[$lib]:-not found}), which no installed package owns"
      status=1
    elif [ -z "${declared[$owner]:-}" ]; then
      echo "error: $(basename "$binary") needs $lib from $owner, which Depends does not list"
      status=1
    else
      echo "ok: $(basename "$binary") $lib -> $owner"
    fi
  done
  unset resolved
done
exit $status
