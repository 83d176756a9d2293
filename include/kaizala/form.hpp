// kaizala/form.hpp: application/x-www-form-urlencoded bodies (the spec's body "form").
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

// Encodes a form name or value as HTML forms do: ASCII letters, digits and "*-._" stay, a space
// becomes '+', every other byte is %XX (upper-case hex).
KAIZALA_DECL std::string form_encode(std::string_view s);

// The most name=value pairs decode_form reads; a body with more is refused.
inline constexpr std::size_t max_form_pairs = 10000;

// Splits a form body ("a=1&b=x+y") into decoded name/value pairs, in order ('+' is a space, %XX a
// byte; a malformed escape is kept as is). More than max_form_pairs pairs is an invalid_request
// error that names no value.
KAIZALA_DECL result<std::vector<std::pair<std::string, std::string>>> decode_form(
    std::string_view body);

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/form.ipp>
#endif
