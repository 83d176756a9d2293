// read_request<Op> and write_response<Op>: the server side of build_request and read_response.
// Round trips through build_request, the lenient reading the service did (key casing, nulls,
// aliases), errors naming the field, and answers written as call<Op> reads them.
#include <kaizala/kaizala.hpp>
#include <kaizala/server.hpp>
#include "codegen/golden/bodies/all.hpp"

#include <doctest/doctest.h>

using namespace kaizala;

namespace {

context test_context() {
  context ctx;
  ctx.set_root("auth", "http://127.0.0.1:1/v1").set_variable("endpointUrl", "http://127.0.0.1:1/");
  ctx.set_credential("accessToken", "at");
  return ctx;
}

template <class Op>
result<typename Op::request> round_trip(const typename Op::request& req) {
  auto h = build_request<Op>(test_context(), req);
  REQUIRE(h.has_value());
  return read_request<Op>(*h);
}

http_request raw(std::string target, std::string body = {}) {
  http_request h;
  h.target = std::move(target);
  h.body = std::move(body);
  h.content_type = "application/json";
  return h;
}

}  // namespace

TEST_CASE("round trip: path, body, query, enum and header parameters") {
  SendMessageRequest m{"g/1 @x", "Hello \"all\""};
  auto r = round_trip<ops::SendMessage>(m);
  REQUIRE(r.has_value());
  CHECK(r->groupId == "g/1 @x");  // %2F stays inside one segment, then decodes
  CHECK(r->message == m.message);

  FetchJobsRequest jobs;
  jobs.groupId = "g";
  jobs.actionType = ActionType::LetsMeet;
  jobs.fromDate = 1505566877207;
  jobs.count = 30;
  auto j = round_trip<ops::FetchJobs>(jobs);
  REQUIRE(j.has_value());
  CHECK(j->actionType == ActionType::LetsMeet);
  CHECK(j->fromDate == 1505566877207);
  CHECK(j->count == 30);

  auto t = round_trip<ops::GenerateAccessToken>({"app", "secret", "refresh"});
  REQUIRE(t.has_value());
  CHECK(t->applicationSecret == "secret");
  CHECK(t->refreshToken == "refresh");

  RemoveGroupAsSubgroupRequest rm{"p", "c%2Fd"};
  CHECK(round_trip<ops::RemoveGroupAsSubgroup>(rm)->subGroupId == "c%2Fd");
}

TEST_CASE("round trip: multipart file part") {
  UploadMediaRequest up;
  up.file = {"a \"b\".png", "image/png", std::string("\0\1\2--x", 7)};
  auto r = round_trip<ops::UploadMedia>(up);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  CHECK(r->file.data == up.file.data);
  CHECK(r->file.content_type == "image/png");
  CHECK(r->file.filename == "a \"b\".png");
}

TEST_CASE(
    "reads what ASP.NET accepted: any key casing, null optionals, aliases, //v1, path casing") {
  auto r = read_request<ops::SendMessageToSubscriber>(
      raw("//v1/groups/g/messages",
          R"({"Message":"hi","subscribers":null,"SENDTOALLSUBSCRIBERS":true})"));
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  CHECK(r->message == "hi");
  CHECK_FALSE(r->subscribers);
  CHECK(r->sendToAllSubscribers == true);

  auto d =
      read_request<ops::FetchDirectGroups>(raw("/v1/groups?showDetails=TRUE&fetchallgroups=false"));
  REQUIRE(d.has_value());
  CHECK(d->showDetail == true);
  CHECK(d->fetchAllGroups == false);

  auto s = read_request<ops::CreateSubgroup>(
      raw("/V1/groups/g/subgroups/", R"({"name":"n","welcomeMessage":"w"})"));
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().message));
  CHECK(s->groupId == "g");
  CHECK(s->name == "n");
}

TEST_CASE("errors name the field") {
  auto missing = read_request<ops::FetchJobs>(raw("/v1/groups/g/actions"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().path == "actionType");
  CHECK(missing.error().kind == error_kind::invalid_request);

  auto bad_int = read_request<ops::FetchJobs>(raw("/v1/groups/g/actions?actionType=Job&count=ten"));
  REQUIRE_FALSE(bad_int.has_value());
  CHECK(bad_int.error().message == "count: query parameter must be an integer");

  std::string members;
  for (int i = 0; i < 101; ++i)
    members += (i ? ",\"+91" : "\"+91") + std::to_string(1000000000 + i) + "\"";
  auto many = read_request<ops::CreateGroup>(
      raw("/v1/groups", R"({"name":"n","welcomeMessage":"w","members":[)" + members + "]}"));
  REQUIRE_FALSE(many.has_value());
  CHECK(many.error().path == "members");
  CHECK(many.error().message.find("at most 100") != std::string::npos);

  auto long_text = read_request<ops::SendMessage>(
      raw("/v1/groups/g/messages", R"({"message":")" + std::string(4001, 'x') + "\"}"));
  REQUIRE_FALSE(long_text.has_value());
  CHECK(long_text.error().path == "message");

  auto wrong_type =
      read_request<ops::SendMessage>(raw("/v1/groups/g/messages", R"({"message":5})"));
  REQUIRE_FALSE(wrong_type.has_value());
  CHECK(wrong_type.error().message == "message: expected string, got number");

  auto required = read_request<ops::SendMessage>(raw("/v1/groups/g/messages", ""));
  REQUIRE_FALSE(required.has_value());
  CHECK(required.error().message == "message: missing required field");

  auto syntax = read_request<ops::SendMessage>(raw("/v1/groups/g/messages", R"({"message":)"));
  REQUIRE_FALSE(syntax.has_value());
  CHECK(syntax.error().kind == error_kind::invalid_request);

  auto rule =
      read_request<ops::CreateSubgroup>(raw("/v1/groups/g/subGroups", R"({"welcomeMessage":"w"})"));
  REQUIRE_FALSE(rule.has_value());
  CHECK(rule.error().message.find("exactly one of groupName, name") != std::string::npos);

  CHECK_FALSE(read_request<ops::SendMessage>(raw("/v1/groups//messages", R"({"message":"x"})"))
                  .has_value());
  CHECK_FALSE(read_request<ops::SendMessage>(raw("/v2/groups/g/messages", R"({"message":"x"})"))
                  .has_value());
}

TEST_CASE("match_path and parse_query") {
  auto m = match_path("/groups/{groupId}/members/{memberId}", "/Groups/a%2Fb/MEMBERS/m%40");
  REQUIRE(m);
  CHECK((*m)[0].second == "a/b");
  CHECK((*m)[1].second == "m@");
  CHECK_FALSE(match_path("/groups/{groupId}", "/groups/a/b"));
  CHECK_FALSE(match_path("/groups/{groupId}", "/groups"));
  auto q = parse_query("a=1&b=x%20y+z&&c");
  REQUIRE(q.size() == 3);
  CHECK(q[1].second == "x y z");
  CHECK(q[2].first == "c");
}

TEST_CASE("write_response: what read_response reads back; errors as call<Op> sees them") {
  SendMessageResponse res;
  res.referenceId = "ref-1";
  http_response out = write_response<ops::SendMessage>(res);
  CHECK(out.status == 200);
  CHECK(out.header("content-type") == json_content_type);
  auto back = read_response<ops::SendMessage>(out);
  REQUIRE(back.has_value());
  CHECK(back->referenceId == "ref-1");
  CHECK(write_response<ops::SendMessage>(res, 201).status == 201);

  ServiceError body;
  body.message = "Group not found";
  body.errorCode = "NotFound";
  http_response failed = write_error_response(404, body, {{"Retry-After", "3"}});
  CHECK(failed.status == 404);
  CHECK(failed.header("Retry-After") == "3");
  auto err = read_response<ops::SendMessage>(failed);
  REQUIRE_FALSE(err.has_value());
  CHECK(err.error().kind == error_kind::http_status);
  CHECK(err.error().http_status == 404);
  CHECK(err.error().message == "Group not found");

  http_response empty = write_error_response(500, no_content{});
  CHECK(empty.body.empty());
  CHECK(empty.headers.empty());
}

TEST_CASE(
    "write_response: a binary answer with declared headers; a header left unset is not sent") {
  bodies::ops::Append::response res;
  static_cast<std::string&>(res) = std::string("\x89PNG\0", 5);
  res.headers.X_Size = 5;
  http_response out = write_response<bodies::ops::Append>(res);
  CHECK(out.status == 200);
  CHECK(out.body == std::string("\x89PNG\0", 5));
  CHECK(out.header("Content-Type") == "application/octet-stream");
  CHECK(out.header("X-Size") == "5");
  auto back = read_response<bodies::ops::Append>(out);
  REQUIRE(back.has_value());
  CHECK(static_cast<const std::string&>(*back) == std::string("\x89PNG\0", 5));
  CHECK(back->headers.X_Size == std::optional<std::int64_t>(5));

  res.headers.X_Size.reset();
  CHECK(write_response<bodies::ops::Append>(res).header("X-Size").empty());
}
