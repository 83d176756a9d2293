// Compile/size probe: one op (SendMessage) through the binding.
#include <kaizala/call.hpp>
#include <kaizala/generated/messages.hpp>
#include <kaizala/httplib_transport.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("endpoint", argc > 1 ? argv[1] : "http://127.0.0.1:9/v1")
      .set_credential("accessToken", "tok");
  kaizala::SendMessageRequest req{"group@1", "Hello"};
  auto r = kaizala::call<kaizala::ops::SendMessage>(http, ctx, req);
  if (!r) return std::fprintf(stderr, "%s\n", r.error().to_string().c_str()), 1;
  std::printf("%s\n", r->referenceId.c_str());
}
