// The runtime's non-template functions, compiled once: the library kaizala::core
// (KAIZALA_SEPARATE_COMPILATION, include/kaizala/config.hpp).
#include <kaizala/src.hpp>
