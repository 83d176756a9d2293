// kaizala/call.hpp: one templated dispatcher for every operation.
//
//   kaizala::httplib_transport http;
//   kaizala::context ctx;
//   ctx.set_variable("endpointUrl", endpoint_url).set_credential("accessToken", token);
//   auto r = kaizala::call<kaizala::ops::SendMessage>(http, ctx, {group_id, "Hello"});
//   if (!r) std::cerr << r.error().to_string() << '\n';
//
// An op is a traits struct (see generated/*.hpp): method, path template, root,
// auth header, request and response types. Only the ops a program calls are
// instantiated, so a program that sends messages pays nothing for the others.
#pragma once

#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/multipart.hpp>
#include <kaizala/result.hpp>
#include <kaizala/url.hpp>

#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

// Where calls go and which credentials they carry.
class context {
 public:
  // Uses `url` as the base of every op of root `name`, instead of the spec's
  // template: set_root("endpoint", "http://127.0.0.1:8080/v1").
  context& set_root(std::string name, std::string url) {
    roots_[std::move(name)] = std::move(url);
    return *this;
  }
  // Fills `{name}` in root templates: set_variable("endpointUrl", "https://kms.kaiza.la/").
  context& set_variable(std::string name, std::string value) {
    variables_[std::move(name)] = std::move(value);
    return *this;
  }
  // The value sent in an op's auth header: set_credential("accessToken", token).
  context& set_credential(std::string header, std::string value) {
    credentials_[std::move(header)] = std::move(value);
    return *this;
  }

  // The credential for `header`, or nullptr.
  const std::string* credential(std::string_view header) const {
    auto it = credentials_.find(header);
    return it == credentials_.end() ? nullptr : &it->second;
  }

  // The base URL of root `name`. A variable's trailing '/' is dropped, and the
  // template's next literal is skipped when the value already ends with it, so
  // endpointUrl "https://h/" and "https://h/v1" both give "https://h/v1" for
  // the template "{endpointUrl}/v1" (REFERENCE §2.2).
  //
  // With the environment variable KAIZALA_EMULATOR_HOST set (e.g. "127.0.0.1:8080"), every root
  // not set with set_root goes to http://<that host> instead, keeping its path: a program talks
  // to the emulator with no code change.
  result<std::string> root_url(std::string_view name, std::string_view url_template) const {
    if (auto it = roots_.find(name); it != roots_.end()) return it->second;
    if (const char* host = std::getenv("KAIZALA_EMULATOR_HOST"); host != nullptr && *host != '\0') {
      // The template's path is what follows its last placeholder or its origin: "/v1".
      std::string_view t = url_template;
      std::size_t from = t.rfind('}');
      if (from == std::string_view::npos) {
        std::size_t scheme = t.find("://");
        from = scheme == std::string_view::npos ? 0 : t.find('/', scheme + 3);
      } else {
        ++from;
      }
      std::string_view path = from == std::string_view::npos ? std::string_view() : t.substr(from);
      return "http://" + std::string(host) + std::string(path);
    }
    std::string out;
    std::string_view t = url_template;
    while (!t.empty()) {
      std::size_t open = t.find('{');
      if (open == std::string_view::npos) {
        append_literal(out, t);
        break;
      }
      append_literal(out, t.substr(0, open));
      std::size_t close = t.find('}', open);
      if (close == std::string_view::npos) close = t.size() - 1;
      std::string_view var = t.substr(open + 1, close - open - 1);
      auto it = variables_.find(var);
      if (it == variables_.end()) {
        error e;
        e.kind = error_kind::invalid_request;
        e.message = "root \"" + std::string(name) + "\" needs {" + std::string(var) +
                    "}: set it with context::set_variable or context::set_root";
        return e;
      }
      std::string_view value = it->second;
      while (!value.empty() && value.back() == '/') value.remove_suffix(1);
      out += value;
      t.remove_prefix(close + 1);
      std::size_t next = std::min(t.find('{'), t.size());
      std::string_view literal = t.substr(0, next);
      if (!literal.empty() && value.size() >= literal.size() &&
          detail::iequals(value.substr(value.size() - literal.size()), literal))
        t.remove_prefix(next);
    }
    return out;
  }

 private:
  static void append_literal(std::string& out, std::string_view s) { out.append(s.data(), s.size()); }

  std::map<std::string, std::string, std::less<>> roots_, variables_, credentials_;
};

namespace detail {

inline error invalid_request(std::string message, std::string path = {}) {
  error e;
  e.kind = error_kind::invalid_request;
  e.message = std::move(message);
  e.path = std::move(path);
  return e;
}

// Types a path, query or header parameter can have (the generator allows no others).
template <class M>
struct is_param : std::bool_constant<std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                                     is_integer_v<M> || std::is_same_v<M, double> ||
                                     is_open_enum<M>::value> {};
template <class M>
struct is_param<std::optional<M>> : is_param<M> {};
template <class M>
inline constexpr bool is_param_v = is_param<M>::value;

// Text of a path, query or header parameter; false when it is absent.
template <class M>
bool param_text(const M& m, std::string& out) {
  if constexpr (is_optional<M>::value) {
    return m && param_text(*m, out);
  } else if constexpr (std::is_same_v<M, std::string>) {
    out = m;
  } else if constexpr (std::is_same_v<M, bool>) {
    out = m ? "true" : "false";
  } else if constexpr (is_integer_v<M> || std::is_same_v<M, double>) {
    out.clear();
    append_number(out, m);
  } else if constexpr (is_open_enum<M>::value) {
    out = std::string(enum_text(m));
  } else {
    static_assert(dependent_false_v<M>, "kaizala: parameters must be scalars or enums");
  }
  return true;
}

// Replaces every secret in `text` with "***".
inline void redact(std::string& text, const std::vector<std::string_view>& secrets) {
  for (std::string_view s : secrets) {
    if (s.empty()) continue;
    for (std::size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 3))
      text.replace(at, s.size(), "***");
  }
}

// The values a request carries that must never be echoed: the auth credential
// and every member the spec marks secret (applicationSecret, refreshToken, ...).
template <class Op>
std::vector<std::string_view> secrets_of(const context& ctx, const typename Op::request& req) {
  std::vector<std::string_view> out;
  if (!Op::auth_header.empty())
    if (const std::string* c = ctx.credential(Op::auth_header)) out.push_back(*c);
  for_each_field<typename Op::request>([&](auto d, const meta::field& f) {
    const auto& m = req.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if (!f.secret) return;
    if constexpr (std::is_same_v<M, std::string>) out.push_back(m);
    if constexpr (std::is_same_v<M, std::optional<std::string>>)
      if (m) out.push_back(*m);
  });
  return out;
}

}  // namespace detail

// Builds the HTTP request for `req` without sending it: checks the spec's
// limits and rules, fills and percent-encodes path parameters, adds query and
// header parameters and the auth header, and encodes the body.
template <class Op>
result<http_request> build_request(const context& ctx, const typename Op::request& req) {
  using R = typename Op::request;
  if (auto problem = validate(req)) return std::move(*problem);
  auto root = ctx.root_url(Op::root, Op::root_url);
  if (!root) return std::move(root).error();
  auto base = split_base_url(*root);
  if (!base) return std::move(base).error();

  http_request h;
  h.method = Op::method;
  h.origin = std::move(base->origin);
  std::vector<std::pair<std::string_view, std::string>> path_params;
  std::string query;
  std::vector<std::pair<std::string_view, const file_part*>> files;
  std::optional<error> problem;
  detail::for_each_field<R>([&](auto d, const meta::field& f) {
    const auto& m = req.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if (problem || f.in == meta::location::body) return;
    if constexpr (std::is_same_v<M, file_part>) {
      files.emplace_back(f.json_name, &m);
    } else if constexpr (detail::is_param_v<M>) {
      std::string text;
      bool present = detail::param_text(m, text);
      std::string name(f.json_name);
      if (f.in == meta::location::path) {
        if (!present || text.empty())
          problem = detail::invalid_request(name + ": path parameter is empty", name);
        else
          path_params.emplace_back(f.json_name, percent_encode_segment(text));
      } else if (f.in == meta::location::query) {
        if (!present) return;
        query += query.empty() ? '?' : '&';
        query += percent_encode_query(f.json_name);
        query += '=';
        query += percent_encode_query(text);
      } else if (f.in == meta::location::header) {
        if (!present) return;
        if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
          problem = detail::invalid_request(name + ": header value holds a line break or NUL", name);
        else
          h.headers.emplace_back(name, std::move(text));
      }
    }
  });
  if (problem) return std::move(*problem);

  // Expand the path template: "/groups/{groupId}/members" -> "/groups/g%2F1/members".
  std::string target = base->path;
  std::string_view t = Op::path;
  while (!t.empty()) {
    std::size_t open = t.find('{');
    target.append(t.substr(0, open).data(), std::min(open, t.size()));
    if (open == std::string_view::npos) break;
    std::size_t close = t.find('}', open);
    std::string_view name = t.substr(open + 1, close - open - 1);
    for (const auto& p : path_params)
      if (p.first == name) target += p.second;
    t.remove_prefix(close + 1);
  }
  h.target = std::move(target) + query;

  if constexpr (!Op::auth_header.empty()) {
    const std::string* cred = ctx.credential(Op::auth_header);
    if (cred == nullptr || cred->empty())
      return detail::invalid_request("no credential for header \"" + std::string(Op::auth_header) +
                                     "\": set it with context::set_credential");
    if (cred->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return detail::invalid_request("credential for header \"" + std::string(Op::auth_header) +
                                     "\" holds a line break or NUL");
    h.headers.emplace_back(std::string(Op::auth_header), *cred);
  }

  if constexpr (Op::body == body_kind::json) {
    h.content_type = "application/json";
    append_json(h.body, req);
  } else if constexpr (Op::body == body_kind::multipart) {
    auto mp = encode_multipart(files);
    if (!mp) return std::move(mp).error();
    h.content_type = std::move(mp->content_type);
    h.body = std::move(mp->body);
  }
  return h;
}

// Turns an HTTP response into the op's response: a 2xx body is decoded (an
// empty body is JSON null for ops whose response is any JSON); any other
// status becomes an http_status error carrying the service's message and code,
// the body, and the Retry-After and Location headers. `secrets` are removed
// from all error text.
template <class Op>
result<typename Op::response> read_response(const http_response& res,
                                            const std::vector<std::string_view>& secrets = {}) {
  using Resp = typename Op::response;
  if (res.status >= 200 && res.status < 300) {
    result<Resp> out = [&]() -> result<Resp> {
      if constexpr (std::is_same_v<Resp, boost::json::value>) {
        if (res.body.find_first_not_of(" \t\r\n") == std::string::npos) return boost::json::value();
        return parse_json(res.body);
      } else {
        return from_json<Resp>(res.body);
      }
    }();
    if (out) return out;
    error e = std::move(out).error();
    e.http_status = res.status;
    detail::redact(e.message, secrets);
    return e;
  }
  error e;
  e.kind = error_kind::http_status;
  e.http_status = res.status;
  e.retry_after = std::string(res.header("Retry-After"));
  e.location = std::string(res.header("Location"));
  e.body = res.body.substr(0, 4096);
  if (auto v = parse_json(res.body); v && v->is_object()) {
    const auto& o = v->get_object();
    auto text = [&](std::string_view key) -> std::string {
      auto it = o.find(key);
      return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : "";
    };
    e.message = text("message");
    e.service_code = text("errorCode");
    e.service_category = text("errorCategoryKey");
  }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(res.status);
  for (std::string* s : {&e.message, &e.body, &e.service_code, &e.service_category, &e.location})
    detail::redact(*s, secrets);
  return e;
}

// Sends `req` as operation Op through `transport` and decodes the answer.
// One attempt: no retries, no redirects (a 308 comes back as an error whose
// `location` holds the new endpoint).
template <class Op, class Transport>
result<typename Op::response> call(Transport& transport, const context& ctx,
                                   const typename Op::request& req) {
  auto secrets = detail::secrets_of<Op>(ctx, req);
  auto http = build_request<Op>(ctx, req);
  if (!http) return std::move(http).error();
  result<http_response> res = transport.send(*http);
  if (!res) {
    error e = std::move(res).error();
    detail::redact(e.message, secrets);
    return e;
  }
  return read_response<Op>(*res, secrets);
}

}  // namespace kaizala
