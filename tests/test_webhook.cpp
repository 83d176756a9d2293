// kaizala::webhook_receiver: the validation handshake, the callback token, decoding of the
// documented event samples, and dropping repeated deliveries.
#include <kaizala/webhook.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
