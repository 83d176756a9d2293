// URL building: percent-encoding of hostile ids, base URLs, root templates.
#include <kaizala/call.hpp>
#include <kaizala/url.hpp>

#include <doctest/doctest.h>

TEST_CASE("percent_encode_segment keeps an id in one segment") {
  CHECK(kaizala::percent_encode_segment("df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1") ==
        "df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1");
  CHECK(kaizala::percent_encode_segment("a/b?c#d%e f") == "a%2Fb%3Fc%23d%25e%20f");
  CHECK(kaizala::percent_encode_segment("caf\xC3\xA9") == "caf%C3%A9");
  CHECK(kaizala::percent_encode_segment("a+b&c=d;e") == "a%2Bb%26c%3Dd%3Be");
  CHECK(kaizala::percent_encode_segment("..") == "%2E%2E");
  CHECK(kaizala::percent_encode_segment(".") == "%2E");
  CHECK(kaizala::percent_encode_segment("a..b") == "a..b");
  CHECK(kaizala::percent_encode_segment(std::string("n\0l", 3)) == "n%00l");
}

TEST_CASE("append_percent_encoded_segment appends what percent_encode_segment answers") {
  for (std::string id : {"a/b?c#d%e f@1", "..", "", "caf\xC3\xA9"}) {
    std::string out = "/v1/groups/";
    kaizala::append_percent_encoded_segment(out, id);
    CHECK(out == "/v1/groups/" + kaizala::percent_encode_segment(id));
  }
  std::string out = "/v1/";
  kaizala::append_percent_encoded_segment(out, "g/1@2");
  CHECK(out == "/v1/g%2F1@2");
}

TEST_CASE("percent_decode undoes percent_encode_segment") {
  for (std::string id : {"a/b?c#d%e f@1", "..", "caf\xC3\xA9", "100%", "%zz"}) {
    CHECK(kaizala::percent_decode(kaizala::percent_encode_segment(id)) == id);
  }
  CHECK(kaizala::percent_decode("%zz%4") == "%zz%4");  // malformed escapes stay as they are
}

TEST_CASE("percent_encode_query escapes reserved characters") {
  CHECK(kaizala::percent_encode_query("a b&c=d/e@") == "a%20b%26c%3Dd%2Fe%40");
}

TEST_CASE("split_base_url") {
  auto p = kaizala::split_base_url("https://api.kaiza.la/v1/");
  REQUIRE(p.has_value());
  CHECK(p->origin == "https://api.kaiza.la");
  CHECK(p->path == "/v1");
  p = kaizala::split_base_url("http://127.0.0.1:8080");
  REQUIRE(p.has_value());
  CHECK(p->origin == "http://127.0.0.1:8080");
  CHECK(p->path == "");
  CHECK(kaizala::split_base_url("ftp://x/v1").error().message ==
        R"(base URL "ftp://x/v1": expected http:// or https://)");
  CHECK(kaizala::split_base_url("kms.kaiza.la/v1").error().kind ==
        kaizala::error_kind::invalid_request);
  CHECK(kaizala::split_base_url("https:///v1").error().message ==
        R"(base URL "https:///v1": no host)");
  CHECK(kaizala::split_base_url("https://h/v1?x=1").error().message ==
        R"(base URL "https://h/v1?x=1": no query or fragment allowed)");
}

TEST_CASE("root templates join endpointUrl with or without a trailing slash or /v1") {
  kaizala::context ctx;
  for (std::string endpoint :
       {"https://kms.kaiza.la", "https://kms.kaiza.la/", "https://kms.kaiza.la/v1",
        "https://kms.kaiza.la/v1/", "https://kms.kaiza.la//"}) {
    ctx.set_variable("endpointUrl", endpoint);
    auto url = ctx.root_url("endpoint", "{endpointUrl}/v1");
    REQUIRE(url.has_value());
    CHECK(*url == "https://kms.kaiza.la/v1");
  }
  CHECK(*ctx.root_url("auth", "https://api.kaiza.la/v1") == "https://api.kaiza.la/v1");
  ctx.set_root("auth", "http://127.0.0.1:1/v1");
  CHECK(*ctx.root_url("auth", "https://api.kaiza.la/v1") == "http://127.0.0.1:1/v1");
  kaizala::context empty;
  CHECK(
      empty.root_url("endpoint", "{endpointUrl}/v1").error().message ==
      R"(root "endpoint" needs {endpointUrl}: set it with context::set_variable or context::set_root)");
}

TEST_CASE("split_base_url refuses user info and hosts that are not host names") {
  CHECK(
      kaizala::split_base_url("https://api.kaiza.la@evil.example/v1").error().message ==
      R"(base URL "https://api.kaiza.la@evil.example/v1": origin "https://api.kaiza.la@evil.example": user info (user@host) is not allowed)");
  CHECK_FALSE(kaizala::split_base_url("https://a\\b/v1").has_value());
  CHECK_FALSE(kaizala::split_base_url("https://h:99999/v1").has_value());
  CHECK_FALSE(kaizala::split_base_url("https://h:/v1").has_value());
  CHECK_FALSE(kaizala::split_base_url("http://[::1/v1").has_value());
  CHECK(kaizala::split_base_url("http://[::1]:8080/v1")->origin == "http://[::1]:8080");
}

TEST_CASE("parse_origin: lowercased, default ports made explicit") {
  auto o = kaizala::parse_origin("HTTPS://API.Kaiza.LA");
  REQUIRE(o.has_value());
  CHECK(o->scheme == "https");
  CHECK(o->host == "api.kaiza.la");
  CHECK(o->port == 443);
  CHECK(kaizala::parse_origin("http://127.0.0.1:8080")->port == 8080);
  CHECK(kaizala::parse_origin("http://[::1]")->host == "[::1]");
  CHECK_FALSE(kaizala::parse_origin("http://h:0").has_value());
}

TEST_CASE("origin_matches: exact origins and *.domain") {
  CHECK(kaizala::origin_matches("https://kaiza.la", "https://kaiza.la"));
  CHECK(kaizala::origin_matches("https://kaiza.la:443", "https://kaiza.la"));
  CHECK(kaizala::origin_matches("https://KMS.kaiza.la", "https://*.kaiza.la"));
  CHECK(kaizala::origin_matches("https://a.b.kaiza.la", "https://*.kaiza.la"));
  CHECK_FALSE(kaizala::origin_matches("https://kaiza.la", "https://*.kaiza.la"));
  CHECK_FALSE(kaizala::origin_matches("https://evilkaiza.la", "https://*.kaiza.la"));
  CHECK_FALSE(kaizala::origin_matches("https://kaiza.la.evil.example", "https://*.kaiza.la"));
  CHECK_FALSE(kaizala::origin_matches("http://kms.kaiza.la", "https://*.kaiza.la"));
  CHECK_FALSE(kaizala::origin_matches("https://kms.kaiza.la:8443", "https://*.kaiza.la"));
  CHECK(kaizala::origin_matches("http://127.0.0.1:8080", "http://127.0.0.1:8080"));
  CHECK_FALSE(kaizala::origin_matches("http://127.0.0.1:8081", "http://127.0.0.1:8080"));
  CHECK_FALSE(kaizala::origin_matches("http://x", "not an origin"));
}

TEST_CASE("redirect_allowed: same scheme, and the same origin or a listed one") {
  const std::vector<std::string> allow = {"https://*.kaiza.la"};
  CHECK(kaizala::redirect_allowed("http://127.0.0.1:1", "http://127.0.0.1:1", allow));
  CHECK(kaizala::redirect_allowed("https://api.kaiza.la", "https://kms2.kaiza.la", allow));
  CHECK_FALSE(kaizala::redirect_allowed("https://api.kaiza.la", "http://kms2.kaiza.la", allow));
  CHECK_FALSE(kaizala::redirect_allowed("https://api.kaiza.la", "https://evil.example", allow));
  CHECK_FALSE(kaizala::redirect_allowed("http://127.0.0.1:1", "http://127.0.0.1:2", allow));
}

TEST_CASE("is_loopback_host") {
  for (const char* h : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]"})
    CHECK(kaizala::is_loopback_host(h));
  for (const char* h : {"128.0.0.1", "127.0.0.256", "127.0.0", "localhost.evil.example",
                        "127.0.0.1.evil.example", "10.0.0.1", "[::2]", ""})
    CHECK_FALSE(kaizala::is_loopback_host(h));
}
