// The emulator's state file: the model holds spec enums (MemberRole, GroupType, ActionType,
// ObjectType) as the generated enum types and stores them as their JSON text, so a file written
// when the model held strings loads and means the same; a text outside the enum fails the load.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace kaizala;

namespace {

// A state file as the emulator wrote it when its model held the enums as strings: a public group
// with an Admin and a Member, a Survey and a package instance (type ""), a Group webhook, and an
// access token for the Admin.
std::string old_state(const std::string& role_of_ann = "Admin") {
  const std::string app(emulator::demo_application_id);
  return R"({"version":1,
  "users":{"+911000000001":{"id":"u1","mobile":"+911000000001","name":"Ann","provisioned":true},
           "+911000000002":{"id":"u2","mobile":"+911000000002","name":"Bob","provisioned":false}},
  "groups":{"g1@1":{"id":"g1@1","name":"Public","welcome":"hi","type":"ConnectGroup","image_url":"",
    "members":[{"user_id":"u1","role":")" +
         role_of_ann + R"("},{"user_id":"u2","role":"Member"}],
    "parents":[],"children":[],"subscribers":[],"messages":[],"actions":["a1","a2"]}},
  "actions":{
    "a1":{"id":"a1","reference_id":"r1","group_id":"g1@1","type":"Survey","package_id":"","sender":"+911000000001",
          "body":{"title":"Why?","questions":[{"title":"Why","type":"Text"}]},"targets":[],"at":1,"responses":[]},
    "a2":{"id":"a2","reference_id":"r2","group_id":"g1@1","type":"","package_id":"pkg","sender":"+911000000001",
          "body":{"title":"P"},"targets":[],"at":2,"responses":[]}},
  "media_files":{},
  "webhooks":{"w1":{"id":"w1","object_id":"g1@1","object_type":"Group","owner_app":")" +
         app + R"(",
    "events":["MessageCreated"],"url":"http://127.0.0.1:9/cb","token":"","context":"","ts":1,
    "validity":9999999999999,"active":true}},
  "refresh_tokens":{},
  "access_tokens":{"tok-ann":{"app":")" +
         app + R"(","mobile":"+911000000001","expiry":9999999999999}}})";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct state_file {
  std::string path = "/tmp/kaizala-e2e-old-state-" + std::to_string(::getpid()) + ".json";
  explicit state_file(const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
  ~state_file() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("a state file from the string model loads, and its enums mean what they said") {
  state_file file(old_state());
  auto o = test_support::quiet_options();
  o.state_file = file.path;
  emulator::server emu(o);
  auto port = emu.start();
  REQUIRE_MESSAGE(port.has_value(), (port ? "" : port.error().to_string()));
  httplib_transport http;
  context ctx;
  ctx.set_variable("endpointUrl", emu.base_url()).set_credential("accessToken", "tok-ann");

  auto details = call<ops::FetchGroupDetails>(http, ctx, {"g1@1", {}});
  REQUIRE_MESSAGE(details.has_value(), (details ? "" : details.error().to_string()));
  auto group = to_json_value(*details);
  CHECK(group.at("groups").at(0).at("groupType") == "ConnectGroup");
  CHECK(group.at("groups").at(0).at("callerRole") == "Admin");

  auto members = call<ops::FetchMembers>(http, ctx, {"g1@1"});
  REQUIRE(members.has_value());
  REQUIRE(members->members.size() == 2);
  CHECK(to_string(*members->members[1].role) == "Member");

  // Admin-only and ConnectGroup-only ops work: the role and type were read as such.
  CHECK(call<ops::AddSubscribers>(http, ctx, {"g1@1", {"+911000000003"}}).has_value());

  // The loaded Survey decides the shared route, and FetchingSurveyResponses names its type.
  PostingSurveyResponseRequest answer;
  answer.groupId = "g1@1";
  answer.surveyId = "a1";
  answer.actionBody.answers = {boost::json::value("because")};
  auto posted = call<ops::PostingSurveyResponse>(http, ctx, answer);
  CHECK_MESSAGE(posted.has_value(), (posted ? "" : posted.error().to_string()));
  CHECK(emu.op_calls()["PostingSurveyResponse"] == 1);
  auto responses = call<ops::FetchingSurveyResponses>(http, ctx, {"g1@1", "a1", false});
  REQUIRE(responses.has_value());
  CHECK(to_string(*responses->actionType) == "Survey");
  auto package = call<ops::FetchingSurveyResponses>(http, ctx, {"g1@1", "a2", false});
  REQUIRE(package.has_value());
  CHECK_FALSE(package->actionType.has_value());  // a package instance has no ActionType

  // The Group webhook is listed for its group.
  auto hooks = call<ops::GetAllWebhooks>(http, ctx, {"g1@1", ObjectType::Group});
  REQUIRE(hooks.has_value());
  REQUIRE(hooks->webhooks.size() == 1);
  CHECK(hooks->webhooks[0].id == "w1");
  emu.stop();

  // Saved again in the same form: the enums as their texts, "" for none.
  auto saved = boost::json::parse(read_file(file.path));
  CHECK(saved.at("groups").at("g1@1").at("type") == "ConnectGroup");
  CHECK(saved.at("groups").at("g1@1").at("members").at(0).at("role") == "Admin");
  CHECK(saved.at("actions").at("a1").at("type") == "Survey");
  CHECK(saved.at("actions").at("a2").at("type") == "");
  CHECK(saved.at("webhooks").at("w1").at("object_type") == "Group");
}

TEST_CASE("a state file with a text outside the enum is corrupt, and says which enum") {
  state_file file(old_state("Owner"));
  auto o = test_support::quiet_options();
  o.state_file = file.path;
  emulator::server emu(o);
  auto started = emu.start();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().message.find("corrupt") != std::string::npos);
  CHECK(started.error().message.find(
            R"(groups["g1@1"].members[0].role: MemberRole: unknown value "Owner")") !=
        std::string::npos);
}
