// Reactions and member roles through kaizala::call<Op>() against the in-process emulator: likes
// and comments on messages and actions, their counts, the .NET-ticks cursors, the literal
// /reaction/summary route, persistence across a restart; SetMemberRole (PUT on RemoveMembers'
// path).
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <string>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

template <class R>
auto& ok(R&& r) {
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return *r;
}

constexpr std::int64_t unix_epoch_ticks = 621'355'968'000'000'000;

struct clocked {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  emulator::options options(std::string state_file = "") {
    auto o = test_support::quiet_options();
    o.clock_ms = [this] { return now.load(); };
    o.state_file = std::move(state_file);
    return o;
  }
};

std::string make_group(emulator_fixture& f, std::vector<std::string> members = {}) {
  auto r = call<ops::CreateGroup>(f.http, f.ctx, {"G", "W", std::move(members), {}});
  return ok(r).groupId;
}

std::string send(emulator_fixture& f, const std::string& group, const std::string& text) {
  auto r = call<ops::SendMessage>(f.http, f.ctx, {group, text});
  return ok(r).referenceId;
}

PostReactionRequest like(const std::string& group, const std::string& ref) {
  PostReactionRequest req;
  req.groupId = group;
  req.referenceId = ref;
  req.reactionType = ReactionType::Like;
  return req;
}

PostReactionRequest comment(const std::string& group, const std::string& ref, std::string text) {
  PostReactionRequest req = like(group, ref);
  req.reactionType = ReactionType::Comment;
  req.comment = std::move(text);
  return req;
}

}  // namespace

TEST_CASE("likes and comments are counted per message; a repeated like is the same like") {
  clocked clock;
  emulator_fixture f(clock.options());
  std::string g = make_group(f);
  std::string m1 = send(f, g, "first"), m2 = send(f, g, "second");

  std::string l1 = ok(call<ops::PostReaction>(f.http, f.ctx, like(g, m1))).reactionId;
  clock.now += 1000;
  CHECK(ok(call<ops::PostReaction>(f.http, f.ctx, like(g, m1))).reactionId == l1);
  clock.now += 1000;
  std::string c1 = ok(call<ops::PostReaction>(f.http, f.ctx, comment(g, m1, "nice"))).reactionId;
  CHECK(c1 != l1);

  auto one = call<ops::GetActionReactionSummary>(f.http, f.ctx, {g, m1, {}});
  REQUIRE(ok(one).summary.size() == 1);
  CHECK(one->summary[0].referenceId == m1);
  CHECK(one->summary[0].reactionsCountMap->like == 1);
  CHECK(one->summary[0].reactionsCountMap->comment == 1);
  CHECK(ok(call<ops::GetActionReactionSummary>(f.http, f.ctx, {g, m2, {}})).summary.empty());

  // The reactions themselves, oldest first; the comment's text; only one kind on request.
  auto all = call<ops::GetReactionDetails>(f.http, f.ctx, {g, m1, {}, {}, {}});
  REQUIRE(ok(all).reactionDetails.size() == 2);
  CHECK(all->reactionDetails[0].reactionId == l1);
  CHECK(all->reactionDetails[0].lastModifiedTime == clock.now - 1000);  // the repeat moved it
  CHECK(all->reactionDetails[1].comment == "nice");
  CHECK(*all->cursor == unix_epoch_ticks + clock.now * 10'000);
  auto comments =
      call<ops::GetReactionDetails>(f.http, f.ctx, {g, m1, {}, ReactionType::Comment, {}});
  REQUIRE(ok(comments).reactionDetails.size() == 1);
  CHECK(comments->reactionDetails[0].reactionId == c1);
  // Past the cursor: nothing new, and the cursor stays.
  auto none = call<ops::GetReactionDetails>(f.http, f.ctx, {g, m1, {}, {}, all->cursor});
  CHECK(ok(none).reactionDetails.empty());
  CHECK(none->cursor == all->cursor);
}

TEST_CASE("the summaries since a .NET-ticks cursor; /reaction/summary is not a referenceId") {
  clocked clock;
  emulator_fixture f(clock.options());
  std::string g = make_group(f);
  std::string m1 = send(f, g, "first"), m2 = send(f, g, "second");
  REQUIRE(call<ops::PostReaction>(f.http, f.ctx, like(g, m1)).has_value());
  clock.now += 5000;
  REQUIRE(call<ops::PostReaction>(f.http, f.ctx, like(g, m2)).has_value());

  auto all = call<ops::GetGroupReactionSummary>(f.http, f.ctx, {g, {}, {}});
  REQUIRE(ok(all).summary.size() == 2);
  CHECK(all->summary[0].referenceId == m1);  // oldest change first
  CHECK(all->summary[1].referenceId == m2);
  CHECK(*all->cursor == unix_epoch_ticks + clock.now * 10'000);
  // A cursor between the two changes lists only the second.
  std::int64_t between = unix_epoch_ticks + (clock.now - 1000) * 10'000;
  auto later = call<ops::GetGroupReactionSummary>(f.http, f.ctx, {g, {}, between});
  REQUIRE(ok(later).summary.size() == 1);
  CHECK(later->summary[0].referenceId == m2);
  CHECK(
      ok(call<ops::GetGroupReactionSummary>(f.http, f.ctx, {g, {}, all->cursor})).summary.empty());
}

TEST_CASE("reactions to an action, from another group's member, and the errors") {
  clocked clock;
  emulator_fixture f(clock.options());
  std::string g = make_group(f);
  PollBody poll;
  poll.question = "Lunch?";
  poll.choices = {{"Yes", {}}, {"No", {}}};
  SendSurveyRequest post;
  post.groupId = g;
  post.actionType = ActionType::Poll;
  post.actionBody = to_json_value(poll);
  std::string ref = ok(call<ops::SendSurvey>(f.http, f.ctx, post)).referenceId;
  REQUIRE(call<ops::PostReaction>(f.http, f.ctx, comment(g, ref, "yes please")).has_value());

  auto unknown = call<ops::PostReaction>(f.http, f.ctx, like(g, "no-such-ref"));
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().http_status == 404);
  CHECK(unknown.error().service_code == "ReferenceNotFound");
  auto empty_comment = call<ops::PostReaction>(f.http, f.ctx, comment(g, ref, ""));
  REQUIRE_FALSE(empty_comment.has_value());
  CHECK(empty_comment.error().http_status == 400);
  CHECK(empty_comment.error().message.find("comment") != std::string::npos);

  // Someone outside the group may not react or read.
  auto other = f.sign_in("+911222333444");
  auto outsider = call<ops::PostReaction>(f.http, other.ctx, like(g, ref));
  REQUIRE_FALSE(outsider.has_value());
  CHECK(outsider.error().http_status == 403);
  auto peek = call<ops::GetReactionDetails>(f.http, other.ctx, {g, ref, {}, {}, {}});
  REQUIRE_FALSE(peek.has_value());
  CHECK(peek.error().http_status == 403);
}

TEST_CASE("reactions are kept in the state file and read back after a restart") {
  clocked clock;
  std::string path = "/tmp/kaizala-e2e-reactions-" + std::to_string(::getpid()) + ".json";
  std::remove(path.c_str());
  std::string g, ref, token;
  {
    emulator_fixture f(clock.options(path));
    g = make_group(f);
    ref = send(f, g, "keep me");
    REQUIRE(call<ops::PostReaction>(f.http, f.ctx, comment(g, ref, "kept")).has_value());
    token = f.access_token;
  }
  emulator::server again(clock.options(path));
  REQUIRE(again.start().has_value());
  httplib_transport http;
  context ctx;
  ctx.set_variable("endpointUrl", again.base_url()).set_credential("accessToken", token);
  auto back = call<ops::GetReactionDetails>(http, ctx, {g, ref, {}, {}, {}});
  REQUIRE(ok(back).reactionDetails.size() == 1);
  CHECK(back->reactionDetails[0].comment == "kept");
  again.stop();
  std::remove(path.c_str());
}

TEST_CASE("SetMemberRole makes a member an admin, and keeps the last admin") {
  emulator_fixture f;
  std::string g = make_group(f, {"+911555000111"});
  auto members = call<ops::FetchMembers>(f.http, f.ctx, {g});
  std::string member_id, my_id;
  for (const auto& m : ok(members).members)
    (m.mobileNumber == "+911555000111" ? member_id : my_id) = m.id;
  REQUIRE_FALSE(member_id.empty());

  auto made = call<ops::SetMemberRole>(f.http, f.ctx, {g, member_id, MemberRole::Admin});
  CHECK(ok(made) == boost::json::value{{"result", true}});
  auto after = call<ops::FetchMembers>(f.http, f.ctx, {g});
  for (const auto& m : ok(after).members)
    if (m.id == member_id) CHECK(m.role == MemberRole::Admin);

  // Two admins: one may step down; then the other is the last and may not.
  CHECK(call<ops::SetMemberRole>(f.http, f.ctx, {g, my_id, MemberRole::Member}).has_value());
  auto other = f.sign_in("+911555000111");
  auto last = call<ops::SetMemberRole>(f.http, other.ctx, {g, member_id, MemberRole::Member});
  REQUIRE_FALSE(last.has_value());
  CHECK(last.error().http_status == 400);
  CHECK(last.error().service_code == "LastAdmin");
  // A plain member may not change roles.
  auto denied = call<ops::SetMemberRole>(f.http, f.ctx, {g, my_id, MemberRole::Admin});
  REQUIRE_FALSE(denied.has_value());
  CHECK(denied.error().http_status == 403);
}
