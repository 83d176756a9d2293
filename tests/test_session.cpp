// kaizala::session without the emulator: scripted transports and a recording server, with an
// injected clock and sleep so that waits and expiries take no real time.
#include "support/recording_server.hpp"

#include <kaizala/kaizala.hpp>
#include <kaizala/session.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace std::chrono_literals;

namespace {

const std::string app_secret = "CANARY-app-secret-7f3a";
const std::string refresh = "CANARY-refresh-token-91b2";

std::string token_body(const std::string& token, std::int64_t expiry, const std::string& endpoint,
                       const std::string& rotated = "") {
  return R"({"accessToken":")" + token + R"(","endpointUrl":")" + endpoint +
         R"(","accessTokenExpiry":)" + std::to_string(expiry) + R"(,"refreshToken":")" + rotated +
         R"(","scope":"token.write"})";
}

// A transport that answers from a function, shared by every transport the session creates.
struct script {
  std::mutex mu;
  std::vector<kaizala::http_request> seen;
  std::function<kaizala::result<kaizala::http_response>(const kaizala::http_request&, int n)>
      answer;
  int count(std::string_view target_part) {
    std::lock_guard<std::mutex> lock(mu);
    int n = 0;
    for (const auto& r : seen) n += r.target.find(target_part) != std::string::npos;
    return n;
  }
};
struct script_transport {
  std::shared_ptr<script> s;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    std::lock_guard<std::mutex> lock(s->mu);
    s->seen.push_back(r);
    return s->answer(r, static_cast<int>(s->seen.size()));
  }
};

kaizala::http_response ok(std::string body) { return {200, {}, std::move(body)}; }

struct scripted {
  std::shared_ptr<script> sc = std::make_shared<script>();
  std::vector<std::chrono::milliseconds> slept;
  std::vector<kaizala::call_event> events;
  std::int64_t now = 1'700'000'000'000;
  kaizala::session_options opt;
  scripted() {
    opt.application_id = "app";
    opt.application_secret = app_secret;
    opt.refresh_token = refresh;
    opt.auth_url = "http://auth.test/v1";
    opt.now_ms = [this] { return now; };
    opt.sleep = [this](std::chrono::milliseconds d) { slept.push_back(d); };
    opt.on_call = [this](const kaizala::call_event& e) { events.push_back(e); };
  }
  kaizala::basic_session<script_transport> make() {
    return kaizala::basic_session<script_transport>(opt, [s = sc] { return script_transport{s}; });
  }
  // Answers GenerateAccessToken with a token valid for an hour, and data calls with `data`.
  void serve(
      std::function<kaizala::result<kaizala::http_response>(const kaizala::http_request&)> data) {
    sc->answer = [this, data](const kaizala::http_request& r,
                              int) -> kaizala::result<kaizala::http_response> {
      if (r.target == "/v1/accessToken")
        return ok(
            token_body("tok-" + std::to_string(++grants), now + 3'600'000, "http://data.test/"));
      return data(r);
    };
  }
  int grants = 0;
};

kaizala::FetchMembersRequest fetch(std::string group = "g") {
  kaizala::FetchMembersRequest r;
  r.groupId = std::move(group);
  return r;
}
kaizala::SendMessageRequest message() {
  kaizala::SendMessageRequest r;
  r.groupId = "g";
  r.message = "hi";
  return r;
}
const char* members_body = R"({"members":[]})";

}  // namespace

TEST_CASE("the access token is obtained once, cached, and sent to the endpoint it names") {
  scripted t;
  t.serve([](const kaizala::http_request&) { return ok(members_body); });
  auto s = t.make();
  REQUIRE(s.endpoint().empty());
  for (int i = 0; i < 3; ++i) REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(t.grants == 1);
  CHECK(s.stats().renewals == 1);
  CHECK(s.endpoint() == "http://data.test/v1");
  std::lock_guard<std::mutex> lock(t.sc->mu);
  REQUIRE(t.sc->seen.size() == 4);
  CHECK(t.sc->seen[0].origin == "http://auth.test");
  CHECK(kaizala::find_header(t.sc->seen[0].headers, "applicationSecret") == app_secret);
  CHECK(t.sc->seen[1].origin == "http://data.test");
  CHECK(kaizala::find_header(t.sc->seen[1].headers, "accessToken") == "tok-1");
}

TEST_CASE("the token is renewed before it expires, and once after a 401") {
  scripted t;
  t.serve([](const kaizala::http_request&) { return ok(members_body); });
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  t.now += 3'600'000 - 60'000;  // within the renewal margin (5 min) of the expiry
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(t.grants == 2);

  // A 401 on a token we believed valid: renewed once, then the call goes through.
  t.sc->answer = [&, inner = t.sc->answer](const kaizala::http_request& r,
                                           int n) -> kaizala::result<kaizala::http_response> {
    if (r.target != "/v1/accessToken" && kaizala::find_header(r.headers, "accessToken") == "tok-2")
      return kaizala::http_response{
          401, {}, R"({"message":"Token revoked","errorCode":"InvalidToken"})"};
    return inner(r, n);
  };
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE(r.has_value());
  CHECK(t.grants == 3);
  CHECK(s.stats().retries == 0);  // a renewal is not a retry
}

TEST_CASE("a refresh token rotated by GenerateAccessToken is adopted and handed to the callback") {
  scripted t;
  std::vector<std::string> saved;
  t.opt.on_refresh_token = [&](const std::string& rt) { saved.push_back(rt); };
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.target == "/v1/accessToken") {
      ++t.grants;
      return ok(
          token_body("tok", t.now + 1000, "http://data.test", t.grants == 1 ? "rotated-rt" : ""));
    }
    return ok(members_body);
  };
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(saved == std::vector<std::string>{"rotated-rt"});
  CHECK(s.refresh_token() == "rotated-rt");
  t.now += 2000;
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  std::lock_guard<std::mutex> lock(t.sc->mu);
  CHECK(kaizala::find_header(t.sc->seen.back().headers, "accessToken") == "tok");
  // The second grant was asked for with the rotated token, and "" did not replace it.
  CHECK(kaizala::find_header(t.sc->seen[2].headers, "refreshToken") == "rotated-rt");
  CHECK(saved.size() == 1);
}

TEST_CASE("308 moves the endpoint for this and every later call") {
  scripted t;
  t.serve([](const kaizala::http_request& r) -> kaizala::result<kaizala::http_response> {
    if (r.origin == "http://data.test")
      return kaizala::http_response{308, {{"Location", "http://kms2.test/"}}, ""};
    return ok(members_body);
  });
  t.opt.redirect_allow = {"http://kms2.test"};
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch("a")).has_value());
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch("b")).has_value());
  CHECK(s.endpoint() == "http://kms2.test/v1");
  CHECK(s.stats().redirects == 1);
  std::lock_guard<std::mutex> lock(t.sc->mu);
  REQUIRE(t.sc->seen.size() == 4);
  CHECK(t.sc->seen[2].origin == "http://kms2.test");
  CHECK(t.sc->seen[2].target == "/v1/groups/a/members");
  CHECK(t.sc->seen[3].origin == "http://kms2.test");
}

TEST_CASE("308 whose Location is the full URL of the request") {
  scripted t;
  t.serve([](const kaizala::http_request& r) -> kaizala::result<kaizala::http_response> {
    if (r.origin == "http://data.test")
      return kaizala::http_response{308, {{"Location", "http://moved.test" + r.target}}, ""};
    return ok(members_body);
  });
  t.opt.redirect_allow = {"http://*.test"};
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch("x@1")).has_value());
  CHECK(s.endpoint() == "http://moved.test/v1");
}

TEST_CASE("429 waits Retry-After, in seconds or as an HTTP-date, even for a POST") {
  scripted t;
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    ++calls;
    if (calls == 1) return kaizala::http_response{429, {{"Retry-After", "2"}}, ""};
    if (calls == 2) {
      std::time_t later = static_cast<std::time_t>(t.now / 1000 + 30);  // on the session's clock
      char date[64];
      std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&later));
      return kaizala::http_response{429, {{"Retry-After", date}}, ""};
    }
    return ok(R"({"referenceId":"r1"})");
  });
  t.opt.call_timeout = 120s;
  auto s = t.make();
  auto r = s.call<kaizala::ops::SendMessage>(message());
  REQUIRE(r.has_value());
  REQUIRE(t.slept.size() == 2);
  CHECK(t.slept[0] == 2000ms);
  CHECK(t.slept[1] == 30s);
  CHECK(s.stats().retries == 2);
}

TEST_CASE("429 beyond the throttle budget returns the 429") {
  scripted t;
  t.serve([](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return kaizala::http_response{
        429, {{"Retry-After", "100"}}, R"({"message":"Too many requests"})"};
  });
  t.opt.retry.max_throttle_wait = 150s;
  t.opt.call_timeout = 1000s;
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 429);
  CHECK(r.error().retry_after == "100");
  CHECK(t.slept.size() == 1);
}

TEST_CASE("5xx: an idempotent op is retried with backoff, a POST is not") {
  scripted t;
  t.opt.jitter_seed = 7;  // and a 0 ms draw is still a recorded wait: the backoff has a floor
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return ++calls < 3 ? kaizala::http_response{503, {}, ""} : ok(members_body);
  });
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(calls == 3);
  CHECK(s.stats().retries == 2);
  REQUIRE(t.slept.size() == 2);
  CHECK(t.slept[0] >= 10ms);   // the floor, backoff.minimum
  CHECK(t.slept[0] <= 100ms);  // full jitter under initial * 2^0
  CHECK(t.slept[1] >= 10ms);
  CHECK(t.slept[1] <= 200ms);

  calls = 0;
  auto posted = s.call<kaizala::ops::SendMessage>(message());
  REQUIRE_FALSE(posted.has_value());
  CHECK(posted.error().http_status == 503);
  CHECK(calls == 1);
}

TEST_CASE("retries stop at max_attempts") {
  scripted t;
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    ++calls;
    return kaizala::http_response{500, {}, R"({"message":"boom"})"};
  });
  t.opt.retry.max_attempts = 3;
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  CHECK(r.error().http_status == 500);
  CHECK(calls == 3);
}

TEST_CASE("connection failures: a GET is retried; a POST only if it never left") {
  scripted t;
  int calls = 0;
  bool sent_before_failure = true;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    if (++calls == 1) {
      kaizala::error e;
      e.kind = kaizala::error_kind::transport;
      e.message = "http://data.test: Read";
      e.not_sent = !sent_before_failure;
      return e;
    }
    return ok(calls > 0 ? R"({"referenceId":"r","members":[]})" : "");
  });
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(calls == 2);

  calls = 0;
  auto r = s.call<kaizala::ops::SendMessage>(message());
  REQUIRE_FALSE(r.has_value());
  CHECK(calls == 1);
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().message ==
        "outcome unknown: http://data.test: Read; SendMessage is not idempotent, so it was not "
        "sent again "
        "(check before repeating it)");

  calls = 0;
  sent_before_failure = false;  // connect refused: the server never saw it
  REQUIRE(s.call<kaizala::ops::SendMessage>(message()).has_value());
  CHECK(calls == 2);
}

TEST_CASE("the idempotency policy can be replaced") {
  scripted t;
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return ++calls == 1 ? kaizala::http_response{503, {}, ""} : ok(R"({"referenceId":"r"})");
  });
  t.opt.idempotency = [](std::string_view op, bool spec) { return spec || op == "SendMessage"; };
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::SendMessage>(message()).has_value());
  CHECK(calls == 2);
}

TEST_CASE("many threads across an expiry cause exactly one renewal") {
  scripted t;
  std::atomic<std::int64_t> now{1'700'000'000'000};
  t.opt.now_ms = [&] { return now.load(); };
  t.opt.on_call = nullptr;
  std::atomic<int> grants{0};
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.target == "/v1/accessToken")
      return ok(token_body("tok-" + std::to_string(++grants), now + 3'600'000, "http://data.test"));
    return ok(members_body);
  };
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  now += 3'600'000;  // expired
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 200; ++j)
        if (!s.call<kaizala::ops::FetchMembers>(fetch())) ++failures;
    });
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(grants == 2);
  CHECK(s.stats().renewals == 2);
}

TEST_CASE("a stalled server is cut off at the call budget") {
  httplib::Server stalled;
  stalled.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(2s);
    res.set_content("{}", "application/json");
  });
  int port = stalled.bind_to_any_port("127.0.0.1");
  std::thread th([&] { stalled.listen_after_bind(); });
  for (int i = 0; i < 500 && !stalled.is_running(); ++i) std::this_thread::sleep_for(10ms);

  kaizala::session_options opt;
  opt.application_id = "app";
  opt.application_secret = app_secret;
  opt.refresh_token = refresh;
  opt.auth_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  opt.call_timeout = 500ms;
  opt.retry.max_attempts = 1;
  kaizala::session s(opt);
  auto started = std::chrono::steady_clock::now();
  kaizala::GenerateAccessTokenRequest req{"app", app_secret, refresh};
  auto r = s.call<kaizala::ops::GenerateAccessToken>(req);
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::timeout);
  CHECK(took < 2s);
  stalled.stop();
  th.join();
}

TEST_CASE("call events report every exchange and hold no secret") {
  scripted t;
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return ++calls == 1 ? kaizala::http_response{503, {}, "tok-1 " + app_secret} : ok(members_body);
  });
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch("g@1")).has_value());
  REQUIRE(t.events.size() == 3);
  CHECK(t.events[0].op == "GenerateAccessToken");
  CHECK(t.events[0].status == 200);
  CHECK(t.events[1].op == "FetchMembers");
  CHECK(t.events[1].path == "/v1/groups/g@1/members");
  CHECK(t.events[1].status == 503);
  CHECK(t.events[1].error == kaizala::error_kind::http_status);
  CHECK(t.events[2].attempt == 2);
  CHECK_FALSE(t.events[2].error.has_value());
}

TEST_CASE("on_wait tells each planned wait before the session sleeps") {
  scripted t;
  t.opt.jitter_seed = 7;
  std::vector<std::string> order;  // waits told and sleeps taken, interleaved as they happened
  std::vector<kaizala::wait_event> waits;
  t.opt.on_wait = [&](const kaizala::wait_event& w) {
    waits.push_back(w);
    order.push_back("told " + std::to_string(w.delay.count()));
  };
  t.opt.sleep = [&](std::chrono::milliseconds d) {
    t.slept.push_back(d);
    order.push_back("slept " + std::to_string(d.count()));
  };
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    ++calls;
    if (calls == 1) return kaizala::http_response{429, {{"Retry-After", "3"}}, ""};
    if (calls == 2) return kaizala::http_response{503, {}, ""};
    return ok(members_body);
  });
  t.opt.call_timeout = 60s;
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  REQUIRE(waits.size() == 2);
  CHECK(waits[0].op == "FetchMembers");
  CHECK(waits[0].reason == kaizala::wait_reason::throttled);
  CHECK(waits[0].delay == 3s);
  CHECK(waits[0].retry_after);
  CHECK(waits[0].status == 429);
  CHECK(waits[0].attempt == 1);  // the call's own exchanges (the grant is not one)
  CHECK(waits[1].reason == kaizala::wait_reason::retry);
  CHECK_FALSE(waits[1].retry_after);
  CHECK(waits[1].status == 503);
  CHECK(waits[1].delay == t.slept[1]);
  REQUIRE(order.size() == 4);
  CHECK(order[0] == "told 3000");
  CHECK(order[1] == "slept 3000");
  CHECK(order[2].rfind("told ", 0) == 0);
  CHECK(order[3].rfind("slept ", 0) == 0);
}

TEST_CASE("on_wait is not told of a wait the call budget cannot afford") {
  scripted t;
  int told = 0;
  t.opt.on_wait = [&](const kaizala::wait_event&) { ++told; };
  t.serve([](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return kaizala::http_response{429, {{"Retry-After", "50"}}, ""};
  });
  t.opt.call_timeout = 10s;
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 429);
  CHECK(told == 0);
  CHECK(t.slept.empty());
}

TEST_CASE("on_wire hands headers and bodies to a logger with every secret masked") {
  scripted t;
  std::vector<kaizala::wire_event> wire;
  t.opt.on_wire = [&](const kaizala::wire_event& e) { wire.push_back(e); };
  // The answer echoes the access token and the secret under keys the spec does not mark, in
  // JSON-escaped and percent-encoded forms: masked by value all the same.
  t.serve([&](const kaizala::http_request& r) -> kaizala::result<kaizala::http_response> {
    std::string token(kaizala::find_header(r.headers, "accessToken"));
    return kaizala::http_response{
        400,
        {{"Content-Type", "application/json"}, {"X-Echo", token}},
        R"({"message":"bad token )" + token + R"(","detail":"CANARY\u002dapp-secret-7f3a"})"};
  });
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  REQUIRE(wire.size() == 2);
  const auto& grant = wire[0];
  CHECK(grant.op == "GenerateAccessToken");
  CHECK(grant.url == "http://auth.test/v1/accessToken");
  CHECK(grant.status == 200);
  CHECK(kaizala::find_header(grant.request_headers, "applicationSecret") == "***");
  CHECK(kaizala::find_header(grant.request_headers, "refreshToken") == "***");
  CHECK(grant.response_body.find(R"("accessToken":"***")") != std::string::npos);
  CHECK(grant.response_body.find("data.test") != std::string::npos);  // the rest is shown
  const auto& call = wire[1];
  CHECK(call.op == "FetchMembers");
  CHECK(call.status == 400);
  CHECK(kaizala::find_header(call.request_headers, "accessToken") == "***");
  CHECK(kaizala::find_header(call.response_headers, "X-Echo") == "***");
  CHECK(call.response_body.find("bad token ***") != std::string::npos);
  for (const auto& e : wire) {
    std::string all = e.url + e.request_body + e.response_body;
    for (const auto& h : e.request_headers) all += h.first + h.second;
    for (const auto& h : e.response_headers) all += h.first + h.second;
    CHECK(all.find("tok-1") == std::string::npos);
    CHECK(all.find("CANARY") == std::string::npos);
  }
}

TEST_CASE("on_wire masks a secret member nested in an answer (a webhook's callback token)") {
  scripted t;
  std::vector<kaizala::wire_event> wire;
  t.opt.on_wire = [&](const kaizala::wire_event& e) { wire.push_back(e); };
  t.serve([](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return kaizala::http_response{
        200,
        {{"Content-Type", "application/json"}},
        R"({"webhooks":[{"id":"w1","callbackUrl":"http://127.0.0.1/h","callBackToken":"cb-CANARY-1",)"
        R"("events":["MessageCreated"],"active":true}]})"};
  });
  auto s = t.make();
  kaizala::GetAllWebhooksRequest q;
  q.objectId = "g";
  q.objectType = kaizala::ObjectType::Group;
  auto r = s.call<kaizala::ops::GetAllWebhooks>(q);
  REQUIRE(r.has_value());
  REQUIRE(r->webhooks.size() == 1);
  CHECK(r->webhooks[0].callbackToken == "cb-CANARY-1");  // the caller gets it; the log does not
  REQUIRE(wire.size() == 2);
  CHECK(wire[1].response_body.find(R"("callBackToken":"***")") != std::string::npos);
  CHECK(wire[1].response_body.find("CANARY") == std::string::npos);
  CHECK(wire[1].response_body.find("127.0.0.1/h") != std::string::npos);
}

TEST_CASE("secret_names_of walks nested types once; secret_names covers the API") {
  auto nested = kaizala::secret_names_of<kaizala::GetAllWebhooksResponse>();
  CHECK(nested == std::vector<std::string>{"callbackToken", "callBackToken"});
  CHECK(kaizala::secret_names_of<kaizala::FetchMembersResponse>().empty());
  CHECK(kaizala::secret_names_of<kaizala::Group>().empty());  // holds itself: walked once
  auto all = kaizala::secret_names<kaizala::api>();
  for (std::string_view n : {"accessToken", "applicationSecret", "refreshToken", "pin",
                             "callBackToken", "callbackToken"})
    CHECK_MESSAGE(std::find(all.begin(), all.end(), n) != all.end(), n);
}

TEST_CASE("the session's endpoint root is the spec's") {
  CHECK(kaizala::basic_session<script_transport>::endpoint_root ==
        kaizala::ops::FetchMembers::root);
  CHECK(kaizala::basic_session<script_transport>::endpoint_root_url ==
        kaizala::ops::FetchMembers::root_url);
}

TEST_CASE("parse_retry_after") {
  auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(kaizala::parse_retry_after("120", now) == 120s);
  CHECK(kaizala::parse_retry_after(" 0 ", now) == 0s);
  CHECK(kaizala::parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) == 30s);
  CHECK(kaizala::parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now) == 0s);  // in the past
  CHECK_FALSE(kaizala::parse_retry_after("soon", now).has_value());
  CHECK_FALSE(kaizala::parse_retry_after("", now).has_value());
  CHECK_FALSE(kaizala::parse_retry_after("-5", now).has_value());
}

TEST_CASE("KAIZALA_EMULATOR_HOST sends every root to the emulator") {
  setenv("KAIZALA_EMULATOR_HOST", "127.0.0.1:9", 1);
  kaizala::context ctx;
  CHECK(*ctx.root_url(kaizala::roots::auth::name, kaizala::roots::auth::url) ==
        "http://127.0.0.1:9/v1");
  CHECK(*ctx.root_url(kaizala::roots::endpoint::name, kaizala::roots::endpoint::url) ==
        "http://127.0.0.1:9/v1");
  ctx.set_root("auth", "http://explicit/v1");  // code that sets a root on purpose still wins
  CHECK(*ctx.root_url(kaizala::roots::auth::name, kaizala::roots::auth::url) ==
        "http://explicit/v1");
  unsetenv("KAIZALA_EMULATOR_HOST");
  kaizala::context plain;
  CHECK(plain.root_url(kaizala::roots::endpoint::name, kaizala::roots::endpoint::url).has_value() ==
        false);
}

// --- hardening (issue 10): redirects -------------------------------------------------------------

namespace {
bool any_request_to(scripted& t, std::string_view origin) {
  std::lock_guard<std::mutex> lock(t.sc->mu);
  for (const auto& r : t.sc->seen)
    if (r.origin == origin) return true;
  return false;
}
}  // namespace

TEST_CASE("308 to another host is refused: a refused error naming it, and no token goes there") {
  scripted t;
  t.serve([](const kaizala::http_request& r) -> kaizala::result<kaizala::http_response> {
    if (r.origin == "http://data.test")
      return kaizala::http_response{
          308, {{"Location", "http://evil.example/v1?echo=tok-1"}}, "moved, tok-1"};
    return ok(members_body);
  });
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(r.error().http_status == 308);
  CHECK(r.error().message ==
        "FetchMembers: 308 redirect to http://evil.example refused: origin not allowed (add it to "
        "session_options::redirect_allow to follow it)");
  CHECK(r.error().location == "http://evil.example/v1?echo=***");
  CHECK(r.error().body == "moved, ***");
  CHECK_FALSE(any_request_to(t, "http://evil.example"));
  CHECK(s.stats().redirects == 0);
  CHECK(s.endpoint() == "http://data.test/v1");  // not moved
}

TEST_CASE("308 on the auth root to another host: no secret is sent there and the root stays") {
  scripted t;
  int grants = 0;
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.origin == "http://auth.test" && ++grants == 1)
      return kaizala::http_response{308, {{"Location", "http://evil.example/v1"}}, ""};
    if (r.origin == "http://auth.test")
      return ok(token_body("tok", t.now + 3'600'000, "http://data.test/"));
    return ok(members_body);
  };
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(r.error().message.find(
            "GenerateAccessToken: 308 redirect to http://evil.example refused") == 0);
  CHECK_FALSE(any_request_to(t, "http://evil.example"));
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());  // the auth root did not move
  std::lock_guard<std::mutex> lock(t.sc->mu);
  for (const auto& req : t.sc->seen) {
    if (kaizala::find_header(req.headers, "applicationSecret").empty()) continue;
    CHECK(req.origin == "http://auth.test");
  }
}

TEST_CASE("308 never goes from https to http; the service's own hosts are allowed by default") {
  scripted t;
  t.opt.auth_url = "https://api.kaiza.la/v1";
  std::string location = "http://kms2.kaiza.la/";
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.target == "/v1/accessToken")
      return ok(token_body("tok", t.now + 3'600'000, "https://kms.kaiza.la/"));
    if (r.origin == "https://kms.kaiza.la")
      return kaizala::http_response{308, {{"Location", location}}, ""};
    return ok(members_body);
  };
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(r.error().message ==
        "FetchMembers: 308 redirect to http://kms2.kaiza.la refused: it changes the scheme");
  CHECK_FALSE(any_request_to(t, "http://kms2.kaiza.la"));

  location = "https://kms2.kaiza.la/";
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(s.endpoint() == "https://kms2.kaiza.la/v1");

  location = "https://kaiza.la.evil.example/";  // a look-alike is not under kaiza.la
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.origin == "https://kms2.kaiza.la")
      return kaizala::http_response{308, {{"Location", location}}, ""};
    return ok(members_body);
  };
  auto refused = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == kaizala::error_kind::refused);
}

TEST_CASE("loopback: a same-origin 308 is followed; another port only when listed exactly") {
  scripted t;
  t.opt.auth_url = "http://127.0.0.1:4000/v1";
  std::string location = "http://127.0.0.1:4000/moved";
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.target == "/v1/accessToken")
      return ok(token_body("tok", t.now + 3'600'000, "http://127.0.0.1:4000"));
    if (r.target.rfind("/v1/", 0) == 0)
      return kaizala::http_response{308, {{"Location", location}}, ""};
    return ok(members_body);
  };
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(s.endpoint() == "http://127.0.0.1:4000/moved/v1");

  auto other = t.make();
  location = "http://127.0.0.1:4001/moved";
  auto r = other.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(r.error().message.find("http://127.0.0.1:4001 refused") != std::string::npos);

  t.opt.redirect_allow.push_back("http://127.0.0.1:4001");
  auto allowed = t.make();
  REQUIRE(allowed.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  CHECK(allowed.endpoint() == "http://127.0.0.1:4001/moved/v1");
}

// --- hardening: retry arithmetic
// ------------------------------------------------------------------

TEST_CASE(
    "429 with Retry-After 0 waits the floor, and every 429 counts against max_throttled_attempts") {
  scripted t;
  int calls = 0;
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    ++calls;
    return kaizala::http_response{429, {{"Retry-After", "0"}}, R"({"message":"slow down"})"};
  });
  t.opt.call_timeout = 5s;
  auto s = t.make();
  auto r = s.call<kaizala::ops::SendMessage>(message());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 429);
  CHECK(calls == 1 + t.opt.retry.max_throttled_attempts);
  REQUIRE(t.slept.size() == static_cast<std::size_t>(t.opt.retry.max_throttled_attempts));
  for (auto d : t.slept) CHECK(d == t.opt.retry.min_throttle_wait);
}

TEST_CASE("429 with a Retry-After date in the past or in year 9999") {
  scripted t;
  int calls = 0;
  std::string after = "Thu, 01 Jan 1970 00:00:00 GMT";
  t.serve([&](const kaizala::http_request&) -> kaizala::result<kaizala::http_response> {
    return ++calls == 1 ? kaizala::http_response{429, {{"Retry-After", after}}, ""}
                        : ok(members_body);
  });
  auto s = t.make();
  REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
  REQUIRE(t.slept.size() == 1);
  CHECK(t.slept[0] == t.opt.retry.min_throttle_wait);

  calls = 0;
  after = "Fri, 31 Dec 9999 23:59:59 GMT";
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());  // a year's wait is beyond max_throttle_wait
  CHECK(r.error().http_status == 429);
  CHECK(t.slept.size() == 1);
}

TEST_CASE("parse_retry_after clamps instead of overflowing") {
  auto now = std::chrono::system_clock::from_time_t(1445412480);
  const auto year = std::chrono::milliseconds(std::chrono::hours(24 * 365));
  CHECK(kaizala::parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == year);
  CHECK(kaizala::parse_retry_after("99999999999999999999", now) == year);
  CHECK(kaizala::parse_retry_after("999999999", now) == year);
  CHECK(kaizala::parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now) == 0s);
  CHECK(kaizala::parse_retry_after("Wed, 21 Oct 2015 07:28:01 GMT", now + 500ms) == 500ms);
}

TEST_CASE("backoff never waits less than its floor, even with a huge maximum or multiplier") {
  kaizala::backoff_policy b;
  std::minstd_rand rng(42);
  for (int retry = 0; retry < 200; ++retry) {
    auto d = b.delay(retry, rng);
    CHECK(d >= b.minimum);
    CHECK(d <= b.maximum);
  }
  b.maximum = std::chrono::milliseconds::max();
  b.multiplier = 1e300;
  for (int retry = 1; retry < 100; ++retry) CHECK(b.delay(retry, rng) >= b.minimum);
}

TEST_CASE("accessTokenExpiry of INT64_MIN or INT64_MAX: no overflow, no renewal per call") {
  for (std::int64_t expiry : {std::numeric_limits<std::int64_t>::min(), std::int64_t{0},
                              std::numeric_limits<std::int64_t>::max()}) {
    CAPTURE(expiry);
    scripted t;
    t.sc->answer = [&](const kaizala::http_request& r,
                       int) -> kaizala::result<kaizala::http_response> {
      if (r.target == "/v1/accessToken")
        return ok(token_body("tok-" + std::to_string(++t.grants), expiry, "http://data.test"));
      return ok(members_body);
    };
    auto s = t.make();
    for (int i = 0; i < 5; ++i) REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
    CHECK(t.grants == 1);
    t.now += 2000;
    REQUIRE(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
    // An expiry in the past is renewed again once the
    // token has been used a while; a far one is kept.
    CHECK(t.grants == (expiry == std::numeric_limits<std::int64_t>::max() ? 1 : 2));
  }
}

TEST_CASE("a huge call_timeout does not overflow the clock") {
  scripted t;
  t.serve([](const kaizala::http_request&) { return ok(members_body); });
  t.opt.call_timeout = std::chrono::milliseconds::max();
  auto s = t.make();
  CHECK(s.call<kaizala::ops::FetchMembers>(fetch()).has_value());
}

TEST_CASE("KAIZALA_EMULATOR_HOST: with a scheme, malformed, or not this machine") {
  struct env_guard {
    ~env_guard() {
      unsetenv("KAIZALA_EMULATOR_HOST");
      unsetenv("KAIZALA_EMULATOR_ALLOW_REMOTE");
    }
  } guard;
  kaizala::context ctx;
  auto root = [&](const char* host) {
    setenv("KAIZALA_EMULATOR_HOST", host, 1);
    return ctx.root_url(kaizala::roots::auth::name, kaizala::roots::auth::url);
  };
  CHECK(*root("http://127.0.0.1:8080") == "http://127.0.0.1:8080/v1");
  CHECK(*root("http://127.0.0.1:8080/") == "http://127.0.0.1:8080/v1");
  CHECK(*root("localhost:1") == "http://localhost:1/v1");
  CHECK(*root("[::1]:8080") == "http://[::1]:8080/v1");
  CHECK(*root("https://127.0.0.1:8443") == "https://127.0.0.1:8443/v1");

  CHECK(*root("HTTP://127.0.0.1:8080") ==
        "http://127.0.0.1:8080/v1");  // schemes are case-insensitive
  CHECK(*root(" 127.0.0.1:8080 ") == "http://127.0.0.1:8080/v1");

  for (const char* bad : {"http://http://127.0.0.1", "ftp://127.0.0.1:1", "127.0.0.1:8080/x",
                          "127.0.0.1:port", "user@127.0.0.1:1", "ftp://x", "http://",
                          "http://:8080", ":8080", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536",
                          "http:127.0.0.1:8080", "http://127.0.0.1:8080?x"}) {
    CAPTURE(bad);
    auto r = root(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == kaizala::error_kind::invalid_request);
    CHECK(r.error().message.find(std::string("KAIZALA_EMULATOR_HOST=\"") + bad +
                                 "\": expected host:port") == 0);
  }
  // The reason names what is wrong with the value as given, never an origin made from it.
  auto reason = [&](const char* bad) {
    auto r = root(bad);
    return r ? std::string("accepted") : r.error().message.substr(r.error().message.find(" (") + 2);
  };
  CHECK(reason("ftp://x") == "scheme \"ftp\": only http or https)");
  CHECK(reason("http://") == "no host)");
  CHECK(reason("http://:8080") == "no host)");
  CHECK(reason("127.0.0.1:65536") == "port out of range)");
  CHECK(reason("127.0.0.1:") == "port is not a number)");
  CHECK(reason("http://http://127.0.0.1") == "a second scheme)");
  CHECK(reason("http:127.0.0.1:8080") == "a scheme without \"//\")");
  CHECK(root("http://").error().message.find("http://http:") == std::string::npos);

  auto remote = root("emulator.example:8080");
  REQUIRE_FALSE(remote.has_value());
  CHECK(remote.error().kind == kaizala::error_kind::refused);
  CHECK(remote.error().message ==
        "KAIZALA_EMULATOR_HOST=\"emulator.example:8080\": not this machine, and connector secrets "
        "would go there in "
        "plaintext; set KAIZALA_EMULATOR_ALLOW_REMOTE=1 to allow it");
  setenv("KAIZALA_EMULATOR_ALLOW_REMOTE", "1", 1);
  CHECK(*root("emulator.example:8080") == "http://emulator.example:8080/v1");

  // Through a session: nothing is sent, and the error says why.
  unsetenv("KAIZALA_EMULATOR_ALLOW_REMOTE");
  setenv("KAIZALA_EMULATOR_HOST", "10.1.2.3:8080", 1);
  scripted t;
  t.opt.auth_url.clear();
  t.serve([](const kaizala::http_request&) { return ok(members_body); });
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(t.sc->seen.empty());
}

TEST_CASE(
    "an endpointUrl over http from a grant over https is refused: the token never goes in "
    "plaintext") {
  scripted t;
  t.opt.auth_url = "https://api.kaiza.la/v1";
  t.sc->answer = [&](const kaizala::http_request& r,
                     int) -> kaizala::result<kaizala::http_response> {
    if (r.target == "/v1/accessToken")
      return ok(token_body("tok-plain", t.now + 3'600'000, "http://kms.kaiza.la/", "rotated-rt"));
    return ok(members_body);
  };
  auto s = t.make();
  auto r = s.call<kaizala::ops::FetchMembers>(fetch());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::refused);
  CHECK(r.error().message ==
        "GenerateAccessToken: endpointUrl http://kms.kaiza.la refused: the grant came over https, "
        "and the access "
        "token would go over http");
  CHECK_FALSE(any_request_to(t, "http://kms.kaiza.la"));
  CHECK(s.refresh_token() == "rotated-rt");  // a rotation in the refused grant is still kept
}
