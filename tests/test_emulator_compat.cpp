// Compatibility with what the real service accepted (issue 13 points 1 and 5): raw HTTP requests
// written the way the official Swagger, the connector pages and Json.NET-era clients wrote them
// (tests/data/compat/), the emulator's answers and the state they leave; what the service could
// not have accepted still gets a 4xx; --strict refuses every non-standard form. The lenient body
// reader itself: each form, refusals with their position, seeded random bodies.
#include "../emulator/src/lenient_json.hpp"
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace kaizala;
using test_support::emulator_fixture;

namespace {

const std::string app(emulator::demo_application_id);
const std::string mobile = "+911099999999";
const std::string mobile2 = "+911199999999";
const std::string mobile3 = "+911299999999";
const std::string mobile4 = "+911399999999";

// A body of tests/data/compat/ with its placeholders filled in.
std::string compat_body(const std::string& name, const std::string& pin = "") {
  std::ifstream in(std::string(KAIZALA_SOURCE_DIR) + "/tests/data/compat/" + name,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), name);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto fill = [&](const std::string& key, const std::string& value) {
    for (std::size_t at; (at = text.find(key)) != std::string::npos;)
      text.replace(at, key.size(), value);
  };
  fill("{{mobile-number}}", mobile);
  fill("{{mobile-number-2}}", mobile2);
  fill("{{mobile-number-3}}", mobile3);
  fill("{{mobile-number-4}}", mobile4);
  fill("{{application-id}}", app);
  fill("{{pin}}", pin);
  return text;
}

boost::json::value parse(const std::string& text) {
  boost::json::error_code ec;
  auto v = boost::json::parse(text, ec);
  REQUIRE_MESSAGE(!ec, text);
  return v;
}

// Raw HTTP to the emulator on 127.0.0.1, with bounded timeouts.
struct raw_client {
  explicit raw_client(int port) : cli("127.0.0.1", port) {
    cli.set_connection_timeout(5);
    cli.set_read_timeout(20);
    cli.set_write_timeout(20);
  }
  httplib::Result post(const std::string& path, const httplib::Headers& h, const std::string& body,
                       const char* type = "application/json") {
    return cli.Post(path.c_str(), h, body, type);
  }
  httplib::Result put(const std::string& path, const httplib::Headers& h, const std::string& body) {
    return cli.Put(path.c_str(), h, body, "application/json");
  }
  httplib::Result get(const std::string& path, const httplib::Headers& h) {
    return cli.Get(path.c_str(), h);
  }
  httplib::Client cli;
};

// The port of an emulator started on 127.0.0.1 ("http://127.0.0.1:PORT").
int port_of(const emulator::server& emu) {
  std::string base = emu.base_url();
  return std::stoi(base.substr(base.rfind(':') + 1));
}

std::string error_message(const httplib::Result& r) {
  REQUIRE(r);
  auto v = parse(r->body);
  REQUIRE(v.is_object());
  return std::string(v.at("message").as_string());
}

// Log lines of an emulator, kept for a look afterwards.
struct log_lines {
  std::shared_ptr<std::mutex> mu = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::string>> lines = std::make_shared<std::vector<std::string>>();
  std::function<void(std::string_view)> sink() {
    auto m = mu;
    auto l = lines;
    return [m, l](std::string_view s) {
      std::lock_guard<std::mutex> lk(*m);
      l->emplace_back(s);
    };
  }
  bool contains(const std::string& needle) const {
    std::lock_guard<std::mutex> lk(*mu);
    for (const auto& s : *lines)
      if (s.find(needle) != std::string::npos) return true;
    return false;
  }
};

std::string make_group(raw_client& c, const httplib::Headers& h, const std::string& name) {
  auto r = c.post("/v1/groups", h, "{name:'" + name + "', welcomeMessage:'hi'}");
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  return std::string(parse(r->body).at("groupId").as_string());
}

std::vector<std::string> group_names(const httplib::Result& r) {
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  std::vector<std::string> out;
  auto v = parse(r->body);
  for (const auto& g : v.at("groups").as_array()) out.emplace_back(g.at("groupName").as_string());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_SUITE("lenient body reader") {
  TEST_CASE("each Json.NET form becomes strict JSON with the same values") {
    struct form {
      const char* lenient;
      const char* strict;
      const char* named;  // the first non-standard form and where
    };
    const form forms[] = {
        {R"({name:"x", $a_1:2})", R"({"name":"x","$a_1":2})",
         "an unquoted property name at line 1, column 2 (byte 1)"},
        {R"({'name':'it\'s "here"'})", R"({"name":"it's \"here\""})",
         "a single-quoted string at line 1, column 2 (byte 1)"},
        {R"({"a":"x\'y"})", R"({"a":"x'y"})", "the escape \\' at line 1, column 8 (byte 7)"},
        {"{\n  // note\n  \"a\": 1 /* one */\n}", R"({"a":1})",
         "a // comment at line 2, column 3 (byte 4)"},
        {R"({"a":[1,2,],})", R"({"a":[1,2]})", "a trailing comma at line 1, column 10 (byte 9)"},
        {R"([{b:null}, 'x', -1.5e3, true, false])", R"([{"b":null},"x",-1.5e3,true,false])",
         "an unquoted property name at line 1, column 3 (byte 2)"},
    };
    for (const auto& f : forms) {
      std::string lenient = f.lenient;
      CAPTURE(lenient);
      auto r = emulator::read_lenient_json(f.lenient);
      REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
      CHECK(parse(r->text) == parse(f.strict));
      REQUIRE(r->nonstandard.has_value());
      CHECK(*r->nonstandard == f.named);
    }
    // Strict JSON passes byte for byte and names nothing.
    const std::string strict =
        "{ \"a\" : [1, {\"b\": \"c\\u0041 \xc3\xa9 \\ud83d\\ude00 \xf0\x9f\x98\x80\"}] }";
    auto r = emulator::read_lenient_json(strict);
    REQUIRE(r.has_value());
    CHECK(r->text == strict);
    CHECK_FALSE(r->nonstandard.has_value());
  }

  TEST_CASE(
      "what is not read is refused with line, column and byte (elided items, NaN: see README)") {
    struct bad {
      const char* text;
      const char* where_and_what;
    };
    const bad cases[] = {
        {"{a b:1}", "line 1, column 4 (byte 3): expected ':' after a property name"},
        {"{'a:1}", "line 1, column 2 (byte 1): a string does not end"},
        {"[1,,2]", "line 1, column 4 (byte 3): a value cannot start"},
        {"{\"a\":1\n \"b\":2}", "line 2, column 2 (byte 8): expected ',' or '}'"},
        {"{\"a\":1 /* open", "line 1, column 8 (byte 7): a /* comment does not end"},
        {"{a-b:1}", "line 1, column 3 (byte 2): an unquoted property name holds"},
        {"{\"a\":NaN}", "line 1, column 6 (byte 5): a value cannot start"},
        {"{\"a\":'x\\q'}", "line 1, column 8 (byte 7): unknown escape"},
        {"{\"a\":tru}", "line 1, column 6 (byte 5): unknown literal"},
        {"{\"a\":01}", "line 1, column 7 (byte 6): malformed number"},
        {"{\"a\":1} x", "line 1, column 9 (byte 8): text after the JSON value"},
        {"{\"a\":\"x\ny\"}", "line 1, column 8 (byte 7): a control character"},
        {"{\"a\":\"\xff\"}", "line 1, column 7 (byte 6): a string holds bytes that are not UTF-8"},
        {"{\"a\":\"\xed\xa0\x80\"}", "(byte 6): a string holds bytes that are not UTF-8"},
        {"{\"a\":\"\\ud800x\"}", "(byte 6): a \\u escape holds a high surrogate without"},
        {"{\"a\":\"\\udc00\"}", "(byte 6): a \\u escape holds a lone low surrogate"},
    };
    for (const auto& b : cases) {
      std::string text = b.text;
      CAPTURE(text);
      auto r = emulator::read_lenient_json(text);
      if (!r) CAPTURE(r.error().message);
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().kind == error_kind::invalid_request);
      CHECK(r.error().message.rfind("(root): invalid JSON at ", 0) == 0);
      CHECK_MESSAGE(r.error().message.find(b.where_and_what) != std::string::npos,
                    r.error().message);
    }
    // Nesting: 32 levels are read, 33 are refused before any recursion goes deeper.
    auto nested = [](std::size_t n) { return std::string(n, '[') + std::string(n, ']'); };
    auto deepest = emulator::read_lenient_json(nested(emulator::lenient_max_depth));
    REQUIRE(deepest.has_value());
    CHECK(parse_json(deepest->text).has_value());  // the typed reading's limit is the same
    auto deep = emulator::read_lenient_json(nested(100000));
    REQUIRE_FALSE(deep.has_value());
    CHECK(deep.error().message.find("nested deeper than 32 levels") != std::string::npos);
    // A value is never quoted in a refusal (a secret may be in it).
    auto secret = emulator::read_lenient_json("{'pin': 'SECRET-1234\\x'}");
    REQUIRE_FALSE(secret.has_value());
    CHECK(secret.error().message.find("SECRET") == std::string::npos);
  }

  TEST_CASE(
      "seeded random bodies: lenient printings read back to the value; mutations never crash") {
    std::mt19937 rng(20261206);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    // A random value, printed strictly and in a random Json.NET style.
    std::function<void(int, std::string&, std::string&)> gen = [&](int depth, std::string& strict,
                                                                   std::string& lenient) {
      auto space = [&] {
        switch (pick(6)) {
          case 0:
            lenient += " /* c */ ";
            break;
          case 1:
            lenient += " // c\n";
            break;
          case 2:
            lenient += "\n\t";
            break;
          default:
            break;
        }
      };
      int kind = depth > 3 ? pick(4) : pick(6);
      if (kind == 0) {
        strict += "null";
        lenient += "null";
      } else if (kind == 1) {
        std::string n = std::to_string(static_cast<int>(rng() % 2000) - 1000);
        strict += n;
        lenient += n;
      } else if (kind == 2 || kind == 3) {
        std::string s;
        for (int i = pick(6); i > 0; --i) s += "ab'\" _$"[pick(7)];
        std::string dq, sq;
        for (char ch : s) {
          dq += ch == '"' ? std::string("\\\"") : std::string(1, ch);
          sq += ch == '\'' ? std::string("\\'") : std::string(1, ch);
        }
        strict += "\"" + dq + "\"";
        lenient += pick(2) ? "'" + sq + "'" : "\"" + dq + "\"";
      } else if (kind == 4) {
        strict += "[";
        lenient += "[";
        int n = pick(4);
        for (int i = 0; i < n; ++i) {
          if (i) strict += ",", lenient += ",";
          space();
          gen(depth + 1, strict, lenient);
        }
        if (n > 0 && pick(2)) lenient += ",";
        strict += "]";
        lenient += "]";
      } else {
        strict += "{";
        lenient += "{";
        int n = pick(4);
        for (int i = 0; i < n; ++i) {
          if (i) strict += ",", lenient += ",";
          space();
          std::string key = "k" + std::to_string(i) + (pick(2) ? "_$" : "");
          strict += "\"" + key + "\":";
          int style = pick(3);
          lenient += style == 0 ? key : style == 1 ? "'" + key + "'" : "\"" + key + "\"";
          lenient += pick(2) ? " : " : ":";
          gen(depth + 1, strict, lenient);
        }
        if (n > 0 && pick(2)) lenient += ",";
        strict += "}";
        lenient += "}";
      }
    };
    for (int round = 0; round < 2000; ++round) {
      std::string strict, lenient;
      gen(0, strict, lenient);
      CAPTURE(lenient);
      auto r = emulator::read_lenient_json(lenient);
      REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
      CHECK(parse(r->text) == parse(strict));

      // The same text with a few bytes changed: an answer either way, and accepted text is JSON.
      std::string mutated = lenient;
      for (int k = pick(4) + 1; k > 0 && !mutated.empty(); --k) {
        std::size_t at = static_cast<std::size_t>(pick(static_cast<int>(mutated.size())));
        const char pool[] = "{}[],:'\"/*\\ \nax0-";
        char ch = pool[pick(static_cast<int>(sizeof pool - 1))];
        switch (pick(3)) {
          case 0:
            mutated[at] = ch;
            break;
          case 1:
            mutated.insert(at, 1, ch);
            break;
          default:
            mutated.erase(at, 1);
            break;
        }
      }
      CAPTURE(mutated);
      auto m = emulator::read_lenient_json(mutated);
      if (!m) {
        CHECK(m.error().message.rfind("(root): invalid JSON at line ", 0) == 0);
      } else if (mutated.find_first_not_of(" \t\r\n") != std::string::npos) {  // blank: {}
        boost::json::error_code ec;
        (void)boost::json::parse(m->text, ec);
        CHECK_MESSAGE(!ec, m->text);
      }
    }
  }
}

TEST_SUITE("emulator compatibility over raw HTTP") {
  TEST_CASE("the Swagger's own sign-in bodies and header names in any case sign in") {
    auto o = test_support::quiet_options();
    emulator::server emu(o);
    auto port = emu.start();
    REQUIRE(port.has_value());
    raw_client c(*port);

    auto pin = c.post("/v1/generatePin", {}, compat_body("GeneratePin.swagger.txt"));
    REQUIRE(pin);
    CHECK_MESSAGE(pin->status == 200, pin->body);
    auto the_pin = emu.last_pin(mobile, app);
    REQUIRE(the_pin.has_value());

    auto rt = c.post("/v1/loginWithPinAndApplicationId", {},
                     compat_body("GetRefreshToken.swagger.txt", *the_pin));
    REQUIRE(rt);
    REQUIRE_MESSAGE(rt->status == 200, rt->body);
    std::string refresh(parse(rt->body).at("refreshToken").as_string());

    auto at = c.get("/v1/accessToken", {{"APPLICATIONID", app},
                                        {"applicationsecret", "emulator-demo-secret"},
                                        {"RefreshToken", refresh}});
    REQUIRE(at);
    REQUIRE_MESSAGE(at->status == 200, at->body);
    std::string token(parse(at->body).at("accessToken").as_string());

    // The data calls, with the token header spelled as one recorded error message spells it, and
    // as a client that capitalises only the first letter would.
    for (const char* name : {"ACCESSTOKEN", "Accesstoken", "accesstoken", "accessToken"}) {
      CAPTURE(name);
      auto r = c.get("/v1/groups", {{name, token}});
      REQUIRE(r);
      CHECK(r->status == 200);
    }
  }

  TEST_CASE(
      "Authorization: Bearer is accepted; a malformed Authorization is 401; no token is logged") {
    log_lines log;
    auto o = test_support::quiet_options();
    o.log = log.sink();
    emulator_fixture f(o, mobile);
    raw_client c(port_of(f.emu));

    auto ok = c.get("/v1/groups", {{"Authorization", "Bearer " + f.access_token}});
    REQUIRE(ok);
    CHECK(ok->status == 200);
    auto lower = c.get("/v1/groups", {{"authorization", "bearer  " + f.access_token + " "}});
    REQUIRE(lower);
    CHECK(lower->status == 200);
    // A POST through Bearer changes the state like one through accessToken.
    auto made = c.post("/v1/groups", {{"Authorization", "Bearer " + f.access_token}},
                       "{name:'by bearer', welcomeMessage:'w'}");
    REQUIRE(made);
    CHECK(made->status == 200);
    CHECK(has(group_names(c.get("/v1/groups", {{"accessToken", f.access_token}})), "by bearer"));

    for (const std::string& bad :
         {"Basic " + f.access_token, std::string("Bearer"), std::string("Bearer "),
          "Bearer a " + f.access_token, f.access_token}) {
      CAPTURE(bad.substr(0, 6));
      auto r = c.get("/v1/groups", {{"Authorization", bad}});
      REQUIRE(r);
      CHECK(r->status == 401);
      CHECK(error_message(r).find("Bearer <token>") != std::string::npos);
      CHECK(r->body.find(f.access_token) == std::string::npos);
    }
    auto unknown = c.get("/v1/groups", {{"Authorization", "Bearer not-a-token"}});
    REQUIRE(unknown);
    CHECK(unknown->status == 401);
    // accessToken wins when both come.
    auto both = c.get("/v1/groups",
                      {{"accessToken", f.access_token}, {"Authorization", "Bearer not-a-token"}});
    REQUIRE(both);
    CHECK(both->status == 200);
    CHECK_FALSE(log.contains(f.access_token));
    CHECK_FALSE(log.contains("not-a-token"));
  }

  TEST_CASE("the official request examples, as written, act on the state") {
    emulator_fixture f(test_support::quiet_options(), mobile);
    raw_client c(port_of(f.emu));
    httplib::Headers h{{"accessToken", f.access_token}};

    // The Swagger's CreateGroup example: every key unquoted.
    auto created = c.post("/v1/groups", h, compat_body("CreateGroup.swagger.txt"));
    REQUIRE(created);
    REQUIRE_MESSAGE(created->status == 200, created->body);
    auto g = parse(created->body);
    CHECK(g.at("groupName") == "Kaizala Test group");
    CHECK(g.at("membersAdded") == true);
    std::string gid(g.at("groupId").as_string());
    auto members = c.get("/v1/groups/" + gid + "/members", h);
    REQUIRE(members);
    REQUIRE(members->status == 200);
    std::vector<std::string> numbers;
    auto listed = parse(members->body);
    for (const auto& m : listed.at("members").as_array())
      numbers.emplace_back(m.at("mobileNumber").as_string());
    CHECK(numbers.size() == 2);
    CHECK(has(numbers, mobile));
    CHECK(has(numbers, mobile2));

    // Comments and trailing commas: the two numbers join the group.
    auto added = c.put("/v1/groups/" + gid + "/members", h, compat_body("AddMembers.comments.txt"));
    REQUIRE(added);
    REQUIRE_MESSAGE(added->status == 200, added->body);
    CHECK(parse(added->body).at("result") == true);
    auto after = c.get("/v1/groups/" + gid + "/members", h);
    REQUIRE(after);
    CHECK(parse(after->body).at("members").as_array().size() == 4);
    CHECK(after->body.find(mobile4) != std::string::npos);

    // Single-quoted names and strings with \' escapes.
    auto sent =
        c.post("/v1/groups/" + gid + "/messages", h, compat_body("SendMessage.single-quoted.txt"));
    REQUIRE(sent);
    CHECK_MESSAGE(sent->status == 200, sent->body);
    CHECK(parse(sent->body).at("referenceId").as_string().size() > 0);

    // The connector pages' Job sample (unquoted keys): it is listed by FetchJobs afterwards.
    auto job = c.post("/v1/groups/" + gid + "/actions", h, compat_body("SendSurvey.job.md.txt"));
    REQUIRE(job);
    REQUIRE_MESSAGE(job->status == 200, job->body);
    std::string job_id(parse(job->body).at("actionId").as_string());
    auto jobs = c.get("/v1/groups/" + gid + "/actions?actionType=Job", h);
    REQUIRE(jobs);
    REQUIRE(jobs->status == 200);
    CHECK(jobs->body.find(job_id) != std::string::npos);
    CHECK(jobs->body.find("test job") != std::string::npos);

    // The Swagger's announcement: `actiontype` in lower case picks the Announcement kind.
    auto ann = c.post("/v1/groups/" + gid + "/actions", h,
                      compat_body("SendSurvey.announcement.swagger.txt"));
    REQUIRE(ann);
    CHECK_MESSAGE(ann->status == 200, ann->body);

    // Keys in other cases, explicit nulls for optional members, unknown members (nested too).
    auto sub = c.post("/v1/groups/" + gid + "/subGroups", h,
                      compat_body("CreateSubgroup.nulls-unknown.txt"));
    REQUIRE(sub);
    REQUIRE_MESSAGE(sub->status == 200, sub->body);
    CHECK(parse(sub->body).at("groupName") == "Sub group");
    auto subs = c.get("/v1/groups/" + gid + "/subGroups", h);
    REQUIRE(subs);
    REQUIRE(subs->status == 200);
    CHECK(subs->body.find("Sub group") != std::string::npos);

    auto survey =
        c.post("/v1/groups/" + gid + "/actions", h, compat_body("SendSurvey.survey.nested.txt"));
    REQUIRE(survey);
    REQUIRE_MESSAGE(survey->status == 200, survey->body);
    std::string survey_id(parse(survey->body).at("actionId").as_string());
    auto answers = c.get("/v1/groups/" + gid + "/actions/" + survey_id, h);
    REQUIRE(answers);
    CHECK_MESSAGE(answers->status == 200, answers->body);
  }

  TEST_CASE("GET /groups: fetchAllGroups adds the sub-groups, showDetail(s) adds the details") {
    emulator_fixture f(test_support::quiet_options(), mobile);
    raw_client c(port_of(f.emu));
    httplib::Headers h{{"accessToken", f.access_token}};
    std::string parent = make_group(c, h, "Parent");
    // A sub-group the caller is not a member of.
    auto sub = c.post("/v1/groups/" + parent + "/subGroups", h,
                      "{groupName:'Child', welcomeMessage:'w', addUserToGroup:false}");
    REQUIRE(sub);
    REQUIRE_MESSAGE(sub->status == 200, sub->body);

    auto direct = group_names(c.get("/v1/groups", h));
    CHECK(has(direct, "Parent"));
    CHECK_FALSE(has(direct, "Child"));
    for (const char* q : {"?fetchAllGroups=true", "?FetchAllGroups=True", "?fetchallgroups=TRUE"}) {
      CAPTURE(q);
      auto all = group_names(c.get(std::string("/v1/groups") + q, h));
      CHECK(has(all, "Parent"));
      CHECK(has(all, "Child"));
    }
    auto plain = c.get("/v1/groups", h);
    REQUIRE(plain);
    CHECK(plain->body.find("userCount") == std::string::npos);
    for (const char* q : {"?showDetail=true", "?showDetails=true", "?ShowDetails=true"}) {
      CAPTURE(q);
      auto r = c.get(std::string("/v1/groups") + q, h);
      REQUIRE(r);
      REQUIRE(r->status == 200);
      auto groups = parse(r->body).at("groups").as_array();
      REQUIRE(groups.size() == 1);
      CHECK(groups[0].at("userCount") == 1);
      CHECK(groups[0].at("currentLevelSubGroupCount") == 1);
    }
    auto both = c.get("/v1/groups?fetchAllGroups=true&showDetails=true", h);
    REQUIRE(both);
    CHECK(parse(both->body).at("groups").as_array().size() == 2);
    CHECK(both->body.find("userCount") != std::string::npos);
  }

  TEST_CASE(
      "what the real service could not have accepted still gets its 4xx, and changes nothing") {
    emulator_fixture f(test_support::quiet_options(), mobile);
    raw_client c(port_of(f.emu));
    httplib::Headers h{{"accessToken", f.access_token}};
    auto before = group_names(c.get("/v1/groups", h));

    struct refusal {
      std::string body;
      int status;
      std::string says;
    };
    const refusal cases[] = {
        {"{name:, welcomeMessage:'w'}", 400,
         "(root): invalid JSON at line 1, column 7 (byte 6): a value cannot start"},
        {"{group-name:'x', welcomeMessage:'w'}", 400, "an unquoted property name holds"},
        {"{name:'x', welcomeMessage:'w'", 400, "the body ends inside an object"},
        {"{welcomeMessage:'w'}", 400, "name"},
        {"{name:5, welcomeMessage:'w'}", 400, "name"},
        {"{name:'x', welcomeMessage:'w', groupType:'Nope'}", 400, "groupType"},
        {"{name:'x', welcomeMessage:'w', members:" + std::string(40, '[') + "]}", 400,
         "nested deeper than 32 levels"},
    };
    for (const auto& r : cases) {
      CAPTURE(r.body);
      auto res = c.post("/v1/groups", h, r.body);
      REQUIRE(res);
      CHECK(res->status == r.status);
      CHECK(error_message(res).find(r.says) != std::string::npos);
    }
    // The HTTP checks come first, as before: no token is 401, a text body is 415.
    auto no_token = c.post("/v1/groups", {}, "{name:, }");
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    auto text = c.post("/v1/groups", h, "{name:'x', welcomeMessage:'w'}", "text/plain");
    REQUIRE(text);
    CHECK(text->status == 415);
    CHECK(group_names(c.get("/v1/groups", h)) == before);
  }

  TEST_CASE("--strict refuses every non-standard form, naming it; the bindings pass it") {
    auto o = test_support::quiet_options();
    o.strict = true;
    emulator_fixture f(o, mobile);  // the sign-in through the bindings passes strict mode
    raw_client c(port_of(f.emu));
    httplib::Headers h{{"accessToken", f.access_token}};
    auto before = group_names(c.get("/v1/groups", h));

    struct refusal {
      std::string body;
      std::string says;
    };
    const refusal cases[] = {
        {compat_body("CreateGroup.swagger.txt"),
         "(root): not standard JSON: an unquoted property name at line 1, column 2 (byte 1)"},
        {"{\"name\":'x', \"welcomeMessage\":\"w\"}", "a single-quoted string at line 1, column 9"},
        {"{\"name\":\"x\", \"welcomeMessage\":\"w\",}", "a trailing comma"},
        {"{\"name\":\"x\", /* c */ \"welcomeMessage\":\"w\"}", "a /* */ comment"},
        {"{\"Name\":\"x\", \"welcomeMessage\":\"w\"}",
         "\"Name\": the key differs in case from the documented name"},
        {"{\"name\":\"x\", \"welcomeMessage\":\"w\", \"extra\":1}",
         "\"extra\": no such member in this request"},
    };
    for (const auto& r : cases) {
      CAPTURE(r.body);
      auto res = c.post("/v1/groups", h, r.body);
      REQUIRE(res);
      CHECK(res->status == 400);
      std::string m = error_message(res);
      CHECK(m.find(r.says) != std::string::npos);
      CHECK(m.find("(the emulator runs with --strict)") != std::string::npos);
    }
    for (const char* q : {"?showDetails=true", "?ShowDetail=true", "?details=true"}) {
      CAPTURE(q);
      auto res = c.get(std::string("/v1/groups") + q, h);
      REQUIRE(res);
      CHECK(res->status == 400);
      CHECK(error_message(res).find("query parameter") != std::string::npos);
    }
    auto bearer = c.get("/v1/groups", {{"Authorization", "Bearer " + f.access_token}});
    REQUIRE(bearer);
    CHECK(bearer->status == 401);
    CHECK(error_message(bearer).find("--strict") != std::string::npos);
    CHECK(group_names(c.get("/v1/groups", h)) == before);

    // Standard forms pass: header names in any case are HTTP itself, nulls are documented.
    auto upper =
        c.get("/v1/groups?showDetail=true&fetchAllGroups=false", {{"ACCESSTOKEN", f.access_token}});
    REQUIRE(upper);
    CHECK(upper->status == 200);
    auto nulls =
        c.post("/v1/groups", h, R"({"name":"strict", "welcomeMessage":"w", "members":null})");
    REQUIRE(nulls);
    CHECK_MESSAGE(nulls->status == 200, nulls->body);

    // The bindings keep sending strict JSON: every call of theirs passes a strict emulator.
    auto g = call<ops::CreateGroup>(
        f.http, f.ctx, {"by binding", "W", std::vector<std::string>{mobile2}, GroupType::Group});
    REQUIRE_MESSAGE(g.has_value(), (g ? "" : g.error().to_string()));
    auto m = call<ops::SendMessage>(f.http, f.ctx, {g->groupId, "hello"});
    CHECK_MESSAGE(m.has_value(), (m ? "" : m.error().to_string()));
    AddMembersRequest add;
    add.groupId = g->groupId;
    add.members = {mobile3};
    auto a = call<ops::AddMembers>(f.http, f.ctx, add);
    CHECK_MESSAGE(a.has_value(), (a ? "" : a.error().to_string()));
    FetchDirectGroupsRequest list;
    list.showDetail = true;
    list.fetchAllGroups = true;
    auto l = call<ops::FetchDirectGroups>(f.http, f.ctx, list);
    REQUIRE_MESSAGE(l.has_value(), (l ? "" : l.error().to_string()));
    CHECK(l->groups.size() == before.size() + 2);
  }
}
