// kaizala::webhook_receiver: the validation handshake, the callback token, decoding of the
// documented event samples, and dropping repeated deliveries.
#include <kaizala/webhook.hpp>

#include "support/raw_http.hpp"

#include <doctest/doctest.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace {

std::string sample(const std::string& name) {
  std::ifstream in(std::filesystem::path(KAIZALA_SAMPLES_DIR) / name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("webhook_receiver answers the handshake and delivers decoded events once") {
  std::mutex mu;
  std::vector<kaizala::Event> got;
  kaizala::webhook_receiver::options opt;
  opt.callback_token = "tokenToBeVerifiedByCallback";
  kaizala::webhook_receiver hooks(opt, [&](const kaizala::Event& e) {
    std::lock_guard<std::mutex> lock(mu);
    got.push_back(e);
  });
  auto port = hooks.start();
  REQUIRE(port.has_value());
  CHECK(hooks.url() == "http://127.0.0.1:" + std::to_string(*port) + "/kaizala/events");

  httplib::Client cli("127.0.0.1", *port);
  auto v = cli.Get("/kaizala/events?validationToken=abc%20123");
  REQUIRE(v);
  CHECK(v->status == 200);
  CHECK(v->body == "abc 123");
  CHECK(v->get_header_value("Content-Type") == "text/plain");

  std::string body = sample("TextMessageCreated.event.1.json");
  auto no_token = cli.Post("/kaizala/events", body, "application/json");
  REQUIRE(no_token);
  CHECK(no_token->status == 401);

  httplib::Headers h{{"kz-callback-token", opt.callback_token}};
  for (int i = 0; i < 2; ++i) {  // the same event twice: at-least-once delivery
    auto r = cli.Post("/kaizala/events", h, body, "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  auto bad = cli.Post("/kaizala/events", h, R"({"eventType": 7})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body == "eventType: expected string, got number");

  hooks.stop();
  REQUIRE(got.size() == 1);
  CHECK(got[0].eventType == kaizala::EventType::TextMessageCreated);
  auto data = kaizala::event_data<kaizala::TextMessageCreatedData>(got[0]);
  REQUIRE(data.has_value());
  CHECK(data->text == "Test Message");
}

// --- Hardening: the sender may be hostile (tests/support/raw_http.hpp speaks raw bytes). ---

namespace {

struct counting_receiver {
  explicit counting_receiver(kaizala::webhook_receiver::options opt = with_token(),
                             bool fail_first = false)
      : fail_first_(fail_first), hooks(opt, [this](const kaizala::Event&) {
          std::lock_guard<std::mutex> lock(mu);
          ++calls;
          return !(fail_first_ && calls == 1);
        }) {}
  static kaizala::webhook_receiver::options with_token() {
    kaizala::webhook_receiver::options o;
    o.callback_token = "tokenToBeVerifiedByCallback";
    o.max_body_bytes = 4096;
    return o;
  }
  int count() {
    std::lock_guard<std::mutex> lock(mu);
    return calls;
  }
  bool fail_first_;
  std::mutex mu;
  int calls = 0;
  kaizala::webhook_receiver hooks;
};

const httplib::Headers token_header{{"kz-callback-token", "tokenToBeVerifiedByCallback"}};

std::string event_with_id(const std::string& id, std::size_t padding = 0) {
  return R"({"objectId":"g@1","objectType":"Group","eventType":"TextMessageCreated","eventId":")" +
         id + R"(","data":{"text":")" + std::string(padding, 'x') + R"("}})";
}

}  // namespace

TEST_CASE("webhook_receiver refuses to start without a callback token unless told to") {
  kaizala::webhook_receiver::options opt;
  kaizala::webhook_receiver none(opt, [](const kaizala::Event&) {});
  auto r = none.start();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(r.error().message.find("callback_token") != std::string::npos);
  // Even unstarted, an unconfigured receiver accepts no event.
  CHECK(none.handle("POST", opt.path, {}, event_with_id("e1")).status == 401);

  opt.allow_without_token = true;
  kaizala::webhook_receiver open(opt, [](const kaizala::Event&) {});
  CHECK(open.start().has_value());
  CHECK(open.handle("POST", opt.path, {}, event_with_id("e1")).status == 200);
}

TEST_CASE("the callback token is compared exactly (constant-time helper)") {
  using kaizala::detail::constant_time_equals;
  CHECK(constant_time_equals("secret-token", "secret-token"));
  CHECK_FALSE(constant_time_equals("secret-tokeN", "secret-token"));
  CHECK_FALSE(constant_time_equals("secret-token-and-more", "secret-token"));
  CHECK_FALSE(constant_time_equals("secret", "secret-token"));
  CHECK_FALSE(constant_time_equals("", "secret-token"));
  CHECK(constant_time_equals("", ""));
  counting_receiver rx;
  for (const char* wrong :
       {"", "tokenToBeVerifiedByCallbacK", "tokenToBeVerifiedByCallback ", "token"}) {
    CAPTURE(wrong);
    CHECK(rx.hooks
              .handle("POST", "/kaizala/events", {{"kz-callback-token", wrong}}, event_with_id("e"))
              .status == 401);
  }
  CHECK(rx.count() == 0);
}

TEST_CASE("a wrong callback token is refused before the body is read") {
  counting_receiver rx;
  auto port = rx.hooks.start();
  REQUIRE(port.has_value());
  // Announces a megabyte and sends none of it: the answer must not wait for the body.
  test_support::raw_connection c(*port);
  REQUIRE(c.ok());
  REQUIRE(c.send(
      "POST /kaizala/events HTTP/1.1\r\nHost: 127.0.0.1\r\nkz-callback-token: h0stile-guess\r\n"
      "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"));
  std::string answer = c.read_response();
  CHECK(test_support::status_of(answer) == 401);
  CHECK(answer.find("h0stile") == std::string::npos);  // the token sent is not echoed
  CHECK(rx.count() == 0);
}

TEST_CASE("bodies above max_body_bytes get 413: Content-Length, chunked and gzip alike") {
  counting_receiver rx;  // max_body_bytes = 4096
  auto port = rx.hooks.start();
  REQUIRE(port.has_value());
  httplib::Client cli("127.0.0.1", *port);

  auto fits =
      cli.Post("/kaizala/events", token_header, event_with_id("small", 3000), "application/json");
  REQUIRE(fits);
  CHECK(fits->status == 200);

  auto plain =
      cli.Post("/kaizala/events", token_header, event_with_id("big1", 5000), "application/json");
  REQUIRE(plain);
  CHECK(plain->status == 413);

  SUBCASE("chunked") {
    // 1 MB in 1 KB chunks, no Content-Length: the reading stops at the limit.
    test_support::raw_connection c(*port);
    REQUIRE(c.ok());
    std::string head =
        "POST /kaizala/events HTTP/1.1\r\nHost: 127.0.0.1\r\nkz-callback-token: "
        "tokenToBeVerifiedByCallback\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    c.send(head);
    std::string chunk = "400\r\n" + std::string(1024, ' ') + "\r\n";
    for (int i = 0; i < 1000 && c.send(chunk); ++i) {
    }
    c.send("0\r\n\r\n");
    CHECK(test_support::status_of(c.read_response()) == 413);
  }
  SUBCASE("gzip") {
    // 200 KB of spaces compress to a few hundred bytes; what counts is the decoded size.
    httplib::Client gz("127.0.0.1", *port);
    gz.set_compress(true);
    std::string body = event_with_id("bomb", 200'000);
    auto r = gz.Post("/kaizala/events", token_header, body, "application/json");
    REQUIRE(r);
    CHECK(r->status == 413);
  }
  CHECK(rx.count() == 1);
}

TEST_CASE("a failed handler does not mark the event seen: the retried delivery gets through") {
  counting_receiver rx(counting_receiver::with_token(), true);  // the first call fails
  const kaizala::http_headers h{{"kz-callback-token", "tokenToBeVerifiedByCallback"}};
  CHECK(rx.hooks.handle("POST", "/kaizala/events", h, event_with_id("once")).status == 500);
  CHECK(rx.hooks.handle("POST", "/kaizala/events", h, event_with_id("once")).status == 200);
  CHECK(rx.count() == 2);
  CHECK(rx.hooks.handle("POST", "/kaizala/events", h, event_with_id("once")).status == 200);
  CHECK(rx.count() == 2);  // handled: the third copy is dropped
}

TEST_CASE("a repeat that arrives while the first copy is being handled gets 503") {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, release = false;
  int calls = 0;
  kaizala::webhook_receiver hooks(counting_receiver::with_token(), [&](const kaizala::Event&) {
    std::unique_lock<std::mutex> lock(mu);
    ++calls;
    entered = true;
    cv.notify_all();
    cv.wait_for(lock, std::chrono::seconds(20), [&] { return release; });
    return true;
  });
  const kaizala::http_headers h{{"kz-callback-token", "tokenToBeVerifiedByCallback"}};
  int first = 0;
  std::thread t(
      [&] { first = hooks.handle("POST", "/kaizala/events", h, event_with_id("slow")).status; });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(20), [&] { return entered; });
  }
  auto busy = hooks.handle("POST", "/kaizala/events", h, event_with_id("slow"));
  CHECK(busy.status == 503);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  t.join();
  CHECK(first == 200);
  CHECK(hooks.handle("POST", "/kaizala/events", h, event_with_id("slow")).status == 200);
  CHECK(calls == 1);
}

TEST_CASE("webhook_receiver::handle: paths, methods, long eventIds") {
  counting_receiver rx;
  const kaizala::http_headers h{{"kz-callback-token", "tokenToBeVerifiedByCallback"}};
  CHECK(rx.hooks.handle("POST", "/elsewhere", h, event_with_id("a")).status == 404);
  auto put = rx.hooks.handle("PUT", "/kaizala/events", h, event_with_id("a"));
  CHECK(put.status == 405);
  CHECK(kaizala::find_header(put.headers, "Allow") == "GET, POST");
  CHECK(rx.hooks.handle("GET", "/kaizala/events", {}, {}).status == 400);
  CHECK(rx.hooks.handle("GET", "/kaizala/events?validationToken=v%2B1", {}, {}).body == "v+1");
  CHECK(
      rx.hooks.handle("POST", "/kaizala/events", h, event_with_id(std::string(300, 'i'))).status ==
      400);
  CHECK(rx.hooks.handle("POST", "/kaizala/events", h, "not json").status == 400);
  CHECK(rx.hooks.handle("POST", "/kaizala/events", h, event_with_id("a", 5000)).status == 413);
  CHECK(rx.count() == 0);
}

TEST_CASE("the receiver's accepted sockets have TCP_NODELAY") {
  counting_receiver rx;
  auto port = rx.hooks.start();
  REQUIRE(port.has_value());
  test_support::raw_connection c(*port);
  REQUIRE(c.ok());
  // One full exchange on a keep-alive connection, so the server holds the socket afterwards.
  REQUIRE(c.send("GET /kaizala/events?validationToken=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  REQUIRE(test_support::status_of(c.read_response()) == 200);
  auto nodelay = test_support::accepted_socket_nodelay(*port, c.local_port());
  REQUIRE(nodelay.has_value());
  CHECK(*nodelay);
}

#if defined(__cpp_exceptions)
TEST_CASE("a handler that throws does not mark the event seen either") {
  int calls = 0;
  kaizala::webhook_receiver hooks(counting_receiver::with_token(), [&](const kaizala::Event&) {
    if (++calls == 1) throw std::runtime_error("handler failed");
  });
  const kaizala::http_headers h{{"kz-callback-token", "tokenToBeVerifiedByCallback"}};
  CHECK_THROWS(hooks.handle("POST", "/kaizala/events", h, event_with_id("thrown")));
  CHECK(hooks.handle("POST", "/kaizala/events", h, event_with_id("thrown")).status ==
        200);  // not "busy"
  CHECK(hooks.handle("POST", "/kaizala/events", h, event_with_id("thrown")).status == 200);
  CHECK(calls == 2);
}
#endif
