// The message of a decode that must fail as a decode error (test_json, test_json_edges).
#pragma once

#include <kaizala/json.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

template <class T>
std::string decode_error(std::string_view text, kaizala::decode_options opt = {}) {
  auto r = kaizala::from_json<T>(text, opt);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::decode);
  return r.error().message;
}
