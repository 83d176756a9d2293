// call<Op>() with the generated Kaizala ops against an httplib::Server on 127.0.0.1: the exact
// method, path, query, headers and body the server received, and the decoded response.
#include "support/recording_server.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

namespace {

constexpr const char* access_token = "at-0123456789abcdef";

struct fixture {
  test_support::recording_server server;
  kaizala::httplib_transport http;
  kaizala::context ctx;
  fixture() {
    // The auth root is fixed by the spec; tests point both roots at the local server.
    ctx.set_root("auth", server.base_url() + "/v1");
    ctx.set_variable("endpointUrl", server.base_url() + "/");  // a trailing slash, as [MD] shows
    ctx.set_credential("accessToken", access_token);
  }
};

}  // namespace

TEST_CASE("GET FetchMembers: path, token header, no body; decoded members") {
  fixture f;
  f.server.respond(
      200, R"({"members":[{"id":"m1","role":"Admin","mobileNumber":"+911","isProvisioned":true},)"
           R"({"id":"m2","role":"Member","mobileNumber":"+912","isProvisioned":false}]})");
  kaizala::FetchMembersRequest req;
  req.groupId = "df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1";
  auto r = kaizala::call<kaizala::ops::FetchMembers>(f.http, f.ctx, req);
  REQUIRE(r.has_value());
  REQUIRE(r->members.size() == 2);
  CHECK(r->members[1].id == "m2");
  CHECK(*r->members[1].role == kaizala::MemberRole::Member);

  auto got = f.server.last();
  CHECK(got.method == "GET");
  CHECK(got.target == "/v1/groups/df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1/members");
  CHECK(got.header("accessToken") == access_token);
  CHECK(got.header("Content-Type").empty());
  CHECK(got.body.empty());
}

TEST_CASE("GET FetchJobs and FetchingSurveyResponses: query parameters") {
  fixture f;
  f.server.respond(
      200,
      R"({"actions":[{"referenceId":"r","actionType":"Job","sender":"+91","creationTime":1481179788,)"
      R"("actionBody":{"actionId":"a","title":"T","assigneeCount":1,"responseCount":0,"isCompleted":false}}],"hasMore":true})");
  kaizala::FetchJobsRequest jobs;
  jobs.groupId = "g 1";
  jobs.actionType = kaizala::ActionType::LetsMeet;
  jobs.fromDate = 1505566877207;
  jobs.count = 30;
  auto r = kaizala::call<kaizala::ops::FetchJobs>(f.http, f.ctx, jobs);
  REQUIRE(r.has_value());
  CHECK(r->hasMore == true);
  REQUIRE(r->actions.size() == 1);
  CHECK(r->actions[0].creationTime == 1481179788);
  CHECK(f.server.last().target ==
        "/v1/groups/g%201/actions?actionType=LetsMeet&fromDate=1505566877207&count=30");

  f.server.respond(
      200,
      R"({"actionType":"Survey","sender":"+91","sentAt":"2017-12-20T08:33:51Z","actionDetails":{"title":"S"}})");
  kaizala::FetchingSurveyResponsesRequest details;
  details.groupId = "g";
  details.surveyId = "s/1";
  auto d = kaizala::call<kaizala::ops::FetchingSurveyResponses>(f.http, f.ctx, details);
  REQUIRE(d.has_value());
  CHECK(*d->actionType == kaizala::ActionType::Survey);
  // getDetails defaults to true (D14): the op exists to fetch responses.
  CHECK(f.server.last().target == "/v1/groups/g/actions/s%2F1?getDetails=true");
}

TEST_CASE("POST SendMessage: JSON body; decoded referenceId") {
  fixture f;
  f.server.respond(200, R"({"referenceId":"853654b2-5874-462d-b709-0c4e43a7083f"})");
  kaizala::SendMessageRequest req;
  req.groupId = "g";
  req.message = "Hello \"all\" \xE2\x9C\x93";
  auto r = kaizala::call<kaizala::ops::SendMessage>(f.http, f.ctx, req);
  REQUIRE(r.has_value());
  CHECK(r->referenceId == "853654b2-5874-462d-b709-0c4e43a7083f");
  auto got = f.server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/groups/g/messages");
  CHECK(got.header("Content-Type") == "application/json");
  CHECK(got.header("accessToken") == access_token);
  CHECK(got.body == "{\"message\":\"Hello \\\"all\\\" \xE2\x9C\x93\"}");
}

TEST_CASE("PUT AddMembers and DELETE RemoveMembers") {
  fixture f;
  f.server.respond(200, R"({"result":"true"})");  // the documented sample's string bool (D18)
  kaizala::AddMembersRequest add;
  add.groupId = "g";
  add.members = {"+911099999999", "+911199999999"};
  auto r = kaizala::call<kaizala::ops::AddMembers>(f.http, f.ctx, add);
  REQUIRE(r.has_value());
  CHECK(r->result == true);
  auto got = f.server.last();
  CHECK(got.method == "PUT");
  CHECK(got.target == "/v1/groups/g/members");
  CHECK(got.body == R"({"members":["+911099999999","+911199999999"]})");

  f.server.respond(200, R"({"result":true})");
  kaizala::RemoveMembersRequest rm;
  rm.groupId = "g@1";
  rm.memberId = "a/b?c#d%e f";
  auto removed = kaizala::call<kaizala::ops::RemoveMembers>(f.http, f.ctx, rm);
  REQUIRE(removed.has_value());
  got = f.server.last();
  CHECK(got.method == "DELETE");
  CHECK(got.target == "/v1/groups/g@1/members/a%2Fb%3Fc%23d%25e%20f");
  CHECK(got.body.empty());
}

TEST_CASE("GenerateAccessToken: credentials travel as headers to the auth root") {
  fixture f;
  f.server.respond(200,
                   R"({"accessToken":"new","endpointUrl":"https://kms-alpha.kaiza.la/",)"
                   R"("accessTokenExpiry":1518481686294,"refreshToken":"","scope":"token.write"})");
  kaizala::GenerateAccessTokenRequest req;
  req.applicationId = "app-id";
  req.applicationSecret = "app-secret-value";
  req.refreshToken = "refresh-token-value";
  auto r = kaizala::call<kaizala::ops::GenerateAccessToken>(f.http, f.ctx, req);
  REQUIRE(r.has_value());
  CHECK(r->endpointUrl == "https://kms-alpha.kaiza.la/");
  CHECK(r->accessTokenExpiry == 1518481686294);
  auto got = f.server.last();
  CHECK(got.method == "GET");
  CHECK(got.target == "/v1/accessToken");
  CHECK(got.header("applicationId") == "app-id");
  CHECK(got.header("applicationSecret") == "app-secret-value");
  CHECK(got.header("refreshToken") == "refresh-token-value");
  CHECK(got.header("accessToken").empty());  // the auth ops take no access token

  // A failure echoing the secret does not leak it.
  f.server.respond(
      401,
      R"({"message":"bad secret app-secret-value for refresh-token-value","errorCode":"InvalidToken"})");
  auto bad = kaizala::call<kaizala::ops::GenerateAccessToken>(f.http, f.ctx, req);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message == "bad secret *** for ***");
  CHECK(bad.error().service_code == "InvalidToken");
}

TEST_CASE("UploadMedia: multipart with the FileName part") {
  fixture f;
  f.server.respond(200, R"({"mediaResource":"eyJUaHVtYm5haWwiOi"})");
  kaizala::UploadMediaRequest req;
  req.file = {"photo.png", "image/png", std::string("\x89PNG\r\n\x1a\n", 8)};
  auto r = kaizala::call<kaizala::ops::UploadMedia>(f.http, f.ctx, req);
  REQUIRE(r.has_value());
  CHECK(r->mediaResource == "eyJUaHVtYm5haWwiOi");
  auto got = f.server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/media");
  CHECK(got.header("accessToken") == access_token);
  CHECK(got.header("Content-Type").rfind("multipart/form-data; boundary=", 0) == 0);
  REQUIRE(got.files.count("FileName") == 1);
  CHECK(got.files.find("FileName")->second.filename == "photo.png");
  CHECK(got.files.find("FileName")->second.content_type == "image/png");
  CHECK(got.files.find("FileName")->second.content == req.file.data);
}

TEST_CASE("the spec's limits and rules are enforced before sending") {
  fixture f;
  kaizala::CreateGroupRequest create;
  create.name = "G";
  create.welcomeMessage = "W";
  create.members = std::vector<std::string>(101, "+911099999999");
  auto r = kaizala::call<kaizala::ops::CreateGroup>(f.http, f.ctx, create);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(r.error().message == "members: at most 100 items allowed, got 101");

  kaizala::SendMessageRequest msg;
  msg.groupId = "g";
  msg.message = std::string(4001, 'x');
  CHECK(kaizala::call<kaizala::ops::SendMessage>(f.http, f.ctx, msg).error().message ==
        "message: at most 4000 characters allowed, got 4001");

  kaizala::SendSurveyRequest survey;
  survey.groupId = "g";
  survey.actionBody = kaizala::to_json_value(kaizala::JobBody{});
  CHECK(kaizala::call<kaizala::ops::SendSurvey>(f.http, f.ctx, survey).error().message ==
        "(root): exactly one of actionType, id must be set, got 0");
  CHECK(f.server.requests().empty());
}

TEST_CASE("decode errors of a real response name the JSON path") {
  fixture f;
  f.server.respond(200,
                   R"({"members":[{"id":"a","mobileNumber":"+1"},{"id":"b","mobileNumber":"+2"},)"
                   R"({"id":"c","mobileNumber":"+3"},{"id":"d","mobileNumber":919652000001}]})");
  kaizala::FetchMembersRequest req;
  req.groupId = "g";
  auto r = kaizala::call<kaizala::ops::FetchMembers>(f.http, f.ctx, req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::decode);
  CHECK(r.error().message == "members[3].mobileNumber: expected string, got number");
}

TEST_CASE("GetRefreshToken: a PIN the server echoes never appears in the error") {
  // The PIN is a JSON number marked secret in the spec: its decimal text is redacted like a token.
  fixture f;
  f.server.respond(401, R"js({"errorCode":"BadPin","message":"PIN 4831 is wrong (\u0034831)"})js");
  kaizala::GetRefreshTokenRequest req;
  req.mobileNumber = "+911234567890";
  req.applicationId = "app";
  req.pin = 4831;
  auto r = kaizala::call<kaizala::ops::GetRefreshToken>(f.http, f.ctx, req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 401);
  CHECK(r.error().message == "PIN *** is wrong (***)");
  CHECK(r.error().body.find("4831") == std::string::npos);
  CHECK(r.error().to_string().find("4831") == std::string::npos);
  CHECK(f.server.last().body.find("4831") != std::string::npos);  // it was sent, as a number
}

TEST_CASE("SubscribeToAllEvents: a callback token the server echoes never appears in the error") {
  // Whoever holds the callback token can forge callbacks to the receiver: the spec marks it secret.
  fixture f;
  f.server.respond(400, R"js({"errorCode":"BadUrl","message":"cb-token-5f3a9 rejected"})js");
  kaizala::SubscribeToAllEventsRequest req;
  req.objectId = "g1@1";
  req.objectType = kaizala::ObjectType::Group;
  req.eventTypes = {kaizala::EventType::TextMessageCreated};
  req.callBackUrl = "https://receiver.example/hook";
  req.callBackToken = "cb-token-5f3a9";
  auto r = kaizala::call<kaizala::ops::SubscribeToAllEvents>(f.http, f.ctx, req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 400);
  CHECK(r.error().message == "*** rejected");
  CHECK(r.error().to_string().find("cb-token-5f3a9") == std::string::npos);
  CHECK(f.server.last().body.find("cb-token-5f3a9") != std::string::npos);  // it was sent
}
