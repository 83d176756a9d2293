#!/usr/bin/env bash
# Builds and runs one consumer project of tests/consumer the way a user would, in a scratch folder
# of the build tree. Run by ctest (tests/consumer/CMakeLists.txt sets the environment):
#   build_consumer.sh install [built tools...]
#   build_consumer.sh find_package|subdirectory|subdirectory_generate|no_transport|
#                     no_transport_subdirectory|dropin|other-api|regeneration
# Environment: KAIZALA_SOURCE_DIR, KAIZALA_BINARY_DIR (the main build), CONSUMER_WORK (scratch),
# CONSUMER_PREFIX (where `install` puts kaizala-cpp for the others), CMAKE_COMMAND, CXX,
# CMAKE_GENERATOR.
set -euo pipefail
step=${1:?usage: build_consumer.sh <consumer>}
: "${KAIZALA_SOURCE_DIR:?}" "${KAIZALA_BINARY_DIR:?}" "${CONSUMER_WORK:?}" "${CONSUMER_PREFIX:?}"
: "${CMAKE_COMMAND:?}" "${CXX:?}" "${CMAKE_GENERATOR:?}"
consumers=$KAIZALA_SOURCE_DIR/tests/consumer
prefix=$CONSUMER_PREFIX
work=$CONSUMER_WORK/$step

fail() {
  echo "consumer $step: $*" >&2
  exit 1
}

# configure <source> <build> [cmake args...]. No build type, so no optimizer: quicker to build.
configure() {
  "$CMAKE_COMMAND" -S "$1" -B "$2" -G "$CMAKE_GENERATOR" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_PREFIX_PATH="$prefix" "${@:3}"
}
build() {
  "$CMAKE_COMMAND" --build "$@" -j2
}
# The folder of an installed file, wherever GNUInstallDirs put it (lib, lib64, lib/<arch>).
installed_dir() {
  local found
  found=$(find "$prefix" -path "*/$1" -print -quit)
  [ -n "$found" ] || fail "$1 is not installed under $prefix"
  dirname "$found"
}

case $step in
install)
  # Over the last install: files that did not change keep their times, so reruns rebuild little.
  "$CMAKE_COMMAND" --install "$KAIZALA_BINARY_DIR" --prefix "$prefix"
  version=$(sed -n 's/^#define KAIZALA_VERSION_STRING "\(.*\)"$/\1/p' \
    "$prefix/include/kaizala/version.hpp")
  [ -n "$version" ] || fail "include/kaizala/version.hpp is not installed"
  [ "$("$prefix/bin/kaizala-codegen" --version)" = "kaizala-codegen $version" ] ||
    fail "bin/kaizala-codegen --version does not say $version"
  for f in kaizala/kaizala.hpp kaizala/generated/all.hpp kaizala/detail/json_decode.hpp; do
    [ -f "$prefix/include/$f" ] || fail "include/$f is not installed"
  done
  for f in kaizala-config.cmake kaizala-config-version.cmake kaizala-targets.cmake \
    KaizalaGenerate.cmake; do
    installed_dir "cmake/kaizala/$f" >/dev/null
  done
  for pc in kaizala kaizala-headers; do
    grep -q "^Version: $version\$" "$(installed_dir pkgconfig/$pc.pc)/$pc.pc" ||
      fail "$pc.pc does not carry version $version"
  done
  ! grep -qi '^requires' "$(installed_dir pkgconfig/kaizala-headers.pc)/kaizala-headers.pc" ||
    fail "kaizala-headers.pc requires a package (cpp-httplib?)"
  # The arguments after `install` name the other tools this build made (see CMakeLists.txt).
  for tool in "${@:2}"; do
    [ -n "$tool" ] || continue
    [ -x "$prefix/bin/$tool" ] || fail "$tool was built but bin/$tool is not installed"
    if [ "$tool" = kaizala-cli ]; then # its completion, written by the build (cli/CMakeLists.txt)
      for f in share/bash-completion/completions/kaizala-cli share/zsh/vendor-completions/_kaizala-cli; do
        [ -s "$prefix/$f" ] || fail "kaizala-cli was built but $f is not installed"
      done
    fi
  done
  ;;

find_package)
  configure "$consumers/find_package" "$work"
  build "$work"
  emulator=$prefix/bin/kaizala-emulator
  if [ -x "$emulator" ]; then
    # The emulator prints its base URL on its first line.
    "$emulator" --port 0 --pin 4821 >"$work/emulator.out" 2>"$work/emulator.err" &
    pid=$!
    trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
    url=
    for _ in $(seq 200); do  # at most 10 s
      if [ "$(wc -l <"$work/emulator.out")" -ge 1 ]; then
        url=$(head -n 1 "$work/emulator.out" | grep -o 'http://[^[:space:]]*' || true)
        break
      fi
      sleep 0.05
    done
    [ -n "$url" ] || fail "kaizala-emulator printed no base URL: $(cat "$work/emulator.err")"
    "$work/send_message" "$url" 4821
  fi
  "$work/send_message"
  ;;

subdirectory)
  # tools_off.cmake fails the configure if the subproject defines a tool, test or example.
  configure "$consumers/subdirectory" "$work" -DKAIZALA_CPP_DIR="$KAIZALA_SOURCE_DIR" \
    -DCMAKE_PROJECT_token_check_INCLUDE="$consumers/tools_off.cmake"
  build "$work" --target token_check
  "$work/token_check"
  ;;

no_transport_subdirectory)
  # Without cpp-httplib (pkg-config finds nothing) and OpenSSL, a subproject still configures and
  # defines kaizala::headers, and nothing that needs them.
  PKG_CONFIG_LIBDIR=/nonexistent configure "$consumers/no_transport_subdirectory" "$work" \
    -DKAIZALA_CPP_DIR="$KAIZALA_SOURCE_DIR" -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON | tee "$work.log"
  grep -q "only kaizala::headers is defined" "$work.log" || fail "cpp-httplib or OpenSSL was found"
  build "$work" --target own_transport
  "$work/own_transport"
  if ldd "$work/own_transport" | grep -E 'libcpp-httplib|libssl|libcrypto'; then
    fail "own_transport links cpp-httplib or OpenSSL"
  fi
  ;;

subdirectory_generate)
  # The generator is built on demand, for kaizala_generate(), and nothing else of the tools is.
  configure "$consumers/subdirectory_generate" "$work" -DKAIZALA_CPP_DIR="$KAIZALA_SOURCE_DIR"
  build "$work"
  [ -x "$work/kaizala-cpp/codegen/kaizala-codegen" ] || fail "kaizala_generate() did not build kaizala-codegen"
  for tool in emulator/kaizala-emulator cli/kaizala-cli; do
    [ ! -e "$work/kaizala-cpp/$tool" ] || fail "the subproject built $tool"
  done
  "$work/tasks_client"
  ;;

no_transport)
  # kaizala::headers: the program links and runs with neither cpp-httplib nor OpenSSL.
  configure "$consumers/no_transport" "$work"
  build "$work"
  "$work/own_transport"
  if ldd "$work/own_transport" | grep -E 'libcpp-httplib|libssl|libcrypto'; then
    fail "own_transport links cpp-httplib or OpenSSL"
  fi
  if nm -C "$work/own_transport" | grep -q 'httplib::'; then
    fail "own_transport contains httplib symbols"
  fi
  if grep -rqs -e httplib -e CPPHTTPLIB "$work/CMakeFiles/own_transport.dir/flags.make" \
    "$work/CMakeFiles/own_transport.dir/link.txt" "$work/build.ninja"; then
    fail "own_transport's compile or link command names cpp-httplib"
  fi
  ;;

dropin)
  rm -rf "$work"
  mkdir -p "$work/copied" "$work/installed"
  cp -R "$KAIZALA_SOURCE_DIR/include" "$work/copied/include"
  cp "$consumers/dropin/main.cpp" "$work/copied/"
  (cd "$work/copied" && sh "$consumers/dropin/build.sh" && ./app)
  cp "$consumers/dropin/main.cpp" "$work/installed/"
  pc_dir=$(installed_dir pkgconfig/kaizala.pc)
  (cd "$work/installed" &&
    PKG_CONFIG_PATH="$pc_dir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
      sh "$consumers/dropin/build-with-pkg-config.sh" &&
    ./app)
  ;;

other-api)
  configure "$consumers/other-api" "$work"
  build "$work"
  "$work/tasks_client"
  ;;

regeneration)
  # A copy of other-api whose spec gains a field and an op; building again is the only step.
  rm -rf "$work"
  mkdir -p "$work"
  cp -R "$consumers/other-api" "$work/src"
  configure "$work/src" "$work/build"
  build "$work/build"
  header=$work/build/generated/tasks/tasks.hpp
  types=$work/build/generated/tasks/types/Task.hpp
  [ -f "$header" ] && [ -f "$types" ] || fail "kaizala_generate did not write generated/tasks"
  ! grep -q "priority" "$types" || fail "Task.priority exists before the spec has it"
  "$CMAKE_COMMAND" -DSPEC="$work/src/tasks.json" -P "$consumers/regeneration/extend_spec.cmake"
  build "$work/build" | tee "$work/rebuild.log"
  grep -q "std::optional<std::int32_t> priority;" "$types" || fail "types/Task.hpp has no Task.priority"
  grep -q "struct DeleteTask {" "$header" || fail "tasks.hpp has no DeleteTask"
  grep -q "struct ListTasks {" "$header" || fail "tasks.hpp lost ListTasks"
  grep -q "main.cpp.o" "$work/rebuild.log" || fail "main.cpp was not rebuilt after the spec changed"
  "$work/build/tasks_client"  # the old program, on the regenerated headers
  cp "$consumers/regeneration/main.cpp" "$work/src/main.cpp"
  build "$work/build"
  "$work/build/tasks_client"  # now using Task.priority and DeleteTask
  ;;

*)
  fail "no such consumer (install, find_package, subdirectory, subdirectory_generate, no_transport," \
    "no_transport_subdirectory, dropin, other-api, regeneration)"
  ;;
esac
echo "consumer $step: ok"
