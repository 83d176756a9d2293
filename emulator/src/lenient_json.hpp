// The request-body forms the real service's JSON reader (Json.NET's JsonTextReader, under ASP.NET)
// took besides strict JSON, turned into strict JSON before the typed reading. What is accepted and
// why: emulator/README.md, "What it accepts".
#pragma once

#include <kaizala/result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kaizala::emulator {

// A body read leniently: strict JSON text holding the same values, and the first non-standard form
// met ("unquoted property name at line 1, column 2 (byte 1)"), if any.
struct lenient_json {
  std::string text;
  std::optional<std::string> nonstandard;
};

// Nesting deeper than this is refused (the typed reading's own limit is the same).
inline constexpr std::size_t lenient_max_depth = 32;

// Reads `body` as Json.NET did: strict JSON plus unquoted property names (letters, digits, `_`,
// `$`), single-quoted strings (names and values, `\'` as an escape), `//` and `/* */` comments and
// one trailing comma in objects and arrays. A blank body comes back as it is. Anything else that
// is not JSON is an invalid_request error "(root): invalid JSON at line L, column C (byte N):
// what"; values are never quoted in it. Linear in the body's size; never recurses deeper than
// lenient_max_depth.
kaizala::result<lenient_json> read_lenient_json(std::string_view body);

}  // namespace kaizala::emulator
