#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo (examples/quickstart.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target quickstart
./build/examples/quickstart
