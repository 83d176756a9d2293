#!/usr/bin/env bash
# Builds the libFuzzer harnesses in fuzz/ (clang, ASan + UBSan), replays the committed regressions and
# seeds, then fuzzes each harness, as many at once as there are cores. Fails on any finding.
#   bash scripts/fuzz.sh                 # 600 s per harness, a new random seed each run: to explore
#   bash scripts/fuzz.sh 3600 fuzz_emulator
#   bash scripts/fuzz.sh ci              # what CI runs (.ci/run): a fixed seed and a fixed number of
#                                        # runs per harness (about 40 s each), so the same commit
#                                        # meets the same inputs: CI never fails by chance
# New inputs collect in build-fuzz/corpus/<harness> (kept between runs); a finding is written to
# build-fuzz/findings/<harness>/ and its log printed. Fix it, then commit the input under
# fuzz/regressions/<harness>/ so that ctest (and CI) replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=${1:-600}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_decode fuzz_decode_shapes fuzz_codegen fuzz_openapi fuzz_emulator fuzz_webhook fuzz_lenient_json)
build=${KAIZALA_FUZZ_BUILD:-build-fuzz}
jobs=$(nproc)

# CI's runs per harness: about 40 s each at the rates of a loaded 2-core machine.
ci_runs() {
  case "$1" in
    fuzz_decode | fuzz_decode_shapes | fuzz_webhook | fuzz_lenient_json) echo 250000 ;;
    fuzz_codegen) echo 60000 ;;
    *) echo 40000 ;;
  esac
}

# The longest input each harness gets: the spec harness must hold spec/kaizala.json (about 70 KB).
max_len() {
  case "$1" in
    fuzz_codegen) echo 100000 ;;
    *) echo 8192 ;;
  esac
}

bash scripts/install-deps.sh
werror=OFF
[ "$budget" != ci ] || werror=ON  # CI: warnings are errors
cmake -S fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DKAIZALA_WERROR="$werror" >/dev/null
cmake --build "$build" -j"$jobs" --target "${harnesses[@]}"
names=$(IFS="|"; echo "${harnesses[*]}")
ctest --test-dir "$build" --output-on-failure -R "^(${names})_replay\$"

fuzz_one() {
  local h=$1
  mkdir -p "$build/corpus/$h" "$build/findings/$h"
  local limit
  if [ "$budget" = ci ]; then limit=(-seed=20261206 -runs="$(ci_runs "$h")" -max_total_time=300); else limit=(-max_total_time="$budget"); fi
  "$build/$h" "${limit[@]}" -max_len="$(max_len "$h")" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/findings/$h/" \
    "$build/corpus/$h" "fuzz/corpus/$h" >"$build/fuzz-$h.log" 2>&1
}

failed=()
for ((i = 0; i < ${#harnesses[@]}; i += jobs)); do  # every harness gets its whole budget: batches of $jobs
  batch=("${harnesses[@]:i:jobs}")
  pids=()
  for h in "${batch[@]}"; do
    fuzz_one "$h" &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    wait "${pids[$k]}" || failed+=("${batch[$k]}")
  done
done

if [ "$budget" = ci ]; then what="a fixed seed and run count"; else what="$budget s"; fi
echo "== fuzzing, $what per harness: runs, coverage (cov: edges, ft: features), corpus"
for h in "${harnesses[@]}"; do
  log="$build/fuzz-$h.log"
  runs=$(grep -o 'number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  last=$(grep -E '(DONE|pulse|NEW|REDUCE|INITED) +cov:' "$log" | tail -1 | grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9/a-zA-Z]*' || echo "no coverage line")
  printf '%-14s %10s runs %7s/s  %s\n' "$h" "$runs" "$rate" "$last"
done

if [ ${#failed[@]} -gt 0 ]; then
  for h in "${failed[@]}"; do
    echo "== FINDING in $h (input saved in $build/findings/$h/):"
    grep -v -E '^#[0-9]+ +(NEW|REDUCE|pulse|INITED)' "$build/fuzz-$h.log" | tail -60
  done
  exit 1
fi
echo "== no findings"
