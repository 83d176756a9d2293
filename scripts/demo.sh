#!/usr/bin/env bash
# Installs what is missing, builds the quickstart, the emulator and the CLI, and runs the demo
# (examples/quickstart.cpp). Afterwards build/emulator/kaizala-emulator and build/cli/kaizala-cli are
# there to try (emulator/README.md, cli/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAIZALA_BUILD_EMULATOR=ON -DKAIZALA_BUILD_CLI=ON
cmake --build build -j"$(nproc)" --target quickstart kaizala-emulator kaizala-cli
./build/examples/quickstart
cat <<'EOF'

Also built:
  build/emulator/kaizala-emulator   the local Kaizala service (emulator/README.md)
  build/cli/kaizala-cli             every op from the shell (cli/README.md)
Try them together:
  build/emulator/kaizala-emulator                    # http://127.0.0.1:5249; logs each PIN on stderr
  build/cli/kaizala-cli --base http://127.0.0.1:5249 GeneratePin \
    --data '{"mobileNumber": "+911099999999", "applicationId": "11111111-2222-3333-4444-555555555555"}'
EOF
