// Pong's header (Ping.hpp defines both), then Leaf's, which Ping.hpp already brought:
// test_type_headers.cpp. The order is the test, so clang-format keeps it.
// clang-format off
#include "codegen/golden/cycles/types/Pong.hpp"
#include "codegen/golden/cycles/types/Leaf.hpp"
// clang-format on

#include <kaizala/json.hpp>

#include <string>
#include <string_view>

std::string ping_round_trip(std::string_view json) {
  auto p = kaizala::from_json<cycles::Ping>(json);
  if (!p) return p.error().message;
  return kaizala::to_json(*p);
}
