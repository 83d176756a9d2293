// Compile-only: the umbrella header <kaizala/kaizala.hpp> (the runtime, the session and every
// generated op group) alone in a TU, warning-free as C++17 and C++20 (header_check_cxx17/20 in
// tests/CMakeLists.txt). The public headers outside the umbrella: outside_umbrella.cpp and
// testing_kit.cpp; src.hpp only by src/kaizala_core.cpp (KAIZALA_SEPARATE_COMPILATION builds).
#include <kaizala/kaizala.hpp>
