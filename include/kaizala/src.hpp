// kaizala/src.hpp: the runtime's non-template functions, for a program built with
// KAIZALA_SEPARATE_COMPILATION. Include it in exactly one TU (the CMake target kaizala::core
// does this for you), like Boost.JSON's boost/json/src.hpp.
#pragma once

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#error \
    "kaizala/src.hpp is for builds with KAIZALA_SEPARATE_COMPILATION defined; header-only builds need no source"
#endif

#include <kaizala/impl/call.ipp>
#include <kaizala/impl/form.ipp>
#include <kaizala/impl/httplib_transport.ipp>
#include <kaizala/impl/json.ipp>
#include <kaizala/impl/json_decode.ipp>
#include <kaizala/impl/json_encode.ipp>
#include <kaizala/impl/json_path.ipp>
#include <kaizala/impl/json_validate.ipp>
#include <kaizala/impl/masking.ipp>
#include <kaizala/impl/multipart.ipp>
#include <kaizala/impl/result.ipp>
#include <kaizala/impl/url.ipp>
