// Unit tests of example::announce_group with kaizala::testing::scripted_transport: the exact
// requests the code makes, in order, and what it does with each answer, with no server.
#include "announce_group.hpp"

#include <kaizala/testing/scripted_transport.hpp>

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>

using kaizala::testing::scripted_transport;

namespace {

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "https://kms.kaiza.la")
      .set_credential("accessToken", "test-token");
  return ctx;
}

kaizala::CreateGroupRequest expected_create() {
  kaizala::CreateGroupRequest req;
  req.name = "Field team";
  req.welcomeMessage = "Welcome to Field team";
  req.members = std::vector<std::string>{"+911099999999"};
  return req;
}

}  // namespace

TEST_CASE("announce_group creates the group, then sends the message to it") {
  scripted_transport http;
  kaizala::CreateGroupResponse created;
  created.groupId = "g@1";
  http.expect<kaizala::ops::CreateGroup>(expected_create()).respond(created);
  kaizala::SendMessageRequest message;
  message.groupId = "g@1";
  message.message = "Shift starts at 9";
  http.expect<kaizala::ops::SendMessage>(message).respond_json(R"({"referenceId":"r1"})");

  auto id = example::announce_group(http, test_context(), "Field team", {"+911099999999"},
                                    "Shift starts at 9");

  REQUIRE(id.has_value());
  CHECK(*id == "g@1");
  CHECK_MESSAGE(http.verified(), http.report());
}

TEST_CASE("a failed send is the answer, with the service's message") {
  scripted_transport http;
  http.expect<kaizala::ops::CreateGroup>().respond_json(R"({"groupId":"g@2"})");
  http.expect<kaizala::ops::SendMessage>().respond_error(
      404, R"({"errorCode":"GroupNotFound","message":"Group not found"})");

  auto id = example::announce_group(http, test_context(), "Field team", {}, "Hello");

  REQUIRE_FALSE(id.has_value());
  CHECK(id.error().kind == kaizala::error_kind::http_status);
  CHECK(id.error().http_status == 404);
  CHECK(id.error().service_code == "GroupNotFound");
  CHECK_MESSAGE(http.verified(), http.report());
}

TEST_CASE("when the group cannot be created, no message is sent") {
  scripted_transport http;  // a SendMessage call would be an unexpected call, and a problem
  http.expect<kaizala::ops::CreateGroup>().respond_error(403, R"({"message":"Not allowed"})");

  auto id = example::announce_group(http, test_context(), "Field team", {}, "Hello");

  REQUIRE_FALSE(id.has_value());
  CHECK(id.error().http_status == 403);
  CHECK(http.calls() == 1);
  CHECK_MESSAGE(http.verified(), http.report());
}
