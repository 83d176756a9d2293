// call<Op> end to end with exceptions (and RTTI) disabled: build the request, "send" it through a
// fake transport that records it, decode the canned answer, and report errors as values.
#include <kaizala/call.hpp>
#include <kaizala/generated/members.hpp>
#include <kaizala/generated/messages.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this test must be built with -fno-exceptions"
#endif

namespace {

// Records every request and answers with the next canned response.
struct fake_transport {
  std::vector<kaizala::http_request> sent;
  std::vector<kaizala::result<kaizala::http_response>> answers;

  kaizala::result<kaizala::http_response> send(const kaizala::http_request& req) {
    sent.push_back(req);
    if (answers.empty()) return kaizala::http_response{200, {}, "{}"};
    auto r = std::move(answers.front());
    answers.erase(answers.begin());
    return r;
  }
};

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_root("endpoint", "http://127.0.0.1:9/v1").set_credential("accessToken", "tok-SECRET-1");
  return ctx;
}

}  // namespace

TEST_CASE("call<SendMessage> sends the exact request and decodes the answer") {
  fake_transport t;
  t.answers.push_back(
      kaizala::http_response{200, {}, R"({"referenceId":"r-1","extra":[1,{"x":null}]})"});
  kaizala::SendMessageRequest req;
  req.groupId = "g/1";
  req.message = "Hi \"there\"";
  auto r = kaizala::call<kaizala::ops::SendMessage>(t, test_context(), req);
  REQUIRE(r.has_value());
  CHECK(r->referenceId == "r-1");
  REQUIRE(t.sent.size() == 1);
  const auto& h = t.sent[0];
  CHECK(h.method == kaizala::http_method::post);
  CHECK(h.origin == "http://127.0.0.1:9");
  CHECK(h.target == "/v1/groups/g%2F1/messages");
  CHECK(h.content_type == "application/json");
  CHECK(h.body == R"({"message":"Hi \"there\""})");
  CHECK(kaizala::find_header(h.headers, "accessToken") == "tok-SECRET-1");
}

TEST_CASE("decode errors, HTTP errors and transport errors come back as values") {
  fake_transport t;
  t.answers.push_back(kaizala::http_response{200, {}, R"({"members":[{"id":"a"},{"id":7}]})"});
  t.answers.push_back(kaizala::http_response{
      404, {}, R"({"message":"Group not found","errorCode":"GroupNotFound"})"});
  kaizala::error down;
  down.kind = kaizala::error_kind::transport;
  down.message = "connection refused (tok-SECRET-1)";
  t.answers.push_back(down);

  kaizala::FetchMembersRequest req;
  req.groupId = "g";
  auto bad_body = kaizala::call<kaizala::ops::FetchMembers>(t, test_context(), req);
  REQUIRE_FALSE(bad_body.has_value());
  CHECK(bad_body.error().kind == kaizala::error_kind::decode);
  CHECK(bad_body.error().message == "members[1].id: expected string, got number");

  auto missing = kaizala::call<kaizala::ops::FetchMembers>(t, test_context(), req);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == kaizala::error_kind::http_status);
  CHECK(missing.error().http_status == 404);
  CHECK(missing.error().service_code == "GroupNotFound");

  auto refused = kaizala::call<kaizala::ops::FetchMembers>(t, test_context(), req);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == kaizala::error_kind::transport);
  CHECK(refused.error().message.find("SECRET") == std::string::npos);  // the credential is redacted
  CHECK(t.sent.size() == 3);
}

TEST_CASE("invalid requests are refused before anything is sent") {
  fake_transport t;
  kaizala::SendMessageRequest req;
  req.groupId = "g";
  req.message = std::string(4001, 'x');
  auto r = kaizala::call<kaizala::ops::SendMessage>(t, test_context(), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(r.error().message == "message: at most 4000 characters allowed, got 4001");
  CHECK(t.sent.empty());
  auto bad_json = kaizala::from_json<kaizala::SendMessageResponse>("{\"referenceId\": ");
  REQUIRE_FALSE(bad_json.has_value());
  CHECK(bad_json.error().message.rfind("(root): invalid JSON at byte", 0) == 0);
}
