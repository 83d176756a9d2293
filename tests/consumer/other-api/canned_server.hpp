// canned_server: an httplib::Server on 127.0.0.1 (a free port) that answers "METHOD /path" with a
// canned JSON body and keeps the last request, so a program can check what went over the wire.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

class canned_server {
 public:
  struct seen {
    std::string method, target, body;
    httplib::Headers headers;
    std::string header(const std::string& name) const {
      auto it = headers.find(name);
      return it == headers.end() ? "" : it->second;
    }
  };

  canned_server() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      last_ = {req.method, req.target, req.body, req.headers};
      auto it = answers_.find(req.method + " " + req.path);
      res.status = it == answers_.end() ? 404 : 200;
      res.set_content(it == answers_.end() ? R"({"error":"no such route"})" : it->second,
                      "application/json");
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Delete(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)  // at most 5 s
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~canned_server() {
    server_.stop();
    thread_.join();
  }

  // Answers `method path` (the path decoded, without the query) with `json`.
  void answer(const std::string& method, const std::string& path, std::string json) {
    std::lock_guard<std::mutex> lock(mu_);
    answers_[method + " " + path] = std::move(json);
  }
  seen last() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_;
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::map<std::string, std::string> answers_;
  seen last_;
};
