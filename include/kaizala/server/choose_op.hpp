// kaizala/server/choose_op.hpp: which op a request is, among ops that share a method and path,
// from the data of each op's generated `when` (<kaizala/request_test.hpp>), never from op names.
//
//   bool is_subscriber_op = kaizala::request_is<kaizala::ops::SendMessageToSubscriber>(body,
//   params, no_kinds);
//
// A router matches method and path first; when several ops remain, the request is the first one
// whose `when` holds, else the one without `when` (the route's default).
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/request_test.hpp>
#include <kaizala/server/read_request.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace kaizala {

// Whether Op's traits carry a `when` (it shares its route and says which requests are it).
template <class Op, class = void>
struct has_request_tests : std::false_type {};
template <class Op>
struct has_request_tests<Op, std::void_t<decltype(Op::when)>> : std::true_type {};

// Whether `test` holds for a request. `body`: its JSON body (null when it has none, or none that
// is a JSON object); keys match in any casing, as the JSON mapping reads them. `params`: the path
// params of the op's own path template. `kind_of(param, value)`: what the server says a path
// param's value names ("Survey"), "" when nothing.
template <class KindOf>
bool request_test_holds(const request_test& test, const boost::json::value& body,
                        const path_params& params, KindOf&& kind_of) {
  if (test.check == request_check::refers_to) {
    for (const auto& [name, value] : params)
      if (name == test.name)
        return std::string_view(kind_of(std::string_view(name), std::string_view(value))) ==
               test.value;
    return false;
  }
  const boost::json::value* found = nullptr;
  if (const auto* object = body.if_object())
    for (const auto& kv : *object)
      if (detail::iequals(kv.key(), test.name)) found = &kv.value();
  if (found == nullptr || found->is_null()) return false;
  switch (test.check) {
    case request_check::present:
      return true;
    case request_check::non_empty:
      return (found->is_array() && !found->get_array().empty()) ||
             (found->is_object() && !found->get_object().empty()) ||
             (found->is_string() && !found->get_string().empty());
    case request_check::equals:
      return found->is_bool() && found->get_bool() == (test.value == "true");
    default:
      return false;
  }
}

// Whether a request is Op: true when Op has no `when`; else when every test of one of its
// alternatives holds (request_test_holds).
template <class Op, class KindOf>
bool request_is(const boost::json::value& body, const path_params& params, KindOf&& kind_of) {
  if constexpr (!has_request_tests<Op>::value) {
    return true;
  } else {
    int alternatives = 0;
    for (const request_test& t : Op::when)
      alternatives = t.alternative + 1 > alternatives ? t.alternative + 1 : alternatives;
    for (int a = 0; a < alternatives; ++a) {
      bool all = true;
      for (const request_test& t : Op::when)
        if (t.alternative == a && !request_test_holds(t, body, params, kind_of)) all = false;
      if (all) return true;
    }
    return false;
  }
}

}  // namespace kaizala
