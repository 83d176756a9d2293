// An httplib::Server on 127.0.0.1 that records each request exactly as it
// arrived and answers with a canned response. Started and stopped by RAII.
#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace test_support {

struct recorded_request {
  std::string method;
  std::string target;  // raw, as on the request line: path and query, still percent-encoded
  httplib::Headers headers;
  std::string body;
  httplib::MultipartFormDataMap files;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);  // httplib's Headers compare names case-insensitively
    return it == headers.end() ? "" : it->second;
  }
};

class recording_server {
 public:
  recording_server() {
    // httplib parses multipart bodies into req.files (req.body is then empty); both are kept.
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back({req.method, req.target, req.headers, req.body, req.files});
      canned c = queue_.empty() ? canned{status_, body_, response_headers_} : queue_.front();
      if (!queue_.empty()) queue_.erase(queue_.begin());
      res.status = c.status;
      for (const auto& h : c.headers) res.set_header(h.first, h.second);
      res.set_content(c.body, content_type_);
    };
    const char* pattern = R"(/.*)";
    server_.Get(pattern, handler);
    server_.Post(pattern, handler);
    server_.Put(pattern, handler);
    server_.Delete(pattern, handler);
    server_.Patch(pattern, handler);
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the thread enters its accept loop would be lost; wait for it (bounded).
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~recording_server() {
    server_.stop();
    thread_.join();
  }

  // The next responses: status, body, extra headers.
  void respond(int status, std::string body, httplib::Headers headers = {},
               std::string content_type = "application/json; charset=utf-8") {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = status;
    body_ = std::move(body);
    response_headers_ = std::move(headers);
    content_type_ = std::move(content_type);
  }

  // Answers the next request with this, once, before falling back to respond()'s answer.
  void then(int status, std::string body, httplib::Headers headers = {}) {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back({status, std::move(body), std::move(headers)});
  }

  std::vector<recorded_request> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  recorded_request last() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.empty() ? recorded_request{} : requests_.back();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<recorded_request> requests_;
  int status_ = 200;
  std::string body_ = "{}";
  std::string content_type_ = "application/json; charset=utf-8";
  httplib::Headers response_headers_;
  struct canned {
    int status;
    std::string body;
    httplib::Headers headers;
  };
  std::vector<canned> queue_;
};

}  // namespace test_support
