// kaizala/emulator/options.hpp: how a kaizala::emulator::server is configured.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::emulator {

// A connector (an app registered in the Kaizala portal): what GenerateAccessToken checks.
struct connector {
  std::string application_id, application_secret;
  std::string tenant = "default";  // throttling counts per tenant across its connectors
};

// The documented defaults of the demo connector used when options::connectors is empty.
inline constexpr std::string_view demo_application_id = "11111111-2222-3333-4444-555555555555";
inline constexpr std::string_view demo_application_secret = "emulator-demo-secret";

// Calls allowed per sliding minute; over the limit the answer is 429 with Retry-After (seconds).
struct throttle_options {
  bool enabled = true;
  int per_connector_per_minute = 100;
  int per_tenant_per_minute = 300;
};

// Webhook callbacks (docs/kaizala-api.md §16). The service retried 6 times over 2 days, then
// disabled the webhook; the schedule runs on options::clock_ms, so a test with an injected clock
// goes through the two days in moments.
struct webhook_options {
  std::chrono::milliseconds validation_timeout{5000};  // the GET ?validationToken= handshake
  int retries = 6;                                     // after the first attempt; then active=false
  // Retry n waits backoff_base * 2^(n-1); 0 (the default) derives the base from retry_window, so
  // that the last retry falls at its end: window / (2^retries - 1) (45 min 43 s for 6 in 2 days).
  std::chrono::milliseconds backoff_base{0};
  std::chrono::milliseconds retry_window{std::chrono::hours(48)};
  std::chrono::milliseconds delivery_timeout{5000};  // per POST attempt
  bool duplicate_delivery = false;                   // send every event twice (at-least-once)
  std::size_t max_queued_deliveries =
      10'000;  // pending deliveries; past it new events are dropped (logged)
  // Callback URLs must name a loopback host (127.x.x.x, localhost, [::1]) unless this is set, so a
  // client of the emulator cannot make it call other machines.
  bool allow_remote_callbacks = false;
};

// One injected failure. Added with server::add_fault, or per request with the header
// X-Emulator-Fault (see emulator/README.md). Counted in server::faults().
struct fault {
  enum class kind {
    delay,        // wait `delay`, then serve normally
    status,       // answer `status` (with Retry-After when set) without processing
    drop_before,  // close the connection without answering, before processing
    drop_after,   // process the request (state changes!), then close without answering
    truncate,     // process, then answer 200 with the JSON body cut in half
    malformed,    // process, then answer 200 with a body that is not JSON
  };
  std::string op = "*";  // op name ("SendMessage") or "*" for every request
  kind what = kind::status;
  int status = 503;
  std::optional<int> retry_after;    // seconds, for kind::status
  bool retry_after_as_date = false;  // send Retry-After as an HTTP-date (now + retry_after) instead
  std::chrono::milliseconds delay{0};
  int times = 1;  // injections left; the fault expires at 0

  static fault make_status(std::string op, int code, std::optional<int> retry_after = {},
                           int times = 1) {
    fault f;
    f.op = std::move(op), f.what = kind::status, f.status = code, f.retry_after = retry_after,
    f.times = times;
    return f;
  }
  // A 429 (or other status) whose Retry-After is an HTTP-date `seconds` from now (RFC 9110
  // §10.2.3).
  static fault make_status_until(std::string op, int code, int seconds, int times = 1) {
    fault f = make_status(std::move(op), code, seconds, times);
    f.retry_after_as_date = true;
    return f;
  }
  static fault make(std::string op, kind k, int times = 1) {
    fault f;
    f.op = std::move(op), f.what = k, f.times = times;
    return f;
  }
  static fault make_delay(std::string op, std::chrono::milliseconds d, int times = 1) {
    fault f;
    f.op = std::move(op), f.what = kind::delay, f.delay = d, f.times = times;
    return f;
  }
};

// "delay", "status", "drop-before", "drop-after", "truncate", "malformed".
std::string_view to_string(fault::kind k) noexcept;

// What the fault switches did.
struct fault_stats {
  struct entry {
    fault added;   // as added (times = the original count)
    int injected;  // how often it fired
  };
  std::vector<entry> added;  // every add_fault, in order, expired ones included
  int header_injected = 0;   // faults fired from X-Emulator-Fault headers
  int delayed_now = 0;       // requests a delay fault holds at this moment
  int total() const {
    int n = header_injected;
    for (const auto& e : added) n += e.injected;
    return n;
  }
};

// The port kaizala-emulator listens on without --port
// (docs/decisions/0022-emulator-as-a-service.md): "KAIZ" on a phone keypad. In-process servers
// (options::port) keep picking a free port.
inline constexpr int default_port = 5249;

// The admin API's path prefix (emulator/README.md, "Admin API").
inline constexpr std::string_view admin_prefix = "/_emulator/";

// OAuth 2.0 sign-in (OAuthAuthorize, OAuthToken; docs/kaizala-api.md §17.3).
struct oauth_options {
  // The mobile number OAuthAuthorize signs in and approves at once (no browser page); "" = none,
  // and OAuthAuthorize answers 403.
  std::string user;
  // The redirect URLs registered (for every connector): OAuthAuthorize refuses any other
  // redirect_uri with 400, compared exactly.
  std::vector<std::string> redirect_uris;
  std::chrono::milliseconds code_lifetime{std::chrono::minutes(10)};  // codes are also single-use
  std::size_t max_pending_codes = 10'000;  // unused, unexpired codes held at once; more: 429
};

struct options {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = pick a free port
  // The admin API (admin_prefix): served when `host` is loopback, or whatever the host when
  // admin_token is set; a set admin_token must then come in the X-Emulator-Admin-Token header.
  // A secret: never logged or echoed.
  std::string admin_token;
  bool admin_api = true;  // false: no admin API at all (its paths answer 404 like any unknown path)
  std::vector<connector> connectors;  // empty = one demo connector (demo_application_id/secret)
  std::optional<std::string>
      fixed_pin;  // tests: every PIN is this; otherwise 4 random digits, never a leading 0
  std::chrono::milliseconds access_token_lifetime{std::chrono::hours(24)};
  std::chrono::milliseconds refresh_token_lifetime{std::chrono::hours(24 * 365)};
  std::chrono::milliseconds pin_lifetime{std::chrono::minutes(10)};
  // Wrong PINs allowed per (mobile, applicationId) before that pair is locked out for pin_lockout
  // (GeneratePin and GetRefreshToken then answer 429 with Retry-After).
  int max_pin_attempts = 5;
  std::chrono::milliseconds pin_lockout{std::chrono::minutes(15)};
  std::size_t max_pending_pins = 10'000;  // unused, unexpired PINs held at once; more: 429
  // Issue a rotated refreshToken on every GenerateAccessToken. Otherwise one is issued once 90% of
  // the refresh token's life has passed (the documented rule).
  bool rotate_refresh_tokens = false;
  throttle_options throttle;
  std::string state_file;  // "" = in memory only
  std::size_t max_body_bytes =
      16u << 20;  // larger bodies get 413, counted after chunked and gzip/br decoding
  // The media store: uploads past either limit evict the oldest media first; one file larger than
  // max_media_bytes is refused (413).
  std::size_t max_media_bytes = 64u << 20;
  std::size_t max_media_files = 10'000;
  // Messages kept per group (no op reads them back; the newest are kept).
  std::size_t kept_messages_per_group = 1000;
  // X-Emulator-Fault is honoured only on requests that
  // carry a valid accessToken, unless this is set.
  bool fault_header_without_token = false;
  // Requests a delay fault may hold at once (more get 503 at once); delays are at most 60 s and end
  // early on stop(). Keeps delayed requests from taking every server thread.
  int max_delayed_requests = 4;
  int threads = 16;  // HTTP worker threads
  std::size_t max_array_items =
      100;  // AddMembers/AddSubgroup/(Add|Remove)Subscribers (undocumented; by analogy)
  // Refuse every request form the real service took but the docs do not write (emulator/README.md,
  // "What it accepts"): Json.NET-style bodies, keys in another case or unknown, query names in
  // another case or aliases, `Authorization: Bearer`. For testing a client's own strictness.
  bool strict = false;
  std::string tls_cert_file, tls_key_file;  // both set = serve https
  webhook_options webhooks;
  oauth_options oauth;
  std::function<void(std::string_view line)> log;  // one line per request; default stderr
  std::function<std::int64_t()> clock_ms;          // epoch ms; default the system clock
};

}  // namespace kaizala::emulator
