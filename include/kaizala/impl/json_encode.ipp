// Definitions of kaizala/detail/json_encode.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/detail/json_encode.hpp>

#include <boost/json/serializer.hpp>

namespace kaizala::detail {

// The first index from `i` on whose byte needs escaping, or n. Tests eight bytes at a time:
// strings are mostly plain, and a byte-by-byte test dominated encoding time.
inline std::size_t plain_run_end(const char* p, std::size_t i, std::size_t n) {
  constexpr std::uint64_t ones = 0x0101010101010101u, tops = ones * 0x80;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    // A byte's top bit ends up set when it is below 0x20, '"' or '\\' (the classic
    // "has a zero byte" test, applied three times).
    std::uint64_t hit =
        ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    if (hit & tops) break;
  }
  while (i < n && !needs_escape(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

KAIZALA_DECL void append_json_string(std::string& out, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  out += '"';
  for (std::size_t i = 0;;) {
    std::size_t stop = plain_run_end(p, i, n);
    out.append(p + i, stop - i);
    if (stop == n) break;
    char esc[6];
    out.append(esc, escape_byte(static_cast<unsigned char>(p[stop]), esc));
    i = stop + 1;
  }
  out += '"';
}

// Opaque JSON members: serialized in pieces through a stack buffer, not into a temporary string.
KAIZALA_DECL void append_json_value(std::string& out, const boost::json::value& v) {
  boost::json::serializer writer;
  writer.reset(&v);
  char buf[1024];
  while (!writer.done()) {
    boost::json::string_view piece = writer.read(buf, sizeof buf);
    out.append(piece.data(), piece.size());
  }
}

}  // namespace kaizala::detail
