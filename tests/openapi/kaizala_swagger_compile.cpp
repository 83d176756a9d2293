// The official Kaizala Swagger, imported and generated at build time by kaizala_generate() with
// kaizala_swagger_overlay.json: the headers compile warning-free, and the token answers of the
// official samples decode into the imported types.
#include <doctest/doctest.h>

#include <fstream>
#include <kaizala/json.hpp>
#include <kaizala_swagger/all.hpp>
#include <string>

namespace {

std::string sample(const std::string& name) {
  std::ifstream in(std::string(KAIZALA_SOURCE_DIR) + "/tests/data/samples/" + name,
                   std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the imported Kaizala types decode the official samples") {
  auto access = kaizala::from_json<kaizala_swagger::ResponseAccessToken>(
      sample("GenerateAccessToken.response.1.json"));
  REQUIRE_MESSAGE(access.has_value(), access.error().to_string());
  CHECK(access->accessToken == "asdasadadaad");
  CHECK(access->accessTokenExpiry == 1505566877207);  // int64 through the overlay (D9)

  auto refresh = kaizala::from_json<kaizala_swagger::ResponseRefreshToken>(
      sample("GetRefreshToken.response.1.json"));
  REQUIRE_MESSAGE(refresh.has_value(), refresh.error().to_string());
  CHECK(refresh->refreshTokenExpiry == 1537016388242);
}

TEST_CASE("the imported operations keep the Swagger's shape") {
  kaizala_swagger::SendMessageRequest req;
  req.testGroupId = "g1";     // the path's Postman variable name (docs/kaizala-api.md §18, 2)
  req.accessToken = "token";  // the access token is a header parameter in the Swagger
  CHECK(req.testGroupId == "g1");
}
