// kaizala/emulator/server.hpp: an in-process Kaizala service for tests and local runs.
//
//   kaizala::emulator::options opt;
//   opt.fixed_pin = "4821";
//   kaizala::emulator::server emu(opt);
//   if (auto port = emu.start(); !port) die(port.error().to_string());
//   ctx.set_root("auth", emu.base_url() + "/v1").set_variable("endpointUrl", emu.base_url());
//
// A real HTTP server (cpp-httplib) serving all 28 operations from one base URL, with the auth flow,
// an in-memory model of groups, members, subscribers, messages, media, actions, responses and
// webhooks, optional persistence, throttling, endpoint moves and fault injection. Requests are
// read and responses written through the generated types, like the client does.
#pragma once

#include <kaizala/emulator/options.hpp>
#include <kaizala/http.hpp>
#include <kaizala/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::emulator {

// One HTTP request as the emulator's router sees it once the bytes are parsed (see server::handle).
struct parsed_request {
  std::string method;  // as sent: "GET", "POST", anything
  std::string target;  // the raw request target: path and query, still percent-encoded
  http_headers headers;
  std::string body;  // decoded: no chunked framing, no content coding; multipart bodies as sent
};

// The emulator's answer to a parsed_request. `dropped`: the connection would be closed unanswered.
struct parsed_response {
  int status = 0;
  http_headers headers;  // Content-Type included
  std::string body;
  bool dropped = false;
};

// One webhook callback attempt, as server::webhook_delivery_log() lists it.
struct webhook_delivery {
  std::string webhook_id;
  int attempt = 1;      // 1 = the first try, 2 = the first retry, ...
  int status = 0;       // the callback's HTTP status; 0 = no answer (refused, timeout, bad URL)
  bool ok = false;      // a 2xx
  std::int64_t at = 0;  // epoch ms (the emulator's clock)
};

// Whether the admin API (admin_prefix) is served under `o`: always with an admin_token, otherwise
// only when o.host is loopback (127.x.x.x, localhost, ::1), and never with o.admin_api false.
bool admin_api_enabled(const options& o);

class server {
 public:
  explicit server(options opt = {});
  ~server();  // stops
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Loads the state file (if any), binds and serves on a background thread. Returns the port, or an
  // error for a bind failure, a bad TLS certificate or a corrupt state file (never a silent reset).
  kaizala::result<int> start();
  // Stops serving and joins the threads (webhook deliveries still queued are dropped). Idempotent.
  void stop();
  // "http://127.0.0.1:PORT" ("https://..." with TLS); empty before start().
  std::string base_url() const;

  // Answers one request exactly as the HTTP server does after parsing it (routing, faults, auth,
  // throttling, the op, the body limit), without a socket: for fuzzers and tests. Thread-safe;
  // works before start() (media URLs then have an empty base). A multipart body is parsed here.
  // Delay faults wait here (bounded like over HTTP).
  parsed_response handle(const parsed_request& request);

  // Operator switches: thread-safe, callable while serving.

  // The last PIN issued for (mobile, applicationId), if any.
  std::optional<std::string> last_pin(std::string_view mobile,
                                      std::string_view application_id) const;
  // While set, data calls on the old base answer 308 with `Location: new_base_url`; the new base is
  // served normally when it is this server under another host name or under a path prefix
  // ("http://127.0.0.1:PORT/moved"). GenerateAccessToken
  // returns it as endpointUrl. "" = stop moving.
  void move_endpoint(std::string new_base_url);
  void set_throttle(throttle_options t);
  // Every access token issued so far becomes invalid (401).
  void revoke_access_tokens();
  void add_fault(fault f);
  fault_stats faults() const;
  // Requests seen per op name (after routing, before
  // auth/faults decide anything), to prove retries.
  std::map<std::string, int> op_calls() const;
  // Successful GenerateAccessToken calls (to count renewals).
  std::size_t token_grants() const;
  // Webhook deliveries: attempts made (successful or not) and attempts that got a 2xx.
  std::size_t webhook_attempts() const;
  std::size_t webhook_deliveries() const;
  // The last 1000 callback attempts, oldest first.
  std::vector<webhook_delivery> webhook_delivery_log() const;

  // Drops queued faults (their counts included; header_injected is kept).
  void clear_faults();
  throttle_options throttle_settings() const;
  // The URL move_endpoint set; "" when not moved.
  std::string moved_endpoint() const;
  // Moves the emulator's clock forward (tokens, PINs, lockouts and throttle windows see it);
  // the offset adds to options::clock_ms when that is set. Negative steps count as 0; the offset
  // stops growing at 100 years.
  void advance_clock(std::chrono::milliseconds by);
  // The emulator's clock: epoch ms.
  std::int64_t now_ms() const;
  // Back to an empty start: the model (and the state file), PINs, queued faults and their counts,
  // op counters, throttle windows, the endpoint move, the delivery log and pending deliveries.
  // Options, throttle settings and the clock offset stay.
  void reset();

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kaizala::emulator
