// kaizala/session.hpp: a long-lived client that looks after tokens, moved
// endpoints, throttling and transient failures, shared across threads.
//
//   kaizala::session_options opt;
//   opt.application_id = "...";  opt.application_secret = "...";  opt.refresh_token = "...";
//   opt.on_refresh_token = [](const std::string& t) { save(t); };   // rotation
//   (docs/kaizala-api.md §9.3) kaizala::session s(opt); auto r =
//   s.call<kaizala::ops::SendMessage>({group_id, "Hello"});
//
// What a call does, in order, within one budget (call_timeout, default 60 s):
// - gets an access token, renewing it before accessTokenExpiry (one renewal
//   however many threads need it), and once more on a 401;
// - on 308 takes Location as the new root for this and every later call, but only
//   to the same scheme and to an allowed origin (the same origin, or one matching
//   redirect_allow; by default https hosts under kaiza.la); any other 308 ends the
//   call with a `refused` error naming the origin, and no credential goes there;
// - on 429 waits Retry-After (seconds or HTTP-date; at least retry.min_throttle_wait),
//   bounded by retry.max_throttle_wait and retry.max_throttled_attempts;
// - on transient failures (no response, 500/502/503/504) retries with
//   exponential backoff and full jitter, but only idempotent ops, and a POST
//   only when the request provably never left (the connection failed). A
//   non-idempotent call whose outcome is unknown fails with an error that says
//   so: a message is never posted twice.
//
// Thread safety: every member function may be called from any thread at once.
// Each concurrent call borrows its own transport (an httplib client keeps one
// connection and serves one request at a time); idle transports are reused.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/generated/auth.hpp>
#include <kaizala/generated/roots.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/masking.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/retry_policy.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace kaizala {

// One HTTP exchange of a call, for the user's logger. Holds no secret and no body.
struct call_event {
  std::string_view op;
  http_method method = http_method::get;
  std::string path;  // request path without the query, e.g. "/v1/groups/g@1/messages"
  int attempt = 0;   // 1-based: every exchange of the call, renewals and redirects included
  int status = 0;    // HTTP status; 0 when there was no response
  std::optional<error_kind> error;  // the attempt's failure, if it failed
  std::chrono::milliseconds duration{0};
};

// Why the session waits before sending a call again.
enum class wait_reason {
  throttled,  // a 429: the service asked to slow down
  retry,      // a transient failure (a transport error or a retryable status) is sent again
};

// A wait the session is about to make, reported before it sleeps.
struct wait_event {
  std::string_view op;
  int attempt = 0;  // the exchange that failed (1-based, as call_event::attempt)
  wait_reason reason = wait_reason::retry;
  std::chrono::milliseconds delay{0};
  int status = 0;            // the HTTP status that caused it; 0 after a transport failure
  bool retry_after = false;  // the delay is the answer's Retry-After, not the session's backoff
};

// One exchange as a log may show it: copies with every secret masked (kaizala/masking.hpp): the
// request's secrets and credentials wherever they appear, and by name every header, query
// parameter and JSON key the spec marks secret, in the request and in the answer (an access token
// granted, a webhook's callback token).
struct wire_event {
  std::string_view op;
  int attempt = 0;
  http_method method = http_method::get;
  std::string url;  // origin and target
  http_headers request_headers;
  std::string request_body;  // masked_body(): JSON re-serialized compactly, at most 16 KiB
  int status = 0;            // 0 when there was no response
  http_headers response_headers;
  std::string response_body;
  std::optional<error> failure;  // the transport's error when there was no response (redacted)
  std::chrono::milliseconds duration{0};
};

struct session_options {
  // Connector credentials (docs/kaizala-api.md §9). The
  // secret and tokens never appear in errors or events.
  std::string application_id;
  std::string application_secret;
  std::string refresh_token;
  // Called (outside any lock) with the new refresh token when GenerateAccessToken rotates it.
  // Store it: the old one stops working.
  std::function<void(const std::string&)> on_refresh_token;

  // Auth root (default: the spec's https://api.kaiza.la/v1). The emulator serves both roots.
  std::string auth_url;
  // Endpoint from an earlier run; replaced by every GenerateAccessToken and 308.
  std::string endpoint_url;

  // Renew this long before accessTokenExpiry (at most half the token's life).
  std::chrono::milliseconds renew_margin{300'000};
  // Whole-call budget: attempts, waits and renewals of one call all fit in it.
  std::chrono::milliseconds call_timeout{60'000};
  // Connect/read timeouts (capped by the call budget) and TLS settings of the default transport.
  httplib_transport::options http;

  retry_policy retry;
  backoff_policy backoff;
  // Whether an op may be sent again after a failure that may have reached the server.
  // Default: the spec's `idempotent` (GET, PUT, DELETE, and the read-only GetSubscribers).
  std::function<bool(std::string_view op, bool spec_idempotent)> idempotency;
  // Hops followed per call on 308.
  int max_redirects = 3;
  // Origins a 308 may move a root to, besides the root's own origin (a 308 never changes the
  // scheme, so never goes from https to http). Each entry is an exact origin,
  // "scheme://host[:port]" (e.g. "http://127.0.0.1:8080" for an emulator), or "scheme://*.domain"
  // for any host under `domain` (not `domain` itself). Default: https://kaiza.la and its
  // subdomains, the service's own.
  std::vector<std::string> redirect_allow = {"https://kaiza.la", "https://*.kaiza.la"};

  // Headers sent with every call, replacing the API's default of the same name (the generated
  // User-Agent "Kaizala/v1 kaizala-cpp/<version>"); an empty value sends none. As
  // context::set_header.
  http_headers headers;

  // Called after every HTTP exchange, from the calling thread.
  std::function<void(const call_event&)> on_call;
  // Called before every wait between attempts (429, backoff), from the calling thread: a CLI or a
  // log can say why nothing happens for a while.
  std::function<void(const wait_event&)> on_wait;
  // Called after every HTTP exchange with its headers and bodies, secrets masked. Costs copies of
  // both bodies per exchange: leave it empty unless something reads it.
  std::function<void(const wire_event&)> on_wire;

  // For tests: the clock (epoch milliseconds) that token expiry is compared with, how to wait,
  // and a fixed seed for the backoff jitter (default: seeded from std::random_device).
  std::function<std::int64_t()> now_ms;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::optional<std::uint32_t> jitter_seed;
};

// Counters, for tests and monitoring.
struct session_stats {
  std::uint64_t calls = 0;      // call<Op>() invocations
  std::uint64_t renewals = 0;   // access tokens obtained (GenerateAccessToken successes)
  std::uint64_t retries = 0;    // attempts repeated after a transient failure or a 429
  std::uint64_t redirects = 0;  // 308s followed
};

template <class Transport>
class basic_session {
 public:
  // `make_transport` creates a transport for each concurrent call (default: Transport{}).
  explicit basic_session(session_options opt, std::function<Transport()> make_transport = {})
      : opt_(std::move(opt)),
        make_transport_(std::move(make_transport)),
        rng_(opt_.jitter_seed ? *opt_.jitter_seed : std::random_device{}()) {
    if (!make_transport_) make_transport_ = [] { return Transport(); };
    if (!opt_.now_ms)
      opt_.now_ms = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      };
    if (!opt_.sleep)
      opt_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    refresh_token_ = opt_.refresh_token;
    endpoint_url_ = opt_.endpoint_url;
  }
  basic_session(const basic_session&) = delete;
  basic_session& operator=(const basic_session&) = delete;

  // Sends `req` as operation Op, with tokens, redirects and retries handled.
  template <class Op>
  result<typename Op::response> call(const typename Op::request& req) {
    ++calls_;
    // Clamped, so that a huge call_timeout cannot overflow the clock's nanoseconds.
    auto budget = std::clamp(opt_.call_timeout, std::chrono::milliseconds(0),
                             std::chrono::milliseconds(std::chrono::hours(24 * 365)));
    return run<Op>(req, clock::now() + budget);
  }

  // First-time setup, step 1: the service texts a PIN to `mobile` (GeneratePin).
  result<GeneratePinResponse> request_pin(std::string mobile) {
    GeneratePinRequest req;
    req.mobileNumber = std::move(mobile);
    req.applicationId = opt_.application_id;
    return call<ops::GeneratePin>(req);
  }

  // First-time setup, step 2: trades the PIN for a refresh token (GetRefreshToken), which the
  // session then uses and hands to on_refresh_token.
  result<GetRefreshTokenResponse> login_with_pin(std::string mobile, std::int32_t pin) {
    GetRefreshTokenRequest req;
    req.mobileNumber = std::move(mobile);
    req.applicationId = opt_.application_id;
    req.pin = pin;
    auto r = call<ops::GetRefreshToken>(req);
    if (r) adopt_refresh_token(r->refreshToken);
    return r;
  }

  // The endpoint root data calls go to now (persist it with the refresh token), e.g.
  // "https://kms2.kaiza.la/v1"; "" before the first token.
  std::string endpoint() const {
    std::lock_guard<std::mutex> lock(mu_);
    auto r = context_locked().root_url(endpoint_root, endpoint_root_url);
    return r ? *r : std::string();
  }

  // The refresh token in use (it changes on rotation).
  std::string refresh_token() const {
    std::lock_guard<std::mutex> lock(mu_);
    return refresh_token_;
  }

  session_stats stats() const {
    return {calls_.load(), renewals_.load(), retries_.load(), redirects_.load()};
  }

  // The spec's resource root (api.roots.endpoint in spec/kaizala.json, generated in roots.hpp).
  static constexpr std::string_view endpoint_root = roots::endpoint::name;
  static constexpr std::string_view endpoint_root_url = roots::endpoint::url;

 private:
  using clock = std::chrono::steady_clock;
  static constexpr std::int64_t min_token_use_ms = 1000;

  // A transport borrowed for one call and given back after.
  class lease {
   public:
    explicit lease(basic_session& s) : s_(s) {
      std::lock_guard<std::mutex> lock(s_.pool_mu_);
      if (!s_.idle_.empty()) {
        t_ = std::move(s_.idle_.back());
        s_.idle_.pop_back();
      }
      if (!t_) t_ = std::make_unique<Transport>(s_.make_transport_());
    }
    ~lease() {
      std::lock_guard<std::mutex> lock(s_.pool_mu_);
      s_.idle_.push_back(std::move(t_));
    }
    Transport& operator*() { return *t_; }

   private:
    basic_session& s_;
    std::unique_ptr<Transport> t_;
  };

  static error budget_error(std::string_view op, std::chrono::milliseconds budget) {
    error e;
    e.kind = error_kind::timeout;
    e.message =
        std::string(op) + ": call budget of " + std::to_string(budget.count()) + " ms exhausted";
    return e;
  }

  // Waits `d` if that still ends before `deadline`.
  bool wait(std::chrono::milliseconds d, clock::time_point deadline) {
    if (deadline - clock::now() <= d) return false;
    opt_.sleep(d);
    return true;
  }

  // wait(), told to on_wait first (only when the budget allows the wait).
  bool wait(wait_event ev, clock::time_point deadline) {
    if (deadline - clock::now() <= ev.delay) return false;
    if (opt_.on_wait) opt_.on_wait(ev);
    return wait(ev.delay, deadline);
  }

  static wait_event planned(std::string_view op, int attempt, wait_reason reason,
                            std::chrono::milliseconds delay, int status = 0,
                            bool retry_after = false) {
    wait_event ev;
    ev.op = op;
    ev.attempt = attempt;
    ev.reason = reason;
    ev.delay = delay;
    ev.status = status;
    ev.retry_after = retry_after;
    return ev;
  }

  // The names a wire_event masks for Op: its auth header and every member the spec marks secret
  // in its request and answer types.
  template <class Op>
  static const std::vector<std::string>& wire_secret_names() {
    static const std::vector<std::string> names = [] {
      auto n = secret_names_of<typename Op::request>();
      for (auto& x : secret_names_of<detail::body_t<typename Op::response>>())
        detail::add_name_once(n, x);
      if (!Op::auth_header.empty()) detail::add_name_once(n, Op::auth_header);
      return n;
    }();
    return names;
  }

  template <class Op>
  void report_wire(const http_request& sent, const result<http_response>& res, int attempt,
                   std::chrono::milliseconds took, const std::vector<std::string_view>& secrets) {
    secret_masks masks;
    masks.names = wire_secret_names<Op>();
    masks.values = secrets;
    // The session's own credentials too: a server may echo them in any later answer.
    std::string refresh, token;
    {
      std::lock_guard<std::mutex> lock(mu_);
      refresh = refresh_token_;
      token = access_token_;
    }
    for (std::string_view v : {std::string_view(opt_.application_secret), std::string_view(refresh),
                               std::string_view(token)})
      if (!v.empty()) masks.values.push_back(v);
    wire_event ev;
    ev.op = Op::name;
    ev.attempt = attempt;
    ev.method = sent.method;
    ev.url = sent.origin + masked_target(sent.target, masks);
    ev.request_headers = masked_headers(sent.headers, masks);
    if (!sent.content_type.empty())
      ev.request_headers.emplace_back("Content-Type", sent.content_type);
    ev.request_body = masked_body(sent.body, sent.content_type, masks);
    if (res) {
      ev.status = res->status;
      ev.response_headers = masked_headers(res->headers, masks);
      ev.response_body = masked_body(res->body, res->header("Content-Type"), masks);
    } else {
      ev.failure = res.error();
      redact(*ev.failure, secrets);
    }
    ev.duration = took;
    opt_.on_wire(ev);
  }

  // a - b and a + b, saturated at the int64 limits (token expiries come from the server).
  static std::int64_t sat_sub(std::int64_t a, std::int64_t b) {
    using lim = std::numeric_limits<std::int64_t>;
    if (b > 0 && a < lim::min() + b) return lim::min();
    if (b < 0 && a > lim::max() + b) return lim::max();
    return a - b;
  }
  static std::int64_t sat_add(std::int64_t a, std::int64_t b) {
    using lim = std::numeric_limits<std::int64_t>;
    if (b > 0 && a > lim::max() - b) return lim::max();
    if (b < 0 && a < lim::min() - b) return lim::min();
    return a + b;
  }

  std::chrono::milliseconds next_backoff(int failures) {
    std::lock_guard<std::mutex> lock(mu_);
    return opt_.backoff.delay(failures, rng_);
  }

  context context_locked() const {
    context ctx;
    if (!opt_.auth_url.empty()) ctx.set_root(std::string(roots::auth::name), opt_.auth_url);
    if (!endpoint_url_.empty()) ctx.set_variable("endpointUrl", endpoint_url_);
    for (const auto& [root, url] : moved_roots_) ctx.set_root(root, url);
    for (const auto& [name, value] : opt_.headers) ctx.set_header(name, value);
    return ctx;
  }

  void adopt_refresh_token(const std::string& token) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (token.empty() || token == refresh_token_) return;
      refresh_token_ = token;
    }
    if (opt_.on_refresh_token) opt_.on_refresh_token(token);
  }

  // A valid access token: the cached one, or a fresh one. With `stale` set (after a 401), the
  // token that was refused is replaced, unless another thread has replaced it already.
  result<std::string> access_token(clock::time_point deadline, const std::string* stale) {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      if (stale && *stale == access_token_) renew_at_ms_ = 0;
      stale = nullptr;
      if (!access_token_.empty() && opt_.now_ms() < renew_at_ms_) return access_token_;
      if (!renewing_) break;
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout)
        return budget_error("GenerateAccessToken", opt_.call_timeout);
    }
    renewing_ = true;
    GenerateAccessTokenRequest req;
    req.applicationId = opt_.application_id;
    req.applicationSecret = opt_.application_secret;
    req.refreshToken = refresh_token_;
    lock.unlock();
    auto granted = run<ops::GenerateAccessToken>(req, deadline);
    lock.lock();
    renewing_ = false;
    cv_.notify_all();
    if (!granted) return std::move(granted).error();
    // The access token goes to endpointUrl: never in plaintext when the grant came over https.
    if (auto auth = context_locked().root_url(ops::GenerateAccessToken::root,
                                              ops::GenerateAccessToken::root_url);
        auth && auth->compare(0, 8, "https://") == 0) {
      auto endpoint = split_base_url(granted->endpointUrl);
      if (endpoint && endpoint->origin.compare(0, 8, "https://") != 0) {
        error e;
        e.kind = error_kind::refused;
        e.message = "GenerateAccessToken: endpointUrl " + endpoint->origin +
                    " refused: the grant came over https, and the access token would go over http";
        lock.unlock();
        if (granted->refreshToken)
          adopt_refresh_token(*granted->refreshToken);  // the old one is spent
        return e;
      }
    }
    ++renewals_;
    std::int64_t now = opt_.now_ms();
    access_token_ = granted->accessToken;
    // Saturating: any accessTokenExpiry, INT64_MIN and INT64_MAX included, is harmless. A token
    // is kept at least min_token_use, so an expiry in the past costs one renewal per
    // min_token_use, not one per call.
    std::int64_t expiry = granted->accessTokenExpiry;
    std::int64_t life = sat_sub(expiry, now);
    std::int64_t margin =
        std::clamp<std::int64_t>(life / 2, 0, std::max<std::int64_t>(opt_.renew_margin.count(), 0));
    renew_at_ms_ = std::max(sat_sub(expiry, margin), sat_add(now, min_token_use_ms));
    endpoint_url_ = granted->endpointUrl;
    moved_roots_.erase(std::string(endpoint_root));  // the new endpointUrl supersedes a 308
    std::string token = access_token_;
    lock.unlock();
    if (granted->refreshToken) adopt_refresh_token(*granted->refreshToken);
    return token;
  }

  // The root a 308 points at (docs/kaizala-api.md §10): if Location is the full URL of the request,
  // the part before the op's own path; otherwise Location itself is the new base.
  static std::string moved_root(std::string_view location, std::string_view old_root,
                                std::string_view op_path) {
    std::string_view loc = location.substr(0, location.find_first_of("?#"));
    if (!op_path.empty() && loc.size() > op_path.size() &&
        loc.substr(loc.size() - op_path.size()) == op_path)
      loc.remove_suffix(op_path.size());
    while (!loc.empty() && loc.back() == '/') loc.remove_suffix(1);
    std::string root(loc);
    auto old = split_base_url(old_root);
    if (old && !old->path.empty() &&
        (root.size() < old->path.size() ||
         root.compare(root.size() - old->path.size(), old->path.size(), old->path) != 0))
      root += old->path;
    return root;
  }

  template <class Op>
  result<typename Op::response> run(const typename Op::request& req, clock::time_point deadline) {
    const bool idempotent =
        opt_.idempotency ? opt_.idempotency(Op::name, Op::idempotent) : Op::idempotent;
    int attempt = 0, failures = 0, hops = 0, throttled_attempts = 0;
    bool renewed = false;
    std::chrono::milliseconds throttled{0};
    for (;;) {
      std::string token;  // first: a grant may bring the endpoint the context needs
      if constexpr (!Op::auth_header.empty()) {
        auto t = access_token(deadline, nullptr);
        if (!t) return std::move(t).error();
        token = std::move(*t);
      }
      context ctx;
      {
        std::lock_guard<std::mutex> lock(mu_);
        ctx = context_locked();
      }
      // The token is the credential of this API's scheme only (credentials are keyed per API).
      if constexpr (!Op::auth_header.empty())
        ctx.set_credential(std::string(detail::api_of<Op>),
                           std::string(detail::auth_schemes_of<Op>::data[0].name), token);
      auto http = build_request<Op>(ctx, req);
      if (!http) return std::move(http).error();
      auto remaining =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
      if (remaining.count() <= 0) return budget_error(Op::name, opt_.call_timeout);
      http->timeout = remaining;
      const auto secrets = detail::secrets_of<Op>(ctx, req);

      const auto started = clock::now();
      result<http_response> res = [&] {
        lease t(*this);
        return (*t).send(*http);
      }();
      ++attempt;
      if (opt_.on_call) {
        call_event ev;
        ev.op = Op::name;
        ev.method = Op::method;
        ev.path = http->target.substr(0, http->target.find('?'));
        ev.attempt = attempt;
        ev.status = res ? res->status : 0;
        if (!res)
          ev.error = res.error().kind;
        else if (res->status < 200 || res->status >= 300)
          ev.error = error_kind::http_status;
        ev.duration = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
        opt_.on_call(ev);
      }
      if (opt_.on_wire)
        report_wire<Op>(
            *http, res, attempt,
            std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started), secrets);

      if (!res) {
        error e = std::move(res).error();
        redact(e, secrets);
        bool may_repeat = opt_.retry.is_transient(e) && (idempotent || e.not_sent);
        if (!may_repeat) {
          if (!idempotent && !e.not_sent)
            e.message = "outcome unknown: " + e.message + "; " + std::string(Op::name) +
                        " is not idempotent, so it was not sent again (check before repeating it)";
          return e;
        }
        if (++failures >= opt_.retry.max_attempts ||
            !wait(planned(Op::name, attempt, wait_reason::retry, next_backoff(failures)), deadline))
          return e;
        ++retries_;
        continue;
      }

      const http_response& hr = *res;
      if (hr.status == 401 && !Op::auth_header.empty() && !renewed) {
        renewed = true;  // a renewal, not a retry: the token was refused, not the call
        auto t = access_token(deadline, &token);
        if (!t) return std::move(t).error();
        continue;
      }
      if (hr.status == 308 && !hr.header("Location").empty() && hops < opt_.max_redirects) {
        auto old_root = ctx.root_url(Op::root, Op::root_url);
        auto old_base = old_root ? split_base_url(*old_root) : result<url_parts>(old_root.error());
        std::string_view target = std::string_view(http->target).substr(0, http->target.find('?'));
        std::string_view op_path =
            old_base ? target.substr(std::min(old_base->path.size(), target.size())) : target;
        std::string root = moved_root(hr.header("Location"), old_root ? *old_root : "", op_path);
        if (auto moved = split_base_url(root)) {
          // Credentials follow the root: a 308 may only move it where the user allows.
          if (!old_base ||
              !redirect_allowed(old_base->origin, moved->origin, opt_.redirect_allow)) {
            auto failure = detail::status_error(hr, secrets);
            error e = std::move(*failure);
            e.kind = error_kind::refused;
            e.message =
                std::string(Op::name) + ": 308 redirect to " + moved->origin + " refused: " +
                (old_base && moved->origin.compare(0, moved->origin.find(':'), old_base->origin, 0,
                                                   old_base->origin.find(':')) != 0
                     ? "it changes the scheme"
                     : "origin not allowed (add it to session_options::redirect_allow to follow "
                       "it)");
            redact(e, secrets);
            return e;
          }
          ++hops;
          ++redirects_;
          std::lock_guard<std::mutex> lock(mu_);
          moved_roots_[std::string(Op::root)] = root;
          continue;
        }
      }
      if (hr.status == 429 && ++throttled_attempts <= opt_.retry.max_throttled_attempts) {
        // Throttled requests were not processed, so even a POST may be sent again.
        auto after = parse_retry_after(
            hr.header("Retry-After"),
            std::chrono::system_clock::time_point(std::chrono::milliseconds(opt_.now_ms())));
        std::chrono::milliseconds delay = after ? *after : next_backoff(throttled_attempts);
        delay = std::max(delay, opt_.retry.min_throttle_wait);
        if (throttled + delay <= opt_.retry.max_throttle_wait &&
            wait(planned(Op::name, attempt, wait_reason::throttled, delay, 429, after.has_value()),
                 deadline)) {
          throttled += delay;
          ++retries_;
          continue;
        }
      }
      auto out = read_response<Op>(hr, secrets);
      if (!out && idempotent && out.error().kind == error_kind::http_status &&
          opt_.retry.is_transient(out.error()) && ++failures < opt_.retry.max_attempts &&
          wait(planned(Op::name, attempt, wait_reason::retry, next_backoff(failures), hr.status),
               deadline)) {
        ++retries_;
        continue;
      }
      return out;
    }
  }

  session_options opt_;
  std::function<Transport()> make_transport_;

  mutable std::mutex mu_;  // guards everything below up to pool_mu_
  std::condition_variable cv_;
  bool renewing_ = false;
  std::string refresh_token_;
  std::string access_token_;
  std::int64_t renew_at_ms_ = 0;
  std::string endpoint_url_;
  std::map<std::string, std::string> moved_roots_;  // root name -> base URL, from 308s
  std::minstd_rand rng_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Transport>> idle_;

  std::atomic<std::uint64_t> calls_{0}, renewals_{0}, retries_{0}, redirects_{0};
};

// A session over cpp-httplib, configured by session_options::http.
class session : public basic_session<httplib_transport> {
 public:
  explicit session(session_options opt)
      : basic_session<httplib_transport>(opt,
                                         [http = opt.http] { return httplib_transport(http); }) {}
};

}  // namespace kaizala
