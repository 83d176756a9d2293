// Compile probe: every op of one group (members) through the binding.
#include <kaizala/call.hpp>
#include <kaizala/generated/members.hpp>
#include <kaizala/httplib_transport.hpp>

#include <cstdio>

template <class Op>
int call_one(kaizala::httplib_transport& http, const kaizala::context& ctx) {
  auto r = kaizala::call<Op>(http, ctx, typename Op::request{});
  return r ? 0 : (std::fprintf(stderr, "%s\n", r.error().to_string().c_str()), 1);
}

int main() {
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("endpoint", "http://127.0.0.1:9/v1").set_credential("accessToken", "tok");
  return call_one<kaizala::ops::AddMembers>(http, ctx) +
         call_one<kaizala::ops::FetchMembers>(http, ctx) +
         call_one<kaizala::ops::RemoveMembers>(http, ctx);
}
