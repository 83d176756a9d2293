// Edges of the SAX decoder (detail/json_decode.hpp): nesting limits, huge input, int64 limits,
// text split across parser buffers, repeated keys, and the same errors as a parse-then-read.
#include <fixture/all.hpp>
#include "support/decode_error.hpp"

#include <kaizala/json.hpp>

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <string>

using fixture::Item;

namespace {

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("nesting deeper than 32 is refused as invalid JSON, at any place") {
  // 31 levels inside `extra` (32 with the root object) still decode.
  auto ok = kaizala::from_json<Item>(R"({"id":"i","count":1,"tags":[],"extra":)" +
                                     nested_arrays(31) + "}");
  REQUIRE(ok.has_value());
  CHECK(ok->extra.is_array());
  std::string deep = R"({"id":"i","count":1,"tags":[],"extra":)" + nested_arrays(32) + "}";
  CHECK(decode_error<Item>(deep).rfind("(root): invalid JSON at byte 69: ", 0) == 0);
  // Deep inside an unknown key, too.
  CHECK(decode_error<Item>(R"({"zzz":)" + nested_arrays(40) + "}")
            .rfind("(root): invalid JSON at byte", 0) == 0);
  // Deep typed recursion (Item.children) within the limit.
  std::string kids = R"({"id":"0","count":0,"tags":[])";
  for (int i = 1; i <= 15; ++i)
    kids += R"(,"children":[{"id":")" + std::to_string(i) + R"(","count":0,"tags":[])";
  for (int i = 1; i <= 15; ++i) kids += "}]";
  kids += "}";
  auto tree = kaizala::from_json<Item>(kids);
  REQUIRE(tree.has_value());
  const Item* it = &*tree;
  for (int i = 1; i <= 15; ++i) it = &it->children->at(0);
  CHECK(it->id == "15");
}

TEST_CASE("a replayed DOM deeper than the frame stack is a decode error, not a crash") {
  boost::json::value v =
      boost::json::object{{"id", "leaf"}, {"count", 0}, {"tags", boost::json::array{}}};
  for (int i = 0; i < 70; ++i) {
    boost::json::object o{{"id", "n"}, {"count", 0}, {"tags", boost::json::array{}}};
    o["children"] = boost::json::array{std::move(v)};
    v = std::move(o);
  }
  auto r = kaizala::from_json_value<Item>(v);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find(": nesting too deep") != std::string::npos);
  CHECK(r.error().message.rfind("children[0].children[0].", 0) == 0);
}

TEST_CASE("huge input: 200000 tags and a 4 MB string") {
  std::string text = R"({"id":")" + std::string(4 << 20, 'x') + R"(","count":1,"tags":[)";
  for (int i = 0; i < 200000; ++i) text += (i ? ",\"t" : "\"t") + std::to_string(i) + '"';
  text += "]}";
  auto r = kaizala::from_json<Item>(text);
  REQUIRE(r.has_value());
  CHECK(r->id.size() == (4u << 20));
  REQUIRE(r->tags.size() == 200000);
  CHECK(r->tags.back() == "t199999");
  text.insert(text.size() - 2, ",7");
  CHECK(decode_error<Item>(text) == "tags[200000]: expected string, got number");
}

TEST_CASE("numbers at the int64 and int32 edges") {
  auto when = [](std::string_view n) {
    return kaizala::from_json<Item>(R"({"id":"i","count":1,"tags":[],"when":)" + std::string(n) +
                                    "}");
  };
  CHECK(*when("9223372036854775807")->when == std::numeric_limits<std::int64_t>::max());
  CHECK(*when("-9223372036854775808")->when == std::numeric_limits<std::int64_t>::min());
  CHECK(*when("-9223372036854775808.0")->when == std::numeric_limits<std::int64_t>::min());
  // Below the int64 range the parser reads a double, which rounds back to the minimum.
  CHECK(*when("-9223372036854775809")->when == std::numeric_limits<std::int64_t>::min());
  CHECK(*when("\"-9223372036854775808\"")->when ==
        std::numeric_limits<std::int64_t>::min());  // lenient
  for (std::string_view over :
       {"9223372036854775808", "18446744073709551615", "18446744073709551616",
        "9223372036854775808.0", "1e19", "-1e300", "\"9223372036854775808\""}) {
    auto r = when(over);
    REQUIRE_FALSE_MESSAGE(r.has_value(), over);
    CHECK(r.error().message == "when: number out of range for int64");
  }
  auto count = [](std::string_view n) {
    return kaizala::from_json<Item>(R"({"id":"i","tags":[],"count":)" + std::string(n) + "}");
  };
  CHECK(count("2147483647")->count == 2147483647);
  CHECK(count("-2147483648")->count == std::numeric_limits<std::int32_t>::min());
  CHECK(count("2147483647.0")->count == 2147483647);
  CHECK(count("2147483648.0").error().message == "count: number out of range for int32");
  CHECK(count("-0")->count == 0);
}

TEST_CASE("text split across parser buffers reads the same at every split point") {
  std::string_view text =
      R"({"id":"a\"b\u00e9","count":"42","tags":["x","y\\z"],"extra":{"k\u0031ey":[1,-2.5,"s",null,true]},)"
      R"("places":{"my home":{"x":1e2,"y":-3}},"unknown":{"deep":[{"a":"b"}]},"color":"dark-BLUE"})";
  auto whole = kaizala::from_json<Item>(text);
  REQUIRE(whole.has_value());
  const std::string expected = kaizala::to_json(*whole);
  CHECK(whole->id == "a\"b\xC3\xA9");
  CHECK(whole->extra.at("k1ey").at(2).as_string() == "s");
  for (std::size_t a = 0; a <= text.size(); ++a) {
    for (std::size_t b : {a, (a + text.size()) / 2, text.size()}) {
      if (b < a) continue;
      kaizala::detail::text_decoder<Item> d;
      d.write(text.substr(0, a));
      d.write(text.substr(a, b - a));
      d.write(text.substr(b));
      auto r = d.finish();
      REQUIRE_MESSAGE(r.has_value(), "split at " << a << "," << b);
      CHECK_MESSAGE(kaizala::to_json(*r) == expected, "split at " << a << "," << b);
    }
  }
  // Long escaped strings reach the handler in parts even from one buffer.
  std::string big;
  for (int i = 0; i < 5000; ++i) big += "ab\\n";
  auto r = kaizala::from_json<Item>(R"({"id":")" + big + R"(","count":1,"tags":[],"extra":{")" +
                                    big + R"(":")" + big + R"("}})");
  REQUIRE(r.has_value());
  CHECK(r->id.size() == 15000);
  CHECK(r->extra.as_object().begin()->key().size() == 15000);
}

TEST_CASE("syntax errors read exactly as a parse of the whole text reports them") {
  for (std::string_view bad :
       {"", "  ", "{", R"({"id": "i"} trailing)", R"({"id":"i",, })", "[1,2", "nul", R"({"a":1}})",
        R"("abc)", R"({"a" 1})", "1 2", R"({"id":"\uZZZZ"})", "01", "-", R"({"x":[1,2,]})",
        "{\"id\":\"i\"}\n\n ,"}) {
    auto dom = kaizala::parse_json(bad);
    REQUIRE_FALSE(dom.has_value());
    CHECK(decode_error<Item>(bad) == dom.error().message);
  }
  // A syntax error after a decode error still wins, as when the text was parsed first.
  CHECK(decode_error<Item>(R"({"id": 5, "count": )").rfind("(root): invalid JSON at byte", 0) == 0);
}

TEST_CASE("repeated keys: the last one counts; a member's own name beats an alias") {
  auto r = kaizala::from_json<Item>(
      R"({"id":"a","count":1,"tags":["x"],"places":{"p":{"x":1,"y":2},"p":{"x":3,"y":4}},"id":"b","tags":["y","z"]})");
  REQUIRE(r.has_value());
  CHECK(r->id == "b");
  CHECK(r->tags == std::vector<std::string>{"y", "z"});
  CHECK(r->places->size() == 1);
  CHECK(r->places->at("p").x == 3);
  r = kaizala::from_json<Item>(R"({"id":"a","count":1,"Count":2,"tags":[]})");
  CHECK(r->count == 1);
  r = kaizala::from_json<Item>(R"({"id":"a","Count":2,"count":1,"tags":[]})");
  CHECK(r->count == 1);
  // A repeated struct value starts from scratch: the second "p" lacks y.
  CHECK(decode_error<Item>(
            R"({"id":"a","count":1,"tags":[],"places":{"p":{"x":1,"y":2},"p":{"x":3}}})") ==
        R"(places.p.y: missing required field)");
}

TEST_CASE("from_json_value and from_json agree") {
  std::string_view text =
      R"({"id":"i","count":"7","done":"true","tags":["a"],"extra":{"k":[1,{"z":null}]},)"
      R"("children":[{"id":"c","count":0,"tags":[],"color":"Purple"}],"class":"k"})";
  auto a = kaizala::from_json<Item>(text);
  auto b = kaizala::from_json_value<Item>(boost::json::parse(text));
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(kaizala::to_json(*a) == kaizala::to_json(*b));
  auto bad = kaizala::from_json_value<Item>(
      boost::json::parse(R"({"id":"i","count":1,"tags":[],"children":[{"count":1,"tags":[]}]})"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message == "children[0].id: missing required field");
  CHECK(bad.error().path == "children[0].id");
}

TEST_CASE("a number beyond the range of double is an error on every path, not infinity") {
  using Resp = Item;
  for (const char* number : {"1e999", "-1e999", "1e400"}) {
    CAPTURE(number);
    std::string text = std::string(R"({"x":)") + number + "}";
    auto dom = kaizala::parse_json(text);
    REQUIRE_FALSE(dom.has_value());
    CHECK(dom.error().message == "(root): invalid JSON at byte " + std::to_string(text.size() - 1) +
                                     ": number beyond the range of double");  // the number's end
    auto any = kaizala::from_json<boost::json::value>(text);
    REQUIRE_FALSE(any.has_value());
    CHECK(any.error().message == dom.error().message);
    auto typed = kaizala::from_json<Resp>(text);  // even an unknown key's value
    REQUIRE_FALSE(typed.has_value());
    CHECK(typed.error().message == dom.error().message);
    kaizala::detail::text_decoder<Resp> streamed;
    streamed.write(text.substr(0, 7));
    streamed.write(text.substr(7));
    CHECK_FALSE(streamed.finish().has_value());
  }
  boost::json::value v = {{"x", std::numeric_limits<double>::infinity()}};
  auto from_dom = kaizala::from_json_value<boost::json::value>(v);
  REQUIRE_FALSE(from_dom.has_value());
  CHECK(from_dom.error().message.find("number beyond the range of double") != std::string::npos);
}

TEST_CASE("trailing data after a complete value is an error on every path") {
  using Resp = Item;
  for (const char* tail : {" x", "{}", " 1", ",", "]"}) {
    std::string text = std::string(R"({"id":"i","count":1,"tags":[]})") + tail;
    CAPTURE(text);
    CHECK_FALSE(kaizala::parse_json(text).has_value());
    CHECK_FALSE(kaizala::from_json<Resp>(text).has_value());
    CHECK_FALSE(kaizala::from_json<boost::json::value>(text).has_value());
    kaizala::detail::text_decoder<Resp> whole;
    whole.write(text);
    CHECK_FALSE(whole.finish().has_value());
    kaizala::detail::text_decoder<Resp> split;
    split.write(R"({"id":"i","count":1,"tags":[]})");
    split.write(tail);
    CHECK_FALSE(split.finish().has_value());
  }
  CHECK(kaizala::from_json<Resp>("{\"id\":\"i\",\"count\":1,\"tags\":[]} \r\n\t")
            .has_value());  // whitespace is not data
}

TEST_CASE("a long list reads every item whatever the length of its first ones") {
  // The decoder guesses a list's length from its first two items (the text must hold the rest):
  // short first items, long first items, escaped first keys and text after the list all read the
  // same as a streamed read, and the room set aside stays within what growing would take or what
  // the text could hold.
  auto item = [](int i, std::size_t pad, bool escaped_key) {
    return std::string(escaped_key ? R"({"i\u0064":")" : R"({"id":")") + std::to_string(i) +
           R"(","count":)" + std::to_string(i) + R"(,"tags":[],"note":")" + std::string(pad, 'n') +
           R"("})";
  };
  for (int shape = 0; shape < 4; ++shape) {
    std::string list = "[";
    for (int i = 0; i < 300; ++i) {
      const std::size_t pad = shape == 0 ? (i < 2 ? 0 : 40) : shape == 1 ? (i < 2 ? 40 : 0) : 3;
      list += (i ? "," : "") + item(i, pad, shape == 2 && i < 2);
    }
    list += "]";
    const std::string tail = shape == 3 ? std::string(1 << 20, 'x') : "";
    const std::string text =
        R"({"id":"root","count":0,"tags":[],"children":)" + list + R"(,"class":")" + tail + R"("})";
    auto whole = kaizala::from_json<Item>(text);
    REQUIRE_MESSAGE(whole.has_value(), "shape " << shape);
    REQUIRE(whole->children);
    REQUIRE(whole->children->size() == 300);
    CHECK((*whole->children)[299].count == 299);
    CHECK((*whole->children)[299].id == "299");
    CHECK(whole->children->capacity() <=
          std::max<std::size_t>(2 * 300, text.size() / sizeof(Item)));
    kaizala::detail::text_decoder<Item> streamed;
    streamed.write(std::string_view(text).substr(0, text.size() / 3));
    streamed.write(std::string_view(text).substr(text.size() / 3));
    auto r = streamed.finish();
    REQUIRE(r.has_value());
    CHECK(kaizala::to_json(*r) == kaizala::to_json(*whole));
    // The same list as the whole document.
    auto items = kaizala::from_json<std::vector<Item>>(list);
    REQUIRE(items.has_value());
    CHECK(items->size() == 300);
    CHECK(kaizala::to_json(items->back()) == kaizala::to_json(whole->children->back()));
  }
}
