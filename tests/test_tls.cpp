// TLS: certificates are verified by default, a configured CA is trusted, a wrong host name is
// refused. The CA and certificates are made at test time (tests/support/test_certs.hpp).
#include "support/test_certs.hpp"

#include <kaizala/session.hpp>

#include <doctest/doctest.h>

#include <thread>

namespace {

// An https server answering GenerateAccessToken, with the given certificate.
class tls_server {
 public:
  tls_server(const std::string& cert, const std::string& key) : server_(cert.c_str(), key.c_str()) {
    server_.Get("/v1/accessToken", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"accessToken":"t","endpointUrl":"https://127.0.0.1/","accessTokenExpiry":4102444800000})",
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~tls_server() {
    server_.stop();
    thread_.join();
  }
  bool valid() const { return server_.is_valid(); }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_) + "/v1";
  }

 private:
  httplib::SSLServer server_;
  std::thread thread_;
  int port_ = 0;
};

kaizala::result<kaizala::GenerateAccessTokenResponse> grant(const std::string& auth_url,
                                                            kaizala::httplib_transport::options http) {
  kaizala::session_options opt;
  opt.application_id = "app";
  opt.application_secret = "CANARY-tls-secret";
  opt.refresh_token = "CANARY-tls-refresh";
  opt.auth_url = auth_url;
  opt.http = std::move(http);
  opt.retry.max_attempts = 1;
  opt.call_timeout = std::chrono::seconds(10);
  kaizala::session s(opt);
  kaizala::GenerateAccessTokenRequest req{"app", "CANARY-tls-secret", "CANARY-tls-refresh"};
  return s.call<kaizala::ops::GenerateAccessToken>(req);
}

}  // namespace

TEST_CASE("https: refused by default, accepted with the CA configured") {
  test_support::test_certs certs;
  REQUIRE(certs.ok);
  tls_server server(certs.server_cert, certs.server_key);
  REQUIRE(server.valid());

  auto refused = grant(server.url(), {});  // the system store does not know our test CA
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == kaizala::error_kind::transport);
  CHECK(refused.error().message.find("SSL") != std::string::npos);
  CHECK(refused.error().message.find("CANARY") == std::string::npos);

  kaizala::httplib_transport::options trusted;
  trusted.ca_file = certs.ca;
  auto accepted = grant(server.url(), trusted);
  INFO((accepted ? std::string() : accepted.error().to_string()));
  REQUIRE(accepted.has_value());
  CHECK(accepted->accessToken == "t");

  auto by_name = grant(server.url("localhost"), trusted);  // the certificate names localhost too
  CHECK(by_name.has_value());
}

TEST_CASE("https: a certificate for another host name is refused, even from a trusted CA") {
  test_support::test_certs certs;
  REQUIRE(certs.ok);
  tls_server server(certs.wrong_cert, certs.wrong_key);
  REQUIRE(server.valid());
  kaizala::httplib_transport::options trusted;
  trusted.ca_file = certs.ca;
  auto r = grant(server.url(), trusted);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);

  kaizala::httplib_transport::options unchecked = trusted;
  unchecked.verify_tls = false;  // an explicit opt-out still works
  CHECK(grant(server.url(), unchecked).has_value());
}
