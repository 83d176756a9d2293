// kaizala/config.hpp: header-only (the default) or separately compiled.
//
// By default every function is inline and a program needs only the headers. A program
// built with KAIZALA_SEPARATE_COMPILATION defined gets the runtime's non-template functions
// (transport, request assembly, reading answers, error handling) from one place instead: the
// library kaizala::core (CMake), or one TU of its own that includes <kaizala/src.hpp>. Its other
// TUs then compile declarations and the per-op templates, without <httplib.h>, and the binary
// holds that code once. The JSON decoder (detail/json_decode.hpp) is still inline in every TU:
// compiled there, emitted only where from_json is called directly
// (docs/decisions/0007-separate-compilation.md).
#pragma once

#if defined(KAIZALA_SEPARATE_COMPILATION)
#define KAIZALA_DECL
#else
#define KAIZALA_DECL inline
#endif
