// kaizala/url.hpp: building request URLs.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/result.hpp>

#include <string>
#include <string_view>

namespace kaizala {

// Encodes one path segment so that it reaches the server as exactly that one
// segment: '/', '?', '#', '%', spaces and non-ASCII bytes are %XX-escaped; '@'
// (common in group ids such as "…@1") is left as is. A segment made only of
// dots is escaped too, so "." and ".." cannot be read as relative paths.
KAIZALA_DECL std::string percent_encode_segment(std::string_view s);

// Encodes a query-string name or value: everything but unreserved characters is escaped.
KAIZALA_DECL std::string percent_encode_query(std::string_view s);

// Decodes %XX escapes (the emulator reads raw request targets with it). A
// malformed escape is kept as is.
KAIZALA_DECL std::string percent_decode(std::string_view s);

// An absolute http(s) URL split where an HTTP client needs it.
struct url_parts {
  std::string origin;  // "https://api.kaiza.la" or "http://127.0.0.1:8080"
  std::string path;    // "/v1" (no trailing '/'; "" for none)
};

// Splits "https://host[:port][/path]" into origin and path. Only http and
// https are accepted; a query or fragment in a base URL is refused.
KAIZALA_DECL result<url_parts> split_base_url(std::string_view url);

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/url.ipp>
#endif
