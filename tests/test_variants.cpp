// Variants ("oneOf"/"anyOf") and aliases: the generated headers of tests/codegen/variants.json (the
// golden output, so the generator's text and the runtime are tested together), decoded from text
// (whole and byte by byte) and from a DOM, encoded, validated, and sent through call<Op>.
#include "codegen/golden/variants/all.hpp"

#include <kaizala/call.hpp>
#include <kaizala/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <string>
#include <type_traits>
#include <vector>

namespace {

using test_support::fake_transport;

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_variable("base", "http://h");
  return ctx;
}

template <class T>
std::string outcome(const kaizala::result<T>& r) {
  return r ? "ok " + kaizala::to_json(*r) : "error " + r.error().message;
}

// Decodes `text` as T the three ways (SAX whole, SAX one byte at a time, DOM replay), checks they
// agree, and answers the outcome: "ok <encoding>" or "error <message>".
template <class T>
std::string decoded(std::string_view text) {
  auto whole = kaizala::from_json<T>(text);
  kaizala::detail::text_decoder<T> bytewise;
  for (char c : text)
    if (!bytewise.write(std::string_view(&c, 1))) break;
  CHECK(outcome(bytewise.finish()) == outcome(whole));
  boost::system::error_code ec;
  boost::json::value dom = boost::json::parse(text, ec);
  if (!ec) CHECK(outcome(kaizala::from_json_value<T>(dom)) == outcome(whole));
  return outcome(whole);
}

// What to_json writes decodes again to the same encoding.
template <class T>
void round_trips(const T& v) {
  std::string once = kaizala::to_json(v);
  auto again = kaizala::from_json<T>(once);
  REQUIRE(again.has_value());
  CHECK(kaizala::to_json(*again) == once);
}

}  // namespace

TEST_CASE("the generated variant and alias types") {
  static_assert(std::is_base_of_v<std::variant<variants::Cat, variants::Dog>, variants::Pet>);
  static_assert(std::is_same_v<variants::Pets, std::vector<variants::Pet>>);
  static_assert(std::is_same_v<variants::PetId, std::string>);
  static_assert(kaizala::meta::is_generated_variant<variants::Pet>::value);
  static_assert(!kaizala::meta::is_generated_struct<variants::Pet>::value);
  static_assert(kaizala::meta::variant_info<variants::Pet>::discriminator == "petType");
  static_assert(std::is_same_v<variants::ops::ListPets::response, std::vector<variants::Pet>>);
  variants::Pet p = variants::Dog{variants::Kind::dog, "rex", true};
  CHECK(std::holds_alternative<variants::Dog>(p));
  p = variants::Cat{"cat", "tom", 9};
  CHECK(std::get<variants::Cat>(p).lives == 9);
  // The types api::for_each_type lists are the structs (fields_of), not the variants.
  int structs = 0;
  variants::api::for_each_type([&](auto tag) {
    using T = typename decltype(tag)::type;
    static_assert(kaizala::meta::is_generated_struct<T>::value);
    ++structs;
  });
  CHECK(structs == 11);  // Cat, Dog, Circle, Square, Node, TwinA, TwinB, Owner and three requests
}

TEST_CASE("a discriminator picks the alternative: mapping values, and each is written back first") {
  CHECK(decoded<variants::Pet>(R"({"name":"tom","petType":"cat","lives":7})") ==
        R"(ok {"petType":"cat","name":"tom","lives":7})");
  // "kitten" also maps to Cat; encoding writes Cat's first value, "cat".
  CHECK(decoded<variants::Pet>(R"({"petType":"kitten","name":"tom"})") ==
        R"(ok {"petType":"cat","name":"tom"})");
  auto dog = kaizala::from_json<variants::Pet>(R"({"petType":"dog","name":"rex","barks":true})");
  REQUIRE(dog.has_value());
  REQUIRE(std::holds_alternative<variants::Dog>(*dog));
  CHECK(std::get<variants::Dog>(*dog).petType == variants::Kind::dog);
  CHECK(std::get<variants::Dog>(*dog).barks == true);

  // The tag wins over whatever the member holds.
  variants::Pet cat = variants::Cat{"whatever", "tom", std::nullopt};
  CHECK(kaizala::to_json(cat) == R"({"petType":"cat","name":"tom"})");
  CHECK(kaizala::to_json_value(cat) == boost::json::value{{"petType", "cat"}, {"name", "tom"}});
  round_trips(cat);
  round_trips(*dog);
}

TEST_CASE(
    "a discriminator that is missing, not a string or unknown is a decode error naming the path") {
  CHECK(decoded<variants::Pet>(R"({"petType":"cow","name":"x"})") ==
        "error petType: the discriminator names no alternative of Pet");
  CHECK(decoded<variants::Pet>(R"({"name":"x"})") ==
        "error petType: missing required field (the discriminator)");
  CHECK(decoded<variants::Pet>(R"({"petType":7})") == "error petType: expected string, got number");
  CHECK(decoded<variants::Pet>(R"([1])") == "error (root): expected object, got array");
  CHECK(decoded<variants::Pet>(R"("cat")") == "error (root): expected object, got string");
  // Keys matched in any casing (as the emulator reads requests) find the discriminator too.
  kaizala::decode_options any_case;
  any_case.case_insensitive_keys = true;
  auto cased = kaizala::from_json<variants::Pet>(R"({"PetType":"dog","Name":"rex"})", any_case);
  REQUIRE(cased.has_value());
  CHECK(std::get<variants::Dog>(*cased).name == "rex");
  CHECK_FALSE(kaizala::from_json<variants::Pet>(R"({"PetType":"dog","name":"rex"})").has_value());
  // The chosen alternative's own errors, with the whole path.
  CHECK(decoded<variants::Owner>(
            R"({"pets":[{"petType":"cat","name":"a"},{"petType":"dog","name":3}],"shape":null})") ==
        "error pets[1].name: expected string, got number");
  CHECK(decoded<variants::Owner>(R"({"pets":[{"petType":"bird"}],"shape":null})") ==
        "error pets[0].petType: the discriminator names no alternative of Pet");
  auto e = kaizala::from_json<variants::Owner>(
      R"({"pets":[],"favourite":{"petType":"cow"},"shape":null})");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().kind == kaizala::error_kind::decode);
  CHECK(e.error().path == "favourite.petType");
  // A syntax error later in the text still wins over a decode error in a variant.
  CHECK(decoded<variants::Owner>(R"({"pets":[{"petType":"cow"}],"shape":null)")
            .find("invalid JSON") != std::string::npos);
}

TEST_CASE("without a discriminator the first alternative that decodes is chosen") {
  CHECK(decoded<variants::Shape>(R"({"radius":2})") == R"(ok {"radius":2})");
  auto square = kaizala::from_json<variants::Shape>(R"({"side":3})");
  REQUIRE(square.has_value());
  CHECK(square->index() == 1);
  CHECK(std::get<variants::Square>(*square).side == 3);
  CHECK(decoded<variants::Shape>(R"({"edge":3})") ==
        "error (root): matches no alternative of Shape (alternative 1, at radius: missing required "
        "field)");
  CHECK(decoded<variants::Owner>(R"({"pets":[],"shape":{"edge":1}})") ==
        "error shape: matches no alternative of Shape (alternative 1, at radius: missing required "
        "field)");
  // Required and nullable: null empties it, and is sent back as null.
  CHECK(decoded<variants::Owner>(R"({"pets":[],"shape":null})") ==
        R"(ok {"pets":[],"shape":null})");

  // Scalars, arrays and structs in one variant (anyOf), in a map.
  CHECK(
      decoded<variants::Owner>(
          R"({"pets":[],"shape":{"side":1},"tags":{"a":5,"b":"x","c":["p","q"],"d":{"radius":1},"e":true}})") ==
      "error tags.e: matches no alternative of Scalar (alternative 1: expected integer, got bool)");
  auto owner = kaizala::from_json<variants::Owner>(
      R"({"pets":[],"shape":{"side":1},"tags":{"a":5,"b":"x","c":["p","q"],"d":{"radius":1}}})");
  REQUIRE(owner.has_value());
  const auto& tags = *owner->tags;
  CHECK(std::get<std::int64_t>(tags.at("a")) == 5);
  CHECK(std::get<std::string>(tags.at("b")) == "x");
  CHECK(std::get<std::vector<std::string>>(tags.at("c")) == std::vector<std::string>{"p", "q"});
  CHECK(std::get<variants::Circle>(tags.at("d")).radius == 1);
  CHECK(owner->shape->index() == 1);
  round_trips(*owner);
}

TEST_CASE("a recursive variant (through an array) decodes deeply nested values, all three ways") {
  std::string text =
      R"({"name":"root","children":["leaf",{"name":"inner","children":[{"name":"deep","children":["x"]}]}]})";
  CHECK(decoded<variants::Node>(text) == "ok " + text);
  std::string deep = "\"leaf\"";
  for (int i = 0; i < 14; ++i) deep = R"({"name":"n","children":[)" + deep + "]}";
  CHECK(decoded<variants::Tree>(deep) == "ok " + deep);
  // An error deep inside: the path goes through every level.
  CHECK(decoded<variants::Node>(
            R"({"name":"r","children":[{"name":"a","children":[{"name":1}]}]})") ==
        "error children[0]: matches no alternative of Tree (alternative 1, at children[0]: matches "
        "no "
        "alternative of Tree (alternative 1, at name: expected string, got number))");
}

TEST_CASE("nested variants that would try alternatives without end stop with a decode error") {
  // Each level tries TwinA, which fails at the bottom, then TwinB, which does too: 2^depth attempts
  // without the budget. The budget ends it with a typed error.
  std::string bad = R"({"children":[7]})";
  for (int i = 0; i < 14; ++i)
    bad = R"({"children":[)" + bad + "]}";  // 30 deep: under the limit of 32
  auto r = kaizala::from_json<variants::Twin>(bad);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::decode);
  CHECK(r.error().message.find("too many alternatives") != std::string::npos);
  CHECK(decoded<variants::Twin>(bad) == outcome(r));
  // A shallow one is decided: both fail, the error names the bottom.
  CHECK(decoded<variants::Twin>(R"({"children":[{"children":[7]}]})") ==
        "error (root): matches no alternative of Twin (alternative 1, at children[0]: matches no "
        "alternative "
        "of Twin (alternative 1, at children[0]: matches no alternative of Twin (alternative 1: "
        "expected "
        "object, got number)))");
  CHECK(decoded<variants::Twin>(R"({"b":true,"children":[{"a":true}]})") ==
        R"(ok {"children":[{"a":true}]})");
}

TEST_CASE("validate() checks the alternative held") {
  variants::Owner o;
  o.pets.push_back(variants::Cat{"cat", "tom", std::nullopt});
  o.shape = variants::Circle{std::nan("")};
  auto e = kaizala::validate(o);
  REQUIRE(e.has_value());
  CHECK(e->message == "shape.radius: not a finite number (JSON has no NaN or infinity)");
  o.shape = variants::Circle{1};
  CHECK_FALSE(kaizala::validate(o).has_value());
}

TEST_CASE("variants and aliases as bodies, answers and params") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, R"({"petType":"dog","name":"rex"})"};
  variants::AddPetRequest req;
  req.body = variants::Cat{"", "tom", 3};
  auto r = kaizala::call<variants::ops::AddPet>(t, test_context(), req);
  REQUIRE(r.has_value());
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].body == R"({"petType":"cat","name":"tom","lives":3})");
  CHECK(std::get<variants::Dog>(*r).name == "rex");

  t.answer = kaizala::http_response{
      200, {}, R"([{"petType":"kitten","name":"a"},{"petType":"dog","name":"b"}])"};
  auto pets =
      kaizala::call<variants::ops::ListPets>(t, test_context(), variants::ListPetsRequest{});
  REQUIRE(pets.has_value());
  REQUIRE(pets->size() == 2);
  CHECK((*pets)[0].index() == 0);
  CHECK((*pets)[1].index() == 1);

  t.answer = kaizala::http_response{200, {}, R"({"pets":[{"petType":"cow"}],"shape":null})"};
  variants::GetOwnerRequest get;
  get.id = "p 1";
  auto bad = kaizala::call<variants::ops::GetOwner>(t, test_context(), get);
  CHECK(t.sent.back().target == "/v1/owners/p%201");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().kind == kaizala::error_kind::decode);
  CHECK(bad.error().path == "pets[0].petType");
}
