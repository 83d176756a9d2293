// Compiled by tests/compile/expect_deprecated.cmake: with no macro it must build warning-free (the
// generated headers name their deprecated types and ops without warning); with USE_TYPE,
// USE_ALIAS, USE_ENUM or USE_OP it must fail under -Werror=deprecated-declarations, because user
// code names something tests/codegen/extras.json marks deprecated.
#include "golden/extras/all.hpp"

#include <kaizala/call.hpp>
#include <kaizala/json.hpp>

int main() {
  int n = 0;
  extras::api::for_each_op([&](auto) { ++n; });
  extras::api::for_each_type([&](auto) { ++n; });
  auto thing = kaizala::from_json<extras::OldFindRequest>("{\"thing\": 1}");
#if defined(USE_TYPE)
  extras::OldThing t;
  (void)t;
#elif defined(USE_ALIAS)
  extras::OldList l;
  (void)l;
#elif defined(USE_ENUM)
  n += static_cast<int>(extras::OldKind::a);
#elif defined(USE_OP)
  n += static_cast<int>(sizeof(extras::ops::OldFind));
#endif
  return n + (thing ? 0 : 1);
}
