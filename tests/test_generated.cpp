// Every generated struct (named types, requests, responses) round-trips through JSON with every
// member set to a realistic value, and the op table holds exactly the 36 operations of the API (the
// 28 of the official list and the 8 other documented endpoints).
#include <kaizala/generated/all.hpp>
#include <kaizala/json.hpp>

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <set>

namespace {

// Sets every member of a tree to a value like the ones the service sends. Recursive types (a
// Group's subGroups) stop at depth 3.
class filler {
 public:
  template <class T>
  void fill(T& v, int depth = 0) {
    using namespace kaizala::detail;
    ++n_;
    if constexpr (std::is_same_v<T, std::string>) {
      v = "value " + std::to_string(n_) + " \"quoted\" caf\xC3\xA9 +91 99@1";
    } else if constexpr (std::is_same_v<T, bool>) {
      v = n_ % 2 == 0;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
      v = 1000 + n_;
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      v = 1505566877207 + n_;  // epoch milliseconds beyond int32
    } else if constexpr (std::is_same_v<T, double>) {
      v = 17.429725 + n_;
    } else if constexpr (std::is_same_v<T, boost::json::value>) {
      v = boost::json::parse(R"({"k":1,"list":[1,"two",{"lt":1.5}]})");
    } else if constexpr (std::is_same_v<T, kaizala::file_part>) {
      v = {"a.png", "image/png", "data"};
    } else if constexpr (is_optional<T>::value) {
      if (depth < 3) fill(v.emplace(), depth);
    } else if constexpr (is_vector<T>::value) {
      if (depth < 3) {
        v.resize(2);
        for (auto& x : v) fill(x, depth + 1);
      }
    } else if constexpr (is_string_map<T>::value) {
      fill(v["+911111111111"], depth + 1);
    } else if constexpr (is_open_enum<T>::value) {
      using E = std::remove_reference_t<decltype(v.value())>;
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
          [&](auto d) { v = d.value; });
    } else if constexpr (kaizala::meta::is_generated_struct<T>::value) {
      for_each_field<T>(
          [&](auto d, const kaizala::meta::field&) { fill(v.*d.pointer, depth + 1); });
    }
  }

 private:
  int n_ = 0;
};

}  // namespace

TEST_CASE("every generated struct round-trips with realistic values") {
  std::set<std::string_view> names;
  kaizala::api::for_each_type([&](auto tag) {
    using T = typename decltype(tag)::type;
    std::string_view name = kaizala::meta::fields_of<T>::name;
    CAPTURE(name);
    CHECK(names.insert(name).second);
    T v{};
    filler().fill(v);
    std::string text = kaizala::to_json(v);
    auto back = kaizala::from_json<T>(text);
    INFO((back ? std::string() : back.error().message));
    REQUIRE(back.has_value());
    CHECK(kaizala::to_json(*back) == text);
    CHECK(kaizala::to_json_value(*back) == boost::json::parse(text));
  });
  CHECK(names.size() > 56 + 28);  // named types, plus a request per op and the inline responses
  CHECK(names.count("Group") == 1);
  CHECK(names.count("SendMessageRequest") == 1);
}

TEST_CASE("the op table holds the 36 operations, each once, with its traits") {
  const std::set<std::string_view> expected = {"GeneratePin",
                                               "GetRefreshToken",
                                               "GenerateAccessToken",
                                               "CreateGroup",
                                               "CreateSubgroup",
                                               "AddMembers",
                                               "AddSubgroup",
                                               "AddSubscribers",
                                               "FetchGroupDetails",
                                               "FetchMembers",
                                               "GetSubscribers",
                                               "FetchSubgroup",
                                               "RemoveGroupAsSubgroup",
                                               "RemoveMembers",
                                               "RemoveSubscribers",
                                               "FetchDirectGroups",
                                               "SendMessage",
                                               "SendMessageToSubscriber",
                                               "UploadMedia",
                                               "SendSurvey",
                                               "PostCustomActionSubscriber",
                                               "PostingActionResponse",
                                               "PostingSurveyResponse",
                                               "FetchJobs",
                                               "FetchingSurveyResponses",
                                               "GetAllWebhooks",
                                               "SubscribeToAllEvents",
                                               "UnsubscribingAWebhook",
                                               "SetMemberRole",
                                               "UpdateWebhook",
                                               "PostReaction",
                                               "GetGroupReactionSummary",
                                               "GetActionReactionSummary",
                                               "GetReactionDetails",
                                               "OAuthAuthorize",
                                               "OAuthToken"};
  std::set<std::string_view> seen;
  kaizala::api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    CAPTURE(Op::name);
    CHECK(seen.insert(Op::name).second);
    CHECK(Op::path.front() == '/');
    bool auth_op = Op::group == "auth" || Op::group == "oauth";
    CHECK(Op::root == (auth_op ? Op::group : "endpoint"));
    CHECK(Op::auth_header == (auth_op ? "" : "accessToken"));
    // Retrying is safe for reads and for PUT/DELETE; a POST never, except the read-only
    // GetSubscribers.
    bool post = Op::method == kaizala::http_method::post;
    CHECK(Op::idempotent == (!post || Op::name == "GetSubscribers"));
  });
  CHECK(seen == expected);
  CHECK(kaizala::ops::GetSubscribers::method == kaizala::http_method::post);
  CHECK(kaizala::ops::UploadMedia::body == kaizala::body_kind::multipart);
  CHECK(kaizala::ops::RemoveMembers::path == "/groups/{groupId}/members/{memberId}");
  CHECK(kaizala::ops::GenerateAccessToken::root_url == "https://api.kaiza.la/v1");
  CHECK(kaizala::ops::SendMessage::root_url == "{endpointUrl}/v1");
  CHECK(kaizala::ops::OAuthToken::root_url == "https://ds.kaiza.la/api");
  CHECK(kaizala::ops::OAuthToken::body == kaizala::body_kind::form);
  CHECK(kaizala::ops::SetMemberRole::path == kaizala::ops::RemoveMembers::path);
}

TEST_CASE("roots.hpp names every root the ops use, with the URL the ops carry") {
  CHECK(kaizala::roots::auth::name == "auth");
  CHECK(kaizala::roots::auth::url == "https://api.kaiza.la/v1");
  CHECK(kaizala::roots::endpoint::name == "endpoint");
  CHECK(kaizala::roots::endpoint::url == "{endpointUrl}/v1");
  int ops = 0;
  kaizala::api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    ++ops;
    CAPTURE(Op::name);
    if (Op::root == kaizala::roots::auth::name)
      CHECK(Op::root_url == kaizala::roots::auth::url);
    else if (Op::root == kaizala::roots::oauth::name)
      CHECK(Op::root_url == kaizala::roots::oauth::url);
    else
      CHECK((Op::root == kaizala::roots::endpoint::name &&
             Op::root_url == kaizala::roots::endpoint::url));
  });
  CHECK(ops == 36);
}
