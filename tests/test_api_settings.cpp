// API-wide settings (spec/README.md, api "headers", root "variables", op "auth" lists; decision
// 0015): credentials, variables and headers kept per generated API, default headers with the
// generated User-Agent, root variables with defaults and enums, auth alternatives. Two generated
// APIs that share an auth scheme name and header (servers.json and todo.json: "apiKey" in
// X-Api-Key) and Kaizala's bindings, in one program.
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/generated/all.hpp>

#include "codegen/golden/servers/all.hpp"
#include "codegen/golden/todo/all.hpp"

#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/session.hpp>
#include <kaizala/version.hpp>

#include "support/recording_server.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace {

// Answers every request with one canned response and keeps what it was sent.
struct canned_transport {
  kaizala::http_response answer{200, {}, "{}"};
  std::vector<kaizala::http_request> sent;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    sent.push_back(r);
    return answer;
  }
};

std::size_t count_header(const kaizala::http_headers& h, std::string_view name) {
  std::size_t n = 0;
  for (const auto& kv : h) n += kaizala::detail::iequals(kv.first, name) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE(
    "two generated APIs with the same scheme name and header: each sends only its own credential") {
  // Both APIs call their scheme "apiKey" and send it in X-Api-Key.
  static_assert(servers::ops::ListStations::auth_header == todo::v1::ops::GetItem::auth_header);
  static_assert(servers::ops::ListStations::auth_schemes[0].name ==
                todo::v1::ops::GetItem::auth_schemes[0].name);
  static_assert(servers::ops::ListStations::api != todo::v1::ops::GetItem::api);
  kaizala::context ctx;
  ctx.set_variable("todo::v1", "baseUrl", "https://todo.example.org");
  ctx.set_credential("servers", "apiKey", "servers-key");
  ctx.set_credential("todo::v1", "apiKey", "todo-key");

  auto s = kaizala::build_request<servers::ops::ListStations>(ctx, {});
  REQUIRE(s);
  CHECK(s->origin == "https://eu.example.com");
  CHECK(kaizala::find_header(s->headers, "X-Api-Key") == "servers-key");
  CHECK(count_header(s->headers, "X-Api-Key") == 1);

  todo::v1::GetItemRequest item;
  item.itemId = "i1";
  auto t = kaizala::build_request<todo::v1::ops::GetItem>(ctx, item);
  REQUIRE(t);
  CHECK(t->origin == "https://todo.example.org");
  CHECK(kaizala::find_header(t->headers, "X-Api-Key") == "todo-key");

  SUBCASE(
      "an API without a credential of its own fails, naming its schemes; the other API's is never "
      "sent") {
    kaizala::context only_todo;
    only_todo.set_credential("todo::v1", "apiKey", "todo-key");
    canned_transport http;
    auto r = kaizala::call<servers::ops::ListStations>(http, only_todo, {});
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == kaizala::error_kind::invalid_request);
    CHECK(r.error().message ==
          "no credential for \"apiKey\" (header \"X-Api-Key\") or \"queryKey\" (query parameter "
          "\"key\"): set one "
          "with context::set_credential(\"servers\", <scheme>, <value>)");
    CHECK(r.error().message.find("todo-key") == std::string::npos);
    CHECK(http.sent.empty());
  }
  SUBCASE(
      "a credential set for every API (the older form) still reaches both, and one set per API "
      "wins") {
    kaizala::context shared;
    shared.set_variable("baseUrl", "https://todo.example.org");
    shared.set_credential("apiKey", "shared-key");
    auto a = kaizala::build_request<servers::ops::ListStations>(shared, {});
    auto b = kaizala::build_request<todo::v1::ops::GetItem>(shared, item);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(kaizala::find_header(a->headers, "X-Api-Key") == "shared-key");
    CHECK(kaizala::find_header(b->headers, "X-Api-Key") == "shared-key");
    shared.set_credential("servers", "apiKey", "servers-key");
    a = kaizala::build_request<servers::ops::ListStations>(shared, {});
    b = kaizala::build_request<todo::v1::ops::GetItem>(shared, item);
    CHECK(kaizala::find_header(a->headers, "X-Api-Key") == "servers-key");
    CHECK(kaizala::find_header(b->headers, "X-Api-Key") == "shared-key");
  }
  SUBCASE("variables are per API too: the same name set for one API is not used by the other") {
    kaizala::context two;
    two.set_variable("todo::v1", "baseUrl", "https://todo.example.org")
        .set_credential("todo::v1", "apiKey", "k");
    two.set_variable("servers", "baseUrl",
                     "https://elsewhere.example");  // servers has no such root
    auto b = kaizala::build_request<todo::v1::ops::GetItem>(two, item);
    REQUIRE(b);
    CHECK(b->origin == "https://todo.example.org");
    kaizala::context none;
    none.set_variable("servers", "baseUrl", "https://elsewhere.example")
        .set_credential("apiKey", "k");
    auto missing = kaizala::build_request<todo::v1::ops::GetItem>(none, item);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("needs {baseUrl}") != std::string::npos);
  }
}

TEST_CASE(
    "Kaizala's own code keeps working: set_credential(\"accessToken\", ...) as in the README") {
  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "https://kms.kaiza.la/").set_credential("accessToken", "tok");
  kaizala::SendMessageRequest req;
  req.groupId = "g1";
  req.message = "hi";
  auto r = kaizala::build_request<kaizala::ops::SendMessage>(ctx, req);
  REQUIRE(r);
  CHECK(kaizala::find_header(r->headers, "accessToken") == "tok");
  // The generated User-Agent names the binding and version.
  CHECK(kaizala::find_header(r->headers, "User-Agent") ==
        "Kaizala/v1 kaizala-cpp/" KAIZALA_VERSION_STRING);
  CHECK(kaizala::ops::SendMessage::api == "kaizala");
  // The same credential set for the Kaizala API only.
  kaizala::context scoped;
  scoped.set_variable("endpointUrl", "https://kms.kaiza.la/")
      .set_credential("kaizala", "accessToken", "tok2");
  r = kaizala::build_request<kaizala::ops::SendMessage>(scoped, req);
  REQUIRE(r);
  CHECK(kaizala::find_header(r->headers, "accessToken") == "tok2");
}

TEST_CASE("default headers: the spec's set, the generated User-Agent, and the user's overrides") {
  kaizala::context ctx;
  ctx.set_credential("servers", "bearer", "b-token");
  servers::GetStationRequest req;
  req.id = "s1";
  auto r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
  REQUIRE(r);
  CHECK(r->headers == kaizala::http_headers{{"Authorization", "Bearer b-token"},
                                            {"User-Agent", "acme-cpp/1.2"},
                                            {"X-Client", "servers-test"}});

  SUBCASE(
      "a header set on the context replaces the default of that name; an empty value sends none") {
    ctx.set_header("user-agent", "mine/1");
    ctx.set_header("servers", "X-Client", "");
    ctx.set_header("X-Trace", "t1");
    r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
    REQUIRE(r);
    CHECK(r->headers == kaizala::http_headers{{"Authorization", "Bearer b-token"},
                                              {"user-agent", "mine/1"},
                                              {"X-Trace", "t1"}});
  }
  SUBCASE("a header set for one API does not reach another") {
    ctx.set_header("servers", "X-Trace", "t1");
    ctx.set_variable("todo::v1", "baseUrl", "https://todo.example.org");
    ctx.set_credential("todo::v1", "apiKey", "k");
    todo::v1::GetItemRequest item;
    item.itemId = "i";
    auto t = kaizala::build_request<todo::v1::ops::GetItem>(ctx, item);
    REQUIRE(t);
    CHECK(kaizala::find_header(t->headers, "X-Trace").empty());
    CHECK(kaizala::find_header(t->headers, "User-Agent") ==
          "Todo/1.0 kaizala-cpp/" KAIZALA_VERSION_STRING);
  }
  SUBCASE("a header parameter of the op wins over both") {
    ctx.set_credential("servers", "apiKey", "k");
    ctx.set_header("User-Agent", "mine/1");
    servers::ListStationsRequest list;
    list.userAgent = "param/2";
    r = kaizala::build_request<servers::ops::ListStations>(ctx, list);
    REQUIRE(r);
    CHECK(kaizala::find_header(r->headers, "User-Agent") == "param/2");
    CHECK(count_header(r->headers, "User-Agent") == 1);
  }
  SUBCASE("a header set on the context with a line break is refused, not sent") {
    ctx.set_header("X-Evil", "a\r\nInjected: 1");
    r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  }
}

TEST_CASE("the default User-Agent goes on the wire instead of the transport's") {
  test_support::recording_server server;
  server.respond(200, R"({"id":"s1"})");
  kaizala::context ctx;
  ctx.set_root("servers", "main", "http://127.0.0.1:" + std::to_string(server.port()) + "/v1")
      .set_credential("servers", "apiKey", "k");
  kaizala::httplib_transport http;
  servers::GetStationRequest req;
  req.id = "s1";
  auto r = kaizala::call<servers::ops::GetStation>(http, ctx, req);
  REQUIRE(r);
  CHECK(r->id == "s1");
  auto sent = server.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].target == "/v1/stations/s1");
  CHECK(sent[0].header("User-Agent") == "acme-cpp/1.2");
  CHECK(sent[0].headers.count("User-Agent") == 1);
  CHECK(sent[0].header("X-Client") == "servers-test");
  CHECK(sent[0].header("X-Api-Key") == "k");
  CHECK(sent[0].header("Authorization").empty());
}

TEST_CASE("root variables: defaults, the user's values, values outside the enum") {
  kaizala::context ctx;
  ctx.set_credential("servers", "bearer", "t");
  servers::GetStationRequest req;
  req.id = "s1";
  auto r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
  REQUIRE(r);
  CHECK(r->origin == "https://eu.example.com");
  CHECK(r->target == "/v1/stations/s1");

  ctx.set_variable("servers", "region", "us").set_variable("basePath", "v2");
  r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
  REQUIRE(r);
  CHECK(r->origin == "https://us.example.com");
  CHECK(r->target == "/v2/stations/s1");

  SUBCASE(
      "a value outside the enum is an invalid_request error naming the allowed values; nothing is "
      "sent") {
    ctx.set_variable("servers", "region", "evil.example.net/x");
    canned_transport http;
    auto c = kaizala::call<servers::ops::GetStation>(http, ctx, req);
    REQUIRE_FALSE(c);
    CHECK(c.error().kind == kaizala::error_kind::invalid_request);
    CHECK(c.error().message ==
          "root \"main\": {region} is \"evil.example.net/x\", not one of the values the API "
          "allows: eu, us, ap");
    CHECK(http.sent.empty());
  }
  SUBCASE("set_root replaces the whole template, variables unchecked (the user named the URL)") {
    ctx.set_root("servers", "main", "http://127.0.0.1:9/base");
    r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
    REQUIRE(r);
    CHECK(r->origin == "http://127.0.0.1:9");
    CHECK(r->target == "/base/stations/s1");
  }
  SUBCASE("an undeclared variable still has to be set") {
    servers::DeleteStationRequest del;
    del.id = "s1";
    auto d = kaizala::build_request<servers::ops::DeleteStation>(ctx, del);
    REQUIRE_FALSE(d);
    CHECK(d.error().message.find("needs {localUrl}") != std::string::npos);
  }
}

TEST_CASE("auth alternatives: the first scheme with a credential is used") {
  servers::GetStationRequest req;
  req.id = "s1";
  kaizala::context ctx;
  ctx.set_credential("servers", "apiKey", "k");
  auto r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
  REQUIRE(r);
  CHECK(kaizala::find_header(r->headers, "X-Api-Key") == "k");
  CHECK(kaizala::find_header(r->headers, "Authorization").empty());

  ctx.set_credential("servers", "bearer", "b");  // listed first: preferred
  r = kaizala::build_request<servers::ops::GetStation>(ctx, req);
  REQUIRE(r);
  CHECK(kaizala::find_header(r->headers, "Authorization") == "Bearer b");
  CHECK(kaizala::find_header(r->headers, "X-Api-Key").empty());

  SUBCASE("a query-parameter alternative") {
    kaizala::context q;
    q.set_credential("servers", "queryKey", "q k&");
    auto l = kaizala::build_request<servers::ops::ListStations>(q, {});
    REQUIRE(l);
    CHECK(l->target == "/v1/stations?key=q%20k%26");
    CHECK(kaizala::find_header(l->headers, "X-Api-Key").empty());
  }
  SUBCASE("none configured: a typed error naming every alternative, nothing sent") {
    kaizala::context none;
    canned_transport http;
    auto c = kaizala::call<servers::ops::GetStation>(http, none, req);
    REQUIRE_FALSE(c);
    CHECK(c.error().kind == kaizala::error_kind::invalid_request);
    CHECK(c.error().message ==
          "no credential for \"bearer\" (header \"Authorization\") or \"apiKey\" (header "
          "\"X-Api-Key\"): set one "
          "with context::set_credential(\"servers\", <scheme>, <value>)");
    CHECK(http.sent.empty());
  }
  SUBCASE("every configured alternative is redacted from errors, the one not sent too") {
    canned_transport http;
    http.answer = {401, {}, R"({"message":"bad token b, key k-long-key"})"};
    kaizala::context both;
    both.set_credential("servers", "bearer", "bearer-secret-1")
        .set_credential("servers", "apiKey", "k-long-key");
    http.answer.body = R"({"message":"refused bearer-secret-1 and k-long-key"})";
    auto c = kaizala::call<servers::ops::GetStation>(http, both, req);
    REQUIRE_FALSE(c);
    CHECK(c.error().http_status == 401);
    CHECK(c.error().message == "refused *** and ***");
    CHECK(c.error().body.find("bearer-secret-1") == std::string::npos);
    CHECK(c.error().body.find("k-long-key") == std::string::npos);
  }
}

namespace {
struct shared_recorder {
  std::vector<kaizala::http_request> sent;
};
struct session_transport {
  std::shared_ptr<shared_recorder> rec;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    rec->sent.push_back(r);
    if (r.target == "/v1/accessToken")
      return kaizala::http_response{
          200,
          {},
          R"({"accessToken":"tok","endpointUrl":"http://data.test/","accessTokenExpiry":99999999999999})"};
    return kaizala::http_response{200, {}, R"({"members":[]})"};
  }
};
}  // namespace

TEST_CASE(
    "a session sends the generated User-Agent, or the one its options set, and its token to "
    "Kaizala only") {
  auto rec = std::make_shared<shared_recorder>();
  kaizala::session_options opt;
  opt.application_id = "app";
  opt.application_secret = "secret-app";
  opt.refresh_token = "refresh-1";
  opt.auth_url = "http://auth.test/v1";
  kaizala::FetchMembersRequest req;
  req.groupId = "g";
  {
    kaizala::basic_session<session_transport> s(opt, [rec] { return session_transport{rec}; });
    REQUIRE(s.call<kaizala::ops::FetchMembers>(req));
  }
  REQUIRE(rec->sent.size() == 2);
  for (const auto& r : rec->sent)
    CHECK(kaizala::find_header(r.headers, "User-Agent") ==
          "Kaizala/v1 kaizala-cpp/" KAIZALA_VERSION_STRING);
  CHECK(kaizala::find_header(rec->sent[1].headers, "accessToken") == "tok");

  rec->sent.clear();
  opt.headers = {{"User-Agent", "my-app/3"}};
  {
    kaizala::basic_session<session_transport> s(opt, [rec] { return session_transport{rec}; });
    REQUIRE(s.call<kaizala::ops::FetchMembers>(req));
  }
  REQUIRE(rec->sent.size() == 2);
  for (const auto& r : rec->sent) {
    CHECK(kaizala::find_header(r.headers, "User-Agent") == "my-app/3");
    CHECK(count_header(r.headers, "User-Agent") == 1);
  }
}
