// The JSON mapping on the fixture types (tests/fixture.json, generated at build time).
#include <fixture/all.hpp>
#include "support/decode_error.hpp"

#include <kaizala/json.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using fixture::Color;
using fixture::Item;

TEST_CASE("decode reads every kind of member") {
  auto r = kaizala::from_json<Item>(R"({
    "id": "i1", "note": "n", "count": 7, "when": 1505566877207, "done": true, "color": "Red",
    "tags": ["a", "b"], "places": {"home": {"x": 1.5, "y": -2}}, "extra": {"any": [1, "x"]},
    "children": [{"id": "c1", "count": 0, "tags": []}], "class": "k"})");
  REQUIRE(r.has_value());
  const Item& it = *r;
  CHECK(it.id == "i1");
  CHECK(it.note == "n");
  CHECK(it.count == 7);
  CHECK(it.when == 1505566877207);
  CHECK(it.done == true);
  REQUIRE(it.color.has_value());
  CHECK(*it.color == Color::Red);
  CHECK(it.tags == std::vector<std::string>{"a", "b"});
  REQUIRE(it.places.has_value());
  CHECK(it.places->at("home").x == 1.5);
  CHECK(it.places->at("home").y == -2);
  CHECK(it.extra.at("any").at(1).as_string() == "x");
  REQUIRE(it.children.has_value());
  CHECK(it.children->at(0).id == "c1");
  CHECK(it.class_ == "k");
}

TEST_CASE("decode ignores unknown keys and leaves absent optionals empty") {
  auto r = kaizala::from_json<Item>(
      R"({"id": "i", "count": 1, "tags": [], "isBotfromUser": false, "new": {"deep": [1]}})");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->note.has_value());
  CHECK_FALSE(r->color.has_value());
  CHECK(r->extra.is_null());
  CHECK_FALSE(r->children.has_value());
}

TEST_CASE("null is absent for optionals and a type error for required members") {
  auto r = kaizala::from_json<Item>(
      R"({"id": "i", "count": 1, "tags": [], "note": null, "extra": null})");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->note.has_value());
  CHECK(decode_error<Item>(R"({"id": null, "count": 1, "tags": []})") ==
        "id: expected string, got null");
}

TEST_CASE("aliases and lenient scalars") {
  auto r = kaizala::from_json<Item>(
      R"({"id": "i", "Count": "42", "when": "17", "done": "True", "tags": []})");
  REQUIRE(r.has_value());
  CHECK(r->count == 42);
  CHECK(r->when == 17);
  CHECK(r->done == true);
  r = kaizala::from_json<Item>(R"({"id": "i", "cnt": 3, "done": "false", "tags": []})");
  REQUIRE(r.has_value());
  CHECK(r->count == 3);
  CHECK(r->done == false);
  // Lenience is per field: Point.x is not lenient.
  CHECK(decode_error<fixture::Point>(R"({"x": "1", "y": 2})") == "x: expected number, got string");
  CHECK(decode_error<Item>(R"({"id": "i", "count": 1, "tags": [], "done": "yes"})") ==
        R"(done: expected bool or "true"/"false", got another string)");
  CHECK(decode_error<Item>(R"({"id": "i", "count": "4x", "tags": []})") ==
        "count: expected integer or a string holding one, got another string");
}

TEST_CASE("keys match case-insensitively only when asked") {
  std::string_view text = R"({"ID": "i", "COUNT": 1, "Tags": ["t"]})";
  CHECK(decode_error<Item>(text) == "id: missing required field");
  kaizala::decode_options lenient;
  lenient.case_insensitive_keys = true;
  auto r = kaizala::from_json<Item>(text, lenient);
  REQUIRE(r.has_value());
  CHECK(r->id == "i");
  CHECK(r->tags.size() == 1);
}

TEST_CASE("enums compare case-insensitively and keep unknown values") {
  auto r = kaizala::from_json<Item>(R"({"id": "i", "count": 1, "tags": [], "color": "DARK-blue"})");
  REQUIRE(r.has_value());
  CHECK(*r->color == Color::DarkBlue);
  CHECK(kaizala::to_string(*r->color) == "dark-blue");

  r = kaizala::from_json<Item>(R"({"id": "i", "count": 1, "tags": [], "color": "Ultraviolet"})");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->color->known());
  CHECK(r->color->unknown_text() == "Ultraviolet");
  // An unknown value goes back out exactly as it came.
  CHECK(kaizala::to_json(*r).find(R"("color":"Ultraviolet")") != std::string::npos);
  CHECK(decode_error<Item>(R"({"id": "i", "count": 1, "tags": [], "color": 3})") ==
        "color: expected string, got number");
}

TEST_CASE("decode errors name the JSON path") {
  CHECK(decode_error<Item>(R"({"id": "i", "count": 1, "tags": ["a", 2]})") ==
        "tags[1]: expected string, got number");
  CHECK(
      decode_error<Item>(
          R"({"id": "i", "count": 1, "tags": [], "children": [{"id": "c", "count": 1, "tags": []}, {"count": 1, "tags": []}]})") ==
      "children[1].id: missing required field");
  CHECK(decode_error<Item>(
            R"({"id": "i", "count": 1, "tags": [], "places": {"my home": {"x": "1", "y": 2}}})") ==
        R"(places["my home"].x: expected number, got string)");
  CHECK(decode_error<Item>(R"({"id": "i", "count": 1, "tags": {}})") ==
        "tags: expected array, got object");
  CHECK(decode_error<Item>(R"([1, 2])") == "(root): expected object, got array");
}

TEST_CASE("integers are range-checked and must be whole") {
  CHECK(decode_error<Item>(R"({"id": "i", "count": 2147483648, "tags": []})") ==
        "count: number out of range for int32");
  CHECK(decode_error<Item>(R"({"id": "i", "count": -2147483649, "tags": []})") ==
        "count: number out of range for int32");
  CHECK(decode_error<Item>(R"({"id": "i", "count": 18446744073709551615, "tags": []})") ==
        "count: number out of range for int32");
  CHECK(decode_error<Item>(R"({"id": "i", "count": 1.5, "tags": []})") ==
        "count: expected integer, got a number with a fraction");
  auto r = kaizala::from_json<Item>(
      R"({"id": "i", "count": 15.0, "tags": [], "when": 9223372036854775807})");
  REQUIRE(r.has_value());
  CHECK(r->count == 15);
  CHECK(r->when == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("syntax errors and empty bodies are decode errors") {
  CHECK(decode_error<Item>("") == "(root): empty body, expected JSON");
  std::string m = decode_error<Item>(R"({"id": "i",, })");
  CHECK(m.rfind("(root): invalid JSON at byte 11", 0) == 0);
  CHECK(decode_error<Item>(R"({"id": "i"} trailing)").rfind("(root): invalid JSON at byte", 0) ==
        0);
}

TEST_CASE("encode writes body fields in order and leaves absent optionals out") {
  Item it;
  it.id = "a\"b\\c\n\x01";
  it.count = -3;
  it.tags = {"x"};
  it.done = false;
  it.color = Color::DarkBlue;
  it.class_ = "k";
  CHECK(
      kaizala::to_json(it) ==
      R"({"id":"a\"b\\c\n\u0001","count":-3,"done":false,"color":"dark-blue","tags":["x"],"class":"k"})");
  fixture::Point p{0.1, 1e300};
  CHECK(kaizala::to_json(p) == R"({"x":0.1,"y":1e+300})");
  CHECK(kaizala::to_json(fixture::Empty{}) == "{}");
}

TEST_CASE("decode then encode keeps every value") {
  std::string_view text =
      R"({"id":"i","note":"n","count":7,"when":1505566877207,"done":true,"color":"Red","tags":["a"],)"
      R"("places":{"h":{"x":1.25,"y":-2}},"extra":{"any":[1,"x",null]},"children":[{"id":"c","count":0,"tags":[]}],"class":"é"})";
  auto r = kaizala::from_json<Item>(text);
  REQUIRE(r.has_value());
  CHECK(kaizala::to_json(*r) == text);
}

TEST_CASE("to_json_value builds the same document as to_json") {
  auto r = kaizala::from_json<Item>(
      R"({"id":"i","count":1,"tags":["t"],"color":"Red","places":{"p":{"x":1,"y":2}}})");
  REQUIRE(r.has_value());
  boost::json::value v = kaizala::to_json_value(*r);
  CHECK(v.at("places").at("p").at("x").as_double() == 1.0);
  auto back = kaizala::from_json_value<Item>(v);
  REQUIRE(back.has_value());
  CHECK(kaizala::to_json(*back) == kaizala::to_json(*r));
}

TEST_CASE("validate checks limits, rules and numbers") {
  Item it;
  it.id = "i";
  it.tags = {"a", "b", "c"};
  CHECK_FALSE(kaizala::validate(it).has_value());

  it.tags.push_back("d");
  auto e = kaizala::validate(it);
  REQUIRE(e.has_value());
  CHECK(e->kind == kaizala::error_kind::invalid_request);
  CHECK(e->path == "tags");
  CHECK(e->message == "tags: at most 3 items allowed, got 4");
  it.tags.pop_back();

  it.note = "h\xC3\xA9llo";  // 5 code points in 6 bytes: allowed
  CHECK_FALSE(kaizala::validate(it).has_value());
  it.note = "h\xC3\xA9llo!";
  CHECK(kaizala::validate(it)->message == "note: at most 5 characters allowed, got 6");
  it.note.reset();

  it.children = std::vector<Item>(2, it);
  it.children->at(1).places = std::map<std::string, fixture::Point>{{"p", {std::nan(""), 0}}};
  CHECK(kaizala::validate(it)->message ==
        "children[1].places.p.x: not a finite number (JSON has no NaN or infinity)");
  it.children.reset();

  it.color = kaizala::open_enum<Color>();
  CHECK(kaizala::validate(it)->message == "color: enum value not set");
}

TEST_CASE("validate checks exactlyOne and atLeastOne rules") {
  fixture::Choice c;
  CHECK(kaizala::validate(c)->message == "(root): exactly one of a, b must be set, got 0");
  c.a = "x";
  c.b = "y";
  CHECK(kaizala::validate(c)->message == "(root): exactly one of a, b must be set, got 2");
  c.b.reset();
  CHECK(kaizala::validate(c)->message == "(root): at least one of b, list must be set");
  c.list = std::vector<std::string>{};
  CHECK_FALSE(kaizala::validate(c).has_value());
}
