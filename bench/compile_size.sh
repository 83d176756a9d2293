#!/usr/bin/env bash
# Compile cost and binary size: TUs using the binding (one op, one group, all 28 ops, five ops)
# against hand-written httplib + Boost.JSON programs doing the same, all built in this run.
# The binding is measured twice: header-only (the default), and with its runtime compiled once
# into libkaizala_core.so (KAIZALA_SEPARATE_COMPILATION, include/kaizala/config.hpp), the way
# the hand-written programs get Boost.JSON's parser and httplib's client from shared libraries.
# Sizes twice: against libkaizala_core.so (its size printed beside), and against a static
# libkaizala_core.a with --gc-sections, where a program's size is everything it ships.
# The *_small programs are built with KAIZALA_SMALL_DECODER (config.hpp): answers are parsed by
# libboost_json's own parser, as the hand-written programs do. "loaded bytes" is what the program
# maps (text + data + bss, from size(1)); the file size moves in 4 KiB steps (segment alignment).
# Each compile runs ROUNDS times (default 3), interleaved; the fastest is kept.
# Prints a table and RATIO lines. Usage: bash bench/compile_size.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
CXX=${CXX:-g++}
rounds=${ROUNDS:-3}
flags=(-std=c++17 -Os -DNDEBUG -Iinclude)
read -r -a httplib_flags <<<"$(pkg-config --cflags cpp-httplib)"
read -r -a libs <<<"-lboost_json $(pkg-config --libs cpp-httplib)"

# name -> source and extra flags; *_linked programs use the separately compiled runtime.
declare -A src extra
for n in hand_one_op kaizala_one_op hand_five_ops kaizala_five_ops kaizala_one_group kaizala_all_ops; do
  src[$n]=$n; extra[$n]=""
done
for n in kaizala_one_op kaizala_five_ops kaizala_one_group kaizala_all_ops; do
  src[${n}_linked]=$n; extra[${n}_linked]="-DKAIZALA_SEPARATE_COMPILATION"
done
for n in kaizala_one_op kaizala_five_ops kaizala_one_op_linked kaizala_five_ops_linked; do
  src[${n}_small]=${src[$n]}; extra[${n}_small]="${extra[$n]} -DKAIZALA_SMALL_DECODER"
done
programs=(hand_one_op kaizala_one_op kaizala_one_op_small kaizala_one_op_linked kaizala_one_op_linked_small
          hand_five_ops kaizala_five_ops kaizala_five_ops_small kaizala_five_ops_linked kaizala_five_ops_linked_small)
tus=("${programs[@]}" kaizala_one_group kaizala_one_group_linked kaizala_all_ops kaizala_all_ops_linked)

declare -A wall mem size static_size loaded
compile() {  # name: compile bench/compile/<src>.cpp alone, under /usr/bin/time -v; keeps the fastest
  local name=$1 log="$work/$1.time" w m
  # shellcheck disable=SC2086
  /usr/bin/time -v "$CXX" "${flags[@]}" "${httplib_flags[@]}" ${extra[$name]} -c "bench/compile/${src[$name]}.cpp" \
    -o "$work/$name.o" 2>"$log" || { cat "$log" >&2; echo "compile_size: $name does not compile" >&2; exit 1; }
  w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  m=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
  if [[ -z ${wall[$name]:-} ]] || awk -v a="$w" -v b="${wall[$name]}" 'BEGIN { exit !(a < b) }'; then
    wall[$name]=$w
  fi
  mem[$name]=$m
}
core_of() {  # name: the runtime library a *_linked program uses (suffix _small: the small decoder's)
  [[ $1 == *_linked_small ]] && echo kaizala_core_small && return
  [[ $1 == *_linked ]] && echo kaizala_core
  return 0
}
link() {  # name: stripped -Os program
  local core=() lib
  lib=$(core_of "$1")
  [[ -n $lib ]] && core=(-L"$work" -l"$lib" -Wl,-rpath,"$work")
  "$CXX" "$work/$1.o" -o "$work/$1" -s "${core[@]}" "${libs[@]}"
  size[$1]=$(stat -c %s "$work/$1")
  loaded[$1]=$(size "$work/$1" | awk 'NR == 2 { print $4 }')
}
link_static() {  # name: like link, but against libkaizala_core.a with --gc-sections (hand programs too)
  local core=() lib
  lib=$(core_of "$1")
  [[ -n $lib ]] && core=("$work/lib$lib.a")
  "$CXX" "$work/$1.o" -o "$work/$1.static" -s -Wl,--gc-sections "${core[@]}" "${libs[@]}"
  static_size[$1]=$(stat -c %s "$work/$1.static")
}

# The separately compiled runtime, as a shared library (like libboost_json and libcpp-httplib),
# built as the CMake target kaizala::core is: inline functions not exported.
for decoder in "" _small; do
  defs=(-DKAIZALA_SEPARATE_COMPILATION)
  [[ -n $decoder ]] && defs+=(-DKAIZALA_SMALL_DECODER)
  "$CXX" "${flags[@]}" "${httplib_flags[@]}" "${defs[@]}" -fPIC -shared -fvisibility-inlines-hidden \
    src/kaizala_core.cpp -o "$work/libkaizala_core$decoder.so" -s "${libs[@]}"
  # The same runtime as a static archive, each function in its own section: a program linked with
  # --gc-sections ships only what it reaches, so its size is the whole cost of the binding.
  "$CXX" "${flags[@]}" "${httplib_flags[@]}" "${defs[@]}" -ffunction-sections -fdata-sections \
    -c src/kaizala_core.cpp -o "$work/kaizala_core_static$decoder.o"
  rm -f "$work/libkaizala_core$decoder.a"
  ar rcs "$work/libkaizala_core$decoder.a" "$work/kaizala_core_static$decoder.o"
done
core_size=$(stat -c %s "$work/libkaizala_core.so")
core_small_size=$(stat -c %s "$work/libkaizala_core_small.so")

for ((r = 0; r < rounds; r++)); do
  for n in "${tus[@]}"; do compile "$n"; done
done
for n in "${programs[@]}"; do link "$n"; link_static "$n"; done

echo
echo "compile one TU ($CXX ${flags[*]}, fastest of $rounds), and stripped program size"
printf '  %-30s %8s %9s %10s %13s %14s\n' "" "wall s" "peak MB" "bytes" "loaded bytes" "static bytes"
for n in "${tus[@]}"; do
  printf '  %-30s %8s %9s %10s %13s %14s\n' "$n" "${wall[$n]}" "${mem[$n]}" "${size[$n]:--}" "${loaded[$n]:--}" \
    "${static_size[$n]:--}"
done
echo "  (libkaizala_core.so, the runtime the *_linked programs share: $core_size bytes stripped; $core_small_size with the small decoder)"
echo "  (static bytes: linked with --gc-sections; *_linked take the runtime from libkaizala_core.a, so the figure is all they ship)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
per_op() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (a - b) / 4 / 1024 }'; }
echo
echo "RATIO compile_one_op_vs_hand $(ratio "${wall[kaizala_one_op_linked]}" "${wall[hand_one_op]}")"
echo "RATIO compile_one_op_header_only_vs_hand $(ratio "${wall[kaizala_one_op]}" "${wall[hand_one_op]}")"
echo "RATIO compile_peak_memory_one_op_vs_hand $(ratio "${mem[kaizala_one_op_linked]}" "${mem[hand_one_op]}")"
echo "RATIO compile_one_group_vs_one_op $(ratio "${wall[kaizala_one_group]}" "${wall[kaizala_one_op]}")"
echo "RATIO compile_all_ops_vs_one_op $(ratio "${wall[kaizala_all_ops]}" "${wall[kaizala_one_op]}")"
echo "RATIO size_one_op_vs_hand $(ratio "${size[kaizala_one_op_linked]}" "${size[hand_one_op]}")"
echo "RATIO size_one_op_header_only_vs_hand $(ratio "${size[kaizala_one_op]}" "${size[hand_one_op]}")"
echo "RATIO size_one_op_static_vs_hand $(ratio "${static_size[kaizala_one_op_linked]}" "${static_size[hand_one_op]}")"
echo "RATIO size_five_ops_static_vs_hand $(ratio "${static_size[kaizala_five_ops_linked]}" "${static_size[hand_five_ops]}")"
echo "RATIO size_libkaizala_core_so_kib $(awk -v a="$core_size" 'BEGIN { printf "%.3f", a / 1024 }')"
echo "RATIO size_five_ops_vs_hand $(ratio "${size[kaizala_five_ops_linked]}" "${size[hand_five_ops]}")"
echo "RATIO size_five_ops_header_only_vs_hand $(ratio "${size[kaizala_five_ops]}" "${size[hand_five_ops]}")"
echo "RATIO size_per_further_op_kib $(per_op "${size[kaizala_five_ops_linked]}" "${size[kaizala_one_op_linked]}")"
echo "RATIO size_per_further_op_header_only_kib $(per_op "${size[kaizala_five_ops]}" "${size[kaizala_one_op]}")"
echo "RATIO size_per_further_op_hand_kib $(per_op "${size[hand_five_ops]}" "${size[hand_one_op]}")"
# The small decoder (KAIZALA_SMALL_DECODER), and the mapped bytes beside the 4 KiB-stepped file sizes.
echo "RATIO compile_one_op_header_only_small_decoder_vs_hand $(ratio "${wall[kaizala_one_op_small]}" "${wall[hand_one_op]}")"
echo "RATIO size_one_op_header_only_small_decoder_vs_hand $(ratio "${size[kaizala_one_op_small]}" "${size[hand_one_op]}")"
echo "RATIO size_one_op_static_small_decoder_vs_hand $(ratio "${static_size[kaizala_one_op_linked_small]}" "${static_size[hand_one_op]}")"
echo "RATIO size_per_further_op_header_only_small_decoder_kib $(per_op "${size[kaizala_five_ops_small]}" "${size[kaizala_one_op_small]}")"
echo "RATIO loaded_one_op_vs_hand $(ratio "${loaded[kaizala_one_op_linked]}" "${loaded[hand_one_op]}")"
echo "RATIO loaded_one_op_header_only_vs_hand $(ratio "${loaded[kaizala_one_op]}" "${loaded[hand_one_op]}")"
echo "RATIO loaded_one_op_header_only_small_decoder_vs_hand $(ratio "${loaded[kaizala_one_op_small]}" "${loaded[hand_one_op]}")"
echo "RATIO loaded_per_further_op_header_only_kib $(per_op "${loaded[kaizala_five_ops]}" "${loaded[kaizala_one_op]}")"
