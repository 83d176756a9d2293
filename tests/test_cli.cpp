// kaizala-cli in-process (kaizala::cli::run_cli): help from the generated docs, calls against a
// recording server (the exact request and the printed JSON), every usage error with its message
// and exit code, decode mode, and that the access token never shows in any output.
#include "support/recording_server.hpp"

#include <run_cli.hpp>

#include <kaizala/generated/all.hpp>
#include <kaizala/json.hpp>
#include <kaizala/version.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <unistd.h>

#ifdef KAIZALA_CLI_TEST_EMULATOR
#include <kaizala/emulator/server.hpp>
#endif

namespace {

// Docs are data: the CLI prints these, so they must hold the spec's text.
static_assert(kaizala::meta::fields_of<kaizala::SendMessageRequest>::docs.size() == 2);
static_assert(kaizala::meta::fields_of<kaizala::SendMessageRequest>::docs[0] == "Target group id.");
static_assert(kaizala::meta::enum_info<kaizala::GroupType>::docs.size() == 2);
static_assert(kaizala::ops::SendMessage::doc.substr(0, 24) == "Posts a plain text messa");

constexpr const char* canary = "canary-token-7f3a9c41";

struct run_result {
  int code;
  std::string out, err;
};

run_result run(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = kaizala::cli::run_cli(args, in, out, err);
  // The canary is the token of every call below: it must never come back.
  CHECK(out.str().find(canary) == std::string::npos);
  CHECK(err.str().find(canary) == std::string::npos);
  return {code, out.str(), err.str()};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// No token, profile or secret from the environment of whoever runs the tests; profiles go to an
// empty folder of the test's own.
struct clean_environment {
  std::filesystem::path config =
      std::filesystem::temp_directory_path() /
      ("kaizala-cli-test-config-" + std::to_string(::getpid()));  // one per run
  clean_environment() {
    for (const char* v : {"KAIZALA_ACCESS_TOKEN", "KAIZALA_EMULATOR_HOST", "KAIZALA_PROFILE",
                          "KAIZALA_APPLICATION_SECRET", "KAIZALA_PIN"})
      ::unsetenv(v);
    std::filesystem::remove_all(config);
    ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
  }
  ~clean_environment() { std::filesystem::remove_all(config); }
};

struct server_fixture : clean_environment {
  test_support::recording_server server;
  std::vector<std::string> with(std::vector<std::string> op_args) const {
    std::vector<std::string> a = {"--base", server.base_url() + "/", "--token", canary};
    a.insert(a.end(), op_args.begin(), op_args.end());
    return a;
  }
};

// A file in the temp folder, removed at the end of the test.
struct temp_file {
  std::filesystem::path path;
  temp_file(const std::string& name, const std::string& content)
      : path(std::filesystem::temp_directory_path() / name) {
    std::ofstream(path, std::ios::binary) << content;
  }
  ~temp_file() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("--help lists all 36 ops by group with their summaries") {
  clean_environment env;
  auto r = run({"--help"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  int ops = 0;
  std::string_view last_group;
  std::size_t last_at = 0;
  kaizala::api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    ++ops;
    INFO(Op::name);
    std::size_t at = r.out.find("    " + std::string(Op::name) + " ");
    REQUIRE(at != std::string::npos);
    CHECK(at > last_at);  // spec order, which groups ops together
    last_at = at;
    std::string first_words(Op::summary.substr(0, std::min<std::size_t>(Op::summary.size(), 30)));
    CHECK(r.out.find(first_words, at) < r.out.find('\n', at));
    if (Op::group != last_group) {  // each group heads its ops
      std::size_t heading = r.out.rfind("\n  " + std::string(Op::group) + "\n", at);
      CHECK(heading != std::string::npos);
      last_group = Op::group;
    }
  });
  CHECK(ops == 36);  // the 28 of the official list and the 8 other documented endpoints
  CHECK(contains(r.out, "kaizala-cli [--base URL] [--auth-base URL] [--token T]"));
  CHECK(contains(r.out, "  auth  https://api.kaiza.la/v1   (--auth-base)\n"));
  CHECK(contains(r.out, "  endpoint  {endpointUrl}/v1   (--base)\n"));
  CHECK(contains(r.out, "  oauth  https://ds.kaiza.la/api   (--auth-base)\n"));

  auto bare = run({});
  CHECK(bare.code == 2);
  CHECK(contains(bare.err, "Usage:"));
  auto version = run({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out == "kaizala-cli " KAIZALA_VERSION_STRING "\n");
}

TEST_CASE("<Op> --help shows method, URL, params and body fields with their docs") {
  clean_environment env;
  auto r = run({"SendMessage", "--help"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "SendMessage: Send a text message to a group.\n"));
  CHECK(contains(r.out,
                 "  POST {endpointUrl}/v1/groups/{groupId}/messages   (root \"endpoint\", "
                 "not idempotent)\n"));
  CHECK(contains(r.out, "  Posts a plain text message (up to 4000 characters"));
  CHECK(contains(r.out,
                 "Parameters:\n  --groupId  path, string, required\n      Target group id.\n"));
  CHECK(contains(r.out,
                 "  --message  string, required, at most 4000 characters\n"
                 "      Message text, at most 4000 characters.\n"));
  CHECK(contains(r.out, "Response (SendMessageResponse):\n  referenceId  string, required\n"));

  auto jobs = run({"FetchJobs", "--help"});
  CHECK(contains(jobs.out, "  --actionType  query, ActionType, required, one of: Image, Audio, "));
  CHECK(contains(jobs.out, "  --count  query, int32, optional\n"));
  auto details = run({"FetchingSurveyResponses", "--help"});
  CHECK(contains(details.out, "  --getDetails  query, bool, optional, default true\n"));
  auto groups = run({"FetchDirectGroups", "--help"});
  CHECK(contains(groups.out, "  --showDetail  query, bool, optional, also read as: showDetails\n"));
  auto token = run({"GenerateAccessToken", "--help"});
  CHECK(contains(token.out,
                 "  --applicationSecret  header, string, required, secret, never printed\n"));
  CHECK(contains(token.out, "  auth: none\n"));
  auto sub = run({"CreateSubgroup", "--help"});
  CHECK(contains(sub.out, "  rule: exactly one of groupName, name\n"));
  auto upload = run({"UploadMedia", "--help"});
  CHECK(contains(upload.out, "Upload (multipart/form-data): --file PATH [--content-type TYPE]"));
  CHECK(contains(upload.out, "  FileName  file, required\n"));
  // The endpoints beyond the 28: a PUT sharing RemoveMembers' path, a form body with secrets.
  auto role = run({"SetMemberRole", "--help"});
  CHECK(role.code == 0);
  CHECK(contains(role.out, "  PUT {endpointUrl}/v1/groups/{groupId}/members/{memberId}"));
  auto oauth = run({"OAuthToken", "--help"});
  CHECK(oauth.code == 0);
  CHECK(contains(oauth.out, "  POST https://ds.kaiza.la/api/oauth/token"));
  CHECK(contains(oauth.out,
                 "  --client_secret  form field, string, required, secret, never printed\n"));
  auto reaction = run({"PostReaction", "--help"});
  CHECK(contains(reaction.out, "  --reactionType  ReactionType, required, one of: Like, Comment"));
}

TEST_CASE("a call: the request on the wire and the response printed as the binding sees it") {
  server_fixture f;
  f.server.respond(200, R"({"referenceId":"853654b2","extra":"dropped"})");
  auto r =
      run(f.with({"SendMessage", "--groupId", "g 1", "--data", R"({"message":"Hi \"all\""})"}));
  CHECK(r.err == "");
  CHECK(r.code == 0);
  CHECK(r.out == "{\n  \"referenceId\": \"853654b2\"\n}\n");  // decoded, so unknown keys are gone
  auto got = f.server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/groups/g%201/messages");
  CHECK(got.header("accessToken") == canary);
  CHECK(got.header("Content-Type") == "application/json");
  CHECK(got.body == R"({"message":"Hi \"all\""})");

  SUBCASE("query and header parameters, enum values in any case; pretty nested output") {
    f.server.respond(
        200,
        R"({"actions":[{"actionType":"Job","referenceId":"r","creationTime":5}],"hasMore":false})");
    auto jobs =
        run(f.with({"FetchJobs", "--groupId=g", "--actionType", "letsmeet", "--count", "30"}));
    CHECK(jobs.code == 0);
    CHECK(f.server.last().method == "GET");
    CHECK(f.server.last().target == "/v1/groups/g/actions?actionType=LetsMeet&count=30");
    CHECK(f.server.last().body.empty());
    CHECK(jobs.out ==
          "{\n  \"actions\": [\n    {\n      \"referenceId\": \"r\",\n      \"actionType\": "
          "\"Job\",\n"
          "      \"creationTime\": 5\n    }\n  ],\n  \"hasMore\": false\n}\n");

    f.server.respond(200, R"({"groups":[]})");
    auto details = run(f.with({"FetchGroupDetails", "--groupId", "g", "--applicationId", "app-1"}));
    CHECK(details.code == 0);
    CHECK(f.server.last().header("applicationId") == "app-1");
    CHECK(details.out == "{\n  \"groups\": []\n}\n");

    auto alias = run(f.with({"FetchDirectGroups", "--showDetails", "TRUE"}));
    CHECK(alias.code == 0);
    CHECK(f.server.last().target == "/v1/groups?showDetail=true");
  }
  SUBCASE("auth ops go to --base when only --base is given, or to --auth-base") {
    f.server.respond(200,
                     R"({"accessToken":"new-at","endpointUrl":"http://e","accessTokenExpiry":1})");
    auto r2 = run({"--base", f.server.base_url(), "GenerateAccessToken", "--applicationId", "app",
                   "--applicationSecret", "s3cret-value", "--refreshToken", "rt-value-123"});
    CHECK(r2.code == 0);
    CHECK(f.server.last().target == "/v1/accessToken");
    CHECK(f.server.last().header("applicationSecret") == "s3cret-value");
    CHECK(contains(r2.out, "\"accessToken\": \"new-at\""));
    auto r3 = run({"--auth-base", f.server.base_url() + "/v1/", "GenerateAccessToken",
                   "--applicationId", "app", "--applicationSecret", "s", "--refreshToken", "r"});
    CHECK(r3.code == 0);
    CHECK(f.server.last().target == "/v1/accessToken");
  }
  SUBCASE("--data @file and --data - (standard input)") {
    temp_file body("kaizala_cli_test_body.json", R"({"message":"from a file"})");
    auto a = run(f.with({"SendMessage", "--groupId", "g", "--data", "@" + body.path.string()}));
    CHECK(a.code == 0);
    CHECK(f.server.last().body == R"({"message":"from a file"})");
    auto b =
        run(f.with({"SendMessage", "--groupId", "g", "--data", "-"}), R"({"message":"piped"})");
    CHECK(b.code == 0);
    CHECK(f.server.last().body == R"({"message":"piped"})");
    auto missing = run(f.with({"SendMessage", "--groupId", "g", "--data", "@/nonexistent/x.json"}));
    CHECK(missing.code == 2);
    CHECK(contains(missing.err, "error: --data: cannot read \"/nonexistent/x.json\": "));
  }
  SUBCASE("a required body field with a spec default need not be given") {
    f.server.respond(200, R"({"responseId":"x"})");
    auto s = run(f.with({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s", "--data",
                         R"({"actionBody":{"answers":[]}})"}));
    CHECK(s.err == "");
    CHECK(contains(f.server.last().body, R"("actionType":"Survey")"));
  }
  SUBCASE("UploadMedia: --file, its type from the extension or --content-type") {
    f.server.respond(200, R"({"mediaResource":"m"})");
    temp_file png("kaizala_cli_test.PNG", std::string("\x89PNG\r\n", 6));
    auto up = run(f.with({"UploadMedia", "--file", png.path.string()}));
    CHECK(up.code == 0);
    auto got2 = f.server.last();
    REQUIRE(got2.files.count("FileName") == 1);
    CHECK(got2.files.find("FileName")->second.filename == "kaizala_cli_test.PNG");
    CHECK(got2.files.find("FileName")->second.content_type == "image/png");
    CHECK(got2.files.find("FileName")->second.content == std::string("\x89PNG\r\n", 6));
    temp_file txt("kaizala_cli_test.txt", "text");
    auto bad = run(f.with({"UploadMedia", "--file", txt.path.string()}));
    CHECK(bad.code == 2);
    CHECK(
        contains(bad.err, "error: --file: cannot tell the media type of \"kaizala_cli_test.txt\""));
    auto forced =
        run(f.with({"UploadMedia", "--file", txt.path.string(), "--content-type", "video/mp4"}));
    CHECK(forced.code == 0);
    CHECK(f.server.last().files.find("FileName")->second.content_type == "video/mp4");
    auto none = run(f.with({"UploadMedia"}));
    CHECK(none.code == 2);
    CHECK(contains(none.err, "error: UploadMedia needs --file PATH (the FileName part)\n"));
  }
}

TEST_CASE("failed calls print the typed error and exit 1") {
  server_fixture f;
  f.server.respond(404, R"({"message":"Group not found","errorCode":"GroupNotFound"})");
  auto r = run(f.with({"FetchMembers", "--groupId", "g"}));
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "error: http_status 404: Group not found (errorCode GroupNotFound)\n");

  f.server.respond(200, R"({"members":[{"id":"a"},{"id":5}]})");
  auto d = run(f.with({"FetchMembers", "--groupId", "g"}));
  CHECK(d.code == 1);
  CHECK(d.err == "error: decode 200: members[1].id: expected string, got number\n");

  auto limit = run(f.with({"SendMessage", "--groupId", "g", "--data",
                           "{\"message\":\"" + std::string(4001, 'x') + "\"}"}));
  CHECK(limit.code == 1);
  CHECK(contains(limit.err, "error: invalid_request: message: "));

  // A server that echoes the token back: the CLI still never prints it.
  f.server.respond(401, std::string(R"({"message":"bad token )") + canary + "\"}");
  auto echo = run(f.with({"FetchMembers", "--groupId", "g"}));
  CHECK(echo.code == 1);
  CHECK(echo.err == "error: http_status 401: bad token ***\n");
  f.server.respond(200, std::string(R"({"referenceId":")") + canary + "\"}");
  auto echo2 = run(f.with({"SendMessage", "--groupId", "g", "--data", R"({"message":"m"})"}));
  CHECK(echo2.code == 0);
  CHECK(echo2.out == "{\n  \"referenceId\": \"***\"\n}\n");

  test_support::recording_server* gone = new test_support::recording_server;
  std::string dead = gone->base_url();
  delete gone;  // nothing listens there now
  auto refused =
      run({"--base", dead, "--token", canary, "--timeout", "2", "FetchMembers", "--groupId", "g"});
  CHECK(refused.code == 1);
  CHECK(contains(refused.err, "error: transport: 127.0.0.1:"));
  CHECK(contains(refused.err, ": connection refused\n"));
}

TEST_CASE("usage errors: message and exit code 2, nothing sent") {
  server_fixture f;
  auto expect = [&](std::vector<std::string> args, const std::string& message,
                    const std::string& input = "") {
    INFO(message);
    std::size_t before = f.server.requests().size();
    auto r = run(f.with(std::move(args)), input);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "error: " + message));
    CHECK(f.server.requests().size() == before);
  };
  expect({"SendMesage"}, "unknown operation \"SendMesage\" (did you mean \"SendMessage\"?)\n");
  expect({"Nothing"}, "unknown operation \"Nothing\"\n");
  expect({"FetchMembers", "--grupId", "g"},
         "FetchMembers: unknown option --grupId (did you mean \"groupId\"?); kaizala-cli "
         "FetchMembers --help lists its parameters\n");
  expect({"FetchMembers"}, "FetchMembers needs --groupId (path parameter, string)\n");
  expect({"FetchJobs", "--groupId", "g", "--actionType", "Job", "--count", "ten"},
         "--count: expected an integer (int32), got \"ten\"\n");
  expect({"FetchJobs", "--groupId", "g", "--actionType", "Job", "--count", "99999999999"},
         "--count: out of range for int32, got \"99999999999\"\n");
  expect({"FetchDirectGroups", "--showDetail", "yes"},
         "--showDetail: expected true or false, got \"yes\"\n");
  expect({"FetchJobs", "--groupId", "g", "--actionType", "Jobs"},
         "--actionType: expected one of Image, Audio, Document, Album, Video, Job, Survey, Poll, "
         "LetsMeet, Announcement, PhotoWithLocation, ShareLocation, got \"Jobs\" (did you mean "
         "\"Job\"?)\n");
  expect({"SendMessage", "--groupId", "g", "--data", R"({"message":)"},
         "--data: (root): invalid JSON at byte ");
  expect({"SendMessage", "--groupId", "g", "--data", "[1]"},
         "--data: expected a JSON object, got an array\n");
  expect({"SendMessage", "--groupId", "g", "--data", R"({"mesage":"x"})"},
         "--data: mesage: unknown field of SendMessageRequest (did you mean \"message\"?)\n");
  expect({"SendMessage", "--groupId", "g", "--data", R"({"message":"x","groupId":"g"})"},
         "--data: groupId is a path parameter of SendMessage, not a body field: give it as "
         "--groupId\n");
  expect({"CreateGroup", "--data",
          R"({"name":"n","welcomeMessage":"w","members":[],"groupType":"Group","x":{"y":1}})"},
         "--data: x: unknown field of CreateGroupRequest\n");
  expect({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s", "--data",
          R"({"actionBody":{"answers":[],"answrs":1}})"},
         "--data: actionBody.answrs: unknown field of SurveyResponseBody (did you mean "
         "\"answers\"?)\n");
  expect({"SendMessage", "--groupId", "g", "--data", "{}"},
         "--data: message: missing required field\n");
  expect({"SendMessage", "--groupId", "g", "--data", R"({"message":1})"},
         "--data: message: expected string, got number\n");
  expect({"FetchMembers", "--groupId", "g", "--data", "{}"},
         "FetchMembers takes no JSON body (--data)\n");
  expect({"FetchMembers", "--groupId", "g", "--groupId", "h"}, "--groupId is given twice\n");
  expect({"FetchMembers", "--groupId"}, "--groupId needs a value\n");
  expect({"FetchMembers", "g"}, "unexpected \"g\": parameters are given as --<name> VALUE\n");
  expect({"FetchMembers", "--groupId", "g", "--timeout", "0"},
         "--timeout: expected seconds, more than 0 and at most 86400, got \"0\"\n");
  expect({"FetchMembers", "--groupId", "g", "--lenient"}, "--lenient is for decode only\n");

  // Without a token or a base, before anything is sent.
  auto no_token = run({"--base", f.server.base_url(), "FetchMembers", "--groupId", "g"});
  CHECK(no_token.code == 2);
  CHECK(contains(no_token.err,
                 "error: FetchMembers needs an access token: there is no profile "
                 "\"default\""));
  CHECK(contains(no_token.err,
                 "create it with kaizala-cli login --mobileNumber +91... "
                 "--applicationId <connector id> [--base URL], or give --token T or "
                 "set KAIZALA_ACCESS_TOKEN\n"));
  auto no_base = run({"--token", canary, "FetchMembers", "--groupId", "g"});
  CHECK(no_base.code == 2);
  CHECK(no_base.err ==
        "error: FetchMembers goes to {endpointUrl}/v1: give --base URL (the "
        "endpointUrl GenerateAccessToken returned)\n");
  auto bad_base =
      run({"--base", "kms.kaiza.la", "--token", canary, "FetchMembers", "--groupId", "g"});
  CHECK(bad_base.code == 2);
  CHECK(bad_base.err == "error: --base: expected an http:// or https:// URL\n");
  // A secret parameter's value is not quoted back.
  auto secret =
      run({"--base", f.server.base_url(), "GenerateAccessToken", "--applicationId", "a",
           "--applicationSecret", "hidden-secret-1", "--refreshToken", "r", "--bogus", "1"});
  CHECK(secret.code == 2);
  CHECK_FALSE(contains(secret.err, "hidden-secret-1"));
}

TEST_CASE(
    "body fields as flags: scalars, enums, arrays (repeated or JSON), nested JSON; merged with "
    "--data") {
  server_fixture f;
  f.server.respond(200, R"({"referenceId":"r1"})");
  auto one = run(f.with({"SendMessage", "--groupId", "g", "--message", "Hi all"}));
  CHECK(one.err == "");
  CHECK(one.code == 0);
  CHECK(f.server.last().body == R"({"message":"Hi all"})");

  f.server.respond(200, R"({"groupId":"g1"})");
  auto group =
      run(f.with({"CreateGroup", "--name", "Ops", "--data", R"({"welcomeMessage":"Hi"})",
                  "--members", "+911", "--groupType", "connectgroup", "--members", "+912"}));
  CHECK(group.err == "");
  CHECK(group.code == 0);
  CHECK(
      f.server.last().body ==
      R"({"name":"Ops","welcomeMessage":"Hi","members":["+911","+912"],"groupType":"ConnectGroup"})");

  f.server.respond(200, R"({"groupId":"g1"})");
  auto as_json = run(f.with(
      {"CreateGroup", "--name", "Ops", "--welcomeMessage", "Hi", "--members", R"( ["+913"])"}));
  CHECK(as_json.code == 0);
  CHECK(f.server.last().body == R"({"name":"Ops","welcomeMessage":"Hi","members":["+913"]})");

  f.server.respond(200, R"({"responseId":"r2"})");
  auto nested = run(f.with({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s",
                            "--actionBody", R"({"answers":[]})"}));
  CHECK(nested.err == "");
  CHECK(nested.code == 0);
  CHECK(contains(f.server.last().body, R"("actionBody":{"answers":[]})"));

  // Bad input: named with the flag, nothing sent.
  std::size_t sent = f.server.requests().size();
  auto expect = [&](std::vector<std::string> args, const std::string& message) {
    INFO(message);
    auto r = run(f.with(std::move(args)));
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "error: " + message));
  };
  expect({"SendMessage", "--groupId", "g", "--data", R"({"message":"x"})", "--message", "y"},
         "--message and the \"message\" field of --data both give the body field message: give it "
         "once\n");
  expect({"SendMessage", "--groupId", "g", "--message", "x", "--message", "y"},
         "--message is given twice\n");
  expect({"SendMessage", "--groupId", "g", "--mesage", "x"},
         "SendMessage: unknown option --mesage (did you mean \"message\"?)");
  expect({"CreateGroup", "--name", "n", "--welcomeMessage", "w", "--groupType", "Grup"},
         "--groupType: expected one of Group, ConnectGroup");
  expect({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s", "--actionBody",
          R"({"answers":[],"answrs":1})"},
         "--actionBody: actionBody.answrs: unknown field of SurveyResponseBody (did you mean "
         "\"answers\"?)\n");
  expect({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s", "--actionBody", "{"},
         "--actionBody: expected JSON (SurveyResponseBody): ");
  expect({"PostingSurveyResponse", "--groupId", "g", "--surveyId", "s", "--actionBody",
          R"({"answers":1})"},
         "--actionBody: actionBody.answers: expected array");
  expect({"SendMessage", "--groupId", "g"}, "body: message: missing required field\n");
  CHECK(f.server.requests().size() == sent);
}

TEST_CASE("--all follows the cursor of a paging op and prints one merged answer") {
  server_fixture f;
  f.server.respond(200, R"({"subscribers":[{"id":"c"}]})");  // the last page: no cursor
  f.server.then(200, R"({"subscribers":[{"id":"a","name":"A"}],"cursor":"p2"})");
  f.server.then(200, R"({"subscribers":[{"id":"b"}],"cursor":"p3"})");
  auto all = run(f.with({"GetSubscribers", "--groupId", "g", "--count", "1", "--all"}));
  CHECK(all.err == "");
  CHECK(all.code == 0);
  CHECK(all.out ==
        "{\n  \"subscribers\": [\n    {\n      \"id\": \"a\",\n      \"name\": \"A\"\n    },\n"
        "    {\n      \"id\": \"b\"\n    },\n    {\n      \"id\": \"c\"\n    }\n  ]\n}\n");
  auto sent = f.server.requests();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].body == R"({"count":1})");  // --count is a body field given as a flag
  CHECK(sent[1].body == R"({"cursor":"p2","count":1})");
  CHECK(sent[2].body == R"({"cursor":"p3","count":1})");

  SUBCASE("a cursor given again stops it: what came is printed, exit 1") {
    f.server.then(200, R"({"subscribers":[{"id":"a"}],"cursor":"same"})");
    f.server.then(200, R"({"subscribers":[{"id":"b"}],"cursor":"same"})");
    auto loop = run(f.with({"GetSubscribers", "--groupId", "g", "--all", "--output", "table"}));
    CHECK(loop.code == 1);
    CHECK(loop.out == "id\na\nb\n");
    CHECK(
        contains(loop.err, "error: --all: the answer to page 2 gave a cursor it had given before"));
    CHECK(f.server.requests().size() == 5);
  }
  SUBCASE("a failed page: the error, nothing printed") {
    f.server.then(200, R"({"subscribers":[{"id":"a"}],"cursor":"n"})");
    f.server.then(404, R"({"errorCode":"GroupNotFound","message":"gone"})");
    auto failed = run(f.with({"GetSubscribers", "--groupId", "g", "--all"}));
    CHECK(failed.code == 1);
    CHECK(failed.out.empty());
    CHECK(contains(failed.err, "error: --all: page 2 failed; nothing printed\n"));
  }
  SUBCASE("an op without a cursor refuses --all, nothing sent") {
    auto no = run(f.with({"FetchMembers", "--groupId", "g", "--all"}));
    CHECK(no.code == 2);
    CHECK(contains(no.err, "error: --all: FetchMembers does not page"));
    CHECK(f.server.requests().size() == 3);
  }
}

TEST_CASE("--output json|table|raw") {
  server_fixture f;
  const std::string body =
      R"({"subscribers":[{"id":"a1","name":"Asha K","isProvisioned":true},{"id":"b","mobileNumber":"+91"}],"cursor":"x"})";
  f.server.respond(200, body);
  auto table = run(f.with({"GetSubscribers", "--groupId", "g", "--output", "table"}));
  CHECK(table.code == 0);
  CHECK(table.out ==
        "id  name    isProvisioned  mobileNumber\n"
        "a1  Asha K  true\n"
        "b                          +91\n");
  auto raw = run(f.with({"GetSubscribers", "--groupId", "g", "--output=raw"}));
  CHECK(raw.code == 0);
  CHECK(raw.out == body);  // as received, unknown keys and order kept
  f.server.respond(200, R"({"referenceId":"r1"})");
  auto pairs =
      run(f.with({"SendMessage", "--groupId", "g", "--message", "m", "--output", "table"}));
  CHECK(pairs.out == "referenceId  r1\n");
  auto json = run(f.with({"SendMessage", "--groupId", "g", "--message", "m", "--output", "json"}));
  CHECK(json.out == "{\n  \"referenceId\": \"r1\"\n}\n");
  std::size_t sent = f.server.requests().size();
  auto bad = run(f.with({"SendMessage", "--groupId", "g", "--message", "m", "--output", "tabel"}));
  CHECK(bad.code == 2);
  CHECK(contains(bad.err,
                 "error: --output: expected json, table or raw, got \"tabel\" (did you "
                 "mean \"table\"?)\n"));
  auto not_op = run({"decode", "FetchMembers", "response", "--output", "table"});
  CHECK(not_op.code == 2);
  CHECK(contains(not_op.err, "error: --output is for an op call, not decode"));
  CHECK(f.server.requests().size() == sent);
}

TEST_CASE("help <Type> shows any generated type, nested ones included; help <Op> is <Op> --help") {
  clean_environment env;
  auto survey = run({"help", "SurveyBody"});
  CHECK(survey.code == 0);
  CHECK(contains(survey.out, "SurveyBody (a JSON object)\n\nFields:\n"));
  CHECK(contains(survey.out, "  title  string, required\n      Survey title.\n"));
  CHECK(contains(survey.out, "  questions  array of Question, required\n"));
  CHECK(contains(survey.out, "  dueDate  int32, optional\n"));
  CHECK(contains(survey.out, "Nested types (kaizala-cli help <Type>): Question\n"));
  auto question = run({"help", "Question"});
  CHECK(question.code == 0);
  CHECK(contains(question.out, "Question (a JSON object)"));
  auto request = run({"help", "CreateSubgroupRequest"});
  CHECK(contains(request.out, "  rule: exactly one of groupName, name\n"));
  auto op = run({"help", "SendMessage"});
  CHECK(op.out == run({"SendMessage", "--help"}).out);
  auto jobs = run({"help", "FetchJobsRequest"});
  CHECK(contains(jobs.out, "Nested types (kaizala-cli help <Type>): ActionType\n"));
  auto enum_type = run({"help", "GroupType"});
  CHECK(enum_type.code == 0);
  CHECK(contains(enum_type.out,
                 "GroupType (an enum: one of these values)\n\nValues:\n  Group\n"
                 "      A plain group (the server default when creating).\n"
                 "  ConnectGroup\n"));
  auto typo = run({"help", "SurveyBdy"});
  CHECK(typo.code == 2);
  CHECK(typo.out.empty());
  CHECK(contains(typo.err,
                 "error: help: no op or type \"SurveyBdy\" (did you mean \"SurveyBody\"?)"));
  auto none = run({"help"});
  CHECK(none.code == 2);
  CHECK(contains(none.err, "error: help: name one op or type"));
}

TEST_CASE("each op's help ends with an example built from its request type, which parses") {
  server_fixture f;
  auto send = run({"SendMessage", "--help"});
  CHECK(contains(send.out,
                 "\nExample (required parameters and fields, placeholder values of their "
                 "types):\n  kaizala-cli SendMessage --groupId '<groupId>' --message "
                 "'<message>'\n"));
  auto jobs = run({"FetchJobs", "--help"});
  CHECK(contains(jobs.out, "  kaizala-cli FetchJobs --groupId '<groupId>' --actionType Image\n"));
  // Every op's example is a command line the CLI reads: sent, it reaches the server.
  f.server.respond(200, "{}");
  kaizala::api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    INFO(Op::name);
    auto help = run({std::string(Op::name), "--help"});
    std::size_t at = help.out.find("\n  kaizala-cli ", help.out.find("\nExample"));
    REQUIRE(at != std::string::npos);
    std::string line = help.out.substr(at + 3, help.out.find('\n', at + 1) - at - 3);
    CHECK(line.find("kaizala-cli " + std::string(Op::name)) == 0);
    if (line.find(" --file ") != std::string::npos) return;  // names a file that is not there
    std::vector<std::string> words;  // split as a shell does, for single quotes only
    std::string word;
    bool quoted = false, any = false;
    for (char c : line.substr(std::string("kaizala-cli ").size())) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) words.push_back(word);
        word.clear();
        any = false;
      } else {
        word += c;
        any = true;
      }
    }
    if (any) words.push_back(word);
    auto sent = run(f.with(words));
    INFO(sent.err);
    CHECK(sent.code != 2);  // not a usage error: the example is read and sent
  });
}

TEST_CASE("--header adds or replaces a header on every request; a bad one is a usage error") {
  server_fixture f;
  f.server.respond(200, R"({"members":[]})");
  auto r = run(f.with({"FetchMembers", "--groupId", "g", "--header", "X-Emulator-Fault: delay=1",
                       "--header=User-Agent:  probe/1 "}));
  CHECK(r.code == 0);
  auto last = f.server.last();
  CHECK(last.header("X-Emulator-Fault") == "delay=1");
  CHECK(last.header("User-Agent") == "probe/1");  // replaced, not sent twice
  CHECK(last.headers.count("User-Agent") == 1);
  CHECK(last.header("accessToken") == canary);

  // A credential given as a header is a secret: an echo of it is removed.
  f.server.respond(401, std::string(R"({"message":"bad )") + "hdr-secret-91b2" + "\"}");
  auto echo =
      run(f.with({"FetchMembers", "--groupId", "g", "--header", "accessToken: hdr-secret-91b2"}));
  CHECK(echo.code == 1);
  CHECK(f.server.last().header("accessToken") == "hdr-secret-91b2");
  CHECK(echo.err == "error: http_status 401: bad ***\n");

  std::size_t before = f.server.requests().size();
  auto no_colon = run(f.with({"FetchMembers", "--groupId", "g", "--header", "X-Trace"}));
  CHECK(no_colon.code == 2);
  CHECK(no_colon.err == "error: --header: expected \"Name: value\", got no ':'\n");
  auto bad_name = run(f.with({"FetchMembers", "--groupId", "g", "--header", "X Trace: 1"}));
  CHECK(bad_name.code == 2);
  CHECK(bad_name.err == "error: --header: \"X Trace\" is not a valid header name\n");
  auto split = run(f.with({"FetchMembers", "--groupId", "g", "--header", "X-A: 1\r\nX-B: 2"}));
  CHECK(split.code == 2);
  CHECK(split.err == "error: --header X-A: the value holds a line break or NUL\n");
  auto no_value = run(f.with({"FetchMembers", "--groupId", "g", "--header"}));
  CHECK(no_value.code == 2);
  CHECK(contains(no_value.err, "error: --header needs a value\n"));
  CHECK(f.server.requests().size() == before);
}

TEST_CASE("an HTTP error shows status, errorCode, message and Retry-After") {
  server_fixture f;
  f.server.respond(429, R"({"message":"Slow down","errorCode":"TooManyRequests"})",
                   {{"Retry-After", "7"}});
  auto r = run(f.with({"FetchMembers", "--groupId", "g"}));
  CHECK(r.code == 1);
  CHECK(r.err == "error: http_status 429: Slow down (errorCode TooManyRequests); Retry-After: 7\n");
  f.server.respond(503, R"({"message":"Down","errorCode":"Unavailable"})");
  auto no_wait = run(f.with({"FetchMembers", "--groupId", "g"}));
  CHECK(no_wait.err == "error: http_status 503: Down (errorCode Unavailable)\n");
}

TEST_CASE("an unknown option is named, with a near miss, not answered with the usage") {
  server_fixture f;
  auto global = run({"--debg", "FetchMembers", "--groupId", "g"});
  CHECK(global.code == 2);
  CHECK(global.out.empty());
  CHECK(global.err ==
        "error: unknown option --debg (did you mean \"--debug\"?)\n"
        "(kaizala-cli --help shows the usage)\n");
  auto alone = run({"--frobnicate"});
  CHECK(alone.code == 2);
  CHECK(alone.err == "error: unknown option --frobnicate\n(kaizala-cli --help shows the usage)\n");
  // The last word of the line: unknown first, not "needs a value".
  auto last = run(f.with({"FetchMembers", "--groupId", "g", "--bogus"}));
  CHECK(last.code == 2);
  CHECK(last.err ==
        "error: FetchMembers: unknown option --bogus; kaizala-cli FetchMembers --help "
        "lists its parameters\n");
  auto decode = run({"decode", "FetchMembers", "response", "--dta", "{}"});
  CHECK(decode.code == 2);
  CHECK(contains(decode.err, "error: decode: unknown option --dta (did you mean \"data\"?)\n"));
  CHECK(f.server.requests().empty());
}

TEST_CASE("the token from KAIZALA_ACCESS_TOKEN is used and never printed") {
  server_fixture f;
  ::setenv("KAIZALA_ACCESS_TOKEN", canary, 1);
  f.server.respond(500, std::string(R"({"message":")") + canary + "\"}");
  auto r = run({"--base", f.server.base_url(), "FetchMembers", "--groupId", "g"});
  ::unsetenv("KAIZALA_ACCESS_TOKEN");
  CHECK(r.code == 1);
  CHECK(f.server.last().header("accessToken") == canary);
  CHECK(r.err == "error: http_status 500: ***\n");
}

TEST_CASE("decode: payloads read offline as the binding sees them") {
  clean_environment env;
  auto ok = run(
      {"decode", "FetchMembers", "response"},
      R"({"members":[{"id":"m1","role":"admin","mobileNumbr":"x","isProvisioned":"true"}],"more":1})");
  CHECK(ok.code == 0);
  // The enum is read in any case and written as the spec spells it; the lenient bool is a bool.
  CHECK(ok.out ==
        "{\n  \"members\": [\n    {\n      \"id\": \"m1\",\n      \"role\": \"Admin\",\n"
        "      \"isProvisioned\": true\n    }\n  ]\n}\n");
  CHECK(ok.err ==
        "note: members[0].mobileNumbr: not a field of Member, ignored (did you mean "
        "\"mobileNumber\"?)\n"
        "note: more: not a field of FetchMembersResponse, ignored\n");

  auto bad =
      run({"decode", "FetchMembers", "response"}, R"({"members":[{"id":"m1"},{"id":true}]})");
  CHECK(bad.code == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err == "error: decode: members[1].id: expected string, got bool\n");

  auto strict = run({"decode", "SendMessage", "request"}, R"({"Message":"hi"})");
  CHECK(strict.code == 1);
  CHECK(contains(
      strict.err,
      "note: Message: not a field of SendMessageRequest, ignored (did you mean \"message\"?)\n"));
  CHECK(contains(strict.err, "error: decode: message: missing required field\n"));
  auto lenient =
      run({"decode", "SendMessage", "request", "--lenient", "--data", R"({"MESSAGE":"hi"})"});
  CHECK(lenient.code == 0);
  CHECK(lenient.err.empty());
  CHECK(lenient.out == "{\n  \"message\": \"hi\"\n}\n");

  auto any = run({"decode", "AddSubgroup", "response"}, R"({"b":[1,2.5,"x",null,{}]})");
  CHECK(any.code == 0);
  CHECK(any.out == "{\n  \"b\": [\n    1,\n    2.5,\n    \"x\",\n    null,\n    {}\n  ]\n}\n");

  auto syntax = run({"decode", "SendMessage", "response"}, "{");
  CHECK(syntax.code == 1);
  CHECK(contains(syntax.err, "error: decode: (root): invalid JSON at byte 1"));

  CHECK(run({"decode", "FetchMembers", "request"}).err ==
        "error: FetchMembers has no request body\n");
  CHECK(run({"decode", "UploadMedia", "request"}).code == 2);
  auto help = run({"decode", "--help"});
  CHECK(help.code == 0);
  CHECK(contains(help.out, "Usage: kaizala-cli decode <Op> request|response [--lenient]"));
  CHECK(run({"decode", "FetchMembers"}).code == 2);
  auto side = run({"decode", "FetchMembers", "reply"});
  CHECK(side.code == 2);
  CHECK(contains(side.err,
                 "error: decode: expected request or response after the op, got \"reply\"\n"));
  auto op = run({"decode", "FetchMember", "response"});
  CHECK(op.code == 2);
  CHECK(contains(op.err, "(did you mean \"FetchMembers\"?)"));
}

#ifdef KAIZALA_CLI_TEST_EMULATOR
TEST_CASE("a real flow through the CLI against the emulator") {
  clean_environment env;
  kaizala::emulator::options opt;
  opt.fixed_pin = "4821";
  opt.log = [](std::string_view) {};  // the emulator's request log would only clutter test output
  kaizala::emulator::server emu(opt);
  REQUIRE(emu.start().has_value());
  const std::string base = emu.base_url();
  const std::string app(kaizala::emulator::demo_application_id);
  const std::string secret(kaizala::emulator::demo_application_secret);
  auto field = [](const std::string& json, const char* name) {
    auto v = kaizala::parse_json(json);
    REQUIRE(v.has_value());
    return std::string(v->at(name).as_string());
  };

  auto pin = run({"--base", base, "GeneratePin", "--data",
                  R"({"mobileNumber":"+911099999999","applicationId":")" + app + "\"}"});
  REQUIRE(pin.code == 0);
  auto login =
      run({"--base", base, "GetRefreshToken", "--data",
           R"({"mobileNumber":"+911099999999","applicationId":")" + app + R"(","pin":4821})"});
  REQUIRE(login.code == 0);
  std::string refresh = field(login.out, "refreshToken");
  auto token = run({"--base", base, "GenerateAccessToken", "--applicationId", app,
                    "--applicationSecret", secret, "--refreshToken", refresh});
  REQUIRE(token.code == 0);
  std::string access = field(token.out, "accessToken");
  std::string endpoint = field(token.out, "endpointUrl");

  auto created = run({"--base", endpoint, "--token", access, "CreateGroup", "--data",
                      R"({"name":"CLI group","welcomeMessage":"hi","members":["+911199999999"]})"});
  REQUIRE(created.code == 0);
  std::string group = field(created.out, "groupId");
  auto details =
      run({"--base", endpoint, "--token", access, "FetchGroupDetails", "--groupId", group});
  CHECK(details.code == 0);
  CHECK(contains(details.out, "\"groupName\": \"CLI group\""));
  CHECK(details.out.find(access) == std::string::npos);  // the token of this call is not printed

  // The README's walk: body fields as flags, then every page of the subscribers with --all.
  auto connect = run({"--base", endpoint, "--token", access, "CreateGroup", "--name", "Public",
                      "--welcomeMessage", "hi", "--groupType", "ConnectGroup"});
  REQUIRE(connect.code == 0);
  std::string public_group = field(connect.out, "groupId");
  auto said = run({"--base", endpoint, "--token", access, "SendMessage", "--groupId", public_group,
                   "--message", "hello"});
  CHECK(said.code == 0);
  auto added = run({"--base", endpoint, "--token", access, "AddSubscribers", "--groupId",
                    public_group, "--subscribers", "+911200000001", "--subscribers",
                    "+911200000002", "--subscribers", "+911200000003"});
  CHECK(added.err == "");
  CHECK(added.code == 0);
  auto one_page = run({"--base", endpoint, "--token", access, "GetSubscribers", "--groupId",
                       public_group, "--count", "1"});
  CHECK(one_page.code == 0);
  CHECK(contains(one_page.out, "\"cursor\""));  // more than one page
  auto paged = run({"--base", endpoint, "--token", access, "GetSubscribers", "--groupId",
                    public_group, "--count", "1", "--all"});
  CHECK(paged.err == "");
  CHECK(paged.code == 0);
  CHECK_FALSE(contains(paged.out, "\"cursor\""));
  for (const char* n : {"+911200000001", "+911200000002", "+911200000003"})
    CHECK(contains(paged.out, n));

  auto missing =
      run({"--base", endpoint, "--token", access, "FetchGroupDetails", "--groupId", "nope"});
  CHECK(missing.code == 1);
  CHECK(contains(missing.err, "error: http_status 404: "));

  // --timeout bounds the whole call: a reply held for 1 s is given up after 0.2 s.
  emu.add_fault(kaizala::emulator::fault::make_delay("FetchMembers", std::chrono::seconds(1)));
  auto started = std::chrono::steady_clock::now();
  auto slow = run({"--base", endpoint, "--token", access, "--timeout", "0.2", "FetchMembers",
                   "--groupId", group});
  CHECK(slow.code == 1);
  CHECK(contains(slow.err, "error: timeout: "));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(900));
}
#endif

#ifdef KAIZALA_CLI_TEST_EMULATOR
namespace {

// The forms a secret could leak in besides its raw text.
std::string json_escaped(const std::string& s) {
  std::string out;
  char buf[8];
  for (unsigned char c : s) {
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
    out += buf;
  }
  return out;
}
std::string percent_encoded(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    out += buf;
  }
  return out;
}
std::string base64(const std::string& s) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
    for (int k = 18; k >= 0; k -= 6) out += a[(v >> k) & 63];
  }
  return out;  // the whole groups only: enough to find the secret's encoding
}

void check_never_shown(const std::string& text, const std::string& secret) {
  INFO("secret of length ", secret.size());
  REQUIRE(secret.size() >= 6);
  CHECK_FALSE(contains(text, secret));
  CHECK_FALSE(contains(text, json_escaped(secret)));
  CHECK_FALSE(contains(text, percent_encoded(secret)));
  CHECK_FALSE(contains(text, base64(secret)));
  std::string url_safe = base64(secret);
  for (char& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
  CHECK_FALSE(contains(text, url_safe));
}

}  // namespace

TEST_CASE("--debug shows each request and response with every credential masked") {
  clean_environment env;
  kaizala::emulator::options opt;
  opt.fixed_pin = "4821";
  opt.log = [](std::string_view) {};
  kaizala::emulator::server emu(opt);
  REQUIRE(emu.start().has_value());
  const std::string base = emu.base_url();
  const std::string app(kaizala::emulator::demo_application_id);
  const std::string secret(kaizala::emulator::demo_application_secret);
  auto field = [](const std::string& json, const char* name) {
    auto v = kaizala::parse_json(json);
    REQUIRE(v.has_value());
    return std::string(v->at(name).as_string());
  };

  REQUIRE(run({"--base", base, "GeneratePin", "--data",
               R"({"mobileNumber":"+911099999999","applicationId":")" + app + "\"}"})
              .code == 0);
  auto login =
      run({"--base", base, "--debug", "GetRefreshToken", "--data",
           R"({"mobileNumber":"+911099999999","applicationId":")" + app + R"(","pin":4821})"});
  REQUIRE(login.code == 0);
  std::string refresh = field(login.out, "refreshToken");  // stdout is the answer, as asked for
  CHECK(contains(login.err, "> POST " + base + "/v1/loginWithPinAndApplicationId\n"));
  CHECK(contains(login.err, R"("pin":"***")"));
  CHECK_FALSE(contains(login.err, R"("pin":4821)"));
  CHECK(contains(login.err, "\n< 200 in "));
  CHECK(contains(login.err, R"({"refreshToken":"***",)"));
  check_never_shown(login.err, refresh);

  auto token = run({"--base", base, "GenerateAccessToken", "--debug", "--applicationId", app,
                    "--applicationSecret", secret, "--refreshToken", refresh});
  REQUIRE(token.code == 0);
  std::string access = field(token.out, "accessToken");
  CHECK(contains(token.err, "> GET " + base + "/v1/accessToken\n"));
  CHECK(contains(token.err, "> applicationSecret: ***\n"));
  CHECK(contains(token.err, "> refreshToken: ***\n"));
  CHECK(contains(token.err, "> applicationId: " + app + "\n"));  // not a secret: shown
  CHECK(contains(token.err, R"("accessToken":"***")"));
  for (const auto& s : {secret, refresh, access}) check_never_shown(token.err, s);

  auto created = run({"--base", base, "--token", access, "--debug", "CreateGroup", "--data",
                      R"({"name":"Debugged","welcomeMessage":"hi","members":["+911199999999"]})"});
  REQUIRE(created.code == 0);
  CHECK(contains(created.err, "> POST " + base + "/v1/groups\n"));
  CHECK(contains(created.err, "> accessToken: ***\n"));
  CHECK(contains(created.err, "> Content-Type: application/json\n"));
  CHECK(contains(created.err, R"(> {"name":"Debugged",)"));
  CHECK(contains(created.err, "\n< 200 in "));
  CHECK(contains(created.err, "< Content-Type: application/json"));
  CHECK(contains(created.err, "\"groupId\":\"" + field(created.out, "groupId") + "\""));
  for (const auto& s : {secret, refresh, access}) check_never_shown(created.err, s);

  // An error answer is traced too, and the typed error follows it.
  auto missing =
      run({"--base", base, "--token", access, "--debug", "FetchGroupDetails", "--groupId", "nope",
           "--header", "X-Emulator-Fault: status=429;retry-after=3"});
  CHECK(missing.code == 1);
  CHECK(contains(missing.err, "> X-Emulator-Fault: status=429;retry-after=3\n"));
  CHECK(contains(missing.err, "\n< 429 in "));
  CHECK(contains(missing.err, "< Retry-After: 3\n"));
  CHECK(contains(missing.err, "; Retry-After: 3\n"));
  check_never_shown(missing.err, access);
}
#endif

#ifdef KAIZALA_CLI_TEST_EMULATOR
namespace {

// Standard input whose text is asked for only when the CLI reads it: the PIN the emulator issued
// during the same run.
class late_input : public std::streambuf {
 public:
  explicit late_input(std::function<std::string()> fetch) : fetch_(std::move(fetch)) {}

 protected:
  int_type underflow() override {
    if (!fetched_) {
      text_ = fetch_() + "\n";
      fetched_ = true;
      setg(&text_[0], &text_[0], &text_[0] + text_.size());
    }
    return gptr() < egptr() ? traits_type::to_int_type(*gptr()) : traits_type::eof();
  }

 private:
  std::function<std::string()> fetch_;
  std::string text_;
  bool fetched_ = false;
};

}  // namespace

TEST_CASE("login saves a profile (mode 0600) that later calls use and renew; logout removes it") {
  clean_environment env;
  kaizala::emulator::options opt;
  opt.log = [](std::string_view) {};
  kaizala::emulator::server emu(opt);
  REQUIRE(emu.start().has_value());
  const std::string base = emu.base_url();
  const std::string app(kaizala::emulator::demo_application_id);
  const std::string secret(kaizala::emulator::demo_application_secret);
  const std::string mobile = "+911099999999";
  std::string issued;
  late_input pin_source([&] {
    auto pin = emu.last_pin(mobile, app);
    issued = pin.value_or("");
    return issued;
  });
  std::istream pin_in(&pin_source);
  auto login_with = [&](std::vector<std::string> args, std::istream& in) {
    std::ostringstream out, err;
    int code = kaizala::cli::run_cli(args, in, out, err);
    return run_result{code, out.str(), err.str()};
  };

  // Without the connector secret nothing is sent: it is never taken from the command line.
  auto no_secret = run({"--base", base, "login", "--mobileNumber", mobile, "--applicationId", app});
  CHECK(no_secret.code == 2);
  CHECK(contains(no_secret.err, "login needs the connector secret"));
  CHECK_FALSE(emu.last_pin(mobile, app).has_value());

  temp_file secret_file("kaizala-cli-test-secret-" + std::to_string(::getpid()), secret + "\n");
  auto login = login_with({"--base", base, "login", "--mobileNumber", mobile, "--applicationId",
                           app, "--secret-file", secret_file.path.string(), "--debug"},
                          pin_in);
  INFO(login.err);
  REQUIRE(login.code == 0);
  CHECK(issued.size() == 4);  // the PIN was read from standard input, after GeneratePin
  const std::filesystem::path file = env.config / "kaizala" / "default.json";
  CHECK(contains(login.out, "profile \"default\" saved in " + file.string()));
  REQUIRE(std::filesystem::exists(file));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  std::ifstream saved_in(file);
  std::string saved((std::istreambuf_iterator<char>(saved_in)), std::istreambuf_iterator<char>());
  auto profile = kaizala::parse_json(saved);
  REQUIRE(profile.has_value());
  const std::string access(profile->at("accessToken").as_string());
  const std::string refresh(profile->at("refreshToken").as_string());
  CHECK(access.size() >= 20);
  CHECK(refresh.size() >= 20);
  CHECK(std::string(profile->at("endpoint").as_string()) == base);
  CHECK_FALSE(contains(saved, secret));  // the connector secret is never stored
  CHECK_FALSE(contains(login.out + login.err, access));
  CHECK_FALSE(contains(login.out + login.err, refresh));
  // --debug shows the three calls, none of the credentials.
  CHECK(contains(login.err, "> POST " + base + "/v1/generatePin\n"));
  CHECK(contains(login.err, R"("pin":"***")"));
  CHECK(contains(login.err, "> applicationSecret: ***\n"));
  for (const auto& s : {secret, refresh, access}) check_never_shown(login.err, s);

  // Later calls take the endpoint and token from the profile.
  auto created = run({"CreateGroup", "--data",
                      R"({"name":"Profiled","welcomeMessage":"hi","members":["+911199999999"]})"});
  REQUIRE(created.code == 0);
  CHECK(contains(created.out, "\"groupName\": \"Profiled\""));
  CHECK_FALSE(contains(created.out + created.err, access));

  // A refused access token is renewed through kaizala::session from the refresh token.
  std::string broken = saved;
  broken.replace(broken.find(access), access.size(), "stale-access-token-0000");
  std::ofstream(file, std::ios::trunc) << broken;
  auto no_renew_secret = run({"FetchDirectGroups"});
  CHECK(no_renew_secret.code == 2);
  CHECK(contains(no_renew_secret.err, "must be renewed, which needs the connector secret"));
  auto renewed = run({"FetchDirectGroups", "--secret-file", secret_file.path.string(), "--debug"});
  CHECK(renewed.code == 0);
  CHECK(contains(renewed.err, "< 401 in "));
  CHECK(contains(renewed.err, "> GET " + base + "/v1/accessToken\n"));
  CHECK(contains(renewed.out, "\"groupName\": \"Profiled\""));
  CHECK(std::filesystem::exists(file));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

  // The renewed token is saved: the next call needs no secret.
  std::ifstream renewed_in(file);
  std::string after((std::istreambuf_iterator<char>(renewed_in)), std::istreambuf_iterator<char>());
  CHECK_FALSE(contains(after, "stale-access-token-0000"));
  auto reused = run({"FetchDirectGroups"});
  CHECK(reused.code == 0);
  CHECK(contains(reused.out, "\"groupName\": \"Profiled\""));

  // A refresh token the service refuses: log in again.
  std::string dead = broken;
  dead.replace(dead.find(refresh), refresh.size(), "unknown-refresh-token-0000");
  std::ofstream(file, std::ios::trunc) << dead;
  ::setenv("KAIZALA_APPLICATION_SECRET", secret.c_str(), 1);
  auto refused = run({"FetchDirectGroups"});
  ::unsetenv("KAIZALA_APPLICATION_SECRET");
  CHECK(refused.code == 1);
  CHECK(contains(refused.err,
                 "was refused (expired or replaced): log in again with kaizala-cli login"));

  // A profile that does not exist says how to create it.
  auto other = run({"--profile", "work", "FetchDirectGroups"});
  CHECK(other.code == 2);
  CHECK(contains(other.err, "there is no profile \"work\""));
  CHECK(contains(other.err,
                 "create it with kaizala-cli login --mobileNumber +91... --applicationId "
                 "<connector id> [--base URL] --profile work"));
  ::setenv("KAIZALA_PROFILE", "../etc", 1);
  auto bad_name = run({"FetchDirectGroups"});
  ::unsetenv("KAIZALA_PROFILE");
  CHECK(bad_name.code == 2);
  CHECK(contains(bad_name.err, "profile name \"../etc\": use letters, digits"));

  auto logout = run({"logout"});
  CHECK(logout.code == 0);
  CHECK_FALSE(std::filesystem::exists(file));
  auto again = run({"logout"});
  CHECK(again.code == 1);
}
#endif
