// own_transport: a program that brings its own transport and links kaizala::headers, so neither
// cpp-httplib nor OpenSSL is compiled in or linked (build_consumer.sh checks the binary). Sends a
// message through call<Op>() and checks the request it was handed and the decoded answer.
#include <kaizala/call.hpp>
#include <kaizala/generated/messages.hpp>

#ifdef CPPHTTPLIB_HTTPLIB_H
#error "<httplib.h> was included by a header a program without the httplib transport uses"
#endif

#include <iostream>
#include <string>
#include <vector>

namespace {

// What a user on another HTTP stack writes: one send() that would go over the wire.
struct own_transport {
  std::vector<kaizala::http_request> sent;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    sent.push_back(r);
    return kaizala::http_response{200, {}, R"({"referenceId":"ref-1","extra":true})"};
  }
};

}  // namespace

int main() {
  own_transport http;
  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "https://kms.kaiza.la").set_credential("accessToken", "token-1");
  kaizala::SendMessageRequest req;
  req.groupId = "g@1";
  req.message = "Hello";
  auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, req);
  if (!sent) {
    std::cerr << "own_transport: FAILED: " << sent.error().to_string() << '\n';
    return 1;
  }
  bool ok = http.sent.size() == 1 && http.sent[0].method == kaizala::http_method::post &&
            http.sent[0].origin == "https://kms.kaiza.la" &&
            http.sent[0].target == "/v1/groups/g@1/messages" &&
            kaizala::find_header(http.sent[0].headers, "accessToken") == "token-1" &&
            http.sent[0].body.find("\"message\":\"Hello\"") != std::string::npos &&
            sent->referenceId == "ref-1";
  if (!ok) {
    std::cerr << "own_transport: FAILED: unexpected request or answer\n";
    return 1;
  }
  std::cout << "own_transport: sent through its own transport, referenceId " << sent->referenceId
            << '\n';
  return 0;
}
