// kaizala/request_test.hpp: what the generated `when` of an op holds. Some ops share a method and
// path (Kaizala's SendMessage and SendMessageToSubscriber); the spec's "when" says, as data, which
// request is which, so a server tells them apart without naming ops in code
// (kaizala::request_is<Op> in <kaizala/server/choose_op.hpp>; docs/generated-code.md).
#pragma once

#include <string_view>

namespace kaizala {

// What one test checks.
enum class request_check {
  present,    // the body field is there and not null
  non_empty,  // the body field is there and is a non-empty array, object or string
  equals,     // the body field is the JSON literal `value` ("true" or "false")
  refers_to,  // the path param names something of kind `value` (the server knows what it names)
};

// One test of an op's `when`: tests with the same `alternative` must all hold; one alternative
// holding suffices.
struct request_test {
  int alternative = 0;
  std::string_view name;  // a body field's JSON name, or a path param's name (refers_to)
  request_check check = request_check::present;
  std::string_view value;
};

}  // namespace kaizala
