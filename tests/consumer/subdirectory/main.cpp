// token_check: built with kaizala-cpp as a subproject (add_subdirectory). Asks a tiny
// httplib::Server on 127.0.0.1 for an access token that it refuses, and checks the error is a value
// that says what happened without the secret in it.
#include <kaizala/kaizala.hpp>

#include <httplib.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

int main() {
  httplib::Server server;
  server.Get("/v1/accessToken", [](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"errorCode":"InvalidRefreshToken","message":"Refresh token has expired"})",
                    "application/json");
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
  login.applicationSecret = "very-secret-value";
  login.refreshToken = "old-refresh-token";
  auto token = kaizala::call<kaizala::ops::GenerateAccessToken>(http, ctx, login);
  server.stop();
  listener.join();

  if (token) {
    std::cerr << "token_check: FAILED: the server refused, but the call succeeded\n";
    return 1;
  }
  std::string text = token.error().to_string();
  std::cout << "token_check: " << text << '\n';
  const kaizala::error& e = token.error();
  bool ok = e.kind == kaizala::error_kind::http_status && e.http_status == 401 &&
            e.service_code == "InvalidRefreshToken" &&
            text.find("Refresh token has expired") != std::string::npos &&
            text.find("very-secret-value") == std::string::npos &&
            text.find("old-refresh-token") == std::string::npos;
  if (!ok) std::cerr << "token_check: FAILED: expected a 401 naming the cause, without secrets\n";
  return ok ? 0 : 1;
}
