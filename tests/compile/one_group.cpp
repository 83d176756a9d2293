// Compile-only: one group of ops can be used without pulling in the others. If messages.hpp
// included groups.hpp, this second, different CreateGroupRequest would be a redefinition error.
#include <kaizala/call.hpp>
#include <kaizala/generated/messages.hpp>

namespace kaizala {
struct CreateGroupRequest {
  int not_the_generated_one;
};
}  // namespace kaizala

// Instantiating call<SendMessage> needs only what messages.hpp brings.
struct null_transport {
  kaizala::result<kaizala::http_response> send(const kaizala::http_request&) {
    return kaizala::http_response{200, {}, "{}"};
  }
};

kaizala::result<kaizala::SendMessageResponse> send_one(null_transport& t,
                                                       const kaizala::context& ctx) {
  kaizala::SendMessageRequest req;
  req.groupId = "g";
  req.message = "hi";
  return kaizala::call<kaizala::ops::SendMessage>(t, ctx, req);
}
