// Drop-in: built from a copy of kaizala-cpp's include/ folder with plain compiler flags (build.sh),
// or from an installed kaizala.pc (build-with-pkg-config.sh). Builds a request offline, decodes a
// canned answer, and sends one call to a closed port: the three parts that need Boost.JSON and
// cpp-httplib at link time.
#include <kaizala/kaizala.hpp>

#include <iostream>
#include <string>

int main() {
  int failures = 0;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) {
      std::cerr << "dropin: FAILED: " << what << '\n';
      ++failures;
    }
  };

  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "https://kms.kaiza.la").set_credential("accessToken", "at-1");
  kaizala::SendMessageRequest send;
  send.groupId = "g/1";
  send.message = "Hi";
  auto request = kaizala::build_request<kaizala::ops::SendMessage>(ctx, send);
  expect(request.has_value(), "build_request<SendMessage>");
  if (request) {
    expect(request->origin == "https://kms.kaiza.la", "origin, got " + request->origin);
    expect(request->target == "/v1/groups/g%2F1/messages", "target, got " + request->target);
    expect(request->body == R"({"message":"Hi"})", "body, got " + request->body);
  }

  auto answer = kaizala::read_response<kaizala::ops::SendMessage>(
      kaizala::http_response{200, {}, R"({"referenceId":"r-1"})"}, {});
  expect(answer.has_value() && answer->referenceId == "r-1", "read_response<SendMessage>");

  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  kaizala::httplib_transport http;
  ctx.set_root("endpoint", "http://127.0.0.1:1/v1");
  auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, send);
  expect(!sent && sent.error().kind == kaizala::error_kind::transport && sent.error().not_sent,
         "a refused connection is a transport error, not sent");

  if (failures == 0) std::cout << "dropin: ok\n";
  return failures == 0 ? 0 : 1;
}
