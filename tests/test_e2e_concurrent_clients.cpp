// Many clients at once against one emulator: 8 users, each with its own connection, sign in and
// post, read and create concurrently while the emulator delivers every event to a webhook_receiver
// and the operator reads the switches. Nothing may be lost, doubled or refused. Built under
// ThreadSanitizer by .ci/run, with test_e2e_session.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>
#include <kaizala/webhook.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

constexpr int clients = 8;
constexpr int rounds = 50;

std::string mobile_of(int client) { return "+91200000000" + std::to_string(client); }

// One user's own connection, signed in through the PIN flow.
struct client {
  httplib_transport http;
  context ctx;
  std::string failure;  // the first failed call, if any

  template <class R>
  bool ok(const R& r, const char* what) {
    if (!r && failure.empty()) failure = std::string(what) + ": " + r.error().to_string();
    return r.has_value();
  }

  bool sign_in(emulator::server& emu, const std::string& mobile) {
    ctx.set_root("auth", emu.base_url() + "/v1");
    const std::string app(emulator::demo_application_id);
    if (!ok(call<ops::GeneratePin>(http, ctx, {mobile, app}), "GeneratePin")) return false;
    auto pin = emu.last_pin(mobile, app);
    if (!pin) return failure = "no PIN", false;
    auto rt = call<ops::GetRefreshToken>(http, ctx, {mobile, app, std::stoi(*pin)});
    if (!ok(rt, "GetRefreshToken")) return false;
    auto at = call<ops::GenerateAccessToken>(
        http, ctx, {app, std::string(emulator::demo_application_secret), rt->refreshToken});
    if (!ok(at, "GenerateAccessToken")) return false;
    ctx.set_variable("endpointUrl", at->endpointUrl).set_credential("accessToken", at->accessToken);
    return true;
  }
};

}  // namespace

TEST_CASE(
    "8 clients at once: every call answered, every event delivered once, switches readable "
    "meanwhile") {
  auto o = test_support::quiet_options();
  o.throttle.enabled = false;
  o.webhooks.backoff_base = std::chrono::milliseconds(1);
  emulator_fixture f(o);

  std::mutex seen_mu;
  std::set<std::string> event_ids;
  std::atomic<int> events{0}, repeats{0};
  webhook_receiver::options ro;
  ro.callback_token = "concurrent-callback-token";
  webhook_receiver receiver(ro, [&](const Event& e) {
    std::lock_guard<std::mutex> lock(seen_mu);
    if (!event_ids.insert(e.eventId.value_or("")).second) ++repeats;
    ++events;
  });
  REQUIRE(receiver.start().has_value());

  // One group with every client in it, watched for messages.
  CreateGroupRequest g;
  g.name = "Everyone";
  g.welcomeMessage = "Welcome";
  g.members = std::vector<std::string>{};
  for (int c = 0; c < clients; ++c) g.members->push_back(mobile_of(c));
  auto group = call<ops::CreateGroup>(f.http, f.ctx, g);
  REQUIRE_MESSAGE(group.has_value(), (group ? "" : group.error().to_string()));
  SubscribeToAllEventsRequest sub;
  sub.objectId = group->groupId;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated};
  sub.callBackUrl = receiver.url();
  sub.callBackToken = ro.callback_token;
  auto hook = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  REQUIRE_MESSAGE(hook.has_value(), (hook ? "" : hook.error().to_string()));

  std::atomic<bool> running{true};
  std::thread operator_thread([&] {  // the operator's switches, read while the clients run
    for (int n = 0; running; ++n) {
      (void)f.emu.op_calls();
      (void)f.emu.faults();
      (void)f.emu.token_grants();
      (void)f.emu.webhook_attempts();
      (void)f.emu.base_url();
      if (n < 50)
        f.emu.add_fault(emulator::fault::make_status("FetchJobs", 503));  // an op no client calls
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });

  std::vector<client> users(clients);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      client& u = users[c];
      if (!u.sign_in(f.emu, mobile_of(c))) return;
      for (int i = 0; i < rounds; ++i) {
        SendMessageRequest m;
        m.groupId = group->groupId;
        m.message = "client " + std::to_string(c) + " message " + std::to_string(i);
        if (!u.ok(call<ops::SendMessage>(u.http, u.ctx, m), "SendMessage")) return;
        auto members = call<ops::FetchMembers>(u.http, u.ctx, {group->groupId});
        if (!u.ok(members, "FetchMembers")) return;
        if (members->members.size() != static_cast<std::size_t>(clients) + 1) {
          u.failure = "FetchMembers: " + std::to_string(members->members.size()) + " members";
          return;
        }
        if (i % 5 == 0) {
          CreateGroupRequest own;
          own.name = "Own " + std::to_string(c) + "." + std::to_string(i);
          own.welcomeMessage = "Hi";
          if (!u.ok(call<ops::CreateGroup>(u.http, u.ctx, own), "CreateGroup")) return;
          if (!u.ok(call<ops::FetchDirectGroups>(u.http, u.ctx, {}), "FetchDirectGroups")) return;
        }
      }
    });
  for (auto& t : threads) t.join();
  running = false;
  operator_thread.join();

  for (int c = 0; c < clients; ++c) CHECK_MESSAGE(users[c].failure.empty(), users[c].failure);
  auto calls = f.emu.op_calls();
  CHECK(calls["SendMessage"] == clients * rounds);
  CHECK(calls["FetchMembers"] == clients * rounds);
  CHECK(calls["CreateGroup"] == 1 + clients * (rounds / 5));
  CHECK(calls["FetchJobs"] == 0);

  // Every message became exactly one delivered event (bounded wait: deliveries are asynchronous).
  const int expected = clients * rounds;
  for (int i = 0; i < 2000 && (events < expected ||
                               f.emu.webhook_deliveries() < static_cast<std::size_t>(expected));
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(events == expected);
  CHECK(repeats == 0);
  CHECK(f.emu.webhook_deliveries() == static_cast<std::size_t>(expected));
  std::lock_guard<std::mutex> lock(seen_mu);
  CHECK(event_ids.size() == static_cast<std::size_t>(expected));
}
