// The admin API: the operator switches over HTTP under admin_prefix ("/_emulator/"), for testers
// who do not write C++ (emulator/README.md, "Admin API"). Each endpoint calls the public server
// method of the same switch, so the HTTP form and the in-process form are one rule.
#include "service.hpp"

#include <kaizala/url.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <limits>

namespace kaizala::emulator {

bool admin_api_enabled(const options& o) {
  if (!o.admin_api) return false;
  if (!o.admin_token.empty()) return true;
  std::string host = o.host;
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return kaizala::is_loopback_host(host);
}

namespace {

constexpr std::size_t max_admin_body = 64 * 1024;
constexpr std::string_view json_type = "application/json; charset=utf-8";

parsed_response answer(int status, const boost::json::value& body) {
  parsed_response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::string(json_type));
  r.body = boost::json::serialize(body);
  return r;
}

// The service's error shape ({message, errorCode, errorCategoryKey}), as every other answer.
parsed_response fail(int status, std::string code, std::string message) {
  kaizala::error e = api_error(status, std::move(code), std::move(message));
  ServiceError body;
  body.message = e.message;
  body.errorCode = e.service_code;
  body.errorCategoryKey = e.service_category;
  parsed_response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::string(json_type));
  r.body = to_json(body);
  return r;
}

parsed_response ok() { return answer(200, boost::json::object{{"result", true}}); }

// Compares the two tokens in time independent of where they differ (and of the expected one's
// length): their SHA-256 digests are compared with CRYPTO_memcmp.
bool same_secret(std::string_view given, std::string_view expected) {
  unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(given.data()), given.size(), a);
  SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), b);
  return CRYPTO_memcmp(a, b, sizeof a) == 0;
}

// The request body as a JSON object; an empty body is {}.
kaizala::result<boost::json::object> body_object(const parsed_request& req) {
  if (req.body.size() > max_admin_body)
    return api_error(413, "PayloadTooLarge",
                     "admin API bodies are at most " + std::to_string(max_admin_body) + " bytes");
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return boost::json::object{};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec) return api_error(400, "BadAdminRequest", "body: not JSON (" + ec.message() + ")");
  if (!v.is_object()) return api_error(400, "BadAdminRequest", "body: expected a JSON object");
  return std::move(v.get_object());
}

// An optional integer member within [lo, hi]: absent = nullopt; anything else is an error naming
// the member.
kaizala::result<std::optional<std::int64_t>> integer_member(const boost::json::object& o,
                                                            std::string_view key, std::int64_t lo,
                                                            std::int64_t hi) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::int64_t>();
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(hi)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    return api_error(400, "BadAdminRequest", std::string(key) + ": expected an integer");
  }
  if (n < lo || n > hi)
    return api_error(400, "BadAdminRequest",
                     std::string(key) + ": expected " + std::to_string(lo) + " to " +
                         std::to_string(hi) + ", got " + std::to_string(n));
  return std::optional<std::int64_t>(n);
}

kaizala::result<std::optional<std::string>> string_member(const boost::json::object& o,
                                                          std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string())
    return api_error(400, "BadAdminRequest", std::string(key) + ": expected a string");
  return std::optional<std::string>(std::string(v->get_string()));
}

parsed_response from_error(const kaizala::error& e) {
  return fail(e.http_status != 0 ? e.http_status : 400, e.service_code, e.message);
}

bool known_op(std::string_view name) {
  bool found = false;
  kaizala::api::for_each_op([&](auto tag) { found = found || decltype(tag)::type::name == name; });
  return found;
}

// The model as a tester may see it: tokens are credentials, so the token maps become lists of
// their holders, a webhook's callback token shows only whether one is set, and media bytes are
// reported by size.
boost::json::value state_dump(const model::state& st) {
  boost::json::object out = boost::json::value_from(st).as_object();
  boost::json::array access, refresh;
  for (const auto& [token, t] : st.access_tokens)
    access.push_back({{"applicationId", t.app}, {"mobileNumber", t.mobile}, {"expiry", t.expiry}});
  for (const auto& [token, t] : st.refresh_tokens)
    refresh.push_back({{"applicationId", t.app},
                       {"mobileNumber", t.mobile},
                       {"issued", t.issued},
                       {"expiry", t.expiry},
                       {"revoked", t.revoked}});
  out["access_tokens"] = std::move(access);
  out["refresh_tokens"] = std::move(refresh);
  if (auto* hooks = out["webhooks"].if_object())
    for (auto& [id, hook] : *hooks)
      if (auto* h = hook.if_object()) {
        bool set = h->contains("token") && h->at("token").is_string() &&
                   !h->at("token").get_string().empty();
        h->erase("token");
        h->emplace("token_set", set);
      }
  if (auto* media = out["media_files"].if_object())
    for (auto& [id, m] : *media)
      if (auto* f = m.if_object()) {
        std::size_t bytes = 0;
        if (const auto* data = f->if_contains("data_base64"); data && data->is_string())
          bytes = base64_decode(data->get_string()).value_or("").size();
        f->erase("data_base64");
        f->emplace("bytes", bytes);
      }
  return out;
}

boost::json::value throttle_json(const throttle_options& t) {
  return {{"enabled", t.enabled},
          {"perConnectorPerMinute", t.per_connector_per_minute},
          {"perTenantPerMinute", t.per_tenant_per_minute}};
}

}  // namespace

parsed_response answer_admin(server::impl& s, const parsed_request& req, std::string_view path) {
  if (!admin_api_enabled(s.opt))
    return fail(403, "AdminApiOff",
                "the admin API is off: the emulator listens on " + quote_id(s.opt.host) +
                    ", not loopback; start it with --admin-token to turn it on");
  if (!s.opt.admin_token.empty()) {
    std::string_view given = find_header(req.headers, "X-Emulator-Admin-Token");
    if (given.empty())
      return fail(401, "AdminTokenMissing",
                  "the admin API needs the X-Emulator-Admin-Token header");
    if (!same_secret(given, s.opt.admin_token))
      return fail(401, "AdminTokenInvalid", "X-Emulator-Admin-Token is not this emulator's token");
  }
  server& emu = *s.self;
  std::string_view rest = path.substr(std::min(path.size(), admin_prefix.size()));
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string name;
  for (char c : rest) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string& method = req.method;

  // (path, methods) of every endpoint, for 404 and 405 answers.
  struct endpoint {
    std::string_view path, methods;
  };
  static constexpr endpoint endpoints[] = {
      {"health", "GET"},
      {"reset", "POST"},
      {"state", "GET"},
      {"pins", "GET"},
      {"faults", "GET, POST, DELETE"},
      {"tokens/revoke", "POST"},
      {"endpoint", "GET"},
      {"endpoint/move", "POST"},
      {"throttle", "GET, POST"},
      {"webhooks/deliveries", "GET"},
      {"clock", "GET"},
      {"clock/advance", "POST"},
  };
  if (name.empty() && method == "GET") {  // the index: what a tester can call
    boost::json::array list;
    for (const auto& e : endpoints)
      list.push_back(
          {{"path", std::string(admin_prefix) + std::string(e.path)}, {"methods", e.methods}});
    return answer(200, {{"endpoints", std::move(list)}});
  }
  const endpoint* at = nullptr;
  for (const auto& e : endpoints)
    if (e.path == name) at = &e;
  if (at == nullptr) {
    std::string list;
    for (const auto& e : endpoints) list += (list.empty() ? "" : ", ") + std::string(e.path);
    return fail(404, "AdminNotFound",
                "no admin endpoint " + quote_id(name) + " (endpoints under " +
                    std::string(admin_prefix) + ": " + list + ")");
  }
  bool allowed = false;
  for (std::string_view m = at->methods; !m.empty();) {
    std::size_t comma = m.find(", ");
    allowed = allowed || m.substr(0, comma) == method;
    m.remove_prefix(comma == std::string_view::npos ? m.size() : comma + 2);
  }
  if (!allowed) {
    parsed_response r = fail(405, "MethodNotAllowed",
                             method + " is not allowed on " + std::string(admin_prefix) + name +
                                 "; use " + std::string(at->methods));
    r.headers.emplace_back("Allow", std::string(at->methods));
    return r;
  }
  auto body = body_object(req);
  if (!body) return from_error(body.error());

  if (name == "health") {
    return answer(200, {{"status", "ok"}, {"baseUrl", emu.base_url()}, {"now", emu.now_ms()}});
  }
  if (name == "reset") {
    emu.reset();
    return ok();
  }
  if (name == "state") {
    std::lock_guard<std::mutex> lk(s.mu);
    return answer(200, state_dump(s.st));
  }
  if (name == "pins") {
    // PINs are served here by design: the emulator cannot send the SMS (emulator/README.md).
    boost::json::array list;
    std::lock_guard<std::mutex> lk(s.mu);
    std::int64_t now = s.now_ms();
    for (const auto& [key, p] : s.pins)
      list.push_back({{"mobileNumber", key.first},
                      {"applicationId", key.second},
                      {"pin", p.pin},
                      {"issued", p.issued},
                      {"used", p.used},
                      {"expired", p.issued + s.opt.pin_lifetime.count() <= now},
                      {"lockedUntil", p.locked_until}});
    return answer(200, {{"pins", std::move(list)}});
  }
  if (name == "faults") {
    if (method == "DELETE") {
      emu.clear_faults();
      return ok();
    }
    if (method == "POST") {
      auto text = string_member(*body, "fault");
      if (!text) return from_error(text.error());
      if (!*text) return fail(400, "BadAdminRequest", "fault: required (X-Emulator-Fault syntax)");
      auto f = parse_fault_header(**text);
      if (!f) return from_error(f.error());
      auto op = string_member(*body, "op");
      if (!op) return from_error(op.error());
      if (*op && **op != "*" && !known_op(**op))
        return fail(400, "BadAdminRequest", "op: no operation named " + quote_id(**op));
      auto times = integer_member(*body, "times", 1, 1'000'000);
      if (!times) return from_error(times.error());
      f->op = op->value_or("*");
      f->times = static_cast<int>(times->value_or(1));
      emu.add_fault(*f);
      return ok();
    }
    fault_stats stats = emu.faults();
    boost::json::array list;
    for (const auto& e : stats.added)
      list.push_back({{"op", e.added.op},
                      {"fault", fault_header_text(e.added)},
                      {"times", e.added.times},
                      {"injected", e.injected},
                      {"left", e.added.times - e.injected}});
    return answer(200, {{"faults", std::move(list)},
                        {"headerInjected", stats.header_injected},
                        {"delayedNow", stats.delayed_now},
                        {"total", stats.total()}});
  }
  if (name == "tokens/revoke") {
    emu.revoke_access_tokens();
    return ok();
  }
  if (name == "endpoint") {
    return answer(200, {{"baseUrl", emu.base_url()}, {"movedTo", emu.moved_endpoint()}});
  }
  if (name == "endpoint/move") {
    auto url = string_member(*body, "url");
    if (!url) return from_error(url.error());
    if (!*url) return fail(400, "BadAdminRequest", "url: required (\"\" stops moving)");
    if (!(*url)->empty()) {
      auto parts = split_base_url(**url);
      if (!parts) return fail(400, "BadAdminRequest", "url: " + parts.error().message);
    }
    emu.move_endpoint(**url);
    return answer(200, {{"baseUrl", emu.base_url()}, {"movedTo", emu.moved_endpoint()}});
  }
  if (name == "throttle") {
    throttle_options t = emu.throttle_settings();
    if (method == "POST") {
      if (const auto* e = body->if_contains("enabled")) {
        if (!e->is_bool()) return fail(400, "BadAdminRequest", "enabled: expected true or false");
        t.enabled = e->get_bool();
      }
      constexpr std::int64_t most = std::numeric_limits<int>::max();
      auto per_connector = integer_member(*body, "perConnectorPerMinute", 1, most);
      if (!per_connector) return from_error(per_connector.error());
      auto per_tenant = integer_member(*body, "perTenantPerMinute", 1, most);
      if (!per_tenant) return from_error(per_tenant.error());
      if (*per_connector) t.per_connector_per_minute = static_cast<int>(**per_connector);
      if (*per_tenant) t.per_tenant_per_minute = static_cast<int>(**per_tenant);
      emu.set_throttle(t);
    }
    return answer(200, throttle_json(t));
  }
  if (name == "webhooks/deliveries") {
    boost::json::array list;
    for (const auto& d : emu.webhook_delivery_log())
      list.push_back({{"webhookId", d.webhook_id},
                      {"attempt", d.attempt},
                      {"status", d.status},
                      {"ok", d.ok},
                      {"at", d.at}});
    return answer(200, {{"deliveries", std::move(list)},
                        {"attempts", emu.webhook_attempts()},
                        {"delivered", emu.webhook_deliveries()}});
  }
  if (name == "clock") {
    return answer(200, {{"now", emu.now_ms()}});
  }
  // clock/advance
  constexpr std::int64_t ten_years_ms = 10LL * 366 * 24 * 3600 * 1000;
  auto seconds = integer_member(*body, "seconds", 0, ten_years_ms / 1000);
  if (!seconds) return from_error(seconds.error());
  auto ms = integer_member(*body, "milliseconds", 0, ten_years_ms);
  if (!ms) return from_error(ms.error());
  if (!*seconds && !*ms)
    return fail(400, "BadAdminRequest", "seconds or milliseconds: one is required");
  emu.advance_clock(std::chrono::milliseconds(seconds->value_or(0) * 1000 + ms->value_or(0)));
  return answer(200, {{"now", emu.now_ms()}});
}

}  // namespace kaizala::emulator
