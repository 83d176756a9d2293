// kaizala::session against the emulator and its fault switches, counting what the server saw:
// token expiry and rotation, revoked tokens, moved endpoints, throttling, transient failures,
// dropped connections, stalled and broken responses, many threads, and no leaked secret.
#include <kaizala/emulator/server.hpp>
#include <kaizala/kaizala.hpp>
#include <kaizala/webhook.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using kaizala::emulator::fault;

namespace {

const std::string app_id = "canary-app";
const std::string app_secret = "CANARY-SECRET-5d1e9c";
const std::string mobile = "+911099999999";

// Everything the suite's sessions and emulators print or return, searched for secrets at the end.
struct leak_watch {
  std::mutex mu;
  std::vector<std::string> text;  // log lines, error strings, event paths
  std::set<std::string> secrets{app_secret};
  void add(std::string s) {
    std::lock_guard<std::mutex> lock(mu);
    text.push_back(std::move(s));
  }
  void secret(const std::string& s) {
    std::lock_guard<std::mutex> lock(mu);
    if (!s.empty()) secrets.insert(s);
  }
};
leak_watch& leaks() {
  static leak_watch w;
  return w;
}

// A transport that notes every token it carries, so the leak check knows what to look for.
struct watching_transport {
  kaizala::httplib_transport http;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    for (const char* h : {"accessToken", "refreshToken", "applicationSecret"})
      leaks().secret(std::string(kaizala::find_header(r.headers, h)));
    auto res = http.send(r);
    if (!res) leaks().add(res.error().to_string());
    return res;
  }
};

using session = kaizala::basic_session<watching_transport>;

struct world {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  std::vector<std::chrono::milliseconds> slept;
  std::mutex slept_mu;
  kaizala::emulator::server emu;
  std::string refresh_token;

  explicit world(kaizala::emulator::options o = {}) : emu(configure(std::move(o))) {
    auto port = emu.start();
    REQUIRE_MESSAGE(port.has_value(), (port ? "" : port.error().to_string()));
    // First-time setup through the PIN flow, with a session of its own.
    auto s = make();
    REQUIRE(s->request_pin(mobile).has_value());
    auto pin = emu.last_pin(mobile, app_id);
    REQUIRE(pin.has_value());
    auto rt = s->login_with_pin(mobile, std::stoi(*pin));
    REQUIRE(rt.has_value());
    refresh_token = rt->refreshToken;
    leaks().secret(refresh_token);
  }

  kaizala::emulator::options configure(kaizala::emulator::options o) {
    o.fixed_pin = "4821";
    o.connectors = {{app_id, app_secret}};
    o.throttle.enabled = false;  // tests that want 429s switch it on (set_throttle)
    o.clock_ms = [this] { return now.load(); };
    o.log = [](std::string_view line) { leaks().add(std::string(line)); };
    o.webhooks.backoff_base = 1ms;
    return o;
  }

  kaizala::session_options options() {
    kaizala::session_options opt;
    opt.application_id = app_id;
    opt.application_secret = app_secret;
    opt.refresh_token = refresh_token;
    opt.auth_url = emu.base_url() + "/v1";
    opt.now_ms = [this] { return now.load(); };
    opt.sleep =
        [this](std::chrono::milliseconds d) {  // waiting moves the shared clock, not the test
          std::lock_guard<std::mutex> lock(slept_mu);
          slept.push_back(d);
          now += d.count();
        };
    opt.on_call = [](const kaizala::call_event& e) {
      leaks().add(std::string(e.op) + " " + e.path + " " + std::to_string(e.status));
    };
    opt.call_timeout = 10s;
    return opt;
  }
  std::unique_ptr<session> make(kaizala::session_options opt) {
    return std::make_unique<session>(std::move(opt));
  }
  std::unique_ptr<session> make() { return make(options()); }
};

// A group to work in.
std::string new_group(session& s, std::string name = "Team") {
  kaizala::CreateGroupRequest req;
  req.name = std::move(name);
  req.welcomeMessage = "Welcome";
  auto g = s.call<kaizala::ops::CreateGroup>(req);
  REQUIRE_MESSAGE(g.has_value(), (g ? "" : g.error().to_string()));
  return g->groupId;
}

template <class T>
void note(const kaizala::result<T>& r) {
  if (!r) leaks().add(r.error().to_string() + " " + r.error().body);
}

}  // namespace

TEST_CASE("an access token that expires mid-run is renewed before it is refused") {
  kaizala::emulator::options o;
  o.access_token_lifetime = 60s;
  world w(o);
  auto s = w.make();
  std::string g = new_group(*s);
  w.now += 61'000;  // the first token is dead now
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  note(r);
  REQUIRE(r.has_value());
  CHECK(s->stats().renewals == 2);
  CHECK(w.emu.token_grants() == 2);              // the setup only ran the PIN flow; ours twice
  CHECK(w.emu.op_calls()["FetchMembers"] == 1);  // no 401 on the way
}

TEST_CASE("a rotated refresh token is adopted and handed to the callback") {
  kaizala::emulator::options o;
  o.rotate_refresh_tokens = true;
  o.access_token_lifetime = 60s;
  world w(o);
  std::vector<std::string> saved;
  auto opt = w.options();
  opt.on_refresh_token = [&](const std::string& t) { saved.push_back(t); };
  auto s = w.make(opt);
  std::string g = new_group(*s);
  REQUIRE(saved.size() == 1);
  CHECK(saved[0] != w.refresh_token);
  CHECK(s->refresh_token() == saved[0]);
  w.now += 61'000;
  auto r = s->call<kaizala::ops::FetchMembers>({g});  // renews with the rotated token
  note(r);
  REQUIRE(r.has_value());
  REQUIRE(saved.size() == 2);
  CHECK(s->refresh_token() == saved[1]);
}

TEST_CASE("a revoked access token: one 401, one renewal, then success") {
  world w;
  auto s = w.make();
  std::string g = new_group(*s);
  w.emu.revoke_access_tokens();
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  note(r);
  REQUIRE(r.has_value());
  CHECK(s->stats().renewals == 2);
  CHECK(s->stats().retries == 0);
  CHECK(w.emu.op_calls()["FetchMembers"] == 2);  // refused once, then served
}

TEST_CASE("308: the call follows the move and every later call goes to the new endpoint") {
  world w;
  auto s = w.make();
  std::string g = new_group(*s);
  std::string moved = w.emu.base_url() + "/moved";
  w.emu.move_endpoint(moved);
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  note(r);
  REQUIRE(r.has_value());
  CHECK(s->endpoint() == moved + "/v1");
  CHECK(s->stats().redirects == 1);
  for (int i = 0; i < 3; ++i) REQUIRE(s->call<kaizala::ops::FetchMembers>({g}).has_value());
  CHECK(s->stats().redirects == 1);  // no more 308s: the session remembered
  CHECK(w.emu.op_calls()["FetchMembers"] == 5);
}

TEST_CASE("429: Retry-After is honoured, from a fault and from the real throttle") {
  world w;
  auto opt = w.options();
  opt.call_timeout = 300s;  // room to wait out a one-minute window (on the shared clock)
  auto s = w.make(opt);
  std::string g = new_group(*s);
  w.emu.add_fault(fault::make_status("SendMessage", 429, 3));
  auto sent = s->call<kaizala::ops::SendMessage>({g, "throttled once"});
  note(sent);
  REQUIRE(sent.has_value());
  REQUIRE(w.slept.size() == 1);
  CHECK(w.slept[0] == 3s);
  CHECK(w.emu.op_calls()["SendMessage"] == 2);

  // The HTTP-date form, on the emulator's (shared) clock: 40 s from now.
  w.emu.add_fault(fault::make_status_until("SendMessage", 429, 40));
  sent = s->call<kaizala::ops::SendMessage>({g, "throttled until a date"});
  note(sent);
  REQUIRE(sent.has_value());
  REQUIRE(w.slept.size() == 2);
  CHECK(w.slept[1] > 38s);  // the date has one-second resolution; real time passes too
  CHECK(w.slept[1] <= 40s);
  CHECK(w.emu.op_calls()["SendMessage"] == 4);

  kaizala::emulator::throttle_options t;
  t.per_connector_per_minute = 2;
  w.emu.set_throttle(t);
  int ok = 0;
  for (int i = 0; i < 4; ++i) ok += s->call<kaizala::ops::FetchMembers>({g}).has_value();
  CHECK(ok == 4);  // each 429 was waited out (on the shared clock, which the injected sleep moves)
  CHECK(w.slept.size() > 1);
}

TEST_CASE("503 then success for an idempotent op; a POST gets the 503") {
  world w;
  auto s = w.make();
  std::string g = new_group(*s);
  w.emu.add_fault(fault::make_status("FetchMembers", 503));
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  note(r);
  REQUIRE(r.has_value());
  CHECK(s->stats().retries == 1);
  CHECK(w.emu.op_calls()["FetchMembers"] == 2);

  w.emu.add_fault(fault::make_status("SendMessage", 503));
  auto sent = s->call<kaizala::ops::SendMessage>({g, "not repeated"});
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().http_status == 503);
  CHECK(w.emu.op_calls()["SendMessage"] == 1);
}

TEST_CASE("a dropped connection: a GET is retried, a SendMessage that arrived is not") {
  world w;
  auto s = w.make();
  std::string g = new_group(*s);

  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> texts;
  kaizala::webhook_receiver::options hook_opt;
  hook_opt.callback_token = "session-test-callback-token";  // the receiver requires one
  kaizala::webhook_receiver hooks(hook_opt, [&](const kaizala::Event& e) {
    auto d = kaizala::event_data<kaizala::TextMessageCreatedData>(e);
    std::lock_guard<std::mutex> lock(mu);
    texts.push_back(d && d->text ? *d->text : "?");
    cv.notify_all();
  });
  REQUIRE(hooks.start().has_value());
  kaizala::SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = kaizala::ObjectType::Group;
  sub.eventTypes = {kaizala::EventType::TextMessageCreated};
  sub.callBackUrl = hooks.url();
  sub.callBackToken = hook_opt.callback_token;
  REQUIRE(s->call<kaizala::ops::SubscribeToAllEvents>(sub).has_value());

  w.emu.add_fault(fault::make("FetchMembers", fault::kind::drop_after));
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  note(r);
  REQUIRE(r.has_value());
  CHECK(w.emu.op_calls()["FetchMembers"] == 2);

  w.emu.add_fault(fault::make("SendMessage", fault::kind::drop_after));
  auto sent = s->call<kaizala::ops::SendMessage>({g, "exactly once"});
  note(sent);
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().kind == kaizala::error_kind::transport);
  CHECK(sent.error().message.rfind("outcome unknown: ", 0) == 0);
  CHECK(w.emu.op_calls()["SendMessage"] == 1);

  std::unique_lock<std::mutex> lock(mu);
  cv.wait_for(lock, 5s, [&] { return !texts.empty(); });
  lock.unlock();
  std::this_thread::sleep_for(200ms);  // room for a second copy, were there one
  lock.lock();
  CHECK(texts == std::vector<std::string>{"exactly once"});  // the message exists once
}

TEST_CASE("a stalled server is cut off at the call budget") {
  world w;
  auto opt = w.options();
  opt.call_timeout = 700ms;
  auto s = w.make(opt);
  std::string g = new_group(*s);
  w.emu.add_fault(fault::make_delay("FetchMembers", 3000ms, 5));
  auto started = std::chrono::steady_clock::now();
  auto r = s->call<kaizala::ops::FetchMembers>({g});
  auto took = std::chrono::steady_clock::now() - started;
  note(r);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::timeout);
  CHECK(took < 2s);
}

TEST_CASE("truncated and malformed bodies are decode errors") {
  world w;
  auto s = w.make();
  std::string g = new_group(*s);
  w.emu.add_fault(fault::make("FetchMembers", fault::kind::truncate));
  auto cut = s->call<kaizala::ops::FetchMembers>({g});
  note(cut);
  REQUIRE_FALSE(cut.has_value());
  CHECK(cut.error().kind == kaizala::error_kind::decode);
  CHECK(cut.error().message.rfind("(root): invalid JSON at byte", 0) == 0);

  w.emu.add_fault(fault::make("SendMessage", fault::kind::malformed));
  auto bad = s->call<kaizala::ops::SendMessage>({g, "hello"});
  note(bad);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().kind == kaizala::error_kind::decode);
  CHECK(bad.error().http_status == 200);
}

TEST_CASE("8 threads x 500 calls through one session across a token expiry") {
  kaizala::emulator::options o;
  o.access_token_lifetime = 3'600'000ms;
  world w(o);
  auto s = w.make();
  std::string g = new_group(*s);
  const std::size_t grants_before = w.emu.token_grants();
  std::atomic<int> done{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto r = s->call<kaizala::ops::FetchMembers>({g});
        if (!r) {
          ++failures;
          note(r);
        }
        if (++done == 2000) w.now += 3'600'000;  // halfway: every token in use expires
      }
    });
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(done == 4000);
  CHECK(w.emu.token_grants() - grants_before == 1);  // exactly one renewal
  CHECK(s->stats().renewals == 2);
  // A thread that took the old token just before the jump is refused once (401) and goes on
  // with the renewed one: at most one refused call per thread.
  int seen = w.emu.op_calls()["FetchMembers"];
  CHECK(seen >= 4000);
  CHECK(seen <= 4008);
}

TEST_CASE("no secret in any log line, event or error the suite produced (canary)") {
  leak_watch& w = leaks();
  std::lock_guard<std::mutex> lock(w.mu);
  REQUIRE(w.text.size() > 100);
  REQUIRE(w.secrets.size() > 3);
  int hits = 0;
  for (const auto& line : w.text)
    for (const auto& secret : w.secrets)
      if (secret.size() >= 8 && line.find(secret) != std::string::npos) {
        ++hits;
        FAIL_CHECK("secret found in: " << line.substr(0, 200));
      }
  CHECK(hits == 0);
  MESSAGE("searched " << w.text.size() << " lines for " << w.secrets.size() << " secrets");
}
