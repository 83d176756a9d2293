// send_message [<base-url> <pin>]: built against an installed kaizala-cpp (find_package(kaizala)).
//
// Given kaizala-emulator's base URL and the PIN it was started with (--pin), it logs in as the
// emulator's demo connector (GeneratePin, GetRefreshToken, GenerateAccessToken), creates a group
// and sends a message there. Without arguments, it serves the two calls it needs itself from a tiny
// httplib::Server on 127.0.0.1 and checks what went over the wire.
#include <kaizala/kaizala.hpp>

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "send_message: FAILED: " << what << '\n';
    ++failures;
  }
}

template <class T>
bool ok(const kaizala::result<T>& r, const char* op) {
  expect(r.has_value(), std::string(op) + (r ? "" : ": " + r.error().to_string()));
  return r.has_value();
}

int against_emulator(const std::string& base_url, int pin) {
  const std::string app = "11111111-2222-3333-4444-555555555555";  // the emulator's demo connector
  const std::string mobile = "+15550100";
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("auth", base_url + "/v1");
  if (!ok(kaizala::call<kaizala::ops::GeneratePin>(http, ctx, {mobile, app}), "GeneratePin"))
    return 1;
  auto refresh = kaizala::call<kaizala::ops::GetRefreshToken>(http, ctx, {mobile, app, pin});
  if (!ok(refresh, "GetRefreshToken")) return 1;
  auto token = kaizala::call<kaizala::ops::GenerateAccessToken>(
      http, ctx, {app, "emulator-demo-secret", refresh->refreshToken});
  if (!ok(token, "GenerateAccessToken")) return 1;
  ctx.set_variable("endpointUrl", token->endpointUrl)
      .set_credential("accessToken", token->accessToken);

  kaizala::CreateGroupRequest group;
  group.name = "find_package";
  group.welcomeMessage = "Built against an installed kaizala-cpp";
  auto created = kaizala::call<kaizala::ops::CreateGroup>(http, ctx, group);
  if (!ok(created, "CreateGroup")) return 1;
  auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, {created->groupId, "Hello"});
  if (ok(sent, "SendMessage")) expect(!sent->referenceId.empty(), "SendMessage: a referenceId");
  if (failures == 0) std::cout << "send_message: ok, against " << base_url << '\n';
  return failures == 0 ? 0 : 1;
}

int against_own_server() {
  httplib::Server server;
  std::string token_secret_seen, message_token_seen, message_body_seen;
  server.Get("/v1/accessToken", [&](const httplib::Request& req, httplib::Response& res) {
    token_secret_seen = req.get_header_value("applicationSecret");
    res.set_content(R"({"accessToken":"at-1","endpointUrl":"http://127.0.0.1:)" +
                        std::to_string(req.local_port) + R"(/","accessTokenExpiry":1700000000000})",
                    "application/json");
  });
  server.Post("/v1/groups/g-1/messages", [&](const httplib::Request& req, httplib::Response& res) {
    message_token_seen = req.get_header_value("accessToken");
    message_body_seen = req.body;
    res.set_content(R"({"referenceId":"ref-42"})", "application/json");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));

  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("auth", "http://127.0.0.1:" + std::to_string(port) + "/v1");
  kaizala::GenerateAccessTokenRequest login;
  login.applicationId = "app";
  login.applicationSecret = "s3cret";
  login.refreshToken = "rt";
  auto token = kaizala::call<kaizala::ops::GenerateAccessToken>(http, ctx, login);
  expect(token.has_value(), "GenerateAccessToken");
  if (token) {
    ctx.set_variable("endpointUrl", token->endpointUrl)
        .set_credential("accessToken", token->accessToken);
    kaizala::SendMessageRequest send;
    send.groupId = "g-1";
    send.message = "Hello from an installed kaizala-cpp";
    auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, send);
    expect(sent.has_value() && sent->referenceId == "ref-42", "SendMessage answered ref-42");
    expect(message_token_seen == "at-1", "the access token went in the accessToken header");
    expect(message_body_seen == R"({"message":"Hello from an installed kaizala-cpp"})",
           "the message body, got " + message_body_seen);
  }
  expect(token_secret_seen == "s3cret", "the secret went in the applicationSecret header");
  server.stop();
  listener.join();
  if (failures == 0) std::cout << "send_message: ok\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3) return against_emulator(argv[1], std::atoi(argv[2]));
  if (argc == 1) return against_own_server();
  std::cerr << "usage: send_message [<base-url> <pin>]\n";
  return 2;
}
