// kaizala/webhook.hpp: receiving Kaizala webhook events (docs/kaizala-api.md §16).
//
//   kaizala::webhook_receiver::options opt;
//   opt.callback_token = "my-token";
//   kaizala::webhook_receiver hooks(opt, [](const kaizala::Event& e) {
//     if (e.eventType == kaizala::EventType::TextMessageCreated)
//       if (auto d = kaizala::event_data<kaizala::TextMessageCreatedData>(e)) use(d->text);
//     return true;   // handled; false (or a throw) answers 500 and the service retries
//   });
//   hooks.start();   // then register hooks.url() with SubscribeToAllEvents
//
// What the receiver promises, whoever sends to it:
// - It answers the validation handshake (GET ?validationToken=... echoed as plain text).
// - A callback POST must carry the subscription's kz-callback-token; it is compared in constant
//   time and checked before any of the body is read (401 otherwise). start() refuses an empty
//   callback_token unless allow_without_token says so.
// - A body is at most max_body_bytes (default 1 MiB) as the handler would see it: after chunked
//   transfer coding and gzip/deflate/br content coding are undone; above it the answer is 413 and
//   reading stops. An eventId longer than 256 bytes is refused (400).
// - Delivery is at least once: an eventId is remembered (the last remembered_events of them) only
//   after the handler succeeded, so a retried delivery of a failed event reaches the handler again,
//   while a repeat of a handled one is answered 200 without calling it. A repeat that arrives while
//   the first copy is still being handled gets 503 (Retry-After: 1), so the handler never runs
//   twice at once for one eventId. Memory is bounded by remembered_events and the server's threads.
// - The handler runs on the server's threads, possibly several at once for different events.
// - Sockets are TCP_NODELAY; everything stays on the host given (127.0.0.1 by default).
#pragma once

#include <kaizala/generated/types.hpp>
#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/server/read_request.hpp>

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

namespace kaizala {

// Reads an event's `data` as the type its eventType documents (e.g. TextMessageCreatedData).
template <class T>
result<T> event_data(const Event& e, const decode_options& opt = {}) {
  return from_json_value<T>(e.data, opt);
}

namespace detail {

// Equal strings, in a time that depends on the lengths only, not on where they differ.
inline bool constant_time_equals(std::string_view got, std::string_view expected) noexcept {
  unsigned char diff = got.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    unsigned char g = i < got.size() ? static_cast<unsigned char>(got[i]) : 0;
    diff = static_cast<unsigned char>(diff | (g ^ static_cast<unsigned char>(expected[i])));
  }
  return diff == 0;
}

}  // namespace detail

class webhook_receiver {
 public:
  struct options {
    std::string host = "127.0.0.1";
    int port = 0;  // 0 = any free port
    std::string path = "/kaizala/events";
    std::string callback_token;  // the callBackToken given at subscription; required...
    bool allow_without_token =
        false;  // ...unless this is set: then an empty callback_token checks nothing
    std::size_t max_body_bytes = 1u << 20;  // a larger (decoded) body gets 413
    std::size_t remembered_events = 1024;   // eventIds kept to drop repeated deliveries
  };

  // One answer of the receiver (what handle() returns; over HTTP it is the response).
  struct reply {
    reply() = default;
    reply(int status_code, std::string text) : status(status_code), body(std::move(text)) {}
    int status = 200;
    std::string body;
    std::string content_type = "text/plain";
    http_headers headers;
  };

  // The handler is called once per new event. It returns true when the event is handled, or
  // false to fail the delivery (500, the eventId is not remembered, a retry is let through); a
  // handler that returns void succeeds unless it throws.
  template <class F, std::enable_if_t<std::is_invocable_v<F&, const Event&>, int> = 0>
  webhook_receiver(options opt, F on_event) : opt_(std::move(opt)) {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, const Event&>>) {
      on_event_ = [f = std::move(on_event)](const Event& e) mutable {
        f(e);
        return true;
      };
    } else {
      on_event_ = [f = std::move(on_event)](const Event& e) mutable {
        return static_cast<bool>(f(e));
      };
    }
    install_routes();
  }
  ~webhook_receiver() { stop(); }
  webhook_receiver(const webhook_receiver&) = delete;
  webhook_receiver& operator=(const webhook_receiver&) = delete;

  // Starts serving on a background thread; returns the port. Fails (invalid_request) when
  // callback_token is empty and allow_without_token is not set, or when it cannot listen.
  result<int> start() {
    if (opt_.callback_token.empty() && !opt_.allow_without_token) {
      error e;
      e.kind = error_kind::invalid_request;
      e.message =
          "webhook receiver: options.callback_token is empty; set the callBackToken you subscribe "
          "with "
          "(or set allow_without_token to accept callbacks from anyone)";
      return e;
    }
    int port = opt_.port == 0 ? server_.bind_to_any_port(opt_.host)
                              : (server_.bind_to_port(opt_.host, opt_.port) ? opt_.port : -1);
    if (port <= 0) {
      error e;
      e.kind = error_kind::transport;
      e.message =
          "webhook receiver: cannot listen on " + opt_.host + ":" + std::to_string(opt_.port);
      return e;
    }
    port_ = port;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return port;
  }

  void stop() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }

  // The callBackUrl to register.
  std::string url() const {
    return "http://" + opt_.host + ":" + std::to_string(port_) + opt_.path;
  }

  // Answers one request the way the server does, without a socket (tests, fuzzers): `target` is
  // the raw path and query, `body` the decoded body. Thread-safe; usable without start().
  reply handle(std::string_view method, std::string_view target, const http_headers& headers,
               std::string_view body) {
    if (auto refused = check_before_body(method, target, headers)) return std::move(*refused);
    if (method == "GET") return validation(target);
    if (body.size() > opt_.max_body_bytes) return too_large();
    return receive(body);
  }

  // The checks made before any of the body is read: the path, the method and, for a POST, the
  // callback token. nullopt = go ahead.
  std::optional<reply> check_before_body(std::string_view method, std::string_view target,
                                         const http_headers& headers) const {
    std::string_view path = target.substr(0, target.find('?'));
    if (path != opt_.path) return reply{404, "no webhook receiver at this path"};
    if (method == "GET") return std::nullopt;
    if (method != "POST") {
      reply r{405, "use POST for events, GET for the validation handshake"};
      r.headers.emplace_back("Allow", "GET, POST");
      return r;
    }
    if (!authorized(find_header(headers, "kz-callback-token")))
      return reply{401, "kz-callback-token is missing or wrong"};
    return std::nullopt;
  }

 private:
  static constexpr std::size_t max_event_id_length = 256;

  bool authorized(std::string_view token) const {
    if (opt_.callback_token.empty()) return opt_.allow_without_token;
    return detail::constant_time_equals(token, opt_.callback_token);
  }

  reply too_large() const {
    return reply{413, "the body is larger than " + std::to_string(opt_.max_body_bytes) + " bytes"};
  }

  static reply validation(std::string_view target) {
    std::size_t q = target.find('?');
    if (q != std::string_view::npos)
      for (auto& kv : parse_query(target.substr(q + 1)))
        if (kv.first == "validationToken") return reply{200, std::move(kv.second)};
    return reply{400, "validationToken is missing"};
  }

  reply receive(std::string_view body) {
    auto e = from_json<Event>(body);
    if (!e) return reply{400, e.error().message};
    if (!e->eventId) return deliver(*e);
    if (e->eventId->size() > max_event_id_length)
      return reply{400, "eventId: longer than " + std::to_string(max_event_id_length) + " bytes"};
    switch (claim(*e->eventId)) {
      case claim_result::seen:
        return reply{200, ""};  // already handled
      case claim_result::busy: {
        reply r{503, "this eventId is being handled; retry later"};
        r.headers.emplace_back("Retry-After", "1");
        return r;
      }
      case claim_result::fresh:
        break;
    }
    // Whatever happens in the handler (a throw included), the claim is released; the eventId is
    // remembered only when it succeeded.
    struct release {
      webhook_receiver& self;
      const std::string& id;
      bool ok = false;
      ~release() { self.finish(id, ok); }
    } guard{*this, *e->eventId};
    reply r = deliver(*e);
    guard.ok = r.status == 200;
    return r;
  }

  reply deliver(const Event& e) {
    if (!on_event_(e)) return reply{500, "the event handler failed; the delivery may be retried"};
    return reply{200, ""};
  }

  enum class claim_result { fresh, seen, busy };

  claim_result claim(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    if (seen_.count(id) != 0) return claim_result::seen;
    if (!in_flight_.insert(id).second) return claim_result::busy;
    return claim_result::fresh;
  }

  void finish(const std::string& id, bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    in_flight_.erase(id);
    if (!ok || opt_.remembered_events == 0 || !seen_.insert(id).second) return;
    order_.push_back(id);
    while (order_.size() > opt_.remembered_events) {
      seen_.erase(order_.front());
      order_.pop_front();
    }
  }

  static http_headers headers_of(const httplib::Request& req) {
    http_headers out;
    for (const auto& h : req.headers) out.emplace_back(h.first, h.second);
    return out;
  }

  static void write(const reply& r, httplib::Response& res) {
    res.status = r.status;
    for (const auto& h : r.headers) res.set_header(h.first.c_str(), h.second);
    res.set_content(r.body, r.content_type.c_str());
  }

  void install_routes() {
    server_.set_tcp_nodelay(true);
    server_.set_payload_max_length(opt_.max_body_bytes);  // a Content-Length above it: 413 unread
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      write(handle(req.method, req.target, headers_of(req), {}), res);
    });
    // POSTs are read through a ContentReader: the token is checked before the body is read, and
    // the decoded body is counted as it arrives (httplib's own limit misses chunked bodies and
    // what gzip expands to).
    auto post = [this](const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& read) {
      http_headers headers = headers_of(req);
      if (auto refused = check_before_body(req.method, req.target, headers)) {
        res.set_header("Connection", "close");  // the unread body must not be taken for a request
        return write(*refused, res);
      }
      if (req.is_multipart_form_data()) {
        res.set_header("Connection", "close");
        return write(reply{415, "events are JSON, not multipart/form-data"}, res);
      }
      std::string body;
      bool over = false;
      bool complete = read([&](const char* data, std::size_t n) {
        if (n > opt_.max_body_bytes - body.size()) return !(over = true);
        body.append(data, n);
        return true;
      });
      if (over || res.status == 413) return write(too_large(), res);
      if (!complete) return write(reply{400, "the body cannot be read"}, res);
      write(handle(req.method, req.target, headers, body), res);
    };
    server_.Post(".*", post);
    server_.Put(".*", post);
    server_.Patch(".*", post);
    server_.Delete(".*", post);
  }

  options opt_;
  std::function<bool(const Event&)> on_event_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::set<std::string> seen_, in_flight_;
  std::deque<std::string> order_;
};

}  // namespace kaizala
