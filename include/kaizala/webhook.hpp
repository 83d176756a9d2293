// kaizala/webhook.hpp: receiving Kaizala webhook events (REFERENCE §8).
//
//   kaizala::webhook_receiver::options opt;
//   opt.callback_token = "my-token";
//   kaizala::webhook_receiver hooks(opt, [](const kaizala::Event& e) {
//     if (e.eventType == kaizala::EventType::TextMessageCreated)
//       if (auto d = kaizala::event_data<kaizala::TextMessageCreatedData>(e)) use(d->text);
//   });
//   hooks.start();   // then register hooks.url() with SubscribeToAllEvents
//
// It answers the service's validation handshake (GET ?validationToken=... echoed as plain text),
// refuses callbacks without the subscription's kz-callback-token, decodes each event and skips
// repeats of an eventId it has just seen (delivery is at least once).
#pragma once

#include <kaizala/generated/types.hpp>
#include <kaizala/json.hpp>

#include <httplib.h>

#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace kaizala {

// Reads an event's `data` as the type its eventType documents (e.g. TextMessageCreatedData).
template <class T>
result<T> event_data(const Event& e, const decode_options& opt = {}) {
  return from_json_value<T>(e.data, opt);
}

class webhook_receiver {
 public:
  struct options {
    std::string host = "127.0.0.1";
    int port = 0;                      // 0 = any free port
    std::string path = "/kaizala/events";
    std::string callback_token;        // the callBackToken given at subscription; "" = not checked
    std::size_t remembered_events = 1024;  // eventIds kept to drop repeated deliveries
  };

  webhook_receiver(options opt, std::function<void(const Event&)> on_event)
      : opt_(std::move(opt)), on_event_(std::move(on_event)) {
    server_.Get(opt_.path, [this](const httplib::Request& req, httplib::Response& res) {
      // The validation handshake: echo the token as the plain-text body.
      if (!req.has_param("validationToken")) {
        res.status = 400;
        return;
      }
      res.set_content(req.get_param_value("validationToken"), "text/plain");
    });
    server_.Post(opt_.path, [this](const httplib::Request& req, httplib::Response& res) {
      if (!opt_.callback_token.empty() && req.get_header_value("kz-callback-token") != opt_.callback_token) {
        res.status = 401;
        return;
      }
      auto e = from_json<Event>(req.body);
      if (!e) {
        res.status = 400;
        res.set_content(e.error().message, "text/plain");
        return;
      }
      if (e->eventId && !first_delivery(*e->eventId)) return;  // 200: already handled
      on_event_(*e);
    });
  }
  ~webhook_receiver() { stop(); }
  webhook_receiver(const webhook_receiver&) = delete;
  webhook_receiver& operator=(const webhook_receiver&) = delete;

  // Starts serving on a background thread; returns the port.
  result<int> start() {
    int port = opt_.port == 0 ? server_.bind_to_any_port(opt_.host)
                              : (server_.bind_to_port(opt_.host, opt_.port) ? opt_.port : -1);
    if (port <= 0) {
      error e;
      e.kind = error_kind::transport;
      e.message = "webhook receiver: cannot listen on " + opt_.host + ":" + std::to_string(opt_.port);
      return e;
    }
    port_ = port;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return port;
  }

  void stop() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }

  // The callBackUrl to register.
  std::string url() const { return "http://" + opt_.host + ":" + std::to_string(port_) + opt_.path; }

 private:
  bool first_delivery(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!seen_.insert(id).second) return false;
    order_.push_back(id);
    if (order_.size() > opt_.remembered_events) {
      seen_.erase(order_.front());
      order_.pop_front();
    }
    return true;
  }

  options opt_;
  std::function<void(const Event&)> on_event_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::set<std::string> seen_;
  std::deque<std::string> order_;
};

}  // namespace kaizala
