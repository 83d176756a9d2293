// The emulator's admin API (/_emulator/) over raw HTTP, as a tester without C++ reaches it: each
// endpoint and its effect on the service (a fault fails the next call, an advanced clock expires
// the token, reset empties the model, a move answers 308), the typed errors, and the access rule
// (loopback only, or with --admin-token and its header).
#include "support/emulator_fixture.hpp"
#include "support/raw_http.hpp"

#include <kaizala/kaizala.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <doctest/doctest.h>

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

// An httplib::Client on the emulator's port, with timeouts so no test hangs.
httplib::Client admin_client(const emulator::server& emu, std::string token = "") {
  httplib::Client c(emu.base_url());
  c.set_connection_timeout(std::chrono::seconds(5));
  c.set_read_timeout(std::chrono::seconds(10));
  if (!token.empty()) c.set_default_headers({{"X-Emulator-Admin-Token", token}});
  return c;
}

boost::json::value json_of(const httplib::Result& r) {
  REQUIRE(r);
  boost::system::error_code ec;
  auto v = boost::json::parse(r->body, ec);
  REQUIRE_MESSAGE(!ec, r->body);
  return v;
}

std::string error_code_of(const httplib::Result& r) {
  auto v = json_of(r);
  REQUIRE(v.is_object());
  return std::string(v.at("errorCode").as_string());
}

httplib::Result post(httplib::Client& c, const std::string& path, const std::string& body) {
  return c.Post(path, body, "application/json");
}

std::string make_group(emulator_fixture& f) {
  auto r = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", {}, {}});
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return r->groupId;
}

}  // namespace

TEST_CASE("admin health answers with the base URL and the emulator's clock") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  auto r = c.Get("/_emulator/health");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type").find("application/json") == 0);
  auto v = json_of(r);
  CHECK(v.at("status").as_string() == "ok");
  CHECK(v.at("baseUrl").as_string() == f.emu.base_url());
  CHECK(v.at("now").as_int64() > 0);
}

TEST_CASE(
    "an admin fault fails the next call of its op, is listed with its count, and is cleared") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  auto added =
      post(c, "/_emulator/faults", R"({"fault":"status=503;retry-after=2","op":"CreateGroup"})");
  REQUIRE(added);
  CHECK(added->status == 200);

  auto failed = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", {}, {}});
  REQUIRE_FALSE(failed.has_value());
  CHECK(failed.error().http_status == 503);
  CHECK(failed.error().retry_after == "2");
  make_group(f);  // times = 1: the next call goes through

  auto list = json_of(c.Get("/_emulator/faults"));
  auto& faults = list.at("faults").as_array();
  REQUIRE(faults.size() == 1);
  CHECK(faults[0].at("op").as_string() == "CreateGroup");
  CHECK(faults[0].at("fault").as_string() == "status=503;retry-after=2");
  CHECK(faults[0].at("injected").as_int64() == 1);
  CHECK(faults[0].at("left").as_int64() == 0);
  CHECK(f.emu.faults().total() == 1);

  REQUIRE(post(c, "/_emulator/faults", R"({"fault":"status=500","times":3})")->status == 200);
  CHECK(f.emu.faults().added.back().added.op == "*");
  auto cleared = c.Delete("/_emulator/faults");
  REQUIRE(cleared);
  CHECK(cleared->status == 200);
  CHECK(f.emu.faults().added.empty());
  make_group(f);  // the cleared fault fires no more
}

TEST_CASE("admin fault requests with bad input answer 400 saying what is wrong") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  auto bad_text = post(c, "/_emulator/faults", R"({"fault":"explode"})");
  REQUIRE(bad_text);
  CHECK(bad_text->status == 400);
  CHECK(error_code_of(bad_text) == "BadFaultHeader");
  auto bad_op = post(c, "/_emulator/faults", R"({"fault":"truncate","op":"NoSuchOp"})");
  CHECK(bad_op->status == 400);
  CHECK(bad_op->body.find("op: no operation named") != std::string::npos);
  auto bad_times = post(c, "/_emulator/faults", R"({"fault":"truncate","times":0})");
  CHECK(bad_times->status == 400);
  CHECK(bad_times->body.find("times: expected 1 to") != std::string::npos);
  auto missing = post(c, "/_emulator/faults", "{}");
  CHECK(missing->status == 400);
  CHECK(missing->body.find("fault: required") != std::string::npos);
  auto not_json = post(c, "/_emulator/faults", "fault=truncate");
  CHECK(not_json->status == 400);
  CHECK(not_json->body.find("body: not JSON") != std::string::npos);
  auto too_big = post(c, "/_emulator/faults", "{\"x\":\"" + std::string(70'000, 'a') + "\"}");
  CHECK(too_big->status == 413);
  CHECK(f.emu.faults().added.empty());
}

TEST_CASE("admin requests are not ops: queued faults and moves leave them alone") {
  emulator_fixture f;
  f.emu.add_fault(emulator::fault::make_status("*", 500, {}, 5));
  auto c = admin_client(f.emu);
  CHECK(c.Get("/_emulator/health")->status == 200);
  CHECK(f.emu.faults().total() == 0);
  CHECK(f.emu.op_calls().count("admin") == 0);
}

TEST_CASE("advancing the clock expires the access token") {
  emulator_fixture f;
  make_group(f);
  auto c = admin_client(f.emu);
  std::int64_t before = f.emu.now_ms();
  auto r = post(c, "/_emulator/clock/advance", R"({"seconds":90000})");  // 25 h > 24 h
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json_of(r).at("now").as_int64() >= before + 90'000'000);
  auto expired = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(expired.has_value());
  CHECK(expired.error().http_status == 401);
  CHECK(post(c, "/_emulator/clock/advance", R"({"seconds":-5})")->status == 400);
  std::int64_t later = f.emu.now_ms();
  f.emu.advance_clock(std::chrono::milliseconds(-3'600'000));  // the clock never goes back
  CHECK(f.emu.now_ms() >= later);
  CHECK(post(c, "/_emulator/clock/advance", "{}")->status == 400);
  CHECK(json_of(c.Get("/_emulator/clock")).at("now").as_int64() >= before + 90'000'000);
}

TEST_CASE("reset empties the model: groups and tokens are gone") {
  emulator_fixture f;
  std::string g = make_group(f);
  auto c = admin_client(f.emu);
  auto before = json_of(c.Get("/_emulator/state"));
  CHECK(before.at("groups").as_object().contains(g));
  REQUIRE(post(c, "/_emulator/reset", "")->status == 200);
  auto after = json_of(c.Get("/_emulator/state"));
  CHECK(after.at("groups").as_object().empty());
  CHECK(after.at("access_tokens").as_array().empty());
  CHECK(json_of(c.Get("/_emulator/pins")).at("pins").as_array().empty());
  auto gone = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(gone.has_value());
  CHECK(gone.error().http_status == 401);
}

TEST_CASE("the state dump holds the model but no token or callback token") {
  emulator_fixture f;
  std::string g = make_group(f);
  auto c = admin_client(f.emu);
  auto r = c.Get("/_emulator/state");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body.find(f.access_token) == std::string::npos);
  CHECK(r->body.find(f.refresh_token) == std::string::npos);
  auto v = json_of(r);
  CHECK(v.at("groups").at(g).at("name").as_string() == "G");
  auto& access = v.at("access_tokens").as_array();
  REQUIRE(access.size() == 1);
  CHECK(access[0].at("mobileNumber").as_string() == "+911099999999");
  CHECK(v.at("users").as_object().contains("+911099999999"));
}

TEST_CASE("the pins endpoint lists the PINs issued") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  auto v = json_of(c.Get("/_emulator/pins"));
  auto& pins = v.at("pins").as_array();
  REQUIRE(pins.size() == 1);
  CHECK(pins[0].at("mobileNumber").as_string() == "+911099999999");
  CHECK(pins[0].at("applicationId").as_string() == emulator::demo_application_id);
  CHECK(pins[0].at("pin").as_string() ==
        *f.emu.last_pin("+911099999999", emulator::demo_application_id));
  CHECK(pins[0].at("used").as_bool());
}

TEST_CASE("revoking tokens makes data calls answer 401") {
  emulator_fixture f;
  make_group(f);
  auto c = admin_client(f.emu);
  REQUIRE(post(c, "/_emulator/tokens/revoke", "")->status == 200);
  auto r = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 401);
}

TEST_CASE("moving the endpoint makes data calls on the old base answer 308") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  std::string moved = f.emu.base_url() + "/moved";
  auto r = post(c, "/_emulator/endpoint/move", R"({"url":")" + moved + R"("})");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json_of(r).at("movedTo").as_string() == moved);
  CHECK(f.emu.moved_endpoint() == moved);

  httplib::Client api(f.emu.base_url());
  api.set_read_timeout(std::chrono::seconds(10));
  auto old = api.Get("/v1/groups", {{"accessToken", f.access_token}});
  REQUIRE(old);
  CHECK(old->status == 308);
  CHECK(old->get_header_value("Location") == moved);
  auto fresh = api.Get("/moved/v1/groups", {{"accessToken", f.access_token}});
  REQUIRE(fresh);
  CHECK(fresh->status == 200);

  CHECK(post(c, "/_emulator/endpoint/move", R"({"url":"ftp://x"})")->status == 400);
  CHECK(post(c, "/_emulator/endpoint/move", "{}")->status == 400);
  REQUIRE(post(c, "/_emulator/endpoint/move", R"({"url":""})")->status == 200);
  CHECK(api.Get("/v1/groups", {{"accessToken", f.access_token}})->status == 200);
  CHECK(json_of(c.Get("/_emulator/endpoint")).at("movedTo").as_string().empty());
}

TEST_CASE("throttle settings are read and changed; the new limit applies") {
  emulator_fixture f;
  auto c = admin_client(f.emu);
  auto now = json_of(c.Get("/_emulator/throttle"));
  CHECK(now.at("enabled").as_bool());
  CHECK(now.at("perConnectorPerMinute").as_int64() == 100);
  auto set = post(c, "/_emulator/throttle", R"({"perConnectorPerMinute":1})");
  REQUIRE(set);
  CHECK(set->status == 200);
  CHECK(json_of(set).at("perConnectorPerMinute").as_int64() == 1);
  CHECK(json_of(set).at("perTenantPerMinute").as_int64() == 300);  // untouched
  CHECK(f.emu.throttle_settings().per_connector_per_minute == 1);
  // GenerateAccessToken already counts in this minute: the window is full.
  int throttled = 0;
  for (int i = 0; i < 2; ++i) {
    auto r = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
    if (!r && r.error().http_status == 429) ++throttled;
  }
  CHECK(throttled >= 1);
  REQUIRE(post(c, "/_emulator/throttle", R"({"enabled":false})")->status == 200);
  CHECK(call<ops::FetchDirectGroups>(f.http, f.ctx, {}).has_value());
  CHECK(post(c, "/_emulator/throttle", R"({"enabled":"no"})")->status == 400);
  CHECK(post(c, "/_emulator/throttle", R"({"perTenantPerMinute":0})")->status == 400);
}

TEST_CASE("the webhook delivery log lists each callback attempt with its status") {
  auto o = test_support::quiet_options();
  o.webhooks.backoff_base = std::chrono::milliseconds(5);
  o.webhooks.retries = 2;
  emulator_fixture f(o);
  // A callback receiver: echoes the validation token, fails the first POST with 500.
  httplib::Server rx;
  int posts = 0;
  std::mutex mu;
  rx.Get("/hook", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_param_value("validationToken"), "text/plain");
  });
  rx.Post("/hook", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lk(mu);
    res.status = ++posts == 1 ? 500 : 200;
  });
  int port = rx.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { rx.listen_after_bind(); });
  for (int i = 0; i < 500 && !rx.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));

  std::string g = make_group(f);
  SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated};
  sub.callBackUrl = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  sub.callBackToken = "callback-secret-1234";
  auto hook = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  REQUIRE_MESSAGE(hook.has_value(), (hook ? "" : hook.error().to_string()));
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "hello"}).has_value());
  for (int i = 0; i < 1000 && f.emu.webhook_deliveries() < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));

  auto c = admin_client(f.emu);
  auto v = json_of(c.Get("/_emulator/webhooks/deliveries"));
  auto& log = v.at("deliveries").as_array();
  REQUIRE(log.size() == 2);
  CHECK(log[0].at("webhookId").as_string() == hook->webhookId);
  CHECK(log[0].at("attempt").as_int64() == 1);
  CHECK(log[0].at("status").as_int64() == 500);
  CHECK_FALSE(log[0].at("ok").as_bool());
  CHECK(log[1].at("attempt").as_int64() == 2);
  CHECK(log[1].at("ok").as_bool());
  CHECK(v.at("delivered").as_int64() == 1);
  // The state dump says a callback token is set, never which.
  auto state = c.Get("/_emulator/state");
  CHECK(state->body.find("callback-secret-1234") == std::string::npos);
  CHECK(json_of(state).at("webhooks").at(hook->webhookId).at("token_set").as_bool());
  rx.stop();
  serving.join();
}

TEST_CASE("a POST without Content-Length has no body: answered at once, the connection kept") {
  // What `curl -X POST URL` sends (RFC 9112 §6.3); the emulator waited for the client to close.
  emulator_fixture f;
  make_group(f);
  int port = std::stoi(f.emu.base_url().substr(f.emu.base_url().rfind(':') + 1));
  test_support::raw_connection conn(port, 5);  // below the server's 10 s read timeout
  REQUIRE(conn.send("POST /_emulator/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string first = conn.read_response();
  CHECK(test_support::status_of(first) == 200);
  REQUIRE(conn.send("GET /_emulator/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string second = conn.read_response();
  CHECK(test_support::status_of(second) == 200);
  CHECK(second.find("\"groups\":{}") != std::string::npos);
}

TEST_CASE("unknown admin endpoints answer 404 and wrong methods 405 with Allow") {
  emulator_fixture f;
  auto calls = f.emu.op_calls();
  auto c = admin_client(f.emu);
  auto missing = c.Get("/_emulator/nothing-here");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(error_code_of(missing) == "AdminNotFound");
  CHECK(missing->body.find("clock/advance") != std::string::npos);  // it lists the endpoints
  auto wrong = c.Get("/_emulator/reset");
  REQUIRE(wrong);
  CHECK(wrong->status == 405);
  CHECK(wrong->get_header_value("Allow") == "POST");
  auto index = json_of(c.Get("/_emulator/"));
  CHECK(index.at("endpoints").as_array().size() == 12);
  CHECK(index.at("endpoints").as_array()[0].at("path").as_string() == "/_emulator/health");
  CHECK(f.emu.op_calls() == calls);  // admin requests are not counted as ops
}

TEST_CASE("with an admin token the admin API needs its header; the token is never echoed") {
  auto o = test_support::quiet_options();
  o.admin_token = "admin-secret-5678";
  emulator_fixture f(o);
  auto none = admin_client(f.emu).Get("/_emulator/health");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(error_code_of(none) == "AdminTokenMissing");
  auto wrong = admin_client(f.emu, "admin-secret-0000").Get("/_emulator/health");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(error_code_of(wrong) == "AdminTokenInvalid");
  CHECK(wrong->body.find("admin-secret") == std::string::npos);
  auto right = admin_client(f.emu, "admin-secret-5678").Get("/_emulator/health");
  REQUIRE(right);
  CHECK(right->status == 200);
}

TEST_CASE("the admin API is on for loopback hosts, off elsewhere unless a token is given") {
  emulator::options o;
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
    o.host = host;
    CHECK_MESSAGE(emulator::admin_api_enabled(o), host);
  }
  for (const char* host : {"0.0.0.0", "::", "192.168.1.20", "example.com"}) {
    o.host = host;
    CHECK_FALSE_MESSAGE(emulator::admin_api_enabled(o), host);
    o.admin_token = "t";
    CHECK_MESSAGE(emulator::admin_api_enabled(o), host);
    o.admin_token.clear();
  }
  o.host = "127.0.0.1";
  o.admin_api = false;
  CHECK_FALSE(emulator::admin_api_enabled(o));

  // A server configured for every interface without a token refuses admin requests (answered
  // through server::handle, without binding 0.0.0.0).
  auto off = test_support::quiet_options();
  off.host = "0.0.0.0";
  emulator::server emu(off);
  auto r = emu.handle({"GET", "/_emulator/health", {}, ""});
  CHECK(r.status == 403);
  CHECK(r.body.find("AdminApiOff") != std::string::npos);
  CHECK(r.body.find("--admin-token") != std::string::npos);
  off.admin_token = "tok-1";
  emulator::server with_token(off);
  CHECK(with_token.handle({"GET", "/_emulator/health", {{"X-Emulator-Admin-Token", "tok-1"}}, ""})
            .status == 200);
}

TEST_CASE("without the admin API its paths are unknown routes") {
  auto o = test_support::quiet_options();
  o.admin_api = false;
  emulator::server emu(o);
  auto r = emu.handle({"GET", "/_emulator/health", {}, ""});
  CHECK(r.status == 404);
  CHECK(r.body.find("\"NotFound\"") != std::string::npos);
}
