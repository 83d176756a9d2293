// Compile-only: the umbrella header <kaizala/kaizala.hpp> (the runtime, the session and every
// generated op group) alone in a TU, warning-free as C++17 and C++20 (header_check_cxx17/20 in
// tests/CMakeLists.txt). Public headers outside the umbrella are not compiled here: webhook.hpp,
// server.hpp (server/) and reflect.hpp with media_types.hpp are compiled, with the same warnings
// but C++17 only, by test_webhook, test_read_request and test_meta_rules; src.hpp only by
// src/kaizala_core.cpp (KAIZALA_SEPARATE_COMPILATION builds).
#include <kaizala/kaizala.hpp>
