// Every JSON sample of the official docs (tests/data/samples, copied from shared/kaizala-api)
// decodes into its op's generated type, survives a round trip, and still decodes when a future
// service adds keys and enum values.
#include <kaizala/generated/all.hpp>
#include <kaizala/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Adds an unknown key (with a nested value) to every object of a document.
void add_future_keys(boost::json::value& v) {
  if (v.is_object()) {
    for (auto& kv : v.get_object()) add_future_keys(kv.value());
    v.get_object()["zzFutureKey"] = boost::json::parse(R"({"added":[1,{"later":true}]})");
  } else if (v.is_array()) {
    for (auto& x : v.get_array()) add_future_keys(x);
  }
}

void drop_future_keys(boost::json::value& v) {
  if (v.is_object()) {
    v.get_object().erase("zzFutureKey");
    for (auto& kv : v.get_object()) drop_future_keys(kv.value());
  } else if (v.is_array()) {
    for (auto& x : v.get_array()) drop_future_keys(x);
  }
}

// Replaces every enum value in a decoded tree with one this binding has never heard of.
template <class T>
void make_enums_unknown(T& v, int& count) {
  using namespace kaizala::detail;
  if constexpr (is_optional<T>::value) {
    if (v) make_enums_unknown(*v, count);
  } else if constexpr (is_vector<T>::value) {
    for (auto& x : v) make_enums_unknown(x, count);
  } else if constexpr (is_string_map<T>::value) {
    for (auto& kv : v) make_enums_unknown(kv.second, count);
  } else if constexpr (is_open_enum<T>::value) {
    v = T::unknown("FutureValue" + std::to_string(++count));
  } else if constexpr (kaizala::meta::is_generated_struct<T>::value) {
    for_each_field<T>(
        [&](auto d, const kaizala::meta::field&) { make_enums_unknown(v.*d.pointer, count); });
  }
}

// Decodes `text` as T and checks the round trip and forward compatibility.
template <class T>
void check_sample(const std::string& text, bool is_request) {
  kaizala::decode_options opt;
  // Requests are read the way the service (and our emulator) read them: keys in any casing.
  opt.case_insensitive_keys = is_request;
  auto decoded = kaizala::from_json<T>(text, opt);
  INFO((decoded ? std::string() : decoded.error().message));
  REQUIRE(decoded.has_value());

  // Round trip: what the binding writes, it reads back to the same thing.
  std::string once = kaizala::to_json(*decoded);
  auto again = kaizala::from_json<T>(once);
  REQUIRE(again.has_value());
  CHECK(kaizala::to_json(*again) == once);

  // Unknown keys anywhere are ignored.
  boost::json::value future = boost::json::parse(text);
  add_future_keys(future);
  auto with_keys = kaizala::from_json<T>(boost::json::serialize(future), opt);
  INFO((with_keys ? std::string() : with_keys.error().message));
  REQUIRE(with_keys.has_value());
  boost::json::value reencoded = boost::json::parse(kaizala::to_json(*with_keys));
  drop_future_keys(reencoded);  // opaque `json` members keep them, as they should
  CHECK(reencoded == boost::json::parse(once));

  // Unknown enum values decode and go back out as they came.
  T changed = *decoded;
  int enums = 0;
  make_enums_unknown(changed, enums);
  std::string out = kaizala::to_json(changed);
  auto back = kaizala::from_json<T>(out);
  REQUIRE(back.has_value());
  CHECK(kaizala::to_json(*back) == out);
}

// The data type of each webhook event (docs/kaizala-api.md §16.6).
void check_event_data(const kaizala::Event& e) {
  REQUIRE(e.eventType.known());
  std::string data = boost::json::serialize(e.data);
  using E = kaizala::EventType;
  switch (e.eventType.value()) {
    case E::TextMessageCreated:
      return check_sample<kaizala::TextMessageCreatedData>(data, false);
    case E::AttachmentCreated:
      return check_sample<kaizala::AttachmentCreatedData>(data, false);
    case E::Announcement:
      return check_sample<kaizala::AnnouncementData>(data, false);
    case E::JobCreated:
      return check_sample<kaizala::JobCreatedData>(data, false);
    case E::JobResponse:
      return check_sample<kaizala::JobResponseData>(data, false);
    case E::SurveyResponse:
    case E::ActionResponse:
    case E::PollResponse:  // the Postman collection's four: the emulator's shapes
    case E::LetsMeetResponse:
      return check_sample<kaizala::SurveyResponseData>(data, false);
    case E::ActionCreated:
    case E::SurveyCreated:
    case E::PollCreated:
    case E::LetsMeetCreated:
      return check_sample<kaizala::ActionCreatedData>(data, false);
    case E::MemberAdded:
    case E::MemberRemoved:
      return check_sample<kaizala::MemberEventData>(data, false);
    case E::GroupAdded:
    case E::GroupRemoved:
      return check_sample<kaizala::GroupEventData>(data, false);
  }
}

}  // namespace

TEST_CASE("every documented sample decodes into its generated type") {
  int checked = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(KAIZALA_SAMPLES_DIR))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 78);

  for (const fs::path& file : files) {
    std::string name = file.filename().string();  // <Op>.<request|response|event>.<n>.json
    std::string op = name.substr(0, name.find('.'));
    std::string kind = name.substr(op.size() + 1, name.find('.', op.size() + 1) - op.size() - 1);
    std::string text = read_file(file);
    CAPTURE(name);
    SUBCASE(name.c_str()) {}
    if (kind == "event") {
      auto e = kaizala::from_json<kaizala::Event>(text);
      INFO((e ? std::string() : e.error().message));
      REQUIRE(e.has_value());
      check_sample<kaizala::Event>(text, false);
      check_event_data(*e);
      ++checked;
      continue;
    }
    bool found = false;
    kaizala::api::for_each_op([&](auto tag) {
      using Op = typename decltype(tag)::type;
      if (Op::name != op) return;
      found = true;
      if constexpr (std::is_same_v<typename Op::response, kaizala::no_content>) {
        if (kind == "response") FAIL("a response sample for an op that answers no body");
      } else if (kind == "response") {
        return check_sample<typename Op::response>(text, false);
      }
      if constexpr (Op::body == kaizala::body_kind::json)
        check_sample<typename Op::request>(text, true);
      else
        FAIL("a JSON request sample for an op without a JSON body");
    });
    CHECK_MESSAGE(found, "no operation named " << op);
    checked += found;
  }
  CHECK(checked == 78);
}

// The docs' samples of the endpoints beyond the 28 (out_of_scope/, named by the docs' headings as
// the ops are) decode into their ops' types, and keep their values.
TEST_CASE("the samples of the other documented endpoints decode into their ops' types") {
  const fs::path dir = fs::path(KAIZALA_SAMPLES_DIR) / "out_of_scope";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();  // <Op>.<request|response>.<n>.json
    std::string op = name.substr(0, name.find('.'));
    bool response = name.find(".response.") != std::string::npos;
    std::string text = read_file(entry.path());
    CAPTURE(name);
    bool found = false;
    kaizala::api::for_each_op([&](auto tag) {
      using Op = typename decltype(tag)::type;
      if (Op::name != op) return;
      found = true;
      if constexpr (!std::is_same_v<typename Op::response, kaizala::no_content>)
        if (response) return check_sample<typename Op::response>(text, false);
      if constexpr (Op::body == kaizala::body_kind::json)
        if (!response) return check_sample<typename Op::request>(text, true);
      FAIL("no JSON type for this sample");
    });
    CHECK_MESSAGE(found, "no operation named " << op);
    ++checked;
  }
  CHECK(checked == 7);

  // The re-enable body of the docs: "Active" with a capital A, and the string "true".
  auto enable = kaizala::from_json<kaizala::UpdateWebhookRequest>(
      read_file(dir / "UpdateWebhook.request.2.json"));
  REQUIRE(enable.has_value());
  CHECK(enable->active == true);
  auto summaries = kaizala::from_json<kaizala::GetGroupReactionSummaryResponse>(
      read_file(dir / "GetGroupReactionSummary.response.1.json"));
  REQUIRE(summaries.has_value());
  CHECK(summaries->cursor == 636674054802000000);  // .NET ticks
  REQUIRE(summaries->summary.size() == 2);
  CHECK(summaries->summary[1].reactionsCountMap->like == 10);
  auto comment = kaizala::from_json<kaizala::PostReactionRequest>(
      read_file(dir / "PostReaction.request.1.json"));
  REQUIRE(comment.has_value());
  CHECK(comment->reactionType == kaizala::ReactionType::Comment);
  CHECK(comment->comment == "Comment-3");
}

TEST_CASE("samples keep their values through the generated types") {
  auto members = kaizala::from_json<kaizala::FetchMembersResponse>(
      read_file(fs::path(KAIZALA_SAMPLES_DIR) / "FetchMembers.response.1.json"));
  REQUIRE(members.has_value());
  REQUIRE(members->members.size() == 2);
  CHECK(members->members[0].id == "4deffa08-guid-4b87-8c2f-d944565f5f31");
  CHECK(*members->members[0].role == kaizala::MemberRole::Admin);
  CHECK(members->members[1].isProvisioned == false);

  // D18: "result": "true" (a string) where the table says Boolean.
  auto added = kaizala::from_json<kaizala::AddMembersResponse>(
      read_file(fs::path(KAIZALA_SAMPLES_DIR) / "AddMembers.response.1.json"));
  REQUIRE(added.has_value());
  CHECK(added->result == true);

  // D19: webhook list items spell callbackUrl with a lower-case b; validity is a number.
  auto hooks = kaizala::from_json<kaizala::GetAllWebhooksResponse>(
      read_file(fs::path(KAIZALA_SAMPLES_DIR) / "GetAllWebhooks.response.1.json"));
  REQUIRE(hooks.has_value());
  REQUIRE(hooks->webhooks.size() == 1);
  CHECK(hooks->webhooks[0].callbackUrl == "https://requestb.in/12786un1");
  CHECK(hooks->webhooks[0].validity == 1568605416677);

  // 5.2: refreshTokenExpiry does not fit int32.
  auto refresh = kaizala::from_json<kaizala::GetRefreshTokenResponse>(
      read_file(fs::path(KAIZALA_SAMPLES_DIR) / "GetRefreshToken.response.1.json"));
  REQUIRE(refresh.has_value());
  CHECK(refresh->refreshTokenExpiry == 1537016388242);
}
