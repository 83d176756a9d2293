// Compile probe: all 28 ops through the binding.
#include <kaizala/kaizala.hpp>

#include <cstdio>

int main() {
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("endpoint", "http://127.0.0.1:9/v1").set_credential("accessToken", "tok");
  int bad = 0;
  kaizala::api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    auto r = kaizala::call<Op>(http, ctx, typename Op::request{});
    if (!r) bad += std::fprintf(stderr, "%s\n", r.error().to_string().c_str()) > 0;
  });
  return bad;
}
