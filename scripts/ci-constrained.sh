#!/usr/bin/env bash
# CI for the constrained profile (issue 5, docs/decisions/0006-constrained-builds.md):
#  1. the binding core with -fno-exceptions -fno-rtti -Os (C++17), Boost.JSON linked, and the
#     boost::throw_exception such a program must define; its suites run;
#  2. Boost.JSON header-only (KAIZALA_BOOST_JSON_HEADER_ONLY=ON): the core suites, built without
#     libboost_json.
# Warnings are errors in both (KAIZALA_WERROR=ON).
# Usage: bash scripts/ci-constrained.sh [build-dir-prefix]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-build}
jobs=$(nproc)

echo "== constrained profile: -fno-exceptions -fno-rtti -Os"
cmake -S tests/constrained -B "$prefix-constrained" -DKAIZALA_WERROR=ON
cmake --build "$prefix-constrained" -j"$jobs"
ctest --test-dir "$prefix-constrained" --output-on-failure -j"$jobs"

echo "== Boost.JSON header-only (boost/json/src.hpp compiled once)"
core_tests=(test_json test_generated test_samples test_ops test_call)
cmake -S . -B "$prefix-header-only" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAIZALA_WERROR=ON -DKAIZALA_BOOST_JSON_HEADER_ONLY=ON
cmake --build "$prefix-header-only" -j"$jobs" --target "${core_tests[@]}"
for t in "${core_tests[@]}"; do
  if ldd "$prefix-header-only/tests/$t" | grep -q libboost_json; then
    echo "ci-constrained: $t links libboost_json in the header-only build" >&2
    exit 1
  fi
done
ctest --test-dir "$prefix-header-only" --output-on-failure -j"$jobs" \
  -R "^($(IFS='|'; echo "${core_tests[*]}"))\$"
echo "== constrained profile passed"
