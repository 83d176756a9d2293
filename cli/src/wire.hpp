// The transport kaizala-cli sends through: httplib_transport with the --timeout budget on every
// request, the --header additions, and the --debug trace of each request and response.
#pragma once

#include <kaizala/http.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/result.hpp>

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace kaizala::cli {

struct wire_settings {
  std::chrono::milliseconds budget{0};  // the most one request may take; 0: the transport's own
  http_headers extra_headers;           // set on every request, replacing one of the same name
  std::ostream* trace = nullptr;        // --debug: where requests and responses are written
  // Header names, query parameter names and JSON keys (ASCII case ignored) whose values the trace
  // shows as "***".
  std::vector<std::string> secret_names;
  // Called with each request sent and the response it got (not on a transport error).
  std::function<void(const http_request&, const http_response&)> on_exchange;
};

// A kaizala transport (send(http_request) -> result<http_response>).
class wire_transport {
 public:
  wire_transport() = default;  // sends nothing: kaizala::basic_session asks for one, never uses it
  wire_transport(httplib_transport& http, wire_settings settings)
      : http_(&http), settings_(std::move(settings)) {}
  result<http_response> send(const http_request& req);

 private:
  httplib_transport* http_ = nullptr;
  wire_settings settings_;
};

}  // namespace kaizala::cli
