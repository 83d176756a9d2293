#!/usr/bin/env bash
# Installs the Debian 12 packages kaizala-cpp needs, if any is missing. Safe to run again.
set -euo pipefail

packages=(
  g++ clang cmake make pkg-config        # toolchain (clang: the CI's second compiler)
  libclang-rt-14-dev                     # fuzz/: clang's libFuzzer, ASan and UBSan runtimes (only a Recommends of clang)
  clang-format                           # scripts/check-format.sh (.clang-format; Debian 12: version 14)
  libboost1.81-dev libboost-json1.81-dev # Boost.Describe, Boost.JSON
  libcpp-httplib-dev libssl-dev          # default transport (Debian's httplib is built with OpenSSL)
  doctest-dev                            # tests
  libyaml-cpp-dev                        # kaizala-codegen reads OpenAPI documents in YAML (not the runtime)
  openssl                                # tests make a throwaway CA and certificates
  nlohmann-json3-dev libsimdjson-dev     # bench/ only: the decode/encode baselines (issue 5)
  time                                   # bench/: /usr/bin/time -v for compile wall time and peak memory
  dpkg-dev                               # cpack -G DEB: dpkg-shlibdeps writes kaizala-tools' Depends
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
