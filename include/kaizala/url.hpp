// kaizala/url.hpp: the URL rules every call relies on: percent-encoding that keeps a path
// parameter one segment and a query value one value, splitting a base URL into origin and path, and
// the origin checks that decide where a redirect or an emulator host may send credentials (which
// kaizala::session applies).
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kaizala {

// Encodes one path segment so that it reaches the server as exactly that one
// segment: '/', '?', '#', '%', spaces and non-ASCII bytes are %XX-escaped; '@'
// (common in group ids such as "…@1") is left as is. A segment made only of
// dots is escaped too, so "." and ".." cannot be read as relative paths.
KAIZALA_DECL std::string percent_encode_segment(std::string_view s);
// The same, appended to `out` (one string for a whole target).
KAIZALA_DECL void append_percent_encoded_segment(std::string& out, std::string_view s);

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
// https are accepted; a query or fragment, user info ("user@host") and a host
// that is not a DNS name, an IPv4 address or a bracketed IPv6 address are refused.
KAIZALA_DECL result<url_parts> split_base_url(std::string_view url);

// An origin's parts: scheme and host lowercased, the port made explicit (80 or 443 by default).
struct origin_parts {
  std::string scheme;  // "http" or "https"
  std::string host;    // "api.kaiza.la", "127.0.0.1", "[::1]"
  int port = 0;
};

// Reads "scheme://host[:port]" (nothing after the authority). Refuses what split_base_url refuses.
KAIZALA_DECL result<origin_parts> parse_origin(std::string_view origin);

// Whether `origin` matches `pattern`: an exact origin ("http://127.0.0.1:8080"; the default port
// may be left out) or "scheme://*.domain[:port]", any host under `domain` but not `domain` itself.
// Hosts compare case-insensitively. An unreadable origin or pattern matches nothing.
KAIZALA_DECL bool origin_matches(std::string_view origin, std::string_view pattern);

// Whether a redirect from origin `from` may go to origin `to`: the scheme stays the same, and `to`
// is `from` itself or matches an entry of `allow` (see origin_matches).
KAIZALA_DECL bool redirect_allowed(std::string_view from, std::string_view to,
                                   const std::vector<std::string>& allow);

// Whether `host` is this machine: "localhost", 127.0.0.0/8, "[::1]" (case-insensitive).
KAIZALA_DECL bool is_loopback_host(std::string_view host);

// The path an op's root URL template puts before the op's own path: what follows its origin
// ("scheme://host", placeholders in the host included) and its last placeholder. "/v1" for
// "{endpointUrl}/v1", "https://api.kaiza.la/v1" and "https://{region}.kaiza.la/v1"; "" for
// "https://api.kaiza.la". The one home of this rule: the emulator host override
// (context::root_url), read_request and kaizala-cli use it.
KAIZALA_DECL std::string_view root_path_of(std::string_view root_url);

// The root URL for a base URL a user gives for root template `root_url` (the rule context applies
// to a placeholder's value, docs/kaizala-api.md §2.2): trailing '/' dropped, root_path_of(root_url)
// added unless the base already ends with it (ASCII case-insensitive). "https://x.kaiza.la/" and
// "https://x.kaiza.la/v1" both give "https://x.kaiza.la/v1" for "{endpointUrl}/v1".
KAIZALA_DECL std::string root_from_base(std::string_view base, std::string_view root_url);

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/url.ipp>
#endif
