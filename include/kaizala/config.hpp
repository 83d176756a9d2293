// kaizala/config.hpp: header-only (the default) or separately compiled.
//
// By default every function is inline and a program needs only the headers. A program
// built with KAIZALA_SEPARATE_COMPILATION defined gets the runtime's non-template functions
// (transport, request assembly, reading answers, the JSON decoder's parser, error handling) from
// one place instead: the library kaizala::core (CMake), or one TU of its own that includes
// <kaizala/src.hpp>. Its other TUs then compile declarations, the per-op templates and the
// decoder's per-type tables, without <httplib.h> or Boost.JSON's parser, and the binary holds that
// code once (docs/decisions/0007-separate-compilation.md).
#pragma once

#if defined(KAIZALA_SEPARATE_COMPILATION)
#define KAIZALA_DECL
#else
#define KAIZALA_DECL inline
#endif

// KAIZALA_SMALL_DECODER (define it for every TU of a program, and for kaizala::core): answers are
// parsed by Boost.JSON's compiled parser (libboost_json) into a DOM that the decoder then reads,
// instead of by a copy of the parser specialised for the decoder. Same results and errors; the
// program is smaller and each TU compiles faster, and decoding costs more time and one DOM's
// allocations (bench/RESULTS.md, docs/decisions/0026-header-only-cost.md).
