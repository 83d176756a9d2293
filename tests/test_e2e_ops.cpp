// Every one of the 28 operations of the official list through kaizala::call<Op>() against the
// in-process emulator: the decoded response and the state change it made.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

template <class R>
auto& ok(R&& r) {
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  return *r;
}

std::string make_group(emulator_fixture& f, GroupType type = GroupType::Group,
                       std::vector<std::string> members = {"+911111111111"}) {
  CreateGroupRequest req;
  req.name = "Test group";
  req.welcomeMessage = "Welcome";
  req.members = std::move(members);
  req.groupType = type;
  auto r = call<ops::CreateGroup>(f.http, f.ctx, req);
  return ok(r).groupId;
}

std::string post_survey(emulator_fixture& f, const std::string& group) {
  SurveyBody body;
  body.title = "A test survey";
  body.questions = {
      {"Your name?", QuestionType::Text, {}, {}},
      {"Pick one", QuestionType::SingleOption, {}, std::vector<QuestionOption>{{"Opt1"}, {"Opt2"}}},
      {"How many?", QuestionType::Numeric, {}, {}}};
  body.acceptMultipleResponses = false;
  SendSurveyRequest req;
  req.groupId = group;
  req.actionType = ActionType::Survey;
  req.actionBody = to_json_value(body);
  auto r = call<ops::SendSurvey>(f.http, f.ctx, req);
  CHECK_FALSE(ok(r).referenceId.empty());
  return *ok(r).actionId;
}

}  // namespace

TEST_CASE("auth: GeneratePin, GetRefreshToken, GenerateAccessToken") {
  emulator_fixture f;
  CHECK(f.emu.token_grants() == 1);
  CHECK_FALSE(f.access_token.empty());
  // The PIN is one use only.
  const std::string app(emulator::demo_application_id);
  auto again = call<ops::GetRefreshToken>(f.http, f.ctx, {"+911099999999", app, 4821});
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().http_status == 401);
  // A fresh access token; no rotation before 90% of the refresh token's life.
  auto at = call<ops::GenerateAccessToken>(
      f.http, f.ctx, {app, std::string(emulator::demo_application_secret), f.refresh_token});
  CHECK(ok(at).endpointUrl == f.emu.base_url());
  CHECK(ok(at).scope == "token.write");
  CHECK(ok(at).refreshToken.value_or("") == "");
  CHECK(ok(at).accessTokenExpiry > 0);
  CHECK(f.emu.token_grants() == 2);
  // A wrong secret is refused, and the secret is not echoed.
  auto bad =
      call<ops::GenerateAccessToken>(f.http, f.ctx, {app, "wrong-secret-123", f.refresh_token});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().http_status == 401);
  CHECK(bad.error().to_string().find("wrong-secret-123") == std::string::npos);
  CHECK(bad.error().body.find(f.refresh_token) == std::string::npos);
}

TEST_CASE("auth: rotated refresh token replaces the old one once used") {
  auto o = test_support::quiet_options();
  o.rotate_refresh_tokens = true;
  emulator_fixture f(o);
  const std::string app(emulator::demo_application_id), secret(emulator::demo_application_secret);
  auto first = call<ops::GenerateAccessToken>(f.http, f.ctx, {app, secret, f.refresh_token});
  std::string rotated = ok(first).refreshToken.value_or("");
  REQUIRE_FALSE(rotated.empty());
  CHECK(rotated != f.refresh_token);
  CHECK(
      ok(call<ops::GenerateAccessToken>(f.http, f.ctx, {app, secret, rotated})).accessToken.size() >
      10);
  auto old = call<ops::GenerateAccessToken>(f.http, f.ctx, {app, secret, f.refresh_token});
  REQUIRE_FALSE(old.has_value());
  CHECK(old.error().http_status == 401);
}

TEST_CASE("groups: CreateGroup, FetchDirectGroups, FetchGroupDetails") {
  emulator_fixture f;
  std::string id = make_group(f);
  CHECK(id.size() > 2);
  CHECK(id.substr(id.size() - 2) == "@1");

  FetchDirectGroupsRequest list;
  list.showDetail = true;
  auto groups = call<ops::FetchDirectGroups>(f.http, f.ctx, list);
  REQUIRE(ok(groups).groups.size() == 1);
  CHECK(groups->groups[0].groupId == id);
  CHECK(groups->groups[0].callerRole == MemberRole::Admin);
  CHECK(groups->groups[0].currentLevelUserCount == 2);

  auto details =
      call<ops::FetchGroupDetails>(f.http, f.ctx, {id, std::string(emulator::demo_application_id)});
  REQUIRE(ok(details).groups);
  REQUIRE(details->groups->size() == 1);
  CHECK((*details->groups)[0].groupName == "Test group");
  CHECK((*details->groups)[0].welcomeMessage == "Welcome");
}

TEST_CASE("sub-groups: CreateSubgroup, AddSubgroup, FetchSubgroup, RemoveGroupAsSubgroup") {
  emulator_fixture f;
  std::string parent = make_group(f);
  std::string other = make_group(f);

  CreateSubgroupRequest sub;
  sub.groupId = parent;
  sub.groupName = "Child";
  sub.welcomeMessage = "Hi";
  auto child = call<ops::CreateSubgroup>(f.http, f.ctx, sub);
  CHECK(ok(child).groupName == "Child");

  auto added = call<ops::AddSubgroup>(f.http, f.ctx, {parent, {other}});
  CHECK(ok(added).at("result").as_bool());

  auto subs = call<ops::FetchSubgroup>(f.http, f.ctx, {parent, {}});
  CHECK(ok(subs).groupId == parent);
  CHECK(subs->hasSubGroups == true);
  REQUIRE(subs->subGroups);
  REQUIRE(subs->subGroups->size() == 2);
  CHECK((*subs->subGroups)[0].groupId == child->groupId);
  CHECK((*subs->subGroups)[0].hasParentGroups == true);

  auto removed = call<ops::RemoveGroupAsSubgroup>(f.http, f.ctx, {parent, other});
  CHECK(ok(removed).at("result").as_bool());
  auto after = call<ops::FetchSubgroup>(f.http, f.ctx, {parent, {}});
  REQUIRE(ok(after).subGroups->size() == 1);
  CHECK((*after->subGroups)[0].groupId == child->groupId);
  // Only the link went: the group itself is still there.
  CHECK(call<ops::FetchGroupDetails>(f.http, f.ctx, {other, {}}).has_value());
}

TEST_CASE("members: AddMembers, FetchMembers, RemoveMembers") {
  emulator_fixture f;
  std::string g = make_group(f, GroupType::Group, {});
  auto added = call<ops::AddMembers>(f.http, f.ctx, {g, {"+912222222222", "+913333333333"}});
  CHECK(ok(added).result);

  auto members = call<ops::FetchMembers>(f.http, f.ctx, {g});
  REQUIRE(ok(members).members.size() == 3);
  auto it = std::find_if(members->members.begin(), members->members.end(),
                         [](const Member& m) { return m.mobileNumber == "+912222222222"; });
  REQUIRE(it != members->members.end());
  CHECK(it->role == MemberRole::Member);
  CHECK(it->isProvisioned == false);
  CHECK(members->members[0].role == MemberRole::Admin);  // the caller

  auto removed = call<ops::RemoveMembers>(f.http, f.ctx, {g, it->id});
  CHECK(ok(removed).result);
  auto after = call<ops::FetchMembers>(f.http, f.ctx, {g});
  CHECK(ok(after).members.size() == 2);
  for (const auto& m : after->members) CHECK(m.mobileNumber != "+912222222222");
  auto twice = call<ops::RemoveMembers>(f.http, f.ctx, {g, it->id});
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error().http_status == 404);
}

TEST_CASE("subscribers: AddSubscribers, GetSubscribers (paged), RemoveSubscribers") {
  emulator_fixture f;
  std::string g = make_group(f, GroupType::ConnectGroup);
  std::vector<std::string> numbers;
  for (int i = 0; i < 60; ++i) numbers.push_back("+9150000000" + std::to_string(10 + i));
  auto added = call<ops::AddSubscribers>(f.http, f.ctx, {g, numbers});
  REQUIRE(ok(added).result.size() == 60);
  CHECK(added->result.at(numbers[0]).isAdded == true);
  auto dup = call<ops::AddSubscribers>(f.http, f.ctx, {g, {numbers[0]}});
  CHECK(ok(dup).result.at(numbers[0]).isAdded == false);
  CHECK(dup->result.at(numbers[0]).reason.has_value());

  GetSubscribersRequest page;
  page.groupId = g;
  page.count = 50;
  auto first = call<ops::GetSubscribers>(f.http, f.ctx, page);
  CHECK(ok(first).subscribers.size() == 50);
  REQUIRE(first->cursor);
  page.cursor = first->cursor;
  auto second = call<ops::GetSubscribers>(f.http, f.ctx, page);
  CHECK(ok(second).subscribers.size() == 10);
  CHECK_FALSE(second->cursor);
  CHECK(second->subscribers[0].mobileNumber == numbers[50]);

  auto removed = call<ops::RemoveSubscribers>(f.http, f.ctx, {g, {numbers[0], "+919999999999"}});
  CHECK(ok(removed).result.at(numbers[0]).isRemoved == true);
  CHECK(removed->result.at("+919999999999").isRemoved == false);
  GetSubscribersRequest all;
  all.groupId = g;
  auto left = call<ops::GetSubscribers>(f.http, f.ctx, all);
  CHECK(ok(left).subscribers.size() == 50);  // 59 left, page size 50
  CHECK(left->subscribers[0].mobileNumber == numbers[1]);

  // Subscribers exist on ConnectGroups only.
  std::string plain = make_group(f);
  auto refused = call<ops::AddSubscribers>(f.http, f.ctx, {plain, {numbers[0]}});
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().http_status == 400);
}

TEST_CASE("messages: SendMessage and SendMessageToSubscriber share a route") {
  emulator_fixture f;
  std::string g = make_group(f, GroupType::ConnectGroup);
  auto sent = call<ops::SendMessage>(f.http, f.ctx, {g, "Hello"});
  CHECK_FALSE(ok(sent).referenceId.empty());
  CHECK(f.emu.op_calls()["SendMessage"] == 1);

  (void)call<ops::AddSubscribers>(f.http, f.ctx, {g, {"+914444444444"}});
  SendMessageToSubscriberRequest req;
  req.groupId = g;
  req.message = "To all subscribers";
  req.sendToAllSubscribers = true;
  auto to_subs = call<ops::SendMessageToSubscriber>(f.http, f.ctx, req);
  CHECK_FALSE(ok(to_subs).referenceId.empty());
  CHECK(f.emu.op_calls()["SendMessageToSubscriber"] == 1);
  CHECK(to_subs->referenceId != sent->referenceId);
}

TEST_CASE("media and actions: UploadMedia, SendSurvey of every kind, FetchJobs") {
  emulator_fixture f;
  std::string g = make_group(f);

  UploadMediaRequest up;
  up.file = {"photo.png", "image/png", std::string("\x89PNG\r\n\x1a\n\0\1", 10)};
  auto media = call<ops::UploadMedia>(f.http, f.ctx, up);
  std::string resource = ok(media).mediaResource;
  CHECK_FALSE(resource.empty());

  auto post = [&](ActionType type, boost::json::value body) {
    SendSurveyRequest req;
    req.groupId = g;
    req.actionType = type;
    req.actionBody = std::move(body);
    auto r = call<ops::SendSurvey>(f.http, f.ctx, req);
    return *ok(r).actionId;
  };
  post(ActionType::Image, to_json_value(MediaActionBody{resource, std::string("caption")}));
  post(ActionType::Document, to_json_value(MediaActionBody{resource, {}}));
  JobBody job;
  job.title = "Test job";
  job.assignedTo = {"+911111111111"};
  std::string job_id = post(ActionType::Job, to_json_value(job));
  PollBody poll;
  poll.question = "Easy?";
  poll.choices = {{"Yes", resource}, {"No", {}}};
  post(ActionType::Poll, to_json_value(poll));
  LetsMeetBody meet;
  meet.title = "Catch up";
  meet.startingTime = "2018-01-01T00:00:00Z";
  meet.duration = 45;
  post(ActionType::LetsMeet, to_json_value(meet));
  AnnouncementBody ann;
  ann.title = "News";
  ann.message = "Announcement text";
  ann.mediaResources = std::vector<std::string>{resource};
  post(ActionType::Announcement, to_json_value(ann));
  post_survey(f, g);

  // A custom Action package instance, by id.
  SendSurveyRequest custom;
  custom.groupId = g;
  custom.id = "com.microsoft.kaizala.miniapps.BdayMessage.12";
  custom.actionBody = to_json_value(CustomActionProperties{{{"name", PropertyType::Text, "Test"}}});
  CHECK(ok(call<ops::SendSurvey>(f.http, f.ctx, custom)).actionId.has_value());

  FetchJobsRequest jobs;
  jobs.groupId = g;
  jobs.actionType = ActionType::Job;
  auto listed = call<ops::FetchJobs>(f.http, f.ctx, jobs);
  REQUIRE(ok(listed).actions.size() == 1);
  CHECK(listed->actions[0].actionType == ActionType::Job);
  auto jb = from_json_value<JobItemBody>(listed->actions[0].actionBody);
  REQUIRE(jb.has_value());
  CHECK(jb->actionId == job_id);
  CHECK(jb->assigneeCount == 1);
  CHECK(jb->isCompleted == false);

  // The image URL is the emulator's own, and serves the uploaded bytes.
  jobs.actionType = ActionType::Image;
  auto images = call<ops::FetchJobs>(f.http, f.ctx, jobs);
  REQUIRE(ok(images).actions.size() == 1);
  auto ib = from_json_value<ImageItemBody>(images->actions[0].actionBody);
  REQUIRE(ib->imageUrl);
  httplib::Client raw(f.emu.base_url());
  auto bytes = raw.Get(ib->imageUrl->substr(f.emu.base_url().size()));
  REQUIRE(bytes);
  CHECK(bytes->body == std::string("\x89PNG\r\n\x1a\n\0\1", 10));

  jobs.actionType = ActionType::Poll;
  auto polls = call<ops::FetchJobs>(f.http, f.ctx, jobs);
  auto pb = from_json_value<PollItemBody>(ok(polls).actions.at(0).actionBody);
  CHECK((*pb->choices)[0].image == ib->imageUrl);

  // count and hasMore: the newest first.
  jobs.actionType = ActionType::Survey;
  post_survey(f, g);
  jobs.count = 1;
  auto page = call<ops::FetchJobs>(f.http, f.ctx, jobs);
  CHECK(ok(page).actions.size() == 1);
  CHECK(page->hasMore == true);
}

TEST_CASE("responses: PostingSurveyResponse then FetchingSurveyResponses shows the answer") {
  emulator_fixture f;
  std::string g = make_group(f);
  std::string survey = post_survey(f, g);

  PostingSurveyResponseRequest answer;
  answer.groupId = g;
  answer.surveyId = survey;
  answer.actionBody.responseName = "API response";
  answer.actionBody.answers = {"Robin", "Opt2", 42};
  auto r = call<ops::PostingSurveyResponse>(f.http, f.ctx, answer);
  std::string rid = ok(r).responseId;
  CHECK(f.emu.op_calls()["PostingSurveyResponse"] == 1);

  FetchingSurveyResponsesRequest get;
  get.groupId = g;
  get.surveyId = survey;
  auto details = call<ops::FetchingSurveyResponses>(f.http, f.ctx, get);
  CHECK(ok(details).actionType == ActionType::Survey);
  REQUIRE(details->actionDetails);
  CHECK(details->actionDetails->responseCount == 1);
  CHECK(details->actionDetails->title == "A test survey");
  const auto& responses = details->actionDetails->responses;
  REQUIRE(responses.is_array());
  auto one = from_json_value<SurveyResponseData>(responses.as_array().at(0));
  REQUIRE(one.has_value());
  CHECK(one->responseId == rid);
  CHECK(one->responder == "+911099999999");
  const auto& rows = *one->responseDetails->responseWithQuestions;
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].title == "Pick one");
  CHECK(rows[1].answer.as_string() == "Opt2");
  CHECK(rows[2].answer.as_int64() == 42);

  // Updating by responseId keeps one response.
  answer.responseId = rid;
  answer.actionBody.answers = {"Robin", "Opt1", 7};
  CHECK(ok(call<ops::PostingSurveyResponse>(f.http, f.ctx, answer)).responseId == rid);
  auto again = call<ops::FetchingSurveyResponses>(f.http, f.ctx, get);
  CHECK(ok(again).actionDetails->responseCount == 1);

  // An answer that does not fit its question is refused, naming it.
  answer.responseId.reset();
  answer.actionBody.answers = {"Robin", "Opt9"};
  auto bad = call<ops::PostingSurveyResponse>(f.http, f.ctx, answer);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().http_status == 400);
  CHECK(bad.error().message.find("answers[1]") != std::string::npos);
}

TEST_CASE("responses: PostingActionResponse completes a job") {
  emulator_fixture f;
  std::string g = make_group(f);
  JobBody job;
  job.title = "Test job";
  job.assignedTo = {"+911099999999"};
  SendSurveyRequest req;
  req.groupId = g;
  req.actionType = ActionType::Job;
  req.actionBody = to_json_value(job);
  std::string job_id = *ok(call<ops::SendSurvey>(f.http, f.ctx, req)).actionId;

  PostingActionResponseRequest done;
  done.groupId = g;
  done.actionId = job_id;
  done.actionType = ActionType::Job;
  done.actionBody = to_json_value(JobResponseBody{true});
  CHECK_FALSE(ok(call<ops::PostingActionResponse>(f.http, f.ctx, done)).responseId.empty());
  CHECK(f.emu.op_calls()["PostingActionResponse"] == 1);

  FetchingSurveyResponsesRequest get;
  get.groupId = g;
  get.surveyId = job_id;
  auto details = call<ops::FetchingSurveyResponses>(f.http, f.ctx, get);
  CHECK(ok(details).actionDetails->status == true);
  CHECK(details->actionDetails->assigneeCount == 1);
  CHECK(details->actionDetails->responseCount == 1);
}

TEST_CASE("actions: PostCustomActionSubscriber on a ConnectGroup") {
  emulator_fixture f;
  std::string g = make_group(f, GroupType::ConnectGroup);
  (void)call<ops::AddSubscribers>(f.http, f.ctx, {g, {"+915555555555"}});
  PostCustomActionSubscriberRequest req;
  req.groupId = g;
  req.id = "25b39b30-0806-4d17-b6a7-a39f21fa52e9";
  req.actionBody = to_json_value(CustomActionOverrides{std::string("override title"), 24});
  req.subscribers = std::vector<std::string>{"+915555555555"};
  auto r = call<ops::PostCustomActionSubscriber>(f.http, f.ctx, req);
  CHECK(ok(r).actionId.has_value());
  CHECK(r->referenceId.has_value());
  CHECK(f.emu.op_calls()["PostCustomActionSubscriber"] == 1);
  FetchingSurveyResponsesRequest get;
  get.groupId = g;
  get.surveyId = *r->actionId;
  CHECK(ok(call<ops::FetchingSurveyResponses>(f.http, f.ctx, get)).actionDetails->title ==
        "override title");
}

TEST_CASE("webhooks: SubscribeToAllEvents, GetAllWebhooks, UnsubscribingAWebhook") {
  emulator_fixture f;
  std::string g = make_group(f);
  httplib::Server receiver;
  receiver.Get("/hook", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_param_value("validationToken"), "text/plain");
  });
  receiver.Post("/hook", [](const httplib::Request&, httplib::Response& res) { res.status = 200; });
  int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread t([&] { receiver.listen_after_bind(); });
  for (int i = 0; i < 500 && !receiver.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));

  SubscribeToAllEventsRequest sub;
  sub.objectId = g;
  sub.objectType = ObjectType::Group;
  sub.eventTypes = {EventType::TextMessageCreated, EventType::MemberAdded};
  sub.callBackUrl = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  sub.callBackToken = "tokenToBeVerifiedByCallback";
  auto id = call<ops::SubscribeToAllEvents>(f.http, f.ctx, sub);
  std::string webhook = ok(id).webhookId;

  auto list = call<ops::GetAllWebhooks>(f.http, f.ctx, {g, ObjectType::Group});
  REQUIRE(ok(list).webhooks.size() == 1);
  CHECK(list->webhooks[0].id == webhook);
  CHECK(list->webhooks[0].callbackUrl == sub.callBackUrl);
  CHECK(list->webhooks[0].active == true);
  CHECK(list->webhooks[0].events->size() == 2);

  CHECK(call<ops::UnsubscribingAWebhook>(f.http, f.ctx, {webhook}).has_value());
  auto after = call<ops::GetAllWebhooks>(f.http, f.ctx, {g, ObjectType::Group});
  CHECK(ok(after).webhooks.empty());
  auto twice = call<ops::UnsubscribingAWebhook>(f.http, f.ctx, {webhook});
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error().http_status == 404);
  receiver.stop();
  t.join();
}

TEST_CASE("every op was exercised") {
  // The emulator routes exactly the generated op table.
  int ops_count = 0;
  kaizala::api::for_each_op([&](auto) { ++ops_count; });
  CHECK(ops_count ==
        36);  // the other 8 documented endpoints: test_e2e_reactions, _oauth, _webhooks
}
