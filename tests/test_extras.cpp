// Integer enums, writeOnly fields, deepObject query params, deprecated types and ops, and the
// documented success status: the generated headers of tests/codegen/extras.json (the golden output,
// so the generator's text and the runtime are tested together), on the wire, decoding, and read
// back by read_request. That naming a deprecated op or type warns:
// tests/compile/deprecated_use.cpp.
#include "codegen/golden/extras/all.hpp"

#include <kaizala/call.hpp>
#include <kaizala/json.hpp>
#include <kaizala/read_request.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

namespace {

using extras::Priority;

// Answers "[]" unless a case sets another answer.
struct fake_transport : test_support::fake_transport {
  fake_transport() : test_support::fake_transport("[]") {}
};

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_variable("base", "http://h");
  return ctx;
}

}  // namespace

static_assert(std::is_same_v<std::underlying_type_t<Priority>, std::int32_t>);
static_assert(static_cast<int>(Priority::urgent) == 3 &&
              static_cast<int>(Priority::value_minus_1) == -1);
static_assert(kaizala::meta::is_integer_enum<Priority>::value);
static_assert(extras::ops::CreateAccount::status == 201);
static_assert(kaizala::success_status<extras::ops::CreateAccount>::value == 201);
static_assert(kaizala::success_status<extras::ops::FindItems>::value == 200);

TEST_CASE("integer enums: JSON numbers both ways; an unknown number is kept and written back") {
  extras::Account a;
  a.name = "ann";
  a.pin = "1234";
  a.priority = Priority::urgent;
  a.codes = {{extras::Code::value_9007199254740993, extras::Code::value_minus_9223372036854775808,
              kaizala::open_enum<extras::Code>::unknown("12")}};
  CHECK(
      kaizala::to_json(a) ==
      R"({"name":"ann","pin":"1234","priority":3,"codes":[9007199254740993,-9223372036854775808,12]})");
  CHECK(kaizala::to_json_value(a).at("codes").at(0) ==
        boost::json::value(std::int64_t(9007199254740993)));
  CHECK(kaizala::to_string(*a.priority) == "3");

  auto r = kaizala::from_json<extras::Account>(
      R"({"name":"b","pin":"x","priority":99,"codes":[0,-9223372036854775808,18446744073709551615]})");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->priority->known());
  CHECK(r->priority->unknown_text() == "99");
  CHECK((*r->codes)[0] == extras::Code::value_0);
  CHECK((*r->codes)[1] == extras::Code::value_minus_9223372036854775808);
  CHECK((*r->codes)[2].unknown_text() == "18446744073709551615");
  CHECK(kaizala::to_json(*r->codes) == "[0,-9223372036854775808,18446744073709551615]");
  CHECK(kaizala::to_json(*r->priority) == "99");

  SUBCASE("an integral double counts; a fraction, a string or a bool is a typed error") {
    auto whole = kaizala::from_json<std::vector<kaizala::open_enum<Priority>>>("[2.0, -1]");
    REQUIRE(whole.has_value());
    CHECK((*whole)[0] == Priority::value_2);
    CHECK((*whole)[1] == Priority::value_minus_1);
    auto fraction = kaizala::from_json<extras::Account>(R"({"name":"b","priority":2.5})");
    REQUIRE_FALSE(fraction.has_value());
    CHECK(fraction.error().message.find("priority") != std::string::npos);
    CHECK(fraction.error().message.find("fraction") != std::string::npos);
    auto text = kaizala::from_json<extras::Account>(R"({"name":"b","priority":"2"})");
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().message.find("expected integer, got string") != std::string::npos);
    CHECK_FALSE(kaizala::from_json<kaizala::open_enum<Priority>>("true").has_value());
    CHECK_FALSE(kaizala::from_json<kaizala::open_enum<Priority>>("1e300").has_value());
  }
  SUBCASE("an unknown value that is not an integer is refused before it is sent") {
    extras::Account bad;
    bad.priority = kaizala::open_enum<Priority>::unknown("high");
    auto problem = kaizala::validate(bad);
    REQUIRE(problem.has_value());
    CHECK(problem->message.find("integer enum value is not an integer") != std::string::npos);
  }
}

TEST_CASE(
    "writeOnly: sent, never read from an answer (a required one may be missing); read_request "
    "reads it") {
  fake_transport t;
  t.answer = kaizala::http_response{
      201, {}, R"({"name":"ann","pin":"from-server","password":"p2","id":7})"};
  extras::CreateAccountRequest req;
  req.name = "ann";
  req.pin = "1234";
  req.password = "secret";
  req.id = 99;  // readOnly: never sent
  auto r = kaizala::call<extras::ops::CreateAccount>(t, test_context(), req);
  REQUIRE(r.has_value());
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].body == R"({"name":"ann","password":"secret","pin":"1234"})");
  CHECK(r->pin.empty());  // the answer's writeOnly keys are skipped
  CHECK_FALSE(r->password.has_value());
  CHECK(r->id == 7);  // readOnly is read

  auto answer = kaizala::from_json<extras::Account>(R"({"name":"ann"})");
  CHECK(answer.has_value());  // pin is required, but an answer never holds it

  kaizala::decode_options server;
  server.read_write_only = true;
  CHECK_FALSE(kaizala::from_json<extras::Account>(R"({"name":"ann"})", server).has_value());

  auto back = kaizala::read_request<extras::ops::CreateAccount>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK(back->pin == "1234");
  CHECK(back->password == std::optional<std::string>("secret"));
  kaizala::http_request missing = t.sent[0];
  missing.body = R"({"name":"ann"})";
  auto refused = kaizala::read_request<extras::ops::CreateAccount>(missing);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message.find("pin") != std::string::npos);
}

TEST_CASE("deepObject query params and integer enum params, on the wire and read back") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, "[1,3,42]"};
  extras::FindItemsRequest req;
  req.level = Priority::urgent;
  req.min = kaizala::open_enum<Priority>::unknown("7");
  req.filter = extras::Filter{std::string("red & blue"), 2, Priority::value_1};
  req.tags = std::map<std::string, std::string>{{"a b", "x"}, {"k", "1"}};
  req.levels = {{Priority::value_1, Priority::urgent}};
  auto r = kaizala::call<extras::ops::FindItems>(t, test_context(), req);
  REQUIRE(r.has_value());
  REQUIRE(r->size() == 3);
  CHECK((*r)[1] == Priority::urgent);
  CHECK((*r)[2].unknown_text() == "42");
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].target ==
        "/items/3?min=7&filter[color]=red%20%26%20blue&filter[size]=2&filter[level]=1"
        "&tags[a%20b]=x&tags[k]=1&levels=1&levels=3");

  auto back = kaizala::read_request<extras::ops::FindItems>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK(back->level == Priority::urgent);
  CHECK(back->min->unknown_text() == "7");
  REQUIRE(back->filter.has_value());
  CHECK(back->filter->color == std::optional<std::string>("red & blue"));
  CHECK(back->filter->size == std::optional<std::int32_t>(2));
  CHECK(back->filter->level == std::optional<kaizala::open_enum<Priority>>(Priority::value_1));
  CHECK(back->tags == req.tags);

  SUBCASE("members left out are absent; no member at all is an absent param") {
    req.filter = extras::Filter{std::nullopt, 5, std::nullopt};
    req.tags.reset();
    req.min.reset();
    req.levels.reset();
    kaizala::http_request again;
    t.sent.clear();
    REQUIRE(kaizala::call<extras::ops::FindItems>(t, test_context(), req).has_value());
    CHECK(t.sent[0].target == "/items/3?filter[size]=5");
    req.filter = extras::Filter{};
    t.sent.clear();
    REQUIRE(kaizala::call<extras::ops::FindItems>(t, test_context(), req).has_value());
    CHECK(t.sent[0].target == "/items/3");
    auto none = kaizala::read_request<extras::ops::FindItems>(t.sent[0]);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->filter.has_value());
  }
  SUBCASE("bad texts are typed errors naming the parameter") {
    kaizala::http_request in = t.sent[0];
    in.target = "/items/3?filter[size]=big";
    auto bad = kaizala::read_request<extras::ops::FindItems>(in);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "filter[size]: query parameter must be an integer");
    in.target = "/items/urgent";
    auto level = kaizala::read_request<extras::ops::FindItems>(in);
    REQUIRE_FALSE(level.has_value());
    CHECK(level.error().message == "level: path parameter must be an integer");
    in.target = "/items/3?min=1.5";
    CHECK_FALSE(kaizala::read_request<extras::ops::FindItems>(in).has_value());
    in.target =
        "/items/-1?filter[unknown]=1&filter[LEVEL]=2";  // unknown keys ignored, names any case
    auto fine = kaizala::read_request<extras::ops::FindItems>(in);
    REQUIRE(fine.has_value());
    CHECK(fine->level == Priority::value_minus_1);
    CHECK(fine->filter->level == std::optional<kaizala::open_enum<Priority>>(Priority::value_2));
  }
}

TEST_CASE(
    "deprecated ops and types still work (the attribute only warns where user code names them)") {
  int ops = 0, types = 0;
  extras::api::for_each_op([&](auto) { ++ops; });
  extras::api::for_each_type([&](auto) { ++types; });
  CHECK(ops == 3);
  CHECK(types >= 3);
  CHECK(std::string_view(kaizala::meta::fields_of<extras::FindItemsRequest>::docs[0]).empty());
}
