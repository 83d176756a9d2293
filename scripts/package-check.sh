#!/usr/bin/env bash
# Builds the Debian packages of a finished build (cpack -G DEB), unpacks them into an empty root
# (dpkg-deb -x, nothing installed on the machine), checks what they hold, runs the unpacked tools,
# and builds the find_package consumer (tests/consumer/find_package) and the pkg-config one
# (tests/consumer/dropin) against that root only.
# Usage: scripts/package-check.sh [build-dir]   (default: build; it must be built already)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build=$(cd "${1:-build}" && pwd)
work=$build/package-check
rm -rf "$work"
mkdir -p "$work/debs" "$work/root"
root=$work/root

fail() {
  echo "package-check: $*" >&2
  exit 1
}

version=$(sed -n 's/^#define KAIZALA_VERSION_STRING "\(.*\)"$/\1/p' include/kaizala/version.hpp)
[ -n "$version" ] || fail "no version in include/kaizala/version.hpp"

(cd "$work/debs" && cpack -G DEB --config "$build/CPackConfig.cmake" >"$work/cpack.log") ||
  fail "cpack failed: $(tail -n 20 "$work/cpack.log")"
dev=$(find "$work/debs" -maxdepth 1 -name "libkaizala-dev_${version}-*.deb" -print -quit)
tools=$(find "$work/debs" -maxdepth 1 -name "kaizala-tools_${version}-*.deb" -print -quit)
[ -n "$dev" ] || fail "cpack wrote no libkaizala-dev_${version}-*.deb: $(ls "$work/debs")"
[ -n "$tools" ] || fail "cpack wrote no kaizala-tools_${version}-*.deb: $(ls "$work/debs")"

# Each package's file list, once (grep -q on a pipe would cut dpkg-deb off under pipefail).
dpkg-deb -c "$dev" | awk '{ print $NF }' >"$work/dev.files"
dpkg-deb -c "$tools" | awk '{ print $NF }' >"$work/tools.files"
for deb in "$dev" "$tools"; do
  echo "== $(basename "$deb"): $(dpkg-deb -c "$deb" | grep -vc '/$') files"
  dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /'
  dpkg-deb -x "$deb" "$root"
done
depends_dev=$(dpkg-deb -f "$dev" Depends)
for p in libboost-json1.81-dev libcpp-httplib-dev libssl-dev "kaizala-tools (= $version-"; do
  [[ $depends_dev == *"$p"* ]] || fail "libkaizala-dev does not depend on $p: $depends_dev"
done
depends_tools=$(dpkg-deb -f "$tools" Depends)
for p in libcpp-httplib libssl libboost-json libyaml-cpp libstdc++6; do
  [[ $depends_tools == *"$p"* ]] || fail "kaizala-tools does not depend on $p: $depends_tools"
done

# What each package must hold, and nothing of the one in the other. The library folder is lib,
# or lib/<multiarch> when the build's prefix was /usr (GNUInstallDirs).
usr=$root/usr
libdir=$(sed -n 's|^\./usr/\(.*\)/cmake/kaizala/kaizala-config\.cmake$|\1|p' "$work/dev.files")
[ -n "$libdir" ] || fail "libkaizala-dev holds no cmake/kaizala/kaizala-config.cmake"
in_package() { # in_package dev|tools <path under /usr>
  grep -qxF "./usr/$2" "$work/$1.files" || fail "the $1 package lacks /usr/$2"
}
for f in include/kaizala/kaizala.hpp include/kaizala/generated/all.hpp include/kaizala/version.hpp \
  "$libdir"/cmake/kaizala/kaizala-config.cmake "$libdir"/cmake/kaizala/kaizala-config-version.cmake \
  "$libdir"/cmake/kaizala/kaizala-targets.cmake "$libdir"/cmake/kaizala/KaizalaGenerate.cmake \
  "$libdir"/pkgconfig/kaizala.pc "$libdir"/pkgconfig/kaizala-headers.pc "$libdir"/libkaizala_core.a; do
  in_package dev "$f"
done
for f in bin/kaizala-codegen bin/kaizala-cli bin/kaizala-emulator \
  share/bash-completion/completions/kaizala-cli share/zsh/vendor-completions/_kaizala-cli; do
  in_package tools "$f"
done
! grep -q '/bin/' "$work/dev.files" || fail "libkaizala-dev holds a program"
! grep -q '/include/' "$work/tools.files" || fail "kaizala-tools holds headers"

# The unpacked programs run.
[ "$("$usr/bin/kaizala-cli" --version)" = "kaizala-cli $version" ] || fail "kaizala-cli --version"
[ "$("$usr/bin/kaizala-codegen" --version)" = "kaizala-codegen $version" ] || fail "kaizala-codegen --version"
cli_help=$("$usr/bin/kaizala-cli" --help)
[[ $cli_help == *SendMessage* ]] || fail "kaizala-cli --help lists no SendMessage"
"$usr/bin/kaizala-emulator" --help >/dev/null || fail "kaizala-emulator --help"
# The packaged completion loads in bash and is the packaged CLI's own.
bash -c 'source "$1" && complete -p kaizala-cli' _ "$usr/share/bash-completion/completions/kaizala-cli" \
  >/dev/null || fail "the packaged bash completion does not load"
cmp -s <("$usr/bin/kaizala-cli" completion bash) "$usr/share/bash-completion/completions/kaizala-cli" ||
  fail "the packaged bash completion is not what the packaged kaizala-cli writes"

# find_package(kaizala) from the root alone: the system and user package registries and
# /usr/local are left out, and the package found must be the unpacked one.
consumer=$work/find_package
cmake -S "$source_dir/tests/consumer/find_package" -B "$consumer" -DCMAKE_PREFIX_PATH="$usr" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
  -DCMAKE_IGNORE_PREFIX_PATH=/usr/local >"$work/consumer.log" ||
  fail "the find_package consumer does not configure: $(tail -n 20 "$work/consumer.log")"
found=$(sed -n 's/^kaizala_DIR:PATH=//p' "$consumer/CMakeCache.txt")
[ "$found" = "$usr/$libdir/cmake/kaizala" ] || fail "find_package(kaizala) found $found, not the unpacked package"
cmake --build "$consumer" -j2 >>"$work/consumer.log" ||
  fail "the find_package consumer does not build: $(tail -n 20 "$work/consumer.log")"
grep -rqs -- "$usr/include" "$consumer/CMakeFiles/send_message.dir/flags.make" ||
  fail "send_message does not compile with the unpacked headers"
"$consumer/send_message"
# ... and against the unpacked emulator, which prints its base URL on its first line.
"$usr/bin/kaizala-emulator" --port 0 --pin 4821 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; wait $emulator 2>/dev/null || true' EXIT
url=
for _ in $(seq 200); do # at most 10 s
  url=$(head -n 1 "$work/emulator.out" | grep -o 'http://[^[:space:]]*' || true)
  [ -z "$url" ] || break
  sleep 0.05
done
[ -n "$url" ] || fail "the unpacked kaizala-emulator printed no base URL: $(cat "$work/emulator.err")"
"$consumer/send_message" "$url" 4821

# pkg-config from the root alone: kaizala.pc finds its prefix from its own folder.
pc_dir=$usr/$libdir/pkgconfig
[ "$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=includedir kaizala)" -ef "$usr/include" ] ||
  fail "kaizala.pc's includedir is not the unpacked one"
mkdir -p "$work/dropin"
cp tests/consumer/dropin/main.cpp "$work/dropin/"
(cd "$work/dropin" && PKG_CONFIG_PATH="$pc_dir" sh "$source_dir/tests/consumer/dropin/build-with-pkg-config.sh" &&
  ./app >/dev/null) || fail "the pkg-config consumer does not build or run"
echo "package-check: ok ($(basename "$dev"), $(basename "$tools"))"
