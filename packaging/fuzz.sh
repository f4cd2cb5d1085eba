#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Longer fuzzing than CI's 20 s a target:
#   bash packaging/fuzz.sh [SECONDS] [TARGET…]     default 600 s each, every target
# Builds the sanitizer build (build-san: clang, ASan+UBSan, libFuzzer) when needed and
# runs the targets one after the other. The corpus each target grows is kept in
# build-san/tests/fuzz/work/<target>/corpus for the next run; a crasher lands in
# .../artifacts/ — fix the bug, then copy the input to
# tests/data/fuzz-regressions/<target>/ so tst_fuzz_regressions replays it for good.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-600}
shift || true
san_build=${HH_SAN_BUILD_DIR:-$here/build-san}

# Configured like the sanitizer stage of packaging/dev.sh (build_sanitized).
if [ ! -f "$san_build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$san_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_COMPILER=clang++-14 \
    -DHH_SANITIZE=ON -DHH_FUZZ=ON -DHH_BUILD_GUI=OFF
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in "$here"/tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi
cmake --build "$san_build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export HH_SOURCE_DIR=$here HH_CORPUS_DIR=${HH_CORPUS_DIR:-$here/../shared/corpus}
rc=0
for target in "${targets[@]}"; do
  bash "$here/tests/fuzz/run_fuzz.sh" "$san_build/tests/fuzz/fuzz_$target" "$target" "$seconds" \
    "$san_build/tests/fuzz/work" || rc=1
done
exit $rc
