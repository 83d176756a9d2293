// Compile-only: every public header, together, warning-free (see tests/CMakeLists.txt).
#include <kaizala/kaizala.hpp>
