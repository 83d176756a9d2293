#include "wire.hpp"

#include <kaizala/json.hpp>

#include <boost/json/serialize.hpp>

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

bool is_secret_name(std::string_view name, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (same_name(name, n)) return true;
  return false;
}

void mask_json(boost::json::value& v, const std::vector<std::string>& names) {
  if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      if (is_secret_name(kv.key(), names)) {
        if (!(kv.value().is_string() && kv.value().get_string().empty())) kv.value() = "***";
      } else {
        mask_json(kv.value(), names);
      }
    }
  } else if (auto* a = v.if_array()) {
    for (auto& x : *a) mask_json(x, names);
  }
}

// The target with the values of secret query parameters replaced by "***".
std::string traced_target(const std::string& target, const std::vector<std::string>& names) {
  std::size_t q = target.find('?');
  if (q == std::string::npos) return target;
  std::string out = target.substr(0, q + 1);
  std::string_view query = std::string_view(target).substr(q + 1);
  bool first = true;
  while (true) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    std::size_t eq = pair.find('=');
    if (!first) out += '&';
    first = false;
    if (eq != std::string_view::npos && is_secret_name(pair.substr(0, eq), names)) {
      out.append(pair.substr(0, eq + 1));
      out += "***";
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

void trace_headers(std::ostream& out, char side, const http_headers& headers,
                   const std::vector<std::string>& names) {
  for (const auto& h : headers)
    out << side << ' ' << h.first << ": " << (is_secret_name(h.first, names) ? "***" : h.second)
        << '\n';
}

void trace_body(std::ostream& out, char side, const std::string& body, std::string_view type,
                const std::vector<std::string>& names) {
  if (body.empty()) return;
  out << side << '\n';
  std::string text = traced_body(body, type, names);
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

std::string traced_body(const std::string& body, std::string_view content_type,
                        const std::vector<std::string>& secret_names, std::size_t limit) {
  std::string type(content_type);
  for (char& c : type) c = lower(c);
  std::string text;
  if (type.find("json") != std::string::npos) {
    if (auto v = parse_json(body)) {
      mask_json(*v, secret_names);
      text = boost::json::serialize(*v);
    } else {
      text = body;
    }
  } else if (type.rfind("text/", 0) == 0 ||
             type.find("x-www-form-urlencoded") != std::string::npos) {
    text = body;
  } else {
    return "(" + std::to_string(body.size()) + " bytes of " +
           (content_type.empty() ? std::string("unknown type") : std::string(content_type)) + ")";
  }
  if (text.size() > limit)
    text = text.substr(0, limit) + "... (" + std::to_string(text.size() - limit) + " bytes more)";
  return text;
}

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
  const auto& names = settings_.secret_names;
  if (trace != nullptr) {
    *trace << "> " << method_name(sent.method) << ' ' << sent.origin
           << traced_target(sent.target, names) << '\n';
    trace_headers(*trace, '>', sent.headers, names);
    if (!sent.content_type.empty()) *trace << "> Content-Type: " << sent.content_type << '\n';
    trace_body(*trace, '>', sent.body, sent.content_type, names);
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
      trace_headers(*trace, '<', r->headers, names);
      trace_body(*trace, '<', r->body, r->header("Content-Type"), names);
    }
    trace->flush();
  }
  return r;
}

}  // namespace kaizala::cli
