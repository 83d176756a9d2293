#!/usr/bin/env bash
# Compile cost and binary size: TUs using the binding (one op, one group, all 28 ops, five ops)
# against hand-written httplib + Boost.JSON programs doing the same, all built in this run.
# Prints a table and RATIO lines. Usage: bash bench/compile_size.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
CXX=${CXX:-g++}
flags=(-std=c++17 -Os -DNDEBUG -Iinclude)
read -r -a httplib_flags <<<"$(pkg-config --cflags cpp-httplib)"
read -r -a libs <<<"-lboost_json $(pkg-config --libs cpp-httplib)"

declare -A wall mem size
compile() {  # name: compile bench/compile/<name>.cpp alone, under /usr/bin/time -v
  local name=$1 log="$work/$1.time"
  /usr/bin/time -v "$CXX" "${flags[@]}" "${httplib_flags[@]}" -c "bench/compile/$name.cpp" -o "$work/$name.o" 2>"$log"
  wall[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  mem[$name]=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
}
link() {  # name: stripped -Os program
  "$CXX" "$work/$1.o" -o "$work/$1" -s "${libs[@]}"
  size[$1]=$(stat -c %s "$work/$1")
}

for n in hand_one_op kaizala_one_op hand_five_ops kaizala_five_ops kaizala_one_group kaizala_all_ops; do
  compile "$n"
done
for n in hand_one_op kaizala_one_op hand_five_ops kaizala_five_ops; do link "$n"; done

echo
echo "compile one TU ($CXX ${flags[*]}), and stripped program size"
printf '  %-20s %10s %12s %12s\n' "" "wall s" "peak MB" "bytes"
for n in hand_one_op kaizala_one_op hand_five_ops kaizala_five_ops kaizala_one_group kaizala_all_ops; do
  printf '  %-20s %10s %12s %12s\n' "$n" "${wall[$n]}" "${mem[$n]}" "${size[$n]:--}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo
echo "RATIO compile_one_op_vs_hand $(ratio "${wall[kaizala_one_op]}" "${wall[hand_one_op]}")"
echo "RATIO compile_peak_memory_one_op_vs_hand $(ratio "${mem[kaizala_one_op]}" "${mem[hand_one_op]}")"
echo "RATIO compile_one_group_vs_one_op $(ratio "${wall[kaizala_one_group]}" "${wall[kaizala_one_op]}")"
echo "RATIO compile_all_ops_vs_one_op $(ratio "${wall[kaizala_all_ops]}" "${wall[kaizala_one_op]}")"
echo "RATIO size_one_op_vs_hand $(ratio "${size[kaizala_one_op]}" "${size[hand_one_op]}")"
echo "RATIO size_five_ops_vs_hand $(ratio "${size[kaizala_five_ops]}" "${size[hand_five_ops]}")"
echo "RATIO size_per_further_op_kib $(awk -v a="${size[kaizala_five_ops]}" -v b="${size[kaizala_one_op]}" 'BEGIN { printf "%.3f", (a - b) / 4 / 1024 }')"
echo "RATIO size_per_further_op_hand_kib $(awk -v a="${size[hand_five_ops]}" -v b="${size[hand_one_op]}" 'BEGIN { printf "%.3f", (a - b) / 4 / 1024 }')"
