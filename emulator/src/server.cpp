// HTTP and routing: one handler for every request, which routes from the generated op table,
// applies the switches (faults, 308 moves, auth, throttling), reads the request through
// kaizala::read_request<Op>, runs the op's handler and writes its generated response type.
#include "lenient_json.hpp"
#include "service.hpp"

#include <ctime>
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/json.hpp>
#include <kaizala/read_request.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/server/choose_op.hpp>
#include <kaizala/url.hpp>

#include <boost/json/serialize.hpp>

#include <httplib.h>

#include <dirent.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>

namespace kaizala::emulator {

namespace {

constexpr const char* json_type = "application/json; charset=utf-8";
constexpr std::size_t max_path_length = 2048;

struct reply {
  int status = 200;
  std::string body;
  std::string content_type = json_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

reply error_reply(const kaizala::error& e) {
  ServiceError body;
  body.message = e.message;
  body.errorCode = e.service_code;
  body.errorCategoryKey = e.service_category;
  reply r;
  r.status = e.http_status != 0 ? e.http_status : 400;
  r.body = to_json(body);
  if (!e.retry_after.empty()) r.headers.emplace_back("Retry-After", e.retry_after);
  if (!e.location.empty()) r.headers.emplace_back("Location", e.location);  // a redirect
  return r;
}

bool has_header(const http_headers& h, std::string_view name) {
  for (const auto& kv : h)
    if (detail::iequals(kv.first, name)) return true;
  return false;
}

// The access token a request carries: the accessToken header (header names in any case, as HTTP
// has them), else `Authorization: Bearer <token>` (not with --strict). An Authorization header of
// another form leaves the token empty and says why in `refusal`; the token is never quoted.
std::string access_token_of(const http_headers& h, bool strict, std::string& refusal) {
  std::string_view token = find_header(h, "accessToken");
  if (!token.empty() || !has_header(h, "Authorization")) return std::string(token);
  if (strict) {
    refusal =
        "the emulator runs with --strict: send the token in the accessToken header, not in "
        "Authorization";
    return {};
  }
  std::string_view a = find_header(h, "Authorization");
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  a = trim(a);
  if (a.size() > 7 && detail::iequals(a.substr(0, 7), "Bearer ")) {
    std::string_view t = trim(a.substr(7));
    if (!t.empty() && t.find_first_of(" \t,") == std::string_view::npos) return std::string(t);
  }
  refusal = "the Authorization header must be \"Bearer <token>\" (or send the accessToken header)";
  return {};
}

// With --strict: why a JSON body or query of Op is not the documented form (a key in another case
// than the spec's, a key the request type does not have, a query name in another case or an
// alias), or nothing. Names are quoted printable only; values never.
template <class Op>
std::optional<std::string> strict_refusal(const http_request& in) {
  using R = typename Op::request;
  const std::string suffix = " (the emulator runs with --strict)";
  if constexpr (Op::body == body_kind::json) {
    auto v = parse_json(in.body);
    if (v && v->is_object()) {
      auto exact = unknown_keys<R>(*v, false);
      if (!exact.empty()) {
        auto any_case = unknown_keys<R>(*v, true);
        const unknown_key& k = exact.front();
        bool also_unknown = false;
        for (const auto& u : any_case) also_unknown = also_unknown || u.path == k.path;
        return quote_id(k.path) +
               (also_unknown ? ": no such member in this request"
                             : ": the key differs in case from the documented name") +
               suffix;
      }
    }
  }
  std::string_view target = in.target;
  std::size_t q = target.find('?');
  if (q != std::string_view::npos) {
    for (const auto& item : parse_query(target.substr(q + 1))) {
      bool exact = false, other = false;
      for_each_param<Op>([&](auto, const meta::field& f) {
        if (f.in != meta::location::query) return;
        if (item.first == f.json_name)
          exact = true;
        else if (key_matches(item.first, f, true))
          other = true;
      });
      if (!exact)
        return "query parameter " + quote_id(item.first) +
               (other ? ": not the documented name (another case, or an alias)"
                      : ": no such parameter") +
               suffix;
    }
  }
  return std::nullopt;
}

// One routable op, made from its generated traits.
struct route {
  std::string_view name, path, root_path;
  http_method method;
  bool needs_token = false;
  bool data_op = false;     // on the per-user endpoint (moves with 308)
  bool app_header = false;  // no token: throttled by the connector its applicationId header names
  body_kind body = body_kind::none;
  bool has_when = false;  // shares its route: `selects` says which requests are it
  std::function<bool(const boost::json::value&, const path_params&,
                     const std::function<std::string(std::string_view, std::string_view)>&)>
      selects;
  std::function<reply(server::impl&, const http_request&, const std::vector<form_part>*,
                      call_context&)>
      run;
};

template <class Op>
route make_route() {
  route r;
  r.name = Op::name;
  r.path = Op::path;
  r.root_path = root_path_of(Op::root_url);
  r.method = Op::method;
  r.needs_token = !Op::auth_header.empty();
  r.data_op = Op::root == kaizala::roots::endpoint::name;
  if (!r.needs_token)
    for (const auto& f : meta::fields_of<typename Op::request>::fields)
      if (f.in == meta::location::header && f.json_name == "applicationId") r.app_header = true;
  r.body = Op::body;
  r.has_when = has_request_tests<Op>::value;
  r.selects = [](const boost::json::value& body, const path_params& params,
                 const std::function<std::string(std::string_view, std::string_view)>& kind_of) {
    return request_is<Op>(body, params, kind_of);
  };
  r.run = [](server::impl& s, const http_request& in, const std::vector<form_part>* parts,
             call_context& c) -> reply {
    if (s.opt.strict)
      if (auto why = strict_refusal<Op>(in)) return error_reply(api_error(400, "BadRequest", *why));
    auto req = read_request<Op>(in, parts);
    if (!req) return error_reply(api_error(400, "BadRequest", req.error().message));
    std::unique_lock<std::mutex> lk(s.mu);
    c.lock = &lk;
    c.now = s.now_ms();
    auto res = s.handle(Op{}, *req, c);
    if (c.changed) s.save();
    if (!res) return error_reply(res.error());
    reply out;
    if constexpr (std::is_same_v<typename Op::response, boost::json::value>)
      out.body = boost::json::serialize(*res);
    else if constexpr (std::is_same_v<typename Op::response, no_content>)
      out.body.clear();
    else
      out.body = to_json(*res);
    return out;
  };
  return r;
}

const std::vector<route>& routes() {
  static const std::vector<route> table = [] {
    std::vector<route> t;
    kaizala::api::for_each_op(
        [&](auto tag) { t.push_back(make_route<typename decltype(tag)::type>()); });
    return t;
  }();
  return table;
}

// A printable form of a request path for logs and messages.
std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < 200; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    out += c > 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  }
  if (s.size() > 200) out += "...";
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && detail::iequals(s.substr(0, prefix.size()), prefix);
}

// Ops sharing a route are told apart by the data of their generated `when` (docs/kaizala-api.md
// §6): the first candidate whose `when` holds, else the one without `when`.
const route* choose(const std::vector<const route*>& candidates, const parsed_request& req,
                    std::string_view path, server::impl& s) {
  if (candidates.size() == 1) return candidates[0];
  boost::json::value body;
  if (auto v = parse_json(req.body); v && v->is_object()) body = std::move(*v);
  // What a path param's value names: the type of the action with that id.
  auto kind_of = [&s](std::string_view, std::string_view id) -> std::string {
    std::lock_guard<std::mutex> lk(s.mu);
    auto it = s.st.actions.find(std::string(id));
    return it == s.st.actions.end() ? std::string() : std::string(it->second.type.text());
  };
  const route* fallback = nullptr;
  for (const route* r : candidates) {
    if (!r->has_when) {
      if (fallback == nullptr) fallback = r;
      continue;
    }
    auto params = match_path(r->path, path.substr(r->root_path.size()));
    if (params && r->selects(body, *params, kind_of)) return r;
  }
  return fallback != nullptr ? fallback : candidates[0];
}

// Ends the connection without an answer. The socket is shut down (found by its two ports, or from
// the TLS session); httplib's write of the response then fails and it closes the connection.
void drop_connection(const httplib::Request& req, httplib::Response& res) {
  int fd = -1;
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  if (req.ssl != nullptr) fd = SSL_get_fd(req.ssl);
#endif
  if (fd < 0) {
    if (DIR* dir = opendir("/proc/self/fd")) {
      while (dirent* e = readdir(dir)) {
        int candidate = std::atoi(e->d_name);
        sockaddr_storage local{}, peer{};
        socklen_t ln = sizeof local, pn = sizeof peer;
        if (getsockname(candidate, reinterpret_cast<sockaddr*>(&local), &ln) != 0) continue;
        if (getpeername(candidate, reinterpret_cast<sockaddr*>(&peer), &pn) != 0) continue;
        auto port = [](const sockaddr_storage& a) {
          if (a.ss_family == AF_INET)
            return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
          if (a.ss_family == AF_INET6)
            return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
          return std::uint16_t{0};
        };
        if (port(local) == req.local_port && port(peer) == req.remote_port) {
          fd = candidate;
          break;
        }
      }
      closedir(dir);
    }
  }
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
  // Should the socket not be found, a body provider that fails still cuts the answer short.
  res.set_content_provider(1, "application/json",
                           [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

// Why binding host:port failed, found by binding a probe socket the same way (httplib keeps errno
// to itself).
std::string bind_failure(const std::string& host, int port) {
  std::string where = "cannot listen on " + host + ":" + std::to_string(port) + ": ";
  addrinfo hints{}, *found = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr)
    return where + "the host cannot be resolved";
  int err = 0;
  int fd = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd < 0) {
    err = errno;
  } else {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 1) != 0) err = errno;
    ::close(fd);
  }
  ::freeaddrinfo(found);
  if (err == EADDRINUSE)
    return where + "port " + std::to_string(port) +
           " is in use (another kaizala-emulator?); stop that program, pick another --port, or "
           "--port 0 for a free one";
  if (err == EACCES) return where + "permission denied (ports below 1024 need privileges)";
  if (err == EADDRNOTAVAIL) return where + "no such address on this machine";
  return where + (err != 0 ? std::strerror(err) : "the bind failed");
}

struct outcome {
  reply out;
  std::string op = "-";
  std::optional<fault> injected;
  bool drop = false;
};

// Everything after the bytes are parsed. `parts`: the multipart parts when the server library
// parsed them already (nullptr: parsed here from the body).
outcome dispatch(server::impl& s, const parsed_request& req,
                 const std::vector<form_part>* parts_in) {
  outcome o;
  std::string_view target = req.target;
  std::string_view raw_path = target.substr(0, target.find('?'));
  std::string_view query = target.find('?') == std::string_view::npos
                               ? std::string_view()
                               : target.substr(target.find('?'));
  while (raw_path.size() > 1 && raw_path[0] == '/' && raw_path[1] == '/') raw_path.remove_prefix(1);

  // The admin API, before any op route, fault or move applies to it.
  if (s.opt.admin_api &&
      (starts_with_ci(raw_path, admin_prefix) ||
       detail::iequals(raw_path, admin_prefix.substr(0, admin_prefix.size() - 1)))) {
    parsed_response a = answer_admin(s, req, raw_path);
    o.op = "admin";
    o.out.status = a.status;
    o.out.body = std::move(a.body);
    for (auto& hd : a.headers) {
      if (detail::iequals(hd.first, "Content-Type"))
        o.out.content_type = hd.second;
      else
        o.out.headers.push_back(std::move(hd));
    }
    return o;
  }

  // The bytes of uploaded media, at the Url inside each mediaResource.
  if (auto media = match_path("/emulator/media/{id}", raw_path); media && req.method == "GET") {
    std::lock_guard<std::mutex> lk(s.mu);
    auto it = s.st.media_files.find((*media)[0].second);
    if (it == s.st.media_files.end()) {
      o.out = error_reply(api_error(404, "MediaNotFound", "no such media"));
    } else {
      o.out.body = base64_decode(it->second.data_base64).value_or("");
      o.out.content_type = it->second.content_type;
    }
    return o;
  }

  // A moved endpoint: the new base is this server under a path prefix or another host name.
  std::string moved;
  {
    std::lock_guard<std::mutex> lk(s.mu);
    moved = s.moved_to;
  }
  bool on_new_base = false;
  if (!moved.empty()) {
    if (auto parts = split_base_url(moved)) {
      if (!parts->path.empty() && starts_with_ci(raw_path, parts->path + "/")) {
        raw_path.remove_prefix(parts->path.size());
        on_new_base = true;
      } else if (parts->path.empty()) {
        std::string host = parts->origin.substr(parts->origin.find("://") + 3);
        on_new_base = detail::iequals(find_header(req.headers, "Host"), host);
      }
    }
  }

  std::vector<const route*> on_path, on_method;
  for (const route& r : routes()) {
    if (!starts_with_ci(raw_path, r.root_path)) continue;
    auto m = match_path(r.path, raw_path.substr(r.root_path.size()));
    if (!m) continue;
    on_path.push_back(&r);
    if (method_name(r.method) == req.method) {
      on_method.push_back(&r);
    }
  }
  if (on_path.empty()) {
    o.out = error_reply(
        api_error(404, "NotFound", "no operation at " + req.method + " " + printable(raw_path)));
    return o;
  }
  if (on_method.empty()) {
    std::string allow;
    for (const route* r : on_path)
      if (allow.find(method_name(r->method)) == std::string::npos)
        allow += (allow.empty() ? "" : ", ") + std::string(method_name(r->method));
    o.out = error_reply(
        api_error(405, "MethodNotAllowed", req.method + " is not allowed here; use " + allow));
    o.out.headers.emplace_back("Allow", allow);
    return o;
  }
  // A Json.NET-style body becomes strict JSON first (emulator/README.md, "What it accepts"), so
  // that the route choice and the typed reading see the same values. A body that cannot be read
  // is refused where the typed reading would have refused it: after auth, throttling and 415.
  std::optional<reply> body_refusal;
  parsed_request lenient;
  const parsed_request* body_of = &req;
  if (on_method.front()->body == body_kind::json ||
      on_method.front()->body == body_kind::json_value) {
    auto read = read_lenient_json(req.body);
    if (!read) {
      body_refusal = error_reply(api_error(400, "BadRequest", read.error().message));
    } else if (read->nonstandard && s.opt.strict) {
      body_refusal = error_reply(api_error(400, "BadRequest",
                                           "(root): not standard JSON: " + *read->nonstandard +
                                               " (the emulator runs with --strict)"));
    } else if (read->nonstandard) {
      lenient.method = req.method;
      lenient.target = req.target;
      lenient.headers = req.headers;
      lenient.body = std::move(read->text);
      body_of = &lenient;
    }
  }
  const route& r = *choose(on_method, *body_of, raw_path, s);
  o.op = std::string(r.name);

  // Faults: one from the request's header, else the first queued one for this op.
  {
    std::lock_guard<std::mutex> lk(s.mu);
    ++s.calls[o.op];
  }
  if (has_header(req.headers, "X-Emulator-Fault")) {
    // Only a signed-in caller may inject (or a server started with fault_header_without_token):
    // otherwise anyone who reaches the port could stall or break other clients' calls.
    if (!s.opt.fault_header_without_token) {
      std::string refused;
      std::string token = access_token_of(req.headers, s.opt.strict, refused);
      std::lock_guard<std::mutex> lk(s.mu);
      auto it = token.empty() ? s.st.access_tokens.end() : s.st.access_tokens.find(token);
      if (it == s.st.access_tokens.end() || it->second.expiry <= s.now_ms()) {
        o.out = error_reply(
            api_error(401, "InvalidToken",
                      "X-Emulator-Fault needs a valid accessToken header (or an emulator started "
                      "with fault_header_without_token)"));
        return o;
      }
    }
    auto f = parse_fault_header(find_header(req.headers, "X-Emulator-Fault"));
    if (!f) {
      o.out = error_reply(f.error());
      return o;
    }
    o.injected = *f;
    std::lock_guard<std::mutex> lk(s.mu);
    ++s.header_faults;
  } else {
    std::lock_guard<std::mutex> lk(s.mu);
    for (std::size_t i = 0; i < s.fault_list.size(); ++i) {
      const fault& f = s.fault_list[i].added;
      if (s.fault_left[i] > 0 && (f.op == "*" || f.op == o.op)) {
        --s.fault_left[i];
        ++s.fault_list[i].injected;
        o.injected = f;
        break;
      }
    }
  }
  if (o.injected) {
    const fault& f = *o.injected;
    if (f.what == fault::kind::delay &&
        !s.delay(std::min(f.delay, std::chrono::milliseconds(60'000)))) {
      o.out = error_reply(api_error(503, "TooManyDelayedRequests",
                                    "fault injected by the emulator: delay refused, " +
                                        std::to_string(s.opt.max_delayed_requests) +
                                        " requests are delayed already"));
      o.out.headers.emplace_back("Retry-After", "1");
      return o;
    }
    if (f.what == fault::kind::drop_before) {
      o.drop = true;
      return o;
    }
    if (f.what == fault::kind::status) {
      o.out = error_reply(
          api_error(f.status, "InjectedFault",
                    "fault injected by the emulator: status " + std::to_string(f.status)));
      if (f.retry_after && f.retry_after_as_date) {
        std::time_t at = static_cast<std::time_t>(s.now_ms() / 1000 + *f.retry_after);
        std::tm tm{};
        gmtime_r(&at, &tm);
        char date[64];
        std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        o.out.headers.emplace_back("Retry-After", date);
      } else if (f.retry_after) {
        o.out.headers.emplace_back("Retry-After", std::to_string(*f.retry_after));
      }
      return o;
    }
  }

  if (r.data_op && !moved.empty() && !on_new_base) {
    o.out =
        error_reply(api_error(308, "EndpointMoved", "the endpoint moved; use the URL in Location"));
    o.out.headers.emplace_back("Location", moved);
    return o;
  }

  call_context c;
  {
    std::lock_guard<std::mutex> lk(s.mu);
    std::int64_t now = s.now_ms();
    if (r.needs_token) {
      std::string refused;
      std::string token = access_token_of(req.headers, s.opt.strict, refused);
      if (token.empty() && !refused.empty()) {
        o.out = error_reply(api_error(401, "InvalidToken", refused));
        return o;
      }
      if (token.empty()) {
        o.out = error_reply(
            api_error(401, "InvalidToken",
                      "Token missing. Header should have token as value of ACCESSTOKEN"));
        return o;
      }
      auto it = s.st.access_tokens.find(token);
      if (it == s.st.access_tokens.end()) {
        o.out = error_reply(api_error(401, "InvalidToken", "the access token is not valid"));
        return o;
      }
      if (it->second.expiry <= now) {
        o.out = error_reply(api_error(401, "InvalidToken", "the access token has expired"));
        return o;
      }
      c.app = it->second.app;
      c.mobile = it->second.mobile;
    } else if (r.app_header) {
      c.app = std::string(find_header(req.headers, "applicationId"));
    }
    if (const connector* conn = c.app.empty() ? nullptr : s.find_connector(c.app)) {
      if (int wait = s.limiter.admit(s.opt.throttle, conn->application_id, conn->tenant, now)) {
        o.out = error_reply(api_error(429, "TooManyRequests",
                                      "too many calls: limits are " +
                                          std::to_string(s.opt.throttle.per_connector_per_minute) +
                                          " per minute per connector and " +
                                          std::to_string(s.opt.throttle.per_tenant_per_minute) +
                                          " per tenant"));
        o.out.headers.emplace_back("Retry-After", std::to_string(wait));
        return o;
      }
    }
  }

  std::string content_type(find_header(req.headers, "Content-Type"));
  std::vector<form_part> parts;
  if (r.body == body_kind::json) {
    bool has_body = req.body.find_first_not_of(" \t\r\n") != std::string::npos;
    if (has_body && !content_type.empty() && content_type.find("json") == std::string::npos) {
      o.out = error_reply(
          api_error(415, "UnsupportedMediaType", "Content-Type must be application/json"));
      return o;
    }
  } else if (r.body == body_kind::multipart) {
    if (!starts_with_ci(content_type, "multipart/form-data")) {
      o.out = error_reply(
          api_error(415, "UnsupportedMediaType", "Content-Type must be multipart/form-data"));
      return o;
    }
    if (parts_in != nullptr) {
      parts = *parts_in;
    } else {
      auto decoded = decode_multipart(content_type, req.body);
      if (!decoded) {
        o.out = error_reply(api_error(400, "BadRequest", decoded.error().message));
        return o;
      }
      parts = std::move(*decoded);
    }
    if (parts.empty()) {
      o.out = error_reply(api_error(400, "BadRequest", "FileName: the form holds no file part"));
      return o;
    }
    if (parts.size() > 1) {
      o.out = error_reply(api_error(
          400, "BadRequest",
          "FileName: exactly one file part expected, got " + std::to_string(parts.size())));
      return o;
    }
  }

  if (body_refusal) {
    o.out = std::move(*body_refusal);
    return o;
  }
  http_request in;
  in.method = r.method;
  in.target = std::string(raw_path) + std::string(query);
  in.headers = req.headers;
  in.content_type = content_type;
  in.body = body_of->body;
  o.out = r.run(s, in, r.body == body_kind::multipart ? &parts : nullptr, c);

  if (o.injected) {
    switch (o.injected->what) {
      case fault::kind::drop_after:
        o.drop = true;
        break;
      case fault::kind::truncate:
        o.out.body.resize(o.out.body.size() / 2);
        break;
      case fault::kind::malformed:
        o.out.status = 200;
        o.out.body = "<html><body>Service Unavailable</body></html>";
        o.out.content_type = "text/html";
        break;
      default:
        break;
    }
  }
  return o;
}

}  // namespace

server::server(options opt) : impl_(std::make_unique<impl>(std::move(opt))) { impl_->self = this; }

server::~server() { stop(); }

kaizala::result<int> server::start() {
  impl& s = *impl_;
  if (s.running) return s.port;
  {
    std::lock_guard<std::mutex> lk(s.mu);
    auto loaded = s.load();
    if (!loaded) return std::move(loaded).error();
    // An unwritable --state is an error now, not a log line on every change later.
    if (auto e = s.write_state()) return std::move(*e);
  }
  auto fail = [](std::string why) {
    kaizala::error e;
    e.kind = error_kind::transport;
    e.message = std::move(why);
    return e;
  };
  bool tls = !s.opt.tls_cert_file.empty() && !s.opt.tls_key_file.empty();
  if (tls) {
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    s.http = std::make_unique<httplib::SSLServer>(s.opt.tls_cert_file.c_str(),
                                                  s.opt.tls_key_file.c_str());
#else
    return fail("this build of cpp-httplib has no TLS support");
#endif
  } else {
    s.http = std::make_unique<httplib::Server>();
  }
  if (!s.http->is_valid())
    return fail("TLS certificate or key cannot be loaded: " + s.opt.tls_cert_file + ", " +
                s.opt.tls_key_file);

  httplib::Server& h = *s.http;
  // Exclusive bind: httplib's default sets SO_REUSEPORT on Linux, which lets a second server bind
  // the same port and take every other connection. SO_REUSEADDR alone only allows a restart while
  // the old sockets linger in TIME_WAIT.
  h.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  h.set_payload_max_length(s.opt.max_body_bytes);
  h.set_tcp_nodelay(true);
  h.set_read_timeout(std::chrono::seconds(10));
  // A pool of our own size: delay faults may hold at most max_delayed_requests of its threads.
  std::size_t threads = static_cast<std::size_t>(std::max(2, s.opt.threads));
  h.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Long paths are refused before httplib's regex routing sees them.
  h.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    if (req.path.size() <= max_path_length && req.target.size() <= max_path_length)
      return httplib::Server::HandlerResponse::Unhandled;
    reply r = error_reply(api_error(
        414, "UriTooLong", "the request target is longer than " + std::to_string(max_path_length)));
    res.status = r.status;
    res.set_content(r.body, json_type);
    s.log_line(req.method + " (long path) - 414");
    return httplib::Server::HandlerResponse::Handled;
  });
  // Bodies are read through a ContentReader, counted as they arrive after chunked framing and
  // gzip/br decoding are undone: httplib's payload limit (above) only sees a Content-Length.
  auto handler = [&s](const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader* read) {
    auto started = std::chrono::steady_clock::now();
    parsed_request in;
    in.method = req.method;
    in.target = req.target;
    for (const auto& h : req.headers) in.headers.emplace_back(h.first, h.second);
    std::vector<form_part> parts;
    bool multipart = false, over = false, complete = true;
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3);
    // httplib 0.11.4 would read until the client closes (`curl -X POST URL` waited 10 s, then 400).
    bool has_body = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    if (read != nullptr && has_body) {
      const std::size_t limit = s.opt.max_body_bytes;
      std::size_t total = 0;
      auto count = [&](std::size_t n) {
        return n <= limit - total ? (total += n, true) : !(over = true);
      };
      if (req.is_multipart_form_data()) {
        multipart = true;
        complete = (*read)(
            [&](const httplib::MultipartFormData& f) {
              if (!count(f.name.size() + f.filename.size() + f.content_type.size())) return false;
              parts.push_back({f.name, {f.filename, f.content_type, {}}});
              return true;
            },
            [&](const char* data, std::size_t n) {
              if (!count(n) || parts.empty()) return false;
              parts.back().file.data.append(data, n);
              return true;
            });
      } else {
        complete = (*read)([&](const char* data, std::size_t n) {
          if (!count(n)) return false;
          in.body.append(data, n);
          return true;
        });
      }
    }
    outcome o;
    if (over || res.status == 413) {
      o.out = error_reply(
          api_error(413, "PayloadTooLarge",
                    "the body is larger than " + std::to_string(s.opt.max_body_bytes) + " bytes"));
    } else if (!complete) {
      o.out = error_reply(api_error(
          400, "BadRequest",
          "the body cannot be read (bad chunked framing, content coding or multipart form)"));
    } else {
      o = dispatch(s, in, multipart ? &parts : nullptr);
    }
    if (o.drop) {
      drop_connection(req, res);
    } else {
      res.status = o.out.status;
      for (const auto& hd : o.out.headers) res.set_header(hd.first, hd.second);
      res.set_header("Access-Control-Allow-Origin", "*");
      res.set_content(o.out.body, o.out.content_type);
      if (!complete) res.set_header("Connection", "close");  // the rest of the body is still unread
    }
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1fms", static_cast<double>(us) / 1000.0);
    std::string path = printable(req.target.substr(0, req.target.find('?')));
    std::string line = req.method + " " + path + " " + o.op + " " +
                       (o.drop ? std::string("dropped") : std::to_string(o.out.status)) + " " + ms;
    if (o.injected) line += " fault=" + std::string(to_string(o.injected->what));
    s.log_line(line);
  };
  auto without_body = [handler](const httplib::Request& req, httplib::Response& res) {
    handler(req, res, nullptr);
  };
  auto with_body = [handler](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& read) { handler(req, res, &read); };
  const char* any = ".*";
  h.Get(any, without_body);
  h.Options(any, without_body);
  h.Post(any, with_body);
  h.Put(any, with_body);
  h.Delete(any, with_body);
  h.Patch(any, with_body);
  // What httplib answers itself (malformed requests, 413) gets the service's error shape too.
  h.set_error_handler(httplib::Server::HandlerWithResponse(
      [&s](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string code = res.status == 413 ? "PayloadTooLarge" : "BadRequest";
        std::string what =
            res.status == 413
                ? "the body is larger than " + std::to_string(s.opt.max_body_bytes) + " bytes"
                : "the request cannot be read (HTTP " + std::to_string(res.status) + ")";
        res.set_content(error_reply(api_error(res.status, code, what)).body, json_type);
        s.log_line(req.method + " " + printable(req.target.substr(0, req.target.find('?'))) +
                   " - " + std::to_string(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  h.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(
        error_reply(api_error(500, "InternalError", "the emulator failed on this request")).body,
        json_type);
  });

  int port = s.opt.port == 0 ? h.bind_to_any_port(s.opt.host)
                             : (h.bind_to_port(s.opt.host, s.opt.port) ? s.opt.port : -1);
  if (port <= 0) return fail(bind_failure(s.opt.host, s.opt.port));
  std::string host = s.opt.host == "0.0.0.0" || s.opt.host == "::" ? "127.0.0.1" : s.opt.host;
  {
    std::lock_guard<std::mutex> lk(s.mu);
    s.port = port;
    s.base = std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port);
  }
  s.start_worker();
  s.serve_thread = std::thread([&h] { h.listen_after_bind(); });
  // stop() before the accept loop starts would be lost; wait for it (bounded).
  for (int i = 0; i < 500 && !h.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  s.running = true;
  return port;
}

void server::stop() {
  impl& s = *impl_;
  if (!s.running) return;
  {
    // Wake delayed requests first: httplib's stop() waits for every handler to return.
    std::lock_guard<std::mutex> lk(s.hmu);
    s.halting = true;
  }
  s.halt_cv.notify_all();
  s.http->stop();
  if (s.serve_thread.joinable()) s.serve_thread.join();
  s.stop_worker();
  s.running = false;
  std::lock_guard<std::mutex> lk(s.hmu);
  s.halting = false;  // a later start() delays again
}

bool server::impl::delay(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lk(hmu);
  if (delayed >= opt.max_delayed_requests) return false;
  ++delayed;
  halt_cv.wait_for(lk, d, [this] { return halting; });
  --delayed;
  return true;
}

parsed_response server::handle(const parsed_request& request) {
  impl& s = *impl_;
  outcome o;
  if (request.body.size() > s.opt.max_body_bytes) {
    o.out = error_reply(
        api_error(413, "PayloadTooLarge",
                  "the body is larger than " + std::to_string(s.opt.max_body_bytes) + " bytes"));
  } else if (request.target.size() > max_path_length) {
    o.out = error_reply(api_error(
        414, "UriTooLong", "the request target is longer than " + std::to_string(max_path_length)));
  } else {
    o = dispatch(s, request, nullptr);
  }
  parsed_response out;
  out.dropped = o.drop;
  if (o.drop) return out;
  out.status = o.out.status;
  out.headers = std::move(o.out.headers);
  out.headers.emplace_back("Content-Type", o.out.content_type);
  out.body = std::move(o.out.body);
  return out;
}

std::string server::base_url() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return impl_->base;
}

std::optional<std::string> server::last_pin(std::string_view mobile,
                                            std::string_view application_id) const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  auto it = impl_->pins.find({std::string(mobile), std::string(application_id)});
  if (it == impl_->pins.end()) return std::nullopt;
  return it->second.pin;
}

void server::move_endpoint(std::string new_base_url) {
  while (!new_base_url.empty() && new_base_url.back() == '/') new_base_url.pop_back();
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->moved_to = std::move(new_base_url);
}

void server::set_throttle(throttle_options t) {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->opt.throttle = t;
}

void server::revoke_access_tokens() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->st.access_tokens.clear();
  impl_->save();
}

void server::add_fault(fault f) {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->fault_left.push_back(f.times);
  impl_->fault_list.push_back({std::move(f), 0});
}

fault_stats server::faults() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  fault_stats out;
  out.added = impl_->fault_list;
  out.header_injected = impl_->header_faults;
  std::lock_guard<std::mutex> hk(impl_->hmu);
  out.delayed_now = impl_->delayed;
  return out;
}

std::map<std::string, int> server::op_calls() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return impl_->calls;
}

std::size_t server::token_grants() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return impl_->grants;
}

std::size_t server::webhook_attempts() const {
  std::lock_guard<std::mutex> lk(impl_->dmu);
  return impl_->attempts;
}

std::size_t server::webhook_deliveries() const {
  std::lock_guard<std::mutex> lk(impl_->dmu);
  return impl_->delivered;
}

std::vector<webhook_delivery> server::webhook_delivery_log() const {
  std::lock_guard<std::mutex> lk(impl_->dmu);
  return {impl_->delivery_log.begin(), impl_->delivery_log.end()};
}

void server::clear_faults() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->fault_list.clear();
  impl_->fault_left.clear();
}

throttle_options server::throttle_settings() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return impl_->opt.throttle;
}

std::string server::moved_endpoint() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return impl_->moved_to;
}

void server::advance_clock(std::chrono::milliseconds by) {
  // Clamped to a century in all, so adding the offset to the clock can never overflow.
  constexpr std::int64_t most = 100LL * 366 * 24 * 3600 * 1000;
  std::int64_t step = std::clamp<std::int64_t>(by.count(), 0, most);
  std::int64_t now = impl_->clock_offset.load();
  while (!impl_->clock_offset.compare_exchange_weak(now, std::min(most, now + step))) {
  }
}

std::int64_t server::now_ms() const { return impl_->now_ms(); }

void server::reset() {
  impl& s = *impl_;
  {
    std::lock_guard<std::mutex> lk(s.dmu);
    s.queue.clear();
    s.delivery_log.clear();
    s.attempts = s.delivered = 0;
  }
  std::lock_guard<std::mutex> lk(s.mu);
  s.st = model::state{};
  s.pins.clear();
  s.oauth_codes.clear();
  s.media_order.clear();
  s.media_bytes = 0;
  s.moved_to.clear();
  s.fault_list.clear();
  s.fault_left.clear();
  s.header_faults = 0;
  s.calls.clear();
  s.grants = 0;
  s.limiter = throttle{};
  s.save();
}

}  // namespace kaizala::emulator
