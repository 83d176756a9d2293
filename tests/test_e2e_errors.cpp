// The emulator's error paths, switches and persistence: typed errors through call<Op>(), and its
// answers to malformed requests sent with a raw httplib client.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

std::string make_group(emulator_fixture& f) {
  auto r = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", {}, {}});
  REQUIRE(r.has_value());
  return r->groupId;
}

// Every error answer has the service's shape.
void check_error_shape(const httplib::Result& res, int status) {
  REQUIRE(res);
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  auto e = from_json<ServiceError>(res->body);
  REQUIRE(e.has_value());
  CHECK(e->message.has_value());
  CHECK(e->errorCode.has_value());
  CHECK(e->errorCategoryKey.has_value());
}

}  // namespace

TEST_CASE("typed errors: unknown group 404, not a member 403, no or expired token 401") {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  auto o = test_support::quiet_options();
  o.clock_ms = [&] { return now.load(); };
  emulator_fixture f(o);
  auto missing = call<ops::FetchMembers>(f.http, f.ctx, {"no-such-group@1"});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().http_status == 404);
  CHECK(missing.error().service_code == "GroupNotFound");

  std::string g = make_group(f);
  auto other = f.sign_in("+917777777777");
  auto forbidden = call<ops::FetchMembers>(f.http, other.ctx, {g});
  REQUIRE_FALSE(forbidden.has_value());
  CHECK(forbidden.error().http_status == 403);

  httplib::Client raw(f.emu.base_url());
  auto no_token = raw.Get("/v1/groups");
  check_error_shape(no_token, 401);
  CHECK(no_token->body.find("\"errorCode\":\"InvalidToken\"") != std::string::npos);
  CHECK(no_token->body.find("\"errorCategoryKey\":\"AuthException\"") != std::string::npos);

  now += 25LL * 3600 * 1000;  // past the 24 h access token life
  auto expired = call<ops::FetchMembers>(f.http, f.ctx, {g});
  REQUIRE_FALSE(expired.has_value());
  CHECK(expired.error().http_status == 401);
  CHECK(expired.error().service_code == "InvalidToken");
}

TEST_CASE("revoke_access_tokens makes every token invalid") {
  emulator_fixture f;
  CHECK(call<ops::FetchDirectGroups>(f.http, f.ctx, {}).has_value());
  f.emu.revoke_access_tokens();
  auto r = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 401);
}

TEST_CASE("malformed requests get 400/404/405/413/415 in the service's shape") {
  auto o = test_support::quiet_options();
  o.max_body_bytes = 4096;
  emulator_fixture f(o);
  std::string g = make_group(f);
  httplib::Client raw(f.emu.base_url());
  httplib::Headers auth = {{"accessToken", f.access_token}};
  const char* json = "application/json";
  std::string path = "/v1/groups/" + g + "/members";

  std::string members;
  for (int i = 0; i < 101; ++i)
    members += (i ? ",\"+91" : "\"+91") + std::to_string(1000000000 + i) + "\"";
  auto too_many = raw.Post(
      "/v1/groups", auth, R"({"name":"n","welcomeMessage":"w","members":[)" + members + "]}", json);
  check_error_shape(too_many, 400);
  CHECK(too_many->body.find("members: at most 100 items") != std::string::npos);

  auto bad_json = raw.Put(path, auth, R"({"members":[)", json);
  check_error_shape(bad_json, 400);
  auto wrong_type = raw.Put(path, auth, R"({"members":"+911"})", json);
  check_error_shape(wrong_type, 400);
  CHECK(wrong_type->body.find("members: expected array, got string") != std::string::npos);
  auto missing = raw.Put(path, auth, R"({})", json);
  check_error_shape(missing, 400);
  CHECK(missing->body.find("members: missing required field") != std::string::npos);
  auto empty = raw.Put(path, auth, "", json);
  check_error_shape(empty, 400);
  auto long_message = raw.Post("/v1/groups/" + g + "/messages", auth,
                               R"({"message":")" + std::string(4001, 'x') + "\"}", json);
  check_error_shape(long_message, 400);
  CHECK(long_message->body.find("message: at most 4000 characters") != std::string::npos);

  check_error_shape(raw.Put(path, auth, std::string(5000, ' '), json), 413);
  check_error_shape(raw.Put(path, auth, R"({"members":["+911"]})", "text/plain"), 415);
  check_error_shape(raw.Post("/v1/media", auth, "x", json), 415);

  auto wrong_method = raw.Delete("/v1/groups", auth);
  check_error_shape(wrong_method, 405);
  CHECK(wrong_method->get_header_value("Allow") == "POST, GET");
  check_error_shape(raw.Get("/v1/no/such/thing", auth), 404);
  check_error_shape(raw.Get("/v2/groups", auth), 404);

  // Hostile input: never a crash or a hang, always an answer.
  check_error_shape(raw.Put(path, auth, "{\"members\":[\"\xff\xfe\"]}", json), 400);
  check_error_shape(raw.Put(path, auth, std::string(2000, '[') + std::string(2000, ']'), json),
                    400);
  check_error_shape(
      raw.Post(
          "/v1/groups/" + g + "/actions?actionType=Job", auth,
          R"({"actionType":"Job","actionBody":{"title":"t","assignedTo":["+911"],"dueDate":1e400}})",
          json),
      400);
  check_error_shape(
      raw.Get("/v1/groups/" + g + "/actions?actionType=Job&count=99999999999999999999", auth), 400);
  check_error_shape(raw.Get("/v1/" + std::string(5000, 'a'), auth), 414);

  // An id holding %2F stays one segment: it reaches the handler as an unknown group.
  auto slashed = raw.Get("/v1/groups/" + g.substr(0, 4) + "%2F..%2F" + g + "/members", auth);
  check_error_shape(slashed, 404);
  CHECK(slashed->body.find("GroupNotFound") != std::string::npos);

  // The same route still works: nothing above changed the group.
  auto fine = raw.Get(path, auth);
  REQUIRE(fine);
  CHECK(fine->status == 200);
}

TEST_CASE("faults: added switches and the X-Emulator-Fault header, counted") {
  emulator_fixture f;
  std::string g = make_group(f);
  f.emu.add_fault(emulator::fault::make_status("SendMessage", 503, 1));
  auto first = call<ops::SendMessage>(f.http, f.ctx, {g, "one"});
  REQUIRE_FALSE(first.has_value());
  CHECK(first.error().http_status == 503);
  CHECK(first.error().retry_after == "1");
  CHECK(call<ops::SendMessage>(f.http, f.ctx, {g, "two"}).has_value());  // the fault expired
  CHECK(f.emu.faults().added.at(0).injected == 1);
  CHECK(f.emu.op_calls()["SendMessage"] == 2);

  httplib::Client raw(f.emu.base_url());
  httplib::Headers h = {{"accessToken", f.access_token},
                        {"X-Emulator-Fault", "status=429;retry-after=2"}};
  auto throttled = raw.Get("/v1/groups", h);
  REQUIRE(throttled);
  CHECK(throttled->status == 429);
  CHECK(throttled->get_header_value("Retry-After") == "2");

  // drop-before: no answer and no state change; drop-after: no answer, but the group exists.
  h = {{"accessToken", f.access_token}, {"X-Emulator-Fault", "drop-before"}};
  auto dropped =
      raw.Post("/v1/groups", h, R"({"name":"before","welcomeMessage":"w"})", "application/json");
  CHECK_FALSE(dropped);
  h = {{"accessToken", f.access_token}, {"X-Emulator-Fault", "drop-after"}};
  httplib::Client raw2(f.emu.base_url());
  CHECK_FALSE(
      raw2.Post("/v1/groups", h, R"({"name":"after","welcomeMessage":"w"})", "application/json"));
  auto groups = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE(groups.has_value());
  int before = 0, after = 0;
  for (const auto& x : groups->groups)
    before += x.groupName == "before", after += x.groupName == "after";
  CHECK(before == 0);
  CHECK(after == 1);

  // truncate / malformed: the client sees a decode error.
  f.emu.add_fault(emulator::fault::make("FetchDirectGroups", emulator::fault::kind::truncate));
  f.emu.add_fault(emulator::fault::make("FetchDirectGroups", emulator::fault::kind::malformed));
  auto cut = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(cut.has_value());
  CHECK(cut.error().kind == error_kind::decode);
  auto html = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(html.has_value());
  CHECK(html.error().kind == error_kind::decode);

  f.emu.add_fault(emulator::fault::make_delay("*", std::chrono::milliseconds(200)));
  auto t0 = std::chrono::steady_clock::now();
  CHECK(call<ops::FetchDirectGroups>(f.http, f.ctx, {}).has_value());
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(200));
  CHECK(f.emu.faults().total() == 7);
  CHECK(f.emu.faults().header_injected == 3);
}

TEST_CASE("throttling: 429 with Retry-After once the window is full, free again a minute later") {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  auto o = test_support::quiet_options();
  o.clock_ms = [&] { return now.load(); };
  emulator_fixture f(o);
  f.emu.set_throttle({true, 3, 300});
  int ok = 0;
  kaizala::error last;
  for (int i = 0; i < 4; ++i) {
    auto r = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
    if (r)
      ++ok;
    else
      last = r.error();
  }
  CHECK(ok < 4);
  CHECK(last.http_status == 429);
  CHECK_FALSE(last.retry_after.empty());
  now += 61'000;
  CHECK(call<ops::FetchDirectGroups>(f.http, f.ctx, {}).has_value());
}

TEST_CASE("move_endpoint: 308 with Location, the new base serves, tokens point there") {
  emulator_fixture f;
  std::string moved = f.emu.base_url() + "/moved";
  f.emu.move_endpoint(moved);
  auto r = call<ops::FetchDirectGroups>(f.http, f.ctx, {});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 308);
  CHECK(r.error().location == moved);
  context at_new = f.ctx;
  at_new.set_variable("endpointUrl", r.error().location);
  CHECK(call<ops::FetchDirectGroups>(f.http, at_new, {}).has_value());
  auto s = f.sign_in("+916666666666");
  CHECK(s.endpoint_url == moved);
  f.emu.move_endpoint("");
  CHECK(call<ops::FetchDirectGroups>(f.http, f.ctx, {}).has_value());
}

TEST_CASE("persistence: the state survives a restart; a corrupt file is an error") {
  std::string file = "/tmp/kaizala-e2e-state-" + std::to_string(::getpid()) + ".json";
  std::remove(file.c_str());
  auto o = test_support::quiet_options();
  o.state_file = file;
  std::string g, token;
  {
    emulator_fixture f(o);
    g = make_group(f);
    CHECK(call<ops::AddMembers>(f.http, f.ctx, {g, {"+918888888888"}}).has_value());
    token = f.access_token;
  }
  {
    emulator::server again(o);
    REQUIRE(again.start().has_value());
    httplib::Client raw(again.base_url());
    auto res = raw.Get("/v1/groups/" + g + "/members", httplib::Headers{{"accessToken", token}});
    REQUIRE(res);
    CHECK(res->status == 200);
    auto members = from_json<FetchMembersResponse>(res->body);
    REQUIRE(members.has_value());
    CHECK(members->members.size() == 2);
  }
  { std::ofstream(file) << "{\"version\":1,\"groups\":"; }
  emulator::server broken(o);
  auto started = broken.start();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().message.find("corrupt") != std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("one log line per request, with no secret in it") {
  std::mutex mu;
  std::vector<std::string> lines;
  auto o = test_support::quiet_options();
  o.log = [&](std::string_view l) {
    std::lock_guard<std::mutex> lk(mu);
    lines.emplace_back(l);
  };
  emulator_fixture f(o);
  make_group(f);
  std::lock_guard<std::mutex> lk(mu);
  REQUIRE(lines.size() == 5);  // PIN line + 4 requests
  CHECK(lines[0] == "PIN for +911099999999 is 4821");
  CHECK(lines[4].rfind("POST /v1/groups CreateGroup 200 ", 0) == 0);
  for (const auto& l : lines) {
    CHECK(l.find(f.access_token) == std::string::npos);
    CHECK(l.find(f.refresh_token) == std::string::npos);
    CHECK(l.find(emulator::demo_application_secret) == std::string::npos);
  }
}
