#!/usr/bin/env bash
# Regenerates tests/codegen/golden/<name>/ from every tests/codegen/<name>.json with the given
# kaizala-codegen, after a deliberate change of the generator's output. Review the diff before
# committing: the codegen_golden_<name> tests compare these files byte for byte.
# usage: bash tests/codegen/update_golden.sh <path to kaizala-codegen>
set -euo pipefail
codegen=${1:?usage: update_golden.sh <path to kaizala-codegen>}
here=$(cd "$(dirname "$0")" && pwd)
for spec in "$here"/*.json; do
  name=$(basename "$spec" .json)
  rm -rf "${here:?}/golden/$name"
  "$codegen" "$spec" -o "$here/golden/$name" 2>/dev/null
  echo "golden/$name"
done
