// kaizala/http.hpp: the HTTP exchange `call<Op>()` hands to a transport.
//
// A transport is any type with
//
//   kaizala::result<kaizala::http_response> send(const kaizala::http_request&);
//
// that sends the request once (no redirects followed, no retries) and returns
// the response whatever its status, or a transport/timeout error when there is
// no response. `kaizala::httplib_transport` is the default; tests and users on
// another HTTP stack pass their own, with no virtual functions involved.
// call<Op>() hands the request over as an rvalue: a transport that also has
// send(kaizala::http_request&&) may take its strings instead of copying them.
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/meta.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

using http_headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header called `name` (ASCII case-insensitive), or "".
inline std::string_view find_header(const http_headers& h, std::string_view name) noexcept {
  for (const auto& kv : h)
    if (detail::iequals(kv.first, name)) return kv.second;
  return {};
}

struct http_request {
  http_method method = http_method::get;
  std::string origin;        // "https://api.kaiza.la", "http://127.0.0.1:8080"
  std::string target;        // path and query, already percent-encoded: "/v1/groups/g%2F1/members"
  http_headers headers;      // includes the auth header; Content-Type is in content_type
  std::string content_type;  // "" when there is no body
  std::string body;
  // The most this attempt may take, connecting and reading included; 0 = the transport's own
  // timeouts. A transport that cannot keep it answers a timeout error.
  std::chrono::milliseconds timeout{0};
};

struct http_response {
  int status = 0;
  http_headers headers;
  std::string body;

  std::string_view header(std::string_view name) const noexcept {
    return find_header(headers, name);
  }
};

}  // namespace kaizala
