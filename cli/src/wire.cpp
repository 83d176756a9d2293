#include "wire.hpp"

#include <kaizala/masking.hpp>

#include <cstdio>
#include <ostream>

namespace kaizala::cli {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

void trace_headers(std::ostream& out, char side, const http_headers& headers,
                   const secret_masks& masks) {
  for (const auto& h : masked_headers(headers, masks))
    out << side << ' ' << h.first << ": " << h.second << '\n';
}

void trace_body(std::ostream& out, char side, const std::string& body, std::string_view type,
                const secret_masks& masks) {
  if (body.empty()) return;
  out << side << '\n';
  std::string text = masked_body(body, type, masks);
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    out << side << ' ' << std::string_view(text).substr(at, nl == std::string::npos ? nl : nl - at)
        << '\n';
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
}

}  // namespace

result<http_response> wire_transport::send(const http_request& req) {
  http_request sent = req;
  sent.timeout = settings_.budget;
  for (const auto& extra : settings_.extra_headers) {
    bool replaced = false;
    for (auto& h : sent.headers)
      if (same_name(h.first, extra.first)) {
        h.second = extra.second;
        replaced = true;
      }
    if (!replaced) sent.headers.push_back(extra);
  }
  std::ostream* trace = settings_.trace;
  secret_masks masks;
  masks.names = settings_.secret_names;
  if (trace != nullptr) {
    *trace << "> " << method_name(sent.method) << ' ' << sent.origin
           << masked_target(sent.target, masks) << '\n';
    trace_headers(*trace, '>', sent.headers, masks);
    if (!sent.content_type.empty()) *trace << "> Content-Type: " << sent.content_type << '\n';
    trace_body(*trace, '>', sent.body, sent.content_type, masks);
  }
  auto started = std::chrono::steady_clock::now();
  if (http_ == nullptr) {
    error e;
    e.message = "no transport";
    return e;
  }
  auto r = http_->send(sent);
  if (r && settings_.on_exchange) settings_.on_exchange(sent, *r);
  if (trace != nullptr) {
    auto took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", took.count());
    if (!r) {
      *trace << "< " << to_string(r.error().kind) << " after " << ms << ": " << r.error().message
             << '\n';
    } else {
      *trace << "< " << r->status << " in " << ms << '\n';
      trace_headers(*trace, '<', r->headers, masks);
      trace_body(*trace, '<', r->body, r->header("Content-Type"), masks);
    }
    trace->flush();
  }
  return r;
}

}  // namespace kaizala::cli
