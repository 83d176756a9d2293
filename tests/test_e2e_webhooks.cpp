// Webhook delivery from the emulator to an httplib::Server in the test: the validation handshake,
// the event envelope and its kz-callback-token header, retries with backoff, and auto-disable.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

// A callback receiver: answers the validation GET (or not), records every POST, and fails the
// first `fail_first` of them with 500.
class receiver {
 public:
  explicit receiver(int fail_first = 0, bool echo_token = true) : fail_first_(fail_first) {
    server_.Get("/hook", [echo_token](const httplib::Request& req, httplib::Response& res) {
      res.set_content(echo_token ? req.get_param_value("validationToken") + "\n" : "nope",
                      "text/plain");
    });
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lk(mu_);
      posts_.push_back({req.get_header_value("kz-callback-token"), req.body});
      res.status = static_cast<int>(posts_.size()) <= fail_first_ ? 500 : 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<std::pair<std::string, std::string>> posts() {
    std::lock_guard<std::mutex> lk(mu_);
    return posts_;
  }
  // Waits (bounded) until `n` POSTs arrived.
  bool wait_for(std::size_t n) {
    for (int i = 0; i < 1000; ++i) {
      if (posts().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  int fail_first_;
  std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> posts_;
};

emulator::options fast_retries() {
  auto o = test_support::quiet_options();
  o.webhooks.backoff_base = std::chrono::milliseconds(5);
  o.webhooks.retries = 2;
  o.webhooks.validation_timeout = std::chrono::milliseconds(2000);
  return o;
}

std::string make_group(emulator_fixture& f) {
  auto r = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", {}, {}});
  REQUIRE(r.has_value());
  return r->groupId;
}

std::string subscribe(emulator_fixture& f, const std::string& group, const std::string& url,
                      std::vector<open_enum<EventType>> events) {
  SubscribeToAllEventsRequest sub;
  sub.objectId = group;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = std::move(events);
  sub.callBackUrl = url;
  sub.callBackToken = "tokenToBeVerifiedByCallback";
  sub.callBackContext = "ctx-42";
  auto r = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return r->webhookId;
}

}  // namespace

TEST_CASE("events reach the callback with the token header, the context and typed data") {
  emulator_fixture f(fast_retries());
  receiver rx;
  std::string g = make_group(f);
  subscribe(f, g, rx.url(),
            {EventType::TextMessageCreated, EventType::MemberAdded, EventType::SurveyResponse});

  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "Test Message"}).has_value());
  REQUIRE(rx.wait_for(1));
  auto post = rx.posts()[0];
  CHECK(post.first == "tokenToBeVerifiedByCallback");
  auto e = from_json<Event>(post.second);
  REQUIRE(e.has_value());
  CHECK(e->eventType == EventType::TextMessageCreated);
  CHECK(e->objectId == g);
  CHECK(e->context == "ctx-42");
  CHECK(e->fromUser == "+911099999999");
  CHECK_FALSE(e->eventId.value_or("").empty());
  auto data = from_json_value<TextMessageCreatedData>(e->data);
  CHECK(data->text == "Test Message");

  REQUIRE(call<ops::AddMembers>(f.http, f.ctx, {g, {"+912222222222"}}).has_value());
  REQUIRE(rx.wait_for(2));
  auto added = from_json<Event>(rx.posts()[1].second);
  CHECK(added->eventType == EventType::MemberAdded);
  CHECK(from_json_value<MemberEventData>(added->data)->member == "+912222222222");
  // Events not subscribed to are not delivered.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(rx.posts().size() == 2);
}

TEST_CASE("a failed delivery is retried with backoff") {
  emulator_fixture f(fast_retries());
  receiver rx(1);  // the first POST fails
  std::string g = make_group(f);
  subscribe(f, g, rx.url(), {EventType::TextMessageCreated});
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "again"}).has_value());
  REQUIRE(rx.wait_for(2));
  CHECK(rx.posts()[0].second == rx.posts()[1].second);  // the same event, eventId included
  for (int i = 0; i < 200 && f.emu.webhook_deliveries() < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(f.emu.webhook_deliveries() == 1);
  CHECK(f.emu.webhook_attempts() == 2);
}

TEST_CASE("after the last retry the webhook is disabled (active=false)") {
  emulator_fixture f(fast_retries());
  receiver rx(1000);  // always fails
  std::string g = make_group(f);
  subscribe(f, g, rx.url(), {EventType::TextMessageCreated});
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "doomed"}).has_value());
  REQUIRE(rx.wait_for(3));  // first attempt + 2 retries
  bool disabled = false;
  for (int i = 0; i < 200 && !disabled; ++i) {
    auto list = call<ops::GetAllWebhooks>(f.http, f.ctx, {g, ObjectType::Group});
    REQUIRE(list.has_value());
    disabled = list->webhooks.at(0).active == false;
    if (!disabled) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(disabled);
  // A disabled webhook gets nothing more.
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "ignored"}).has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(rx.posts().size() == 3);
}

TEST_CASE("subscription is refused when the callback fails the validation handshake") {
  emulator_fixture f(fast_retries());
  receiver rx(0, false);
  std::string g = make_group(f);
  SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated};
  sub.callBackUrl = rx.url();
  auto r = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 400);
  CHECK(r.error().message.find("callBackUrl") != std::string::npos);
  sub.callBackUrl = "http://127.0.0.1:1/nobody-listens";
  auto none = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().http_status == 400);
}

TEST_CASE("survey and job events carry the generated data types") {
  emulator_fixture f(fast_retries());
  receiver rx;
  std::string g = make_group(f);
  subscribe(f, g, rx.url(),
            {EventType::SurveyCreated, EventType::SurveyResponse, EventType::JobCreated});
  SurveyBody body;
  body.title = "S";
  body.questions = {{"Q", QuestionType::Text, {}, {}}};
  SendSurveyRequest req;
  req.groupId = g;
  req.actionType = ActionType::Survey;
  req.actionBody = to_json_value(body);
  auto s = call<ops::SendSurvey>(f.http, f.ctx, req);
  REQUIRE(s.has_value());
  PostingSurveyResponseRequest answer;
  answer.groupId = g;
  answer.surveyId = *s->actionId;
  answer.actionBody.answers = {"A"};
  REQUIRE(call<ops::PostingSurveyResponse>(f.http, f.ctx, answer).has_value());
  REQUIRE(rx.wait_for(2));
  auto created = from_json<Event>(rx.posts()[0].second);
  CHECK(created->eventType == EventType::SurveyCreated);
  CHECK(from_json_value<ActionCreatedData>(created->data)->actionId == s->actionId);
  auto response = from_json<Event>(rx.posts()[1].second);
  CHECK(response->eventType == EventType::SurveyResponse);
  auto data = from_json_value<SurveyResponseData>(response->data);
  REQUIRE(data.has_value());
  CHECK(data->responseDetails->responseWithQuestions->at(0).answer.as_string() == "A");
}

TEST_CASE("callbacks must be on loopback hosts unless remote callbacks are allowed") {
  emulator_fixture f(fast_retries());
  std::string g = make_group(f);
  SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated};
  for (const char* url :
       {"http://10.0.0.1:9/hook", "http://example.com/hook", "http://127.0.0.1.example.com/h",
        "http://user@10.0.0.1/h", "https://[fe80::1]:443/h"}) {
    CAPTURE(url);
    sub.callBackUrl = url;
    auto r = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().http_status == 400);
    CHECK(r.error().message.find("loopback") != std::string::npos);
  }
  receiver rx;
  std::string local = rx.url();
  local.replace(local.find("127.0.0.1"), 9, "localhost");
  sub.callBackUrl = local;
  CHECK(call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub).has_value());
}

TEST_CASE("the delivery queue is bounded: a receiver that never succeeds cannot make it grow") {
  auto o = fast_retries();
  o.webhooks.backoff_base = std::chrono::milliseconds(60'000);  // failed deliveries stay queued
  o.webhooks.max_queued_deliveries = 2;
  auto lines = std::make_shared<std::vector<std::string>>();
  auto lines_mu = std::make_shared<std::mutex>();
  o.log = [lines, lines_mu](std::string_view l) {
    std::lock_guard<std::mutex> lk(*lines_mu);
    lines->emplace_back(l);
  };
  emulator_fixture f(o);
  receiver rx(1000);  // always fails
  std::string g = make_group(f);
  subscribe(f, g, rx.url(), {EventType::TextMessageCreated});
  for (int i = 0; i < 6; ++i)
    REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "m" + std::to_string(i)}).has_value());
  REQUIRE(rx.wait_for(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(rx.posts().size() <=
        3);  // the queue's 2, plus one the worker may have held when the rest came
  std::lock_guard<std::mutex> lk(*lines_mu);
  bool dropped = false;
  for (const auto& l : *lines)
    dropped = dropped || l.find("webhook delivery queue full") != std::string::npos;
  CHECK(dropped);
}

TEST_CASE("the documented schedule on an injected clock: 6 retries over 2 days, then disabled") {
  auto o = test_support::quiet_options();  // the default schedule: 6 retries in 48 hours
  auto now = std::make_shared<std::atomic<std::int64_t>>(1'700'000'000'000);
  o.clock_ms = [now] { return now->load(); };
  o.access_token_lifetime = std::chrono::hours(24 * 30);  // the test outlives two days
  o.webhooks.validation_timeout = std::chrono::milliseconds(2000);
  emulator_fixture f(o);
  receiver rx(7);  // the first attempt and all 6 retries fail; what comes later succeeds
  std::string g = make_group(f);
  std::string id = subscribe(f, g, rx.url(), {EventType::TextMessageCreated});
  const std::int64_t start = now->load();
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "doomed"}).has_value());
  REQUIRE(rx.wait_for(1));
  // Retry n is due 48 h / 63 * 2^(n-1) after the attempt before it; the clock jumps there.
  const std::int64_t base = 48 * 3'600'000LL / 63;
  for (int n = 1; n <= 6; ++n) {
    CAPTURE(n);
    // The worker sets the next due time once it has counted the failed attempt.
    for (int i = 0; i < 1000 && f.emu.webhook_attempts() < static_cast<std::size_t>(n); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(f.emu.webhook_attempts() == static_cast<std::size_t>(n));
    now->fetch_add(base << (n - 1));
    REQUIRE(rx.wait_for(static_cast<std::size_t>(1 + n)));
  }
  CHECK(now->load() - start <= 48 * 3'600'000LL);  // all within the two days
  auto active = [&] {
    auto list = call<ops::GetAllWebhooks>(f.http, f.ctx, {g, ObjectType::Group});
    REQUIRE(list.has_value());
    return list->webhooks.at(0).active.value_or(true);
  };
  bool disabled = false;
  for (int i = 0; i < 400 && !disabled; ++i) {
    disabled = !active();
    if (!disabled) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(disabled);
  CHECK(rx.posts().size() == 7);
  CHECK(f.emu.webhook_deliveries() == 0);

  // Re-enabled the way the docs show it, {"Active": "true"} with a string, it delivers again.
  httplib::Client raw(f.emu.base_url());
  auto put = raw.Put("/v1/webhook/" + id, {{"accessToken", f.access_token}},
                     R"({"Active": "true"})", "application/json");
  REQUIRE(put);
  CHECK(put->status == 200);
  CHECK(put->body == R"({"result":true})");
  CHECK(active());
  REQUIRE(call<ops::SendMessage>(f.http, f.ctx, {g, "back"}).has_value());
  REQUIRE(rx.wait_for(8));
  for (int i = 0; i < 400 && f.emu.webhook_deliveries() < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(f.emu.webhook_deliveries() == 1);
}

TEST_CASE("UpdateWebhook changes any subset of fields, checks them, and only for its owner") {
  emulator_fixture f(fast_retries());
  receiver rx, other;
  std::string g = make_group(f);
  std::string id = subscribe(f, g, rx.url(), {EventType::TextMessageCreated});

  UpdateWebhookRequest up;
  up.webhookId = id;
  up.eventTypes = std::vector<open_enum<EventType>>{EventType::MemberAdded};
  up.callBackContext = "ctx-new";
  up.callBackUrl = other.url();  // validated with the handshake
  up.active = false;
  auto r = call<ops::UpdateWebhook>(f.http, f.ctx, up);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  auto list = call<ops::GetAllWebhooks>(f.http, f.ctx, {g, ObjectType::Group});
  REQUIRE(list.has_value());
  const Webhook& w = list->webhooks.at(0);
  CHECK(w.active == false);
  CHECK(w.callbackUrl == other.url());
  CHECK(w.callBackContext == "ctx-new");
  REQUIRE(w.events->size() == 1);
  CHECK(w.events->at(0) == EventType::MemberAdded);
  CHECK(w.callbackToken == "tokenToBeVerifiedByCallback");  // not sent: unchanged

  UpdateWebhookRequest bad;
  bad.webhookId = id;
  bad.eventTypes = std::vector<open_enum<EventType>>{};
  auto empty = call<ops::UpdateWebhook>(f.http, f.ctx, bad);
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().http_status == 400);
  bad.eventTypes.reset();
  bad.callBackUrl = "http://198.51.100.7/hook";
  auto remote = call<ops::UpdateWebhook>(f.http, f.ctx, bad);
  REQUIRE_FALSE(remote.has_value());
  CHECK(remote.error().http_status == 400);
  UpdateWebhookRequest nowhere;
  nowhere.webhookId = "no-such-hook";
  auto missing = call<ops::UpdateWebhook>(f.http, f.ctx, nowhere);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().http_status == 404);
}

TEST_CASE("poll and Let's Meet events: created and responded to (the Postman collection's four)") {
  emulator_fixture f(fast_retries());
  receiver rx;
  std::string g = make_group(f);
  subscribe(f, g, rx.url(),
            {EventType::PollCreated, EventType::PollResponse, EventType::LetsMeetCreated,
             EventType::LetsMeetResponse});
  PollBody poll;
  poll.question = "Lunch?";
  poll.choices = {{"Yes", {}}, {"No", {}}};
  SendSurveyRequest post;
  post.groupId = g;
  post.actionType = ActionType::Poll;
  post.actionBody = to_json_value(poll);
  auto p = call<ops::SendSurvey>(f.http, f.ctx, post);
  REQUIRE(p.has_value());
  LetsMeetBody meet;
  meet.title = "Stand-up";
  meet.startingTime = "2026-12-07T09:00:00Z";
  post.actionType = ActionType::LetsMeet;
  post.actionBody = to_json_value(meet);
  auto m = call<ops::SendSurvey>(f.http, f.ctx, post);
  REQUIRE_MESSAGE(m.has_value(), (m ? "" : m.error().to_string()));
  for (const auto& action : {*p->actionId, *m->actionId}) {
    PostingActionResponseRequest answer;
    answer.groupId = g;
    answer.actionId = action;
    answer.actionType = action == *p->actionId ? ActionType::Poll : ActionType::LetsMeet;
    answer.actionBody = boost::json::object{{"answers", boost::json::array{"Yes"}}};
    auto a = call<ops::PostingActionResponse>(f.http, f.ctx, answer);
    REQUIRE_MESSAGE(a.has_value(), (a ? "" : a.error().to_string()));
  }
  REQUIRE(rx.wait_for(4));
  std::vector<std::pair<EventType, std::string>> seen;  // (event, actionId)
  for (const auto& post_ : rx.posts()) {
    auto e = from_json<Event>(post_.second);
    REQUIRE(e.has_value());
    auto data = from_json_value<ActionCreatedData>(e->data);
    REQUIRE(data.has_value());
    seen.emplace_back(e->eventType.value(), data->actionId.value_or(""));
  }
  CHECK(seen.size() == 4);
  using P = std::pair<EventType, std::string>;
  CHECK(seen[0] == P{EventType::PollCreated, *p->actionId});
  CHECK(seen[1] == P{EventType::LetsMeetCreated, *m->actionId});
  CHECK(seen[2] == P{EventType::PollResponse, *p->actionId});
  CHECK(seen[3] == P{EventType::LetsMeetResponse, *m->actionId});
}
