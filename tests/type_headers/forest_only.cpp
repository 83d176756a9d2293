// Only the header of Forest (which Branch.hpp defines, with Branch and Twig):
// test_type_headers.cpp.
#include "codegen/golden/cycles/types/Forest.hpp"

#include <kaizala/json.hpp>

#include <string>
#include <string_view>

std::string forest_round_trip(std::string_view json) {
  auto f = kaizala::from_json<cycles::Forest>(json);
  if (!f) return f.error().message;
  return kaizala::to_json(*f);
}
