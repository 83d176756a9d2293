// The emulator facing hostile clients: body limits after chunked and gzip decoding, the bounded
// media store, PIN lockout and purging, credentials from the CSPRNG, X-Emulator-Fault only for
// signed-in callers, bounded delays, TCP_NODELAY, and the socketless server::handle entry point.
#include "support/emulator_fixture.hpp"
#include "support/raw_http.hpp"

#include <kaizala/kaizala.hpp>
#include <kaizala/webhook.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

const std::string app(emulator::demo_application_id);

emulator::options small_bodies() {
  auto o = test_support::quiet_options();
  o.max_body_bytes = 4096;
  return o;
}

httplib::Headers auth(const emulator_fixture& f) { return {{"accessToken", f.access_token}}; }

std::string message_body(std::size_t padding) {
  return R"({"message":")" + std::string(padding, ' ') + R"(x"})";
}

std::string make_group(emulator_fixture& f) {
  auto r = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", {}, {}});
  REQUIRE(r.has_value());
  return r->groupId;
}

// The id in a mediaResource's Url (base64 of {"Files": [{"Url": ".../emulator/media/<id>"}]}).
std::string media_path(const std::string& resource) {
  std::string json;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : resource) {
    auto at = std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                  .find(ch);
    if (at == std::string_view::npos) break;
    acc = acc << 6 | static_cast<std::uint32_t>(at);
    if ((bits += 6) >= 8) json += static_cast<char>((acc >> (bits -= 8)) & 0xFF);
  }
  std::size_t at = json.find("/emulator/media/");
  REQUIRE(at != std::string::npos);
  return json.substr(at, json.find('"', at) - at);
}

}  // namespace

TEST_CASE("body limits hold for chunked bodies") {
  emulator_fixture f(small_bodies());
  std::string g = make_group(f);
  auto port = std::stoi(f.emu.base_url().substr(f.emu.base_url().rfind(':') + 1));
  test_support::raw_connection c(port);
  REQUIRE(c.ok());
  c.send("POST /v1/groups/" + g +
         "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\naccessToken: " + f.access_token +
         "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string chunk = "400\r\n" + std::string(1024, ' ') + "\r\n";
  for (int i = 0; i < 1000 && c.send(chunk); ++i) {
  }
  c.send("0\r\n\r\n");
  std::string answer = c.read_response();
  CHECK(test_support::status_of(answer) == 413);
  CHECK(answer.find("PayloadTooLarge") != std::string::npos);
  CHECK(f.emu.op_calls()["SendMessage"] == 0);  // refused before routing
}

TEST_CASE("body limits hold for chunked multipart uploads") {
  emulator_fixture f(small_bodies());
  auto port = std::stoi(f.emu.base_url().substr(f.emu.base_url().rfind(':') + 1));
  test_support::raw_connection c(port);
  REQUIRE(c.ok());
  c.send("POST /v1/media HTTP/1.1\r\nHost: 127.0.0.1\r\naccessToken: " + f.access_token +
         "\r\nContent-Type: multipart/form-data; boundary=B0undary\r\nTransfer-Encoding: "
         "chunked\r\n\r\n");
  auto chunk = [](const std::string& data) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
  };
  c.send(
      chunk("--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            "Content-Type: image/png\r\n\r\n"));
  for (int i = 0; i < 100 && c.send(chunk(std::string(1024, 'p'))); ++i) {
  }
  c.send(chunk("\r\n--B0undary--\r\n") + "0\r\n\r\n");
  CHECK(test_support::status_of(c.read_response()) == 413);
  CHECK(f.emu.op_calls()["UploadMedia"] == 0);
}

TEST_CASE("body limits hold for what a gzip body expands to") {
  emulator_fixture f(small_bodies());
  std::string g = make_group(f);
  httplib::Client cli(f.emu.base_url());
  cli.set_compress(true);
  auto small =
      cli.Post("/v1/groups/" + g + "/messages", auth(f), message_body(100), "application/json");
  REQUIRE(small);
  CHECK(small->status == 200);  // decoded and served
  auto bomb =
      cli.Post("/v1/groups/" + g + "/messages", auth(f), message_body(500'000), "application/json");
  REQUIRE(bomb);
  CHECK(bomb->status == 413);
  CHECK(f.emu.op_calls()["SendMessage"] == 1);
}

TEST_CASE("the media store is bounded: oldest uploads are evicted, a file over the quota is 413") {
  auto o = test_support::quiet_options();
  o.max_media_bytes = 1000;
  o.max_media_files = 3;
  emulator_fixture f(o);
  httplib::Client cli(f.emu.base_url());
  auto upload = [&](std::size_t size) -> std::optional<std::string> {
    UploadMediaRequest up;
    up.file = {"a.png", "image/png", std::string(size, 'p')};
    auto r = call<ops::UploadMedia>(f.http, f.ctx, up);
    if (!r) return std::nullopt;
    return media_path(r->mediaResource);
  };
  auto status = [&](const std::string& path) {
    auto r = cli.Get(path);
    return r ? r->status : -1;
  };
  auto a = upload(600), b = upload(600);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(status(*a) == 404);  // evicted to make room for b
  CHECK(status(*b) == 200);
  auto c = upload(10), d = upload(10), e = upload(10);
  REQUIRE(e);
  CHECK(status(*b) == 404);  // the fourth file pushed out the oldest (max_media_files = 3)
  CHECK(status(*c) == 200);
  CHECK(status(*e) == 200);

  UploadMediaRequest big;
  big.file = {"big.png", "image/png", std::string(1001, 'p')};
  auto refused = call<ops::UploadMedia>(f.http, f.ctx, big);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().http_status == 413);
  CHECK(status(*e) == 200);  // a refused upload evicts nothing
}

TEST_CASE("PIN attempts are limited per number and connector; the lockout ends") {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  auto o = test_support::quiet_options();
  o.max_pin_attempts = 3;
  o.pin_lockout = std::chrono::minutes(15);
  o.clock_ms = [&] { return now.load(); };
  emulator_fixture f(o);  // signs in +911099999999
  const std::string victim = "+919000000001", bystander = "+919000000002";
  auto pin = [&](const std::string& m) { return call<ops::GeneratePin>(f.http, f.ctx, {m, app}); };
  auto login = [&](const std::string& m, int p) {
    return call<ops::GetRefreshToken>(f.http, f.ctx, {m, app, p});
  };

  REQUIRE(pin(victim).has_value());
  REQUIRE(pin(bystander).has_value());
  for (int i = 0; i < 3; ++i) {
    auto wrong = login(victim, 1111);
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().http_status == 401);
  }
  auto locked = login(victim, 4821);  // the right PIN, too late
  REQUIRE_FALSE(locked.has_value());
  CHECK(locked.error().http_status == 429);
  CHECK(locked.error().service_code == "TooManyPinAttempts");
  CHECK(locked.error().retry_after == "900");
  auto again = pin(victim);  // a fresh PIN does not lift the lockout
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().http_status == 429);
  CHECK(login(bystander, 4821).has_value());  // others are not affected

  now += 15 * 60'000 + 1;
  REQUIRE(pin(victim).has_value());
  CHECK(login(victim, 4821).has_value());
}

TEST_CASE("used and expired PINs are purged; outstanding PINs are bounded") {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  auto o = test_support::quiet_options();
  o.clock_ms = [&] { return now.load(); };
  o.max_pending_pins = 3;
  emulator_fixture f(o);
  auto pin = [&](const std::string& m) { return call<ops::GeneratePin>(f.http, f.ctx, {m, app}); };
  REQUIRE(pin("+919000000001").has_value());
  REQUIRE(
      call<ops::GetRefreshToken>(f.http, f.ctx, {"+919000000001", app, 4821}).has_value());  // used
  REQUIRE(pin("+919000000002").has_value());
  now += 11 * 60'000;  // +919000000002's PIN expires (10 min)
  REQUIRE(pin("+919000000003").has_value());
  CHECK_FALSE(f.emu.last_pin("+919000000001", app).has_value());
  CHECK_FALSE(f.emu.last_pin("+919000000002", app).has_value());
  CHECK(f.emu.last_pin("+919000000003", app).has_value());
  REQUIRE(pin("+919000000004").has_value());
  REQUIRE(pin("+919000000005").has_value());
  auto full = pin("+919000000006");
  REQUIRE_FALSE(full.has_value());
  CHECK(full.error().http_status == 429);
}

TEST_CASE("tokens carry 258 random bits; random PINs are 4 digits") {
  auto o = test_support::quiet_options();
  o.fixed_pin.reset();
  emulator::server emu(o);
  REQUIRE(emu.start().has_value());
  httplib_transport http;
  context ctx;
  ctx.set_root("auth", emu.base_url() + "/v1");
  std::set<std::string> tokens;
  for (int i = 0; i < 20; ++i) {
    std::string mobile = "+9190000000" + std::to_string(10 + i);
    REQUIRE(call<ops::GeneratePin>(http, ctx, {mobile, app}).has_value());
    auto p = emu.last_pin(mobile, app);
    REQUIRE(p.has_value());
    CHECK(p->size() == 4);
    CHECK((*p)[0] != '0');
    auto rt = call<ops::GetRefreshToken>(http, ctx, {mobile, app, std::stoi(*p)});
    REQUIRE(rt.has_value());
    CHECK(rt->refreshToken.size() == 43);
    CHECK(rt->refreshToken.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    tokens.insert(rt->refreshToken);
  }
  CHECK(tokens.size() == 20);
}

TEST_CASE("X-Emulator-Fault is honoured only for signed-in callers unless enabled") {
  emulator_fixture f;
  httplib::Client cli(f.emu.base_url());
  std::string body = R"({"mobileNumber":"+919000000001","applicationId":")" + app + R"("})";
  auto anon =
      cli.Post("/v1/generatePin", {{"X-Emulator-Fault", "delay=60000"}}, body, "application/json");
  REQUIRE(anon);
  CHECK(anon->status == 401);
  CHECK(anon->body.find("X-Emulator-Fault") != std::string::npos);
  auto stale =
      cli.Get("/v1/groups", {{"X-Emulator-Fault", "status=503"}, {"accessToken", "not-a-token"}});
  REQUIRE(stale);
  CHECK(stale->status == 401);
  CHECK(f.emu.faults().header_injected == 0);

  auto signed_in = cli.Post("/v1/generatePin",
                            {{"X-Emulator-Fault", "status=503"}, {"accessToken", f.access_token}},
                            body, "application/json");
  REQUIRE(signed_in);
  CHECK(signed_in->status == 503);
  CHECK(f.emu.faults().header_injected == 1);

  auto o = test_support::quiet_options();
  o.fault_header_without_token = true;
  emulator::server open(o);
  REQUIRE(open.start().has_value());
  httplib::Client cli2(open.base_url());
  auto r =
      cli2.Post("/v1/generatePin", {{"X-Emulator-Fault", "status=503"}}, body, "application/json");
  REQUIRE(r);
  CHECK(r->status == 503);
}

TEST_CASE("delay faults cannot starve other clients, and stop() cuts them short") {
  auto o = test_support::quiet_options();
  o.max_delayed_requests = 1;
  auto f = std::make_unique<emulator_fixture>(o);
  std::string base = f->emu.base_url();
  int delayed_status = 0;
  std::thread slow([&] {
    httplib::Client cli(base);
    cli.set_read_timeout(std::chrono::seconds(40));
    auto r = cli.Get("/v1/groups",
                     {{"accessToken", f->access_token}, {"X-Emulator-Fault", "delay=60000"}});
    delayed_status = r ? r->status : -1;
  });
  for (int i = 0; i < 2000 && f->emu.faults().delayed_now < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(f->emu.faults().delayed_now == 1);

  httplib::Client cli(base);
  auto second =
      cli.Get("/v1/groups", {{"accessToken", f->access_token}, {"X-Emulator-Fault", "delay=10"}});
  REQUIRE(second);
  CHECK(second->status == 503);
  CHECK(second->body.find("TooManyDelayedRequests") != std::string::npos);
  auto normal = cli.Get("/v1/groups", {{"accessToken", f->access_token}});
  REQUIRE(normal);
  CHECK(normal->status == 200);

  f->emu.stop();  // wakes the delayed request: it is answered well before its 40 s read limit
  slow.join();
  CHECK(delayed_status == 200);
}

TEST_CASE("the emulator's accepted sockets have TCP_NODELAY") {
  emulator_fixture f;
  auto port = std::stoi(f.emu.base_url().substr(f.emu.base_url().rfind(':') + 1));
  test_support::raw_connection c(port);
  REQUIRE(c.ok());
  REQUIRE(c.send("GET /emulator/media/none HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  REQUIRE(test_support::status_of(c.read_response()) == 404);
  auto nodelay = test_support::accepted_socket_nodelay(port, c.local_port());
  REQUIRE(nodelay.has_value());
  CHECK(*nodelay);
}

TEST_CASE("server::handle answers parsed requests without a socket") {
  auto o = small_bodies();
  emulator::server emu(o);  // not started
  emulator::parsed_request pin;
  pin.method = "POST";
  pin.target = "/v1/generatePin";
  pin.headers = {{"Content-Type", "application/json"}};
  pin.body = R"({"mobileNumber":"+919000000001","applicationId":")" + app + R"("})";
  auto r = emu.handle(pin);
  CHECK(r.status == 200);
  CHECK(emu.last_pin("+919000000001", app) == "4821");

  emulator::parsed_request big = pin;
  big.body.assign(5000, ' ');
  CHECK(emu.handle(big).status == 413);

  emulator::parsed_request odd;
  odd.method = "BREW";
  odd.target = "/v1/groups";
  CHECK(emu.handle(odd).status == 405);
  odd.method = "GET";
  odd.target = "/nowhere";
  auto nf = emu.handle(odd);
  CHECK(nf.status == 404);
  CHECK(find_header(nf.headers, "Content-Type").find("json") != std::string_view::npos);

  // A multipart body is parsed here (a bad one is a 400, not a crash).
  emulator::parsed_request media;
  media.method = "POST";
  media.target = "/v1/media";
  media.headers = {{"Content-Type", "multipart/form-data; boundary=XyZ"}, {"accessToken", "none"}};
  media.body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"";
  CHECK(emu.handle(media).status == 401);  // auth comes first
}

// Many clients at once (run under ThreadSanitizer in CI): data calls, uploads, PIN guesses, header
// faults and operator switches, with webhook deliveries to a receiver, then a stop() while
// requests are still arriving.
TEST_CASE("many clients at once, operator switches meanwhile, and a stop under load") {
  auto o = test_support::quiet_options();
  o.throttle.enabled = false;
  o.max_media_bytes = 64 * 1024;
  o.webhooks.backoff_base = std::chrono::milliseconds(5);
  auto f = std::make_unique<emulator_fixture>(o);
  std::string g = make_group(*f);

  std::atomic<int> events{0};
  webhook_receiver::options hook_opt;
  hook_opt.callback_token = "stress-callback-token";
  webhook_receiver hooks(hook_opt,
                         [&](const Event&) { return ++events % 7 != 0; });  // some fail: retried
  REQUIRE(hooks.start().has_value());
  SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated};
  sub.callBackUrl = hooks.url();
  sub.callBackToken = hook_opt.callback_token;
  REQUIRE(call<ops::SubscribeToAllEvents>(f->http, f->ctx, sub).has_value());

  std::string base = f->emu.base_url();
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 12; ++t) {
    clients.emplace_back([&, t] {
      httplib_transport http;
      httplib::Client raw(base);
      for (int i = 0; i < 25; ++i) {
        switch ((t + i) % 5) {
          case 0:
            answered +=
                call<ops::SendMessage>(http, f->ctx, {g, "m" + std::to_string(i)}).has_value();
            break;
          case 1: {
            UploadMediaRequest up;
            up.file = {"a.png", "image/png", std::string(4096 + 97 * i, 'p')};
            answered += call<ops::UploadMedia>(http, f->ctx, up).has_value();
            break;
          }
          case 2: {
            std::string mobile = "+9198" + std::to_string(1000000 + t);
            (void)call<ops::GeneratePin>(http, f->ctx, {mobile, app});
            answered +=
                call<ops::GetRefreshToken>(http, f->ctx, {mobile, app, 1000 + i}).has_value() ? 0
                                                                                              : 1;
            break;
          }
          case 3: {
            auto r = raw.Get("/v1/groups",
                             {{"accessToken", f->access_token}, {"X-Emulator-Fault", "delay=1"}});
            answered += r ? 1 : 0;
            break;
          }
          default: {
            auto r = raw.Post("/v1/groups/" + g + "/messages", {{"accessToken", f->access_token}},
                              std::string(100, '{'), "application/json");
            answered += r && r->status == 400 ? 1 : 0;
          }
        }
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    f->emu.add_fault(emulator::fault::make_status("FetchDirectGroups", 503));
    (void)f->emu.faults();
    (void)f->emu.op_calls();
    (void)f->emu.last_pin("+91981000000", app);
    f->emu.set_throttle({false, 100, 300});
    (void)f->emu.webhook_attempts();
  }
  for (auto& c : clients) c.join();
  CHECK(answered == 12 * 25);

  // Stop while requests keep coming: they fail cleanly, nothing hangs.
  std::atomic<bool> go{true};
  std::thread late([&] {
    httplib::Client raw(base);
    raw.set_read_timeout(std::chrono::seconds(5));
    while (go) (void)raw.Get("/v1/groups", {{"accessToken", f->access_token}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  f->emu.stop();
  go = false;
  late.join();
  hooks.stop();
  CHECK(events > 0);
}

TEST_CASE("repeated logins, rotations and messages do not grow the state without bound") {
  auto file = std::filesystem::temp_directory_path() /
              ("kaizala_hardening_state_" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(file);
  auto o = test_support::quiet_options();
  o.throttle.enabled = false;
  o.state_file = file.string();
  o.rotate_refresh_tokens = true;
  o.kept_messages_per_group = 5;
  {
    emulator_fixture f(o);
    std::string g = make_group(f);
    std::string refresh = f.refresh_token;
    for (int i = 0; i < 20; ++i) {
      auto at = call<ops::GenerateAccessToken>(
          f.http, f.ctx, {app, std::string(emulator::demo_application_secret), refresh});
      REQUIRE(at.has_value());
      if (!at->refreshToken.value_or("").empty())
        refresh = *at->refreshToken;  // rotated: use the successor
    }
    for (int i = 0; i < 20; ++i) {
      REQUIRE(call<ops::GeneratePin>(f.http, f.ctx, {"+911099999999", app}).has_value());
      REQUIRE(call<ops::GetRefreshToken>(f.http, f.ctx, {"+911099999999", app, 4821}).has_value());
    }
    for (int i = 0; i < 12; ++i)
      REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "m" + std::to_string(i)}).has_value());
  }
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto count = [&](std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = text.str().find(needle); at != std::string::npos;
         at = text.str().find(needle, at + 1))
      ++n;
    return n;
  };
  CHECK(count("\"successor\"") <=
        3);                     // refresh tokens: the live one and the generation it replaced
  CHECK(count("\"to\"") == 5);  // messages: the newest 5
  std::filesystem::remove(file);
}
