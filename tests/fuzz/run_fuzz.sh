#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a bounded time:
#   run_fuzz.sh BINARY TARGET SECONDS WORKDIR
# Seeds are copied fresh from the shared corpus (never committed here), from
# tests/fuzz/seeds/TARGET/ and from the kept regressions; what the fuzzer finds
# grows WORKDIR/TARGET/corpus, crashers land in WORKDIR/TARGET/artifacts/.
# Exit status: libFuzzer's (0 when nothing was found).
set -euo pipefail
bin=$1 target=$2 seconds=$3 work=$4
src=${HH_SOURCE_DIR:?HH_SOURCE_DIR must point at the source tree}
corpus_root=${HH_CORPUS_DIR:-$src/../shared/corpus}

dir=$work/$target
rm -rf "$dir/seeds" "$dir/artifacts"
mkdir -p "$dir/seeds" "$dir/corpus" "$dir/artifacts"

copy() { # copy the files of folder $1 matching glob $2, if any
  local from=$1 pattern=${2:-*}
  [ -d "$from" ] || return 0
  find "$from" -maxdepth 1 -type f -name "$pattern" -exec cp -t "$dir/seeds" {} +
}
case $target in
  jats) copy "$corpus_root/pmc_jats"; copy "$src/resources/sample" '*.xml'; copy "$src/tests/data" '*.xml' ;;
  pubmed) copy "$corpus_root/pubmed_xml"; copy "$corpus_root/ncbi_errors" ;;
  docx) copy "$corpus_root/docx" ;;
  pdf) copy "$corpus_root/pdf"; copy "$corpus_root/pdf_problem" ;;
  # Real efetch answers and NCBI error bodies; the JATS articles are the jats target's.
  ncbi) copy "$corpus_root/pubmed_xml"; copy "$corpus_root/ncbi_errors" ;;
esac
copy "$src/tests/fuzz/seeds/$target"
copy "$src/tests/data/fuzz-regressions/$target"

# Leaks are findings too; the suppressions cover third-party libraries only.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen

dict=()
case $target in
  jats | pubmed) dict=(-dict="$src/tests/fuzz/xml.dict") ;;
  script_json | words_json) dict=(-dict="$src/tests/fuzz/json.dict") ;;
  ncbi | gemini | pcm | runway) dict=(-dict="$src/tests/fuzz/providers.dict") ;;
esac

# HH_FUZZ_SEED fixes libFuzzer's random seed: CI's bounded runs then try the same
# inputs on every run (a red run can be replayed); unset, each run explores anew.
seed=()
[ -n "${HH_FUZZ_SEED:-}" ] && seed=(-seed="$HH_FUZZ_SEED")

echo "== fuzz_$target: ${seconds}s, $(find "$dir/seeds" -type f | wc -l) seeds, $(find "$dir/corpus" -type f | wc -l) corpus inputs"
set +e
"$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$dir/artifacts/" "${seed[@]}" "${dict[@]}" "$dir/corpus" "$dir/seeds" >"$dir/last-run.log" 2>&1
rc=$?
set -e
stat() { grep -oE "^stat::$1: *[0-9]+" "$dir/last-run.log" | grep -oE '[0-9]+$' || echo "?"; }
summary="fuzz_$target: $(stat number_of_executed_units) executions in ${seconds} s ($(stat average_exec_per_sec)/s), $(stat new_units_added) new inputs, corpus $(find "$dir/corpus" -type f | wc -l), peak RSS $(stat peak_rss_mb) MB, exit $rc"
echo "$summary"
echo "$(date -u +%FT%TZ) $summary" >>"$work/summary.txt"
if [ "$rc" -ne 0 ]; then
  echo "== fuzz_$target FAILED (exit $rc); the end of its log ($dir/last-run.log):"
  tail -n 80 "$dir/last-run.log"
  ls -la "$dir/artifacts/"
fi
exit "$rc"
