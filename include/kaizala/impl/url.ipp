// Definitions of kaizala/url.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/url.hpp>

namespace kaizala {

namespace detail {
inline bool is_unreserved(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}
inline void append_pct(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '%';
  out += hex[c >> 4];
  out += hex[c & 0xF];
}
}  // namespace detail

KAIZALA_DECL std::string percent_encode_segment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool only_dots = !s.empty() && s.find_first_not_of('.') == std::string_view::npos;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((detail::is_unreserved(c) && !(only_dots && c == '.')) || c == '@') out += ch;
    else detail::append_pct(out, c);
  }
  return out;
}

KAIZALA_DECL std::string percent_encode_query(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (detail::is_unreserved(c)) out += ch;
    else detail::append_pct(out, c);
  }
  return out;
}

KAIZALA_DECL std::string percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

KAIZALA_DECL result<url_parts> split_base_url(std::string_view url) {
  auto bad = [&](std::string_view why) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = "base URL \"" + std::string(url) + "\": " + std::string(why);
    return e;
  };
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return bad("expected http:// or https://");
  std::string_view scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return bad("expected http:// or https://");
  std::size_t host_begin = scheme_end + 3;
  std::size_t path_begin = url.find('/', host_begin);
  if (path_begin == std::string_view::npos) path_begin = url.size();
  if (path_begin == host_begin) return bad("no host");
  if (url.find_first_of("?#") != std::string_view::npos) return bad("no query or fragment allowed");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return bad("control character or space");
  url_parts p;
  p.origin = std::string(url.substr(0, path_begin));
  std::string_view path = url.substr(path_begin);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  p.path = std::string(path);
  return p;
}

}  // namespace kaizala
