// Ops whose bodies and responses are whole arrays, maps, scalars or enums, responses without a
// body, HEAD and OPTIONS: the generated headers of tests/codegen/shapes.json (the golden output,
// so the generator's text and the runtime are tested together), on the wire and when decoding.
#include "codegen/golden/shapes/all.hpp"

#include <kaizala/auth.hpp>
#include <kaizala/call.hpp>
#include <kaizala/error_body.hpp>
#if defined(__cpp_exceptions)  // the constrained profile (-fno-exceptions) has no httplib
#include "support/recording_server.hpp"

#include <kaizala/httplib_transport.hpp>
#endif

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

namespace {

using test_support::fake_transport;

kaizala::context test_context(const std::string& base = "http://h") {
  kaizala::context ctx;
  ctx.set_variable("base", base).set_credential("X-Key", "k1");
  return ctx;
}

std::string header(const kaizala::http_request& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.first == name) return h.second;
  return {};
}

}  // namespace

TEST_CASE("a top-level array body is the JSON array itself; \"none\" ignores the answer's body") {
  fake_transport t;
  t.answer = kaizala::http_response{204, {}, "not JSON at all"};
  shapes::ReplacePetsRequest req;
  req.dryRun = true;
  req.body = {{"rex", shapes::Size::large, std::nullopt}, {"tom", std::nullopt, "id-9"}};
  auto r = kaizala::call<shapes::ops::ReplacePets>(t, test_context(), req);
  REQUIRE(r.has_value());
  static_assert(std::is_same_v<decltype(*r), kaizala::no_content&>);
  REQUIRE(t.sent.size() == 1);
  const auto& sent = t.sent[0];
  CHECK(sent.method == kaizala::http_method::put);
  CHECK(sent.target == "/v1/pets?dryRun=true");
  CHECK(sent.content_type == "application/json");
  CHECK(sent.body == R"([{"name":"rex","size":"large"},{"name":"tom"}])");  // readOnly id not sent
  CHECK(kaizala::to_json_value(req.body[1]) == boost::json::value{{"name", "tom"}});
  CHECK(header(sent, "X-Key") == "k1");
  SUBCASE("an error status still is an error") {
    t.answer = kaizala::http_response{404, {}, R"({"message":"no such list"})"};
    auto e = kaizala::call<shapes::ops::ReplacePets>(t, test_context(), req);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().kind == kaizala::error_kind::http_status);
    CHECK(e.error().http_status == 404);
  }
}

TEST_CASE("top-level map and scalar bodies and answers") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, R"({"rex":2,"tom":0})"};
  shapes::TagPetsRequest tags;
  tags.body = {{"rex", {"good", "old"}}, {"tom", {}}};
  auto counts = kaizala::call<shapes::ops::TagPets>(t, test_context(), tags);
  REQUIRE(counts.has_value());
  CHECK(t.sent.back().body == R"({"rex":["good","old"],"tom":[]})");
  CHECK(*counts == std::map<std::string, std::int32_t>{{"rex", 2}, {"tom", 0}});

  t.answer = kaizala::http_response{200, {}, "9007199254740993"};
  shapes::RenameAllRequest rename;
  rename.body = "Mr. \"Q\"";
  auto n = kaizala::call<shapes::ops::RenameAll>(t, test_context(), rename);
  REQUIRE(n.has_value());
  CHECK(t.sent.back().body == R"("Mr. \"Q\"")");
  CHECK(n->value == 9007199254740993);  // a number answer with declared headers: member value
  CHECK_FALSE(n->headers.X_Took);

  SUBCASE("an answer of the wrong shape is a decode error with its path") {
    t.answer = kaizala::http_response{200, {}, R"({"rex":"two"})"};
    auto bad = kaizala::call<shapes::ops::TagPets>(t, test_context(), tags);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().kind == kaizala::error_kind::decode);
    CHECK(bad.error().http_status == 200);
    CHECK(bad.error().path == "rex");
  }
}

TEST_CASE("top-level array and enum answers decode") {
  fake_transport t;
  t.answer = kaizala::http_response{
      200, {}, R"([{"name":"rex","size":"LARGE","id":"p1"},{"name":"x","size":"huge"}])"};
  auto pets = kaizala::call<shapes::ops::ListPets>(t, test_context(), {});
  REQUIRE(pets.has_value());
  REQUIRE(pets->size() == 2);
  CHECK((*pets)[0].name == "rex");
  CHECK((*pets)[0].size == shapes::Size::large);
  CHECK((*pets)[0].id == std::optional<std::string>("p1"));  // readOnly: read, never sent
  CHECK_FALSE((*pets)[1].size->known());
  CHECK(t.sent.back().method == kaizala::http_method::get);
  CHECK(t.sent.back().body.empty());
  CHECK(t.sent.back().content_type.empty());

  t.answer = kaizala::http_response{200, {}, R"("tiny")"};
  auto size = kaizala::call<shapes::ops::BiggestSize>(t, test_context(), {});
  REQUIRE(size.has_value());
  CHECK(*size == shapes::Size::tiny);
  CHECK(header(t.sent.back(), "X-Key").empty());  // "auth": "none"
}

TEST_CASE("HEAD and OPTIONS go out as such; HEAD through a real server") {
#if defined(__cpp_exceptions)
  test_support::recording_server server;
  server.respond(200, "");
  kaizala::httplib_transport http;
  shapes::PetExistsRequest req;
  req.name = "r x";
  auto r = kaizala::call<shapes::ops::PetExists>(http, test_context(server.base_url()), req);
  REQUIRE(r.has_value());
  auto got = server.last();
  CHECK(got.method == "HEAD");
  CHECK(got.target == "/v1/pets/r%20x");
  CHECK(got.header("X-Key") == "k1");
#endif

  fake_transport t;
  t.answer = kaizala::http_response{200, {{"Allow", "GET, PUT"}}, ""};
  kaizala::context ctx = test_context();
  ctx.set_credential("Authorization", "tok-2");
  auto options = kaizala::call<shapes::ops::PetOptions>(t, ctx, {});
  REQUIRE(options.has_value());
  CHECK(options->headers.Allow == std::optional<std::string>("GET, PUT"));
  CHECK(t.sent.back().method == kaizala::http_method::options);
  CHECK(header(t.sent.back(), "Authorization") == "Bearer tok-2");  // the scheme's prefix
  CHECK(kaizala::method_name(t.sent.back().method) == "OPTIONS");
  CHECK(kaizala::method_name(kaizala::http_method::head) == "HEAD");
}

// ---- nullable fields (tests/codegen/nullable.json)

#include "codegen/golden/nullable/all.hpp"

#include <kaizala/json.hpp>

// nullable.json marks Color and PatchThing deprecated, so naming them warns ([[deprecated]]); these
// tests use them on purpose. tests/compile/deprecated_use.cpp checks the warning itself.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

TEST_CASE("nullable: absent is left out, null is sent as null, a value as itself") {
  nulls::Patch p;
  p.id = "t1";
  // note absent, owner empty (required + nullable: null), count 3 by default, tags null
  p.tags = nullptr;
  p.size = 1.5;
  std::string body;
  kaizala::append_json(body, p);
  CHECK(body == R"({"id":"t1","owner":null,"count":3,"tags":null,"size":1.5})");

  p.note = "hi";
  p.owner = "me";
  p.count.reset();
  p.color = nulls::Color::blue;
  p.tags = std::vector<std::string>{"a"};
  body.clear();
  kaizala::append_json(body, p);
  CHECK(body == R"({"id":"t1","note":"hi","owner":"me","color":"blue","tags":["a"],"size":1.5})");

  SUBCASE("the request goes out with the same bytes, and limits apply to a value") {
    struct fake {
      std::string body;
      kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
        body = r.body;
        return kaizala::http_response{200, {}, R"({"id":"t1","owner":null,"size":null})"};
      }
    } t;
    kaizala::context ctx;
    ctx.set_variable("base", "http://h");
    nulls::PatchThingRequest req;
    req.id = "t1";
    req.note = nullptr;
    auto r = kaizala::call<nulls::ops::PatchThing>(t, ctx, req);
    REQUIRE(r.has_value());
    CHECK(t.body == R"({"id":"t1","note":null,"owner":null,"count":3,"size":null})");
    req.tags = std::vector<std::string>{"a", "b", "c"};
    auto too_many = kaizala::call<nulls::ops::PatchThing>(t, ctx, req);
    REQUIRE_FALSE(too_many.has_value());
    CHECK(too_many.error().kind == kaizala::error_kind::invalid_request);
    CHECK(too_many.error().path == "tags");
  }
}

TEST_CASE("nullable: decoding tells a missing key from null from a value") {
  auto decoded = kaizala::from_json<nulls::Patch>(
      R"({"id":"t","note":null,"owner":null,"count":7,"color":"RED","tags":null,"size":2})");
  REQUIRE(decoded.has_value());
  CHECK(decoded->note.is_null());
  CHECK_FALSE(decoded->owner.has_value());
  REQUIRE(decoded->count.has_value());
  CHECK(*decoded->count == 7);
  REQUIRE(decoded->color.has_value());
  CHECK(*decoded->color == nulls::Color::red);
  CHECK(decoded->tags.is_null());
  CHECK(decoded->size == 2.0);

  auto sparse =
      kaizala::from_json<nulls::Patch>(R"({"id":"t","owner":"o","size":null,"tags":["x"]})");
  REQUIRE(sparse.has_value());
  CHECK(sparse->note.absent());
  CHECK(sparse->count.absent());  // a missing key is absent, even where the struct has a default
  CHECK(sparse->color.absent());
  REQUIRE(sparse->tags.has_value());
  CHECK(*sparse->tags == std::vector<std::string>{"x"});
  CHECK(sparse->owner == std::optional<std::string>("o"));

  auto wrong = kaizala::from_json<nulls::Patch>(R"({"id":"t","owner":"o","size":1,"count":"x"})");
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().path == "count");
}

// ---- array params and cookie params (tests/codegen/params.json)

#include "codegen/golden/params/all.hpp"

TEST_CASE(
    "array params: form (exploded or not), space- and pipe-delimited, path and header lists") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, "{}"};
  kaizala::context ctx;
  ctx.set_variable("base", "http://h");
  params::SearchRequest req;
  req.ids = {1, 22};
  req.tag = std::vector<std::string>{"a b", "c&d"};
  req.kind = std::vector<kaizala::open_enum<params::Kind>>{params::Kind::cat, params::Kind::dog};
  req.words = std::vector<std::string>{"x", "y,z"};
  req.ors = std::vector<bool>{true, false};
  req.trace = std::vector<std::string>{"t1", "t2"};
  req.session = "s=1;2";
  req.prefs = std::vector<std::string>{"dark", "wide"};
  auto r = kaizala::call<params::ops::Search>(t, ctx, req);
  REQUIRE(r.has_value());
  const auto& sent = t.sent.back();
  CHECK(sent.target == "/s/1,22?tag=a%20b&tag=c%26d&kind=cat,dog&words=x%20y%2Cz&ors=true%7Cfalse");
  CHECK(header(sent, "X-Trace") == "t1,t2");
  CHECK(header(sent, "Cookie") == "session=s%3D1%3B2; prefs=dark,wide");

  SUBCASE("absent and empty lists send nothing; a required path list may not be empty") {
    params::SearchRequest bare;
    bare.ids = {7};
    bare.session = "s";
    bare.tag = std::vector<std::string>{};
    REQUIRE(kaizala::call<params::ops::Search>(t, ctx, bare).has_value());
    CHECK(t.sent.back().target == "/s/7");
    CHECK(header(t.sent.back(), "Cookie") == "session=s");
    bare.ids.clear();
    auto empty = kaizala::call<params::ops::Search>(t, ctx, bare);
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().kind == kaizala::error_kind::invalid_request);
    CHECK(empty.error().message == "ids: path parameter is empty");
  }
  SUBCASE("a line break in a header or cookie list item is refused") {
    req.trace = std::vector<std::string>{"ok", "bad\r\nX: y"};
    auto bad = kaizala::call<params::ops::Search>(t, ctx, req);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "X-Trace: header value holds a line break or NUL");
  }
}

TEST_CASE("errors: the body of a failed call read as the type declared for its status") {
  using Op = shapes::ops::ListPets;
  static_assert(std::is_same_v<kaizala::error_body_t<Op>,
                               std::variant<shapes::Missing, kaizala::no_content, shapes::Problem,
                                            std::vector<std::string>, boost::json::value>>);
  fake_transport t;
  auto fail = [&](int status, std::string body) {
    t.answer = kaizala::http_response{status, {}, std::move(body)};
    auto r = kaizala::call<Op>(t, test_context(), {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().http_status == status);
    return kaizala::error_body<Op>(r.error());
  };
  SUBCASE("an exact code wins over its class and default") {
    auto b = fail(404, R"({"name":"rex"})");
    REQUIRE(b);
    REQUIRE(std::holds_alternative<shapes::Missing>(*b));
    CHECK(std::get<shapes::Missing>(*b).name == "rex");
  }
  SUBCASE("a class covers the codes it holds; another code with the same type") {
    auto b = fail(400, R"({"title":"bad","status":400})");
    REQUIRE(b);
    REQUIRE(std::holds_alternative<shapes::Problem>(*b));
    CHECK(std::get<shapes::Problem>(*b).title == "bad");
    CHECK(std::get<shapes::Problem>(*b).status == 400);
    auto slow = fail(429, R"({"title":"slow down"})");
    REQUIRE(slow);
    CHECK(std::get<shapes::Problem>(*slow).title == "slow down");
  }
  SUBCASE("\"none\" and a top-level array") {
    auto none = fail(503, "<html>busy</html>");
    REQUIRE(none);
    CHECK(std::holds_alternative<kaizala::no_content>(*none));
    auto list = fail(500, R"(["disk","full"])");
    REQUIRE(list);
    CHECK(std::get<std::vector<std::string>>(*list) == std::vector<std::string>{"disk", "full"});
  }
  SUBCASE("default: any other status; \"json\" takes any JSON") {
    auto b = fail(302, R"({"moved":true})");
    REQUIRE(b);
    CHECK(std::get<boost::json::value>(*b) == boost::json::value{{"moved", true}});
  }
  SUBCASE("a body that is not the declared type: empty, and the first matching case decides") {
    CHECK_FALSE(fail(404, R"({"title":"not a Missing"})"));
    CHECK_FALSE(fail(400, "not JSON"));
  }
  SUBCASE("an error that is not an HTTP status has no body to read") {
    t.answer = kaizala::error{};
    auto r = kaizala::call<Op>(t, test_context(), {});
    REQUIRE_FALSE(r.has_value());
    CHECK_FALSE(kaizala::error_body<Op>(r.error()));
  }
}

TEST_CASE("errors: secrets are removed from the body before it is read") {
  using Op = shapes::ops::ListPets;
  fake_transport t;
  t.answer = kaizala::http_response{404, {}, R"({"name":"k1-leaked"})"};
  auto r = kaizala::call<Op>(t, test_context(), {});
  REQUIRE_FALSE(r.has_value());
  auto b = kaizala::error_body<Op>(r.error());
  REQUIRE(b);
  CHECK(std::get<shapes::Missing>(*b).name.find("k1") == std::string::npos);
}

TEST_CASE("response headers: declared headers are read into <Op>ResponseHeaders next to the body") {
  static_assert(std::is_same_v<
                shapes::ops::ListPets::response,
                kaizala::with_headers<std::vector<shapes::Pet>, shapes::ListPetsResponseHeaders>>);
  static_assert(std::is_base_of_v<std::vector<shapes::Pet>, shapes::ops::ListPets::response>);
  fake_transport t;
  t.answer = kaizala::http_response{200,
                                    {{"x-rate-limit", "41"},
                                     {"X-Next", "/pets?page=2"},
                                     {"X-Biggest", "LARGE"},
                                     {"X-Other", "1"}},
                                    R"([{"name":"rex"}])"};
  auto pets = kaizala::call<shapes::ops::ListPets>(t, test_context(), {});
  REQUIRE(pets.has_value());
  CHECK(pets->size() == 1);  // the body is the base: its members stay reachable
  CHECK((*pets)[0].name == "rex");
  CHECK(pets->headers.X_Rate_Limit ==
        std::optional<std::int32_t>(41));  // names ASCII case-insensitive
  CHECK(pets->headers.X_Next == std::optional<std::string>("/pets?page=2"));
  CHECK(pets->headers.biggest == shapes::Size::large);

  SUBCASE("absent headers stay empty") {
    t.answer = kaizala::http_response{200, {}, "[]"};
    auto none = kaizala::call<shapes::ops::ListPets>(t, test_context(), {});
    REQUIRE(none.has_value());
    CHECK_FALSE(none->headers.X_Rate_Limit);
    CHECK_FALSE(none->headers.X_Next);
    CHECK_FALSE(none->headers.biggest);
  }
  SUBCASE("a value that does not fit is a decode error naming the header, not quoting it") {
    t.answer = kaizala::http_response{200, {{"X-Rate-Limit", "k1-many"}}, "[]"};
    auto bad = kaizala::call<shapes::ops::ListPets>(t, test_context(), {});
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().kind == kaizala::error_kind::decode);
    CHECK(bad.error().path == "X-Rate-Limit");
    CHECK(bad.error().message == "X-Rate-Limit: response header must be an integer");
  }
  SUBCASE("read_response reads them too; a number answer keeps them next to `value`") {
    auto r = kaizala::read_response<shapes::ops::RenameAll>(
        kaizala::http_response{200, {{"X-Took", "0.25"}}, "7"});
    REQUIRE(r.has_value());
    CHECK(r->value == 7);
    CHECK(r->headers.X_Took == std::optional<double>(0.25));
  }
  SUBCASE("an error answer is an error as always; its headers are not read") {
    t.answer = kaizala::http_response{429, {{"X-Rate-Limit", "0"}, {"Retry-After", "3"}}, "{}"};
    auto e = kaizala::call<shapes::ops::ListPets>(t, test_context(), {});
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().retry_after == "3");
  }
}

TEST_CASE("auth: an API key in a query parameter or a cookie") {
  fake_transport t;
  t.answer = kaizala::http_response{204, {}, ""};
  kaizala::context ctx = test_context();
  ctx.set_credential("api_key", "k&y 1").set_credential("session", "s=1;x");
  shapes::SearchPetsRequest search;
  search.q = "rex";
  REQUIRE(kaizala::call<shapes::ops::SearchPets>(t, ctx, search).has_value());
  CHECK(t.sent.back().target == "/v1/pets/search?q=rex&api_key=k%26y%201");
  CHECK(header(t.sent.back(), "api_key").empty());
  REQUIRE(kaizala::call<shapes::ops::SearchPets>(t, ctx, {}).has_value());
  CHECK(t.sent.back().target == "/v1/pets/search?api_key=k%26y%201");

  shapes::MyPetsRequest mine;
  mine.theme = "dark";
  REQUIRE(kaizala::call<shapes::ops::MyPets>(t, ctx, mine).has_value());
  CHECK(header(t.sent.back(), "Cookie") == "theme=dark; session=s%3D1%3Bx");
  CHECK(header(t.sent.back(), "session").empty());
  REQUIRE(kaizala::call<shapes::ops::MyPets>(t, ctx, {}).has_value());
  CHECK(header(t.sent.back(), "Cookie") == "session=s%3D1%3Bx");

  SUBCASE("a missing credential names where it goes; nothing is sent") {
    std::size_t sent = t.sent.size();
    auto r = kaizala::call<shapes::ops::SearchPets>(t, test_context(), {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == kaizala::error_kind::invalid_request);
    CHECK(r.error().message ==
          "no credential for query parameter \"api_key\" (scheme \"qkey\"): set it with "
          "context::set_credential(\"shapes\", \"qkey\", <value>)");
    auto c = kaizala::call<shapes::ops::MyPets>(t, test_context(), {});
    REQUIRE_FALSE(c.has_value());
    CHECK(c.error().message ==
          "no credential for cookie \"session\": set it with context::set_credential(\"shapes\", "
          "\"session\", <value>)");
    CHECK(t.sent.size() == sent);
  }
  SUBCASE("the key is removed from errors, also percent-encoded") {
    t.answer = kaizala::http_response{401, {}, R"({"message":"bad key k%26y%201 / k&y 1"})"};
    auto r = kaizala::call<shapes::ops::SearchPets>(t, ctx, {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().body.find("k&y") == std::string::npos);
    CHECK(r.error().body.find("k%26y") == std::string::npos);
  }
}

TEST_CASE("auth: a Basic credential from user and password") {
  auto c = kaizala::basic_credential("Aladdin", "open sesame");  // RFC 7617's example
  REQUIRE(c.has_value());
  CHECK(*c == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(kaizala::basic_credential("a", "").value() == "YTo=");
  CHECK(kaizala::basic_credential("ab", "").value() == "YWI6");
  CHECK(kaizala::basic_credential("", "p\xC3\xA9").value() ==
        "OnDDqQ==");  // bytes as given (UTF-8)
  auto colon = kaizala::basic_credential("a:b", "pw");
  REQUIRE_FALSE(colon.has_value());
  CHECK(colon.error().kind == kaizala::error_kind::invalid_request);
  CHECK(colon.error().message == "basic credential: the user cannot hold ':'");
  auto broken = kaizala::basic_credential("a", "secret\r\nX: 1");
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().message.find("secret") == std::string::npos);
}
