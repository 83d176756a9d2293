// One header per generated type (docs/generated-code.md): including any one of them gives every
// type it reaches, complete, whichever header comes first, cycles included. The headers are the
// golden output of tests/codegen/cycles.json; each TU of this test starts from a different one.
#include "codegen/golden/cycles/types/Twig.hpp"  // a member of the Branch/Forest/Twig cycle

#include <kaizala/json.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

// Defined in type_headers/*.cpp, each TU including other headers first.
std::string forest_round_trip(std::string_view json);      // types/Forest.hpp only
std::string ping_round_trip(std::string_view json);        // types/Pong.hpp, then types/Leaf.hpp
std::string list_trees_answer(const std::string& answer);  // trees.hpp (the group header) only

namespace {

const char* const forest =
    R"({"name":"f","top":{"kind":"node","twigs":[{"forest":{"top":{"twigs":[]}},"leaves":[{"size":3}]}]}})";

}  // namespace

TEST_CASE("from a header inside a cycle: every type of the cycle and beyond is complete") {
  auto t = kaizala::from_json<cycles::Twig>(
      R"({"forest":{"name":"inner","top":{"twigs":[{"leaves":[{"size":7}]}]}}})");
  REQUIRE(t.has_value());
  REQUIRE(t->forest.has_value());
  CHECK(t->forest->name == "inner");
  REQUIRE(t->forest->top.twigs.has_value());
  REQUIRE(t->forest->top.twigs->size() == 1);
  CHECK((*t->forest->top.twigs)[0].leaves->at(0).size == 7);
  cycles::Forest f;
  f.top.kind = cycles::Kind::leaf;
  CHECK(kaizala::to_json(f) == R"({"top":{"kind":"leaf"}})");
}

TEST_CASE("from the header of one type of a cycle, or of the group, in other TUs") {
  CHECK(forest_round_trip(forest) == forest);
  const char* ping = R"({"pongs":[{"pings":[{"pongs":[]}],"byName":{"a":{"size":1}}}]})";
  CHECK(ping_round_trip(ping) == ping);
  CHECK(list_trees_answer(R"([{"children":[{"leaf":{"size":2}}]},{}])") == "2 trees, first leaf 2");
  CHECK(forest_round_trip(R"({"top":{"twigs":[{"forest":1}]}})") ==
        "top.twigs[0].forest: expected object, got number");
}
