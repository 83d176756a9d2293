// kaizala::request_is<Op>: the ops that share a route in spec/kaizala.json (docs/kaizala-api.md §6)
// told apart by the data of their generated `when`, as the emulator's router does.
#include <kaizala/generated/all.hpp>
#include <kaizala/server/choose_op.hpp>

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

namespace ops = kaizala::ops;

std::string no_kind(std::string_view, std::string_view) { return ""; }

boost::json::value body(std::string_view json) { return boost::json::parse(json); }

}  // namespace

TEST_CASE("an op without `when` is its route's default") {
  static_assert(!kaizala::has_request_tests<ops::SendMessage>::value);
  static_assert(kaizala::has_request_tests<ops::SendMessageToSubscriber>::value);
  CHECK(kaizala::request_is<ops::SendMessage>(body("{}"), {}, no_kind));
}

TEST_CASE("SendMessageToSubscriber: a non-empty subscribers list, or sendToAllSubscribers true") {
  auto is = [](std::string_view json) {
    return kaizala::request_is<ops::SendMessageToSubscriber>(body(json), {{"groupId", "g@1"}},
                                                             no_kind);
  };
  CHECK(is(R"({"message": "hi", "subscribers": ["+911234567890"]})"));
  CHECK(is(R"({"message": "hi", "SUBSCRIBERS": ["+911234567890"]})"));  // keys in any casing
  CHECK(is(R"({"message": "hi", "sendToAllSubscribers": true})"));
  CHECK_FALSE(is(R"({"message": "hi"})"));
  CHECK_FALSE(is(R"({"message": "hi", "subscribers": []})"));
  CHECK_FALSE(is(R"({"message": "hi", "subscribers": null})"));
  CHECK_FALSE(is(R"({"message": "hi", "sendToAllSubscribers": false})"));
  CHECK_FALSE(
      is(R"({"message": "hi", "sendToAllSubscribers": "true"})"));  // a string is not the literal
  CHECK_FALSE(kaizala::request_is<ops::SendMessageToSubscriber>(boost::json::value(), {},
                                                                no_kind));  // no body
}

TEST_CASE("PostCustomActionSubscriber: an id with subscribers or sendToAllSubscribers, present") {
  auto is = [](std::string_view json) {
    return kaizala::request_is<ops::PostCustomActionSubscriber>(body(json), {}, no_kind);
  };
  CHECK(is(R"({"id": "pkg", "subscribers": []})"));
  CHECK(is(R"({"id": "pkg", "sendToAllSubscribers": false})"));
  CHECK_FALSE(is(R"({"id": "pkg"})"));
  CHECK_FALSE(is(R"({"subscribers": ["+911234567890"]})"));
  CHECK_FALSE(is(R"({"actionType": "Survey", "actionBody": {}})"));
}

TEST_CASE("PostingSurveyResponse: the path's surveyId names a Survey, as the server says") {
  std::string asked_param, asked_value;
  auto kinds = [&](std::string_view param, std::string_view value) -> std::string {
    asked_param = std::string(param);
    asked_value = std::string(value);
    return value == "s1" ? "Survey" : value == "j1" ? "Job" : "";
  };
  kaizala::path_params survey = {{"groupId", "g@1"}, {"surveyId", "s1"}};
  kaizala::path_params job = {{"groupId", "g@1"}, {"surveyId", "j1"}};
  CHECK(kaizala::request_is<ops::PostingSurveyResponse>(body("{}"), survey, kinds));
  CHECK(asked_param == "surveyId");
  CHECK(asked_value == "s1");
  CHECK_FALSE(kaizala::request_is<ops::PostingSurveyResponse>(body("{}"), job, kinds));
  CHECK_FALSE(
      kaizala::request_is<ops::PostingSurveyResponse>(body("{}"), {{"groupId", "g@1"}}, kinds));
}
