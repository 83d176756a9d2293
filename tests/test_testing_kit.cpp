// kaizala::testing::scripted_transport (include/kaizala/testing/): what it matches, how it answers,
// and what it reports when a call does not fit or an expectation is not met, without a secret.
#include <fixture/all.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/testing/scripted_transport.hpp>

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using kaizala::testing::order;
using kaizala::testing::scripted_transport;

namespace {

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "https://kms.kaiza.la")
      .set_credential("accessToken", "header-token-1234");
  ctx.set_root("auth", "https://api.kaiza.la/v1");
  return ctx;
}

kaizala::SendMessageRequest message(std::string group, std::string text) {
  kaizala::SendMessageRequest req;
  req.groupId = std::move(group);
  req.message = std::move(text);
  return req;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a call that matches answers the scripted typed response") {
  scripted_transport http;
  kaizala::SendMessageResponse answer;
  answer.referenceId = "ref-7";
  http.expect<kaizala::ops::SendMessage>(message("g@1", "Hi")).respond(answer);
  auto r = kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g@1", "Hi"));
  REQUIRE(r.has_value());
  CHECK(r->referenceId == "ref-7");
  CHECK(http.verified());
  CHECK(http.report().empty());
}

TEST_CASE("an unexpected call is an error for the caller and a problem naming it") {
  scripted_transport http;
  auto r = kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g@1", "Hi"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(contains(r.error().message, "scripted_transport: call 1 (POST /v1/groups/g@1/messages)"));
  CHECK_FALSE(http.verified());
  REQUIRE(http.problems().size() == 1);
  CHECK(http.problems()[0] ==
        "call 1 (POST /v1/groups/g@1/messages): unexpected, no expectation left");
}

TEST_CASE("an expectation not met is reported with its op and route") {
  scripted_transport http;
  http.expect<kaizala::ops::CreateGroup>().respond_json(R"({"groupId":"g"})");
  http.expect<kaizala::ops::SendMessage>().times(2).respond_json(R"({"referenceId":"r"})");
  REQUIRE(kaizala::call<kaizala::ops::CreateGroup>(http, test_context(), {"Team", "Hi", {}, {}})
              .has_value());
  REQUIRE(kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g", "a"))
              .has_value());
  CHECK_FALSE(http.verified());
  CHECK(http.report() ==
        "expected SendMessage (POST /groups/{groupId}/messages) 2 times, called 1 times");
}

TEST_CASE("in order: a call of another op than the next expected is refused") {
  scripted_transport http;
  http.expect<kaizala::ops::CreateGroup>();
  http.expect<kaizala::ops::SendMessage>();
  auto r = kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g", "a"));
  CHECK_FALSE(r.has_value());
  REQUIRE(http.problems().size() == 3);
  CHECK(http.problems()[0] ==
        "call 1 (POST /v1/groups/g/messages): expected CreateGroup: not its route (POST /groups)");
  CHECK(contains(http.problems()[1], "expected CreateGroup (POST /groups), called 0 times"));
  CHECK(contains(http.problems()[2], "expected SendMessage"));
}

TEST_CASE("any order: calls match whichever expectation fits") {
  scripted_transport http(order::any);
  http.expect<kaizala::ops::CreateGroup>().respond_json(R"({"groupId":"g@9"})");
  http.expect<kaizala::ops::SendMessage>(message("g@9", "Hello"))
      .respond_json(R"({"referenceId":"r"})");
  REQUIRE(kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g@9", "Hello"))
              .has_value());
  auto g = kaizala::call<kaizala::ops::CreateGroup>(http, test_context(), {"Team", "Hi", {}, {}});
  REQUIRE(g.has_value());
  CHECK(g->groupId == "g@9");
  CHECK_MESSAGE(http.verified(), http.report());
}

TEST_CASE("a request that differs names the body member, the path and both values") {
  scripted_transport http;
  http.expect<kaizala::ops::SendMessage>(message("g@1", "Hello"));
  auto r = kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g@2", "Hi"));
  CHECK_FALSE(r.has_value());
  REQUIRE_FALSE(http.problems().empty());
  const std::string p = http.problems()[0];
  CHECK(contains(p, "call 1 (POST /v1/groups/g@2/messages): expected SendMessage: "));
  CHECK(contains(p, "path: expected .../groups/g@1/messages, got /v1/groups/g@2/messages"));
  CHECK(contains(p, R"(body member `message`: expected "Hello", got "Hi")"));
}

TEST_CASE("query parameters are compared by name, without their values in the report") {
  scripted_transport http;
  kaizala::FetchJobsRequest want;
  want.groupId = "g";
  want.actionType = kaizala::ActionType::Image;
  want.count = 5;
  http.expect<kaizala::ops::FetchJobs>(want).respond_json(R"({"actions":[]})");
  kaizala::FetchJobsRequest got = want;
  got.count = 6;
  got.fromDate = 1700000000000;
  CHECK_FALSE(kaizala::call<kaizala::ops::FetchJobs>(http, test_context(), got).has_value());
  REQUIRE_FALSE(http.problems().empty());
  const std::string p = http.problems()[0];
  CHECK(contains(p, "query parameter `count`: differs or absent"));
  CHECK(contains(p, "query parameter `fromDate`: not expected"));
  CHECK_FALSE(contains(p, "1700000000000"));
}

TEST_CASE("a matcher can reject a call and say why") {
  scripted_transport http;
  http.expect<kaizala::ops::SendMessage>().with([](const kaizala::http_request& r) {
    return kaizala::find_header(r.headers, "X-Trace").empty() ? std::string("no X-Trace header")
                                                              : std::string();
  });
  CHECK_FALSE(kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g", "a"))
                  .has_value());
  REQUIRE_FALSE(http.problems().empty());
  CHECK(contains(http.problems()[0], "expected SendMessage: no X-Trace header"));
}

TEST_CASE("a typed matcher sees the request the code sent, read back") {
  scripted_transport http;
  http.expect<kaizala::ops::SendMessage>()
      .with_request([](const kaizala::SendMessageRequest& req) {
        return req.message.size() <= 10 ? std::string() : "message longer than 10 characters";
      })
      .times(2)
      .respond_json(R"({"referenceId":"r"})");
  CHECK(kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g@1", "short"))
            .has_value());
  CHECK_FALSE(kaizala::call<kaizala::ops::SendMessage>(http, test_context(),
                                                       message("g@1", "a much longer text"))
                  .has_value());
  REQUIRE(http.problems().size() == 2);
  CHECK(contains(http.problems()[0], "expected SendMessage: message longer than 10 characters"));
  CHECK(contains(http.problems()[1], "called 1 times"));
}

TEST_CASE("no secret appears in a report: secret members, secret headers, credentials") {
  SUBCASE("a secret body member (the PIN)") {
    scripted_transport http;
    kaizala::GetRefreshTokenRequest want{"+911099999999", "app-1", 482913};
    http.expect<kaizala::ops::GetRefreshToken>(want);
    kaizala::GetRefreshTokenRequest got = want;
    got.pin = 771204;
    CHECK_FALSE(
        kaizala::call<kaizala::ops::GetRefreshToken>(http, test_context(), got).has_value());
    const std::string report = http.report();
    CHECK(contains(report, "body member `pin`: expected ***, got ***"));
    CHECK_FALSE(contains(report, "482913"));
    CHECK_FALSE(contains(report, "771204"));
  }
  SUBCASE("secret header parameters and the access token") {
    scripted_transport http;
    kaizala::GenerateAccessTokenRequest want{"app-1", "expected-secret-value",
                                             "expected-refresh-token"};
    http.expect<kaizala::ops::GenerateAccessToken>(want);
    kaizala::GenerateAccessTokenRequest got{"app-1", "actual-secret-value", "actual-refresh-token"};
    auto r = kaizala::call<kaizala::ops::GenerateAccessToken>(http, test_context(), got);
    CHECK_FALSE(r.has_value());
    const std::string report = http.report() + "\n" + r.error().to_string();
    CHECK(contains(report, "header `applicationSecret`: differs or absent"));
    for (const char* secret : {"expected-secret-value", "expected-refresh-token",
                               "actual-secret-value", "actual-refresh-token", "header-token-1234"})
      CHECK_MESSAGE(!contains(report, secret), secret);
  }
}

TEST_CASE("a scripted transport failure and repeated calls") {
  scripted_transport http;
  kaizala::error timeout;
  timeout.kind = kaizala::error_kind::timeout;
  timeout.message = "no answer within 100 ms";
  http.expect<kaizala::ops::SendMessage>().times(2).fail(timeout);
  for (int i = 0; i < 2; ++i) {
    auto r = kaizala::call<kaizala::ops::SendMessage>(http, test_context(), message("g", "a"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == kaizala::error_kind::timeout);
  }
  CHECK(http.calls() == 2);
  CHECK_MESSAGE(http.verified(), http.report());
}

TEST_CASE("a request the op refuses while scripting is a problem, not a crash") {
  scripted_transport http;
  http.expect<kaizala::ops::SendMessage>(message("", "a"));  // an empty path parameter
  REQUIRE(http.problems().size() == 2);
  CHECK(contains(http.problems()[0],
                 "expected SendMessage: its request is refused: invalid_request"));
}

TEST_CASE("calls from several threads are each matched once") {
  scripted_transport http(order::any);
  http.expect<kaizala::ops::SendMessage>().times(8).respond_json(R"({"referenceId":"r"})");
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&http] {
      auto ctx = test_context();
      (void)kaizala::call<kaizala::ops::SendMessage>(http, ctx, message("g", "a"));
    });
  for (auto& t : threads) t.join();
  CHECK(http.calls() == 8);
  CHECK_MESSAGE(http.verified(), http.report());
}

TEST_CASE(
    "any generated API: the fixture's PutItem, its secret header parameter compared by name") {
  kaizala::context ctx;
  ctx.set_variable("baseUrl", "http://127.0.0.1:1").set_credential("X-Key", "s3cr3t-key");
  fixture::PutItemRequest want;
  want.listId = "l@1";
  want.itemId = "a/b";
  want.limit = 5;
  want.apiVersion = "2024-01-01";  // a secret header parameter of the fixture API
  want.title = "Hi";
  scripted_transport http;
  http.expect<fixture::ops::PutItem>(want).times(2).respond_json(
      R"({"id":"a","count":1,"tags":[]})");
  REQUIRE(kaizala::call<fixture::ops::PutItem>(http, ctx, want).has_value());
  fixture::PutItemRequest got = want;
  got.apiVersion = "2025-02-02";
  CHECK_FALSE(kaizala::call<fixture::ops::PutItem>(http, ctx, got).has_value());
  const std::string report = http.report();
  CHECK(contains(report,
                 "call 2 (PUT /v1/lists/l@1/items/a%2Fb): expected PutItem: header `api-version`: "
                 "differs or absent"));
  CHECK(contains(report,
                 "expected PutItem (PUT /lists/{listId}/items/{itemId}) 2 times, called 1 times"));
  for (const char* secret : {"s3cr3t-key", "2024-01-01", "2025-02-02"})
    CHECK_MESSAGE(!contains(report, secret), secret);
}
