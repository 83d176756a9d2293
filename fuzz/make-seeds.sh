#!/usr/bin/env bash
# Rebuilds the seed corpora fuzz/corpus/{fuzz_decode,fuzz_codegen} from tests/data/samples and the
# specs (the HTTP seeds of fuzz_emulator and fuzz_webhook are written by hand). Run it after the
# generated types or the samples change: fuzz_decode's first byte is an index into
# api::for_each_type (include/kaizala/generated/all.hpp), read here in the same order.
set -euo pipefail
cd "$(dirname "$0")/.."

types=()
while read -r t; do types+=("$t"); done < <(grep -o 'type_tag<::kaizala::[A-Za-z0-9_]*>' include/kaizala/generated/all.hpp |
                                           sed 's/.*:://; s/>//')
count=${#types[@]}
index_of() {
  local i
  for i in "${!types[@]}"; do [ "${types[$i]}" = "$1" ] && { echo "$i"; return; }; done
  echo "make-seeds: no generated type $1" >&2
  exit 1
}

out=fuzz/corpus/fuzz_decode
rm -rf "$out" && mkdir -p "$out"
for f in tests/data/samples/*.json; do
  b=$(basename "$f" .json)
  op=${b%%.*}
  kind=$(echo "$b" | cut -d. -f2)
  case "$op.$kind" in
    FetchGroupDetails.response | FetchSubgroup.response) t=GroupOrList ;;
    *.request) t=${op}Request ;;
    *.response) t=${op}Response ;;
    *.event) t=Event ;;
  esac
  i=$(index_of "$t")
  [ "$kind" = request ] && i=$((i + count))  # requests are read with case-insensitive keys, as the emulator does
  { printf "\\$(printf '%03o' "$i")"; cat "$f"; } > "$out/$b"
done
# Every named type once, from an empty object: a start for the types no sample covers.
for i in "${!types[@]}"; do
  { printf "\\$(printf '%03o' "$i")"; printf '{}'; } > "$out/empty.${types[$i]}"
done

out=fuzz/corpus/fuzz_codegen
rm -rf "$out" && mkdir -p "$out"
cp spec/kaizala.json "$out/kaizala.json"
for f in tests/codegen/*.json; do cp "$f" "$out/$(basename "$f")"; done  # small specs, each with its own shapes
echo "make-seeds: $(ls fuzz/corpus/fuzz_decode | wc -l) decode seeds, $(ls fuzz/corpus/fuzz_codegen | wc -l) spec seeds"
