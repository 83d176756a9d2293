// kaizala/testing/scripted_transport.hpp: a transport for unit tests of code that calls
// `kaizala::call<Op>()` (or anything else that takes a transport), with no network and no server.
//
//   kaizala::testing::scripted_transport http;                 // calls must come in this order
//   http.expect<kaizala::ops::CreateGroup>(create_request)     // this op, with this request
//       .respond(created);                                     // answers this typed response
//   http.expect<kaizala::ops::SendMessage>()                   // this op, any request
//       .respond_error(404, R"({"errorCode":"GroupNotFound","message":"Group not found"})");
//   run_user_code(http, ctx);
//   CHECK_MESSAGE(http.verified(), http.report());             // every expectation met, nothing
//   else
//
// What it promises:
// - A call matches an expectation when its method is the op's and its path ends with the op's path
//   template (the root's path before it is not checked) and, when the expectation names a
//   request, when its path, query, header parameters and body equal what
//   `kaizala::build_request<Op>` makes of that request (JSON bodies compared as JSON values, key
//   order ignored), and when every matcher given with `with()` or `with_request()` (on the typed
//   request read back from the call) accepts it.
// - In order (the default), each call must match the next expectation not yet used up; with
//   `order::any`, the first one not used up that it matches. A call that matches none is answered
//   with a transport error saying why, and recorded as a problem; so is, in report(), every
//   expectation not used up.
// - Problems name the call (its number, method and path), the op expected and what differed (the
//   path, a query or header parameter by name, the JSON path of a body member with both values).
//   No header value or query value is printed; members the spec marks secret show as "***"; and
//   every secret of the expected request and credential-like header value of the call is
//   redacted from the text, in every encoding kaizala::call redacts.
// - Thread-safe: calls from several threads are matched one at a time.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/result.hpp>
#include <kaizala/server/read_request.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kaizala::testing {

// Whether calls must come in the order the expectations were added.
enum class order { in_order, any };

// A check of a request beyond its op and typed request: "" accepts it, any other text rejects it
// and is printed as the reason (so it must not quote a secret).
using request_matcher = std::function<std::string(const http_request&)>;

namespace detail {

// What one expectation holds; scripted_transport owns them, expectation<Op> handles point at them.
struct expected_call {
  std::string op;  // Op::name
  http_method method = http_method::get;
  std::string path_template;  // Op::path
  // build_request<Op> of the request given, with the op's root set to an origin alone (so its
  // target is the op's own path and query).
  std::optional<http_request> request;
  std::vector<std::string> header_params;  // names of the header parameters to compare
  std::vector<std::string> secret_keys;    // JSON names of the op's secret request members
  std::vector<std::string> secrets;        // the secret values of the request given
  std::vector<request_matcher> matchers;
  result<http_response> answer = http_response{200, {}, "{}"};
  int times = 1;  // how many calls it takes
  int used = 0;
};

inline std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

inline std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find(by, at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// True when `path` ends with the segments of `path_template`, a "{name}" segment standing for any.
inline bool route_fits(std::string_view path, std::string_view path_template) {
  auto got = split(path, '/');
  auto want = split(path_template, '/');
  if (want.size() > got.size()) return false;
  const std::size_t offset = got.size() - want.size();
  for (std::size_t i = 0; i < want.size(); ++i)
    if (want[i].find('{') == std::string_view::npos && want[i] != got[offset + i]) return false;
  return true;
}

inline std::string method_text(http_method m) { return std::string(method_name(m)); }

inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? char(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

inline std::string shown(const boost::json::value& v) {
  std::string text = boost::json::serialize(v);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

inline bool contains(const std::vector<std::string>& list, std::string_view s) {
  for (const auto& x : list)
    if (x == s) return true;
  return false;
}

// Where two JSON values differ, as "body member `a.b[2]`: expected 1, got 2" (at most 8 lines).
inline void json_diff(const boost::json::value& want, const boost::json::value& got,
                      const std::string& at, bool secret,
                      const std::vector<std::string>& secret_keys, std::vector<std::string>& out) {
  if (out.size() >= 8) return;
  const std::string where = at.empty() ? "body" : "body member `" + at + "`";
  if (want.is_object() && got.is_object()) {
    const auto& w = want.get_object();
    const auto& g = got.get_object();
    for (const auto& kv : w) {
      std::string key(kv.key());
      std::string path = at.empty() ? key : at + "." + key;
      bool s = secret || (at.empty() && contains(secret_keys, key));
      auto it = g.find(kv.key());
      if (it == g.end()) {
        if (out.size() < 8)
          out.push_back("body member `" + path + "`: expected " + (s ? "***" : shown(kv.value())) +
                        ", absent");
      } else {
        json_diff(kv.value(), it->value(), path, s, secret_keys, out);
      }
    }
    for (const auto& kv : g) {
      if (w.find(kv.key()) != w.end() || out.size() >= 8) continue;
      std::string key(kv.key());
      std::string path = at.empty() ? key : at + "." + key;
      bool s = secret || (at.empty() && contains(secret_keys, key));
      out.push_back("body member `" + path + "`: not expected, got " +
                    (s ? "***" : shown(kv.value())));
    }
    return;
  }
  if (want.is_array() && got.is_array() && want.get_array().size() == got.get_array().size()) {
    const auto& w = want.get_array();
    for (std::size_t i = 0; i < w.size(); ++i)
      json_diff(w[i], got.get_array()[i], at + "[" + std::to_string(i) + "]", secret, secret_keys,
                out);
    return;
  }
  if (want != got)
    out.push_back(where + ": expected " + (secret ? "***" : shown(want)) + ", got " +
                  (secret ? "***" : shown(got)));
}

// Everything that keeps call `got` from matching `want`; empty when it matches.
inline std::vector<std::string> mismatches(const expected_call& want, const http_request& got) {
  std::vector<std::string> out;
  const std::string_view path = path_of(got.target);
  if (got.method != want.method || !route_fits(path, want.path_template)) {
    out.push_back("not its route (" + method_text(want.method) + " " + want.path_template + ")");
    return out;
  }
  if (want.request) {
    const http_request& req = *want.request;
    const std::string_view want_path = path_of(req.target);
    if (path.size() < want_path.size() || path.substr(path.size() - want_path.size()) != want_path)
      out.push_back("path: expected ..." + std::string(want_path) + ", got " + std::string(path));
    auto query = [](std::string_view target) {
      auto q = target.find('?');
      return split(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1), '&');
    };
    auto wq = query(req.target);
    auto gq = query(got.target);
    auto name = [](std::string_view pair) { return pair.substr(0, pair.find('=')); };
    for (auto w : wq) {
      bool same = false;
      for (auto g : gq) same = same || g == w;
      if (!same) out.push_back("query parameter `" + std::string(name(w)) + "`: differs or absent");
    }
    for (auto g : gq) {
      bool known = false;
      for (auto w : wq) known = known || name(w) == name(g);
      if (!known) out.push_back("query parameter `" + std::string(name(g)) + "`: not expected");
    }
    for (const auto& h : want.header_params)
      if (find_header(req.headers, h) != find_header(got.headers, h))
        out.push_back("header `" + h + "`: differs or absent");
    if (req.content_type != got.content_type)
      out.push_back("content type: expected \"" + req.content_type + "\", got \"" +
                    got.content_type + "\"");
    if (req.body != got.body) {
      auto w = parse_json(req.body);
      auto g = parse_json(got.body);
      if (w && g && req.content_type.find("json") != std::string::npos)
        json_diff(*w, *g, "", false, want.secret_keys, out);
      else
        out.push_back("body: expected " + std::to_string(req.body.size()) + " bytes, got " +
                      std::to_string(got.body.size()) + " that differ");
    }
  }
  for (const auto& m : want.matchers) {
    std::string why = m(got);
    if (!why.empty()) out.push_back(std::move(why));
  }
  return out;
}

inline std::string join(const std::vector<std::string>& lines, std::string_view by) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += by;
    out += l;
  }
  return out;
}

// The expected request of `e`: build_request<Op> with the op's root set to an origin alone and a
// stand-in credential, so the target is the op's path and query; its secrets kept for redaction.
template <class Op>
void expect_request(expected_call& e, const typename Op::request& req,
                    std::vector<std::string>& problems) {
  context ctx;
  ctx.set_root(std::string(Op::root), "http://scripted.invalid");
  using schemes = kaizala::detail::auth_schemes_of<Op>;
  for (std::size_t i = 0; i < schemes::size; ++i)
    ctx.set_credential(std::string(schemes::data[i].name), "scripted-credential");
  auto built = build_request<Op>(ctx, req);
  for (auto s : kaizala::detail::secrets_of<Op>(ctx, req).views)
    if (s != "scripted-credential") e.secrets.emplace_back(s);
  if (!built) {
    std::string text =
        "expected " + e.op + ": its request is refused: " + built.error().to_string();
    std::vector<std::string_view> views(e.secrets.begin(), e.secrets.end());
    kaizala::redact(text, views);
    problems.push_back(std::move(text));
    return;
  }
  for (const meta::field& field : meta::fields_of<typename Op::request>::fields)
    if (field.in == meta::location::header) e.header_params.emplace_back(field.json_name);
  e.request = std::move(*built);
}

}  // namespace detail

template <class Op>
class expectation;

// The fake transport: answers each call as the expectations scripted on it say, in order (or in
// any order), and records every call that does not fit and every expectation not used up.
class scripted_transport {
 public:
  explicit scripted_transport(order o = order::in_order) : order_(o) {}
  scripted_transport(const scripted_transport&) = delete;
  scripted_transport& operator=(const scripted_transport&) = delete;

  // Expects one call of Op, with any request. Script its answer on the handle.
  template <class Op>
  expectation<Op> expect() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& e = expected_.emplace_back();
    e.op = std::string(Op::name);
    e.method = Op::method;
    e.path_template = std::string(Op::path);
    collect_secret_keys<Op>(e);
    return expectation<Op>(&e);
  }

  // Expects one call of Op whose path, query, header parameters and body are those `req` gives
  // (what kaizala::build_request<Op> makes of it). A request build_request refuses is recorded
  // as a problem, and the expectation then takes any request of the op.
  template <class Op>
  expectation<Op> expect(const typename Op::request& req) {
    expectation<Op> handle = expect<Op>();
    std::lock_guard<std::mutex> lock(mutex_);
    detail::expect_request<Op>(*handle.call_, req, problems_);
    return handle;
  }

  // The transport's one function (kaizala/http.hpp): matches the call and answers as scripted.
  result<http_response> send(const http_request& r) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string call = "call " + std::to_string(++calls_) + " (" +
                             detail::method_text(r.method) + " " +
                             std::string(detail::path_of(r.target)) + ")";
    std::vector<std::string> why;
    for (auto& e : expected_) {
      if (e.used >= e.times) continue;
      auto diff = detail::mismatches(e, r);
      if (diff.empty()) {
        ++e.used;
        return e.answer;
      }
      why.push_back("expected " + e.op + ": " + detail::join(diff, "; "));
      if (order_ == order::in_order) break;
    }
    std::string problem =
        call + ": " + (why.empty() ? "unexpected, no expectation left" : detail::join(why, " | "));
    redact_for(r, problem);
    problems_.push_back(problem);
    error e;
    e.kind = error_kind::transport;
    e.message = "scripted_transport: " + problem;
    e.not_sent = true;
    return e;
  }

  // Every problem so far, one line each: calls that matched no expectation, requests refused
  // while scripting, and (listed last) expectations not used up.
  std::vector<std::string> problems() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out = problems_;
    for (const auto& e : expected_)
      if (e.used < e.times)
        out.push_back("expected " + e.op + " (" + detail::method_text(e.method) + " " +
                      e.path_template + ")" +
                      (e.times > 1 ? " " + std::to_string(e.times) + " times" : std::string()) +
                      ", called " + std::to_string(e.used) + " times");
    return out;
  }

  // True when every expectation was used up and no call went unmatched.
  bool verified() const { return problems().empty(); }

  // The problems as one text, for a test framework's message ("" when verified).
  std::string report() const { return detail::join(problems(), "\n"); }

  // How many calls came, matched or not.
  int calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  template <class Op>
  static void collect_secret_keys(detail::expected_call& e) {
    for (const meta::field& field : meta::fields_of<typename Op::request>::fields)
      if (field.secret) e.secret_keys.emplace_back(field.json_name);
  }

  // Removes the expectations' secrets and the call's credential-like header values.
  void redact_for(const http_request& r, std::string& text) const {
    std::vector<std::string_view> secrets;
    for (const auto& e : expected_)
      for (const auto& s : e.secrets) secrets.push_back(s);
    for (const auto& h : r.headers) {
      if (detail::same_name(h.first, "content-type") || detail::same_name(h.first, "user-agent") ||
          detail::same_name(h.first, "accept") || h.second.size() < 4)
        continue;
      secrets.push_back(h.second);
    }
    kaizala::redact(text, secrets);
  }

  template <class Op>
  friend class expectation;

  mutable std::mutex mutex_;
  order order_;
  std::deque<detail::expected_call> expected_;  // a deque: handles keep pointing at their entry
  std::vector<std::string> problems_;
  int calls_ = 0;
};

// A handle on one expectation of a scripted_transport, to script its answer (200 with "{}" when
// none is given). Each function returns the handle, so calls chain. The transport must outlive it.
template <class Op>
class expectation {
 public:
  // Also requires `matcher` to accept the request ("" = accept; other text = why not).
  expectation with(request_matcher matcher) const {
    call_->matchers.push_back(std::move(matcher));
    return *this;
  }
  // Also requires `check` to accept the call's request read back as Op's typed request (with
  // kaizala::read_request<Op>, kaizala/server/read_request.hpp): "" accepts, other text says why
  // not. A request that cannot be read as Op's is rejected with the reader's error.
  expectation with_request(std::function<std::string(const typename Op::request&)> check) const {
    std::string op(Op::name);
    call_->matchers.push_back([check = std::move(check), op](const http_request& r) -> std::string {
      auto req = read_request<Op>(r);
      if (!req) return "not readable as " + op + "'s request: " + req.error().message;
      return check(*req);
    });
    return *this;
  }
  // Answers `value` as the op's response, JSON-encoded (or as the bytes, for a binary response),
  // with `status`. Declared response headers are not written: use respond(http_response).
  expectation respond(const typename Op::response& value, int status = 200) const {
    typename Op::response copy = value;
    http_response res{status, {}, {}};
    if constexpr (kaizala::detail::binary_response_of<Op>) {
      res.body = kaizala::detail::body_of(copy);
    } else {
      append_json(res.body, kaizala::detail::body_of(copy));
      res.headers.emplace_back("Content-Type", "application/json");
    }
    call_->answer = std::move(res);
    return *this;
  }
  // Answers this exact HTTP response.
  expectation respond(http_response res) const {
    call_->answer = std::move(res);
    return *this;
  }
  // Answers `body` as JSON text with `status`.
  expectation respond_json(std::string body, int status = 200) const {
    return respond(http_response{status, {{"Content-Type", "application/json"}}, std::move(body)});
  }
  // Answers an error status with the service's error body, e.g.
  // respond_error(404, R"({"errorCode":"GroupNotFound","message":"Group not found"})").
  expectation respond_error(int status, std::string body = {}) const {
    return respond_json(std::move(body), status);
  }
  // No response: answers this error (kind transport or timeout), as a transport would.
  expectation fail(error e) const {
    call_->answer = std::move(e);
    return *this;
  }
  // Takes `n` calls instead of one, each answered the same way.
  expectation times(int n) const {
    call_->times = n;
    return *this;
  }

 private:
  friend class scripted_transport;
  explicit expectation(detail::expected_call* call) : call_(call) {}
  detail::expected_call* call_;
};

}  // namespace kaizala::testing
