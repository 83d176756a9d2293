#!/usr/bin/env bash
# OpenAPI import at scale (issue 11): a synthetic document of OPS operations and SCHEMAS schemas
# (bench/openapi_scale_gen.cpp, seeded) is imported and generated with kaizala-codegen, timed; then a
# TU calling one of its ops is compiled and compared with a TU calling one Kaizala op
# (bench/compile/kaizala_one_op.cpp), both header-only, same flags.
# The baselines run in this same run: generating spec/kaizala.json (28 ops, 112 types) for the
# import and generate times, the Kaizala one-op TU for the compile. Each compile runs ROUNDS times
# (default 3), interleaved; the fastest is kept.
# Prints a table and RATIO lines. Usage: bash bench/openapi_scale.sh [work-dir]
# Env: OPS (1000), SCHEMAS (3000), SEED (11), ROUNDS (3), CXX (g++), KAIZALA_CODEGEN (a built
# kaizala-codegen; default: built here into <work-dir>/build).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
CXX=${CXX:-g++}
ops=${OPS:-1000}
schemas=${SCHEMAS:-3000}
seed=${SEED:-11}
rounds=${ROUNDS:-3}
codegen=${KAIZALA_CODEGEN:-}
if [[ -z $codegen ]]; then
  cmake -S . -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DKAIZALA_BUILD_TESTS=OFF -DKAIZALA_BUILD_EXAMPLES=OFF \
    -DKAIZALA_BUILD_EMULATOR=OFF -DKAIZALA_BUILD_CLI=OFF >/dev/null
  cmake --build "$work/build" -j2 --target kaizala-codegen >/dev/null
  codegen="$work/build/codegen/kaizala-codegen"
fi

seconds() {  # command...: wall seconds of one run (stderr kept in $work/last.err)
  local start end
  start=$(date +%s.%N)
  "$@" 2>"$work/last.err" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
timed_compile() {  # source include-dir: "wall-seconds peak-MB" of one -c compile
  local log="$work/compile.time"
  /usr/bin/time -v "$CXX" -std=c++17 -Os -DNDEBUG -Iinclude -I"$2" $(pkg-config --cflags cpp-httplib) -c "$1" \
    -o "$work/probe.o" 2>"$log"
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s}
              /Maximum resident set size/ {m = $2 / 1024} END { printf "%s %.0f", w, m }' "$log"
}
faster() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

"$CXX" -std=c++17 -O1 -o "$work/openapi_scale_gen" bench/openapi_scale_gen.cpp
"$work/openapi_scale_gen" "$ops" "$schemas" "$seed" >"$work/scale.json"
doc_bytes=$(stat -c %s "$work/scale.json")
rm -rf "$work/spec.json" "$work/generated" "$work/kaizala"
import_s=$(seconds "$codegen" import "$work/scale.json" -o "$work/spec.json")
generate_s=$(seconds "$codegen" "$work/scale.json" -o "$work/generated/scale")
rerun_s=$(seconds "$codegen" import "$work/scale.json" -o "$work/spec2.json")
cmp -s "$work/spec.json" "$work/spec2.json" || { echo "openapi_scale: import is not deterministic" >&2; exit 1; }
kaizala_generate_s=$(seconds "$codegen" spec/kaizala.json -o "$work/kaizala")
# One header per type (types/<Name>.hpp); a group header includes the ones its ops name.
type_headers=$(find "$work/generated/scale/types" -name '*.hpp' | wc -l)
types_bytes=$(find "$work/generated/scale/types" -name '*.hpp' -printf '%s\n' | awk '{ s += $1 } END { print s }')
group_includes=$(grep -c '^#include "types/' "$work/generated/scale/area0.hpp")

cat >"$work/scale_one_op.cpp" <<'CPP'
// One op (Get0) of the synthetic API, like bench/compile/kaizala_one_op.cpp for Kaizala.
#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <scale/area0.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_variable("baseUrl", argc > 1 ? argv[1] : "http://127.0.0.1:9").set_credential("Authorization", "tok");
  scale::Get0Request req;
  req.id = "x";
  auto r = kaizala::call<scale::ops::Get0>(http, ctx, req);
  if (!r) return std::fprintf(stderr, "%s\n", r.error().to_string().c_str()), 1;
  std::printf("%s\n", r->id.c_str());
}
CPP
scale_wall="" kaizala_wall=""
for ((r = 0; r < rounds; r++)); do
  read -r w scale_mb <<<"$(timed_compile "$work/scale_one_op.cpp" "$work/generated")"
  scale_wall=$(faster "$w" "$scale_wall")
  read -r w kaizala_mb <<<"$(timed_compile bench/compile/kaizala_one_op.cpp include)"
  kaizala_wall=$(faster "$w" "$kaizala_wall")
done

echo
echo "OpenAPI import at scale: $ops operations, $schemas schemas, seed $seed ($doc_bytes bytes of JSON)"
printf '  %-48s %10s\n' "kaizala-codegen import (s)" "$import_s" "kaizala-codegen generate, direct (s)" "$generate_s" \
  "import again, byte-identical (s)" "$rerun_s" "baseline: generate spec/kaizala.json (s)" "$kaizala_generate_s"
printf '  %-48s %10s\n' "type headers (types/*.hpp)" "$type_headers" "type headers, total bytes" "$types_bytes" \
  "type headers the probe's group (area0) includes" "$group_includes"
printf '  %-48s %10s %8s\n' "compile one op, synthetic API (s, MB)" "$scale_wall" "$scale_mb" \
  "compile one op, Kaizala (s, MB)" "$kaizala_wall" "$kaizala_mb"
echo "  (compiles: $CXX -std=c++17 -Os -DNDEBUG, header-only, fastest of $rounds)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "RATIO openapi_scale_import_seconds $import_s"
echo "RATIO openapi_scale_generate_seconds $generate_s"
echo "RATIO openapi_scale_import_vs_kaizala_generate $(ratio "$import_s" "$kaizala_generate_s")"
echo "RATIO openapi_scale_generate_vs_kaizala_generate $(ratio "$generate_s" "$kaizala_generate_s")"
echo "RATIO openapi_scale_compile_one_op_vs_kaizala_one_op $(ratio "$scale_wall" "$kaizala_wall")"
echo "RATIO openapi_scale_compile_peak_memory_vs_kaizala_one_op $(ratio "$scale_mb" "$kaizala_mb")"
