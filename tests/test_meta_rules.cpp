// The public reflection and rules API (kaizala/reflect.hpp, param_text.hpp, url.hpp's root rules,
// media_types.hpp): the one home of each spec rule the runtime, kaizala-cli and the emulator share,
// and read_request using them.
#include <kaizala/generated/all.hpp>
#include <kaizala/media_types.hpp>
#include <kaizala/param_text.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/server/read_request.hpp>
#include <kaizala/url.hpp>
#include "codegen/golden/extras/all.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

using kaizala::meta::location;
using reason = kaizala::param_text_error::reason;

TEST_CASE("for_each_field: every member with its facts, docs and a typed member pointer") {
  std::vector<std::string> seen;
  kaizala::SendMessageRequest req;
  kaizala::for_each_field<kaizala::SendMessageRequest>([&](auto d, const kaizala::meta::field& f) {
    seen.push_back(std::string(d.name) + ":" + std::string(f.json_name) + ":" +
                   std::string(kaizala::location_name(f.in)) + ":" + std::to_string(f.max_length));
    using M = std::remove_reference_t<decltype(req.*d.pointer)>;
    static_assert(std::is_same_v<M, std::string>);
    req.*d.pointer = std::string(f.json_name) + "!";
  });
  CHECK(seen == std::vector<std::string>{"groupId:groupId:path:0", "message:message:body:4000"});
  CHECK(req.groupId == "groupId!");
  CHECK(req.message == "message!");

  const auto& fields = kaizala::meta::fields_of<kaizala::SendMessageRequest>::fields;
  CHECK(kaizala::field_doc<kaizala::SendMessageRequest>(fields[1]) ==
        "Message text, at most 4000 characters.");
  kaizala::meta::field stranger{"x"};
  CHECK(
      kaizala::field_doc<kaizala::SendMessageRequest>(stranger).empty());  // not one of T's fields
}

TEST_CASE("for_each_param: an op's members outside the body, with locations and styles") {
  std::vector<std::string> params;
  kaizala::for_each_param<extras::ops::FindItems>([&](auto, const kaizala::meta::field& f) {
    params.push_back(std::string(f.json_name) + "@" + std::string(kaizala::location_name(f.in)));
  });
  CHECK(params == std::vector<std::string>{"level@path", "min@query", "filter@query", "tags@query",
                                           "levels@query"});
  int body_only = 0;
  kaizala::for_each_param<kaizala::ops::SendMessage>([&](auto, const kaizala::meta::field& f) {
    CHECK(f.json_name == "groupId");
    ++body_only;
  });
  CHECK(body_only == 1);
}

TEST_CASE("type_name and enum_names: the spec's words for member types") {
  CHECK(kaizala::type_name<std::optional<std::vector<kaizala::open_enum<extras::Priority>>>>() ==
        "array of Priority");
  CHECK(kaizala::type_name<std::map<std::string, std::string>>() == "map of string");
  CHECK(kaizala::type_name<std::int32_t>() == "int32");
  CHECK(kaizala::type_name<kaizala::SendMessageRequest>() == "SendMessageRequest");
  CHECK(kaizala::enum_names<std::optional<kaizala::open_enum<extras::Priority>>>() ==
        std::vector<std::string_view>{"1", "2", "3", "-1"});
  CHECK(kaizala::enum_names<std::string>().empty());
  CHECK(kaizala::is_param_type_v<std::optional<kaizala::open_enum<extras::Priority>>>);
  CHECK_FALSE(kaizala::is_param_type_v<std::vector<std::string>>);
  CHECK(kaizala::is_required_v<std::string>);
  CHECK_FALSE(kaizala::is_required_v<std::optional<std::string>>);
}

TEST_CASE("key_matches: JSON name, then aliases, exactly; any ASCII case only when asked") {
  kaizala::meta::field f{"groupId", location::body, "GroupID|group_id"};
  CHECK(kaizala::key_matches("groupId", f, false));
  CHECK(kaizala::key_matches("group_id", f, false));
  CHECK(kaizala::key_matches("GroupID", f, false));
  CHECK_FALSE(kaizala::key_matches("GROUPID", f, false));
  CHECK(kaizala::key_matches("GROUPID", f, true));
  CHECK(kaizala::key_matches("Group_Id", f, true));
  CHECK_FALSE(kaizala::key_matches("group", f, true));
  CHECK_FALSE(kaizala::key_matches("", f, true));
  kaizala::meta::field plain{"id"};
  CHECK_FALSE(kaizala::key_matches("", plain, true));  // an empty alias list names nothing
  std::vector<std::string_view> aliases;
  kaizala::for_each_alias(f, [&](std::string_view a) { aliases.push_back(a); });
  CHECK(aliases == std::vector<std::string_view>{"GroupID", "group_id"});
}

TEST_CASE("unknown_keys: what decoding would skip, at any depth, with where a parameter belongs") {
  auto v = kaizala::parse_json(R"({"mesage": "hi", "groupId": "g", "MESSAGE": "x"})").value();
  auto keys = kaizala::unknown_keys<kaizala::SendMessageRequest>(v, false);
  REQUIRE(keys.size() == 3);
  CHECK(keys[0].path == "mesage");
  CHECK(keys[0].owner == "SendMessageRequest");
  CHECK(keys[0].names == std::vector<std::string_view>{"message"});
  CHECK_FALSE(keys[0].param.has_value());
  CHECK(keys[1].key == "groupId");
  CHECK(keys[1].param == location::path);
  CHECK(keys[2].key == "MESSAGE");
  CHECK(kaizala::unknown_keys<kaizala::SendMessageRequest>(v, true).size() ==
        2);  // MESSAGE reads as message

  auto nested = kaizala::parse_json(R"({"members": [{"id": "1"}, {"nmae": "x"}]})").value();
  auto deep = kaizala::unknown_keys<kaizala::FetchMembersResponse>(nested, false);
  REQUIRE(deep.size() == 1);
  CHECK(deep[0].path == "members[1].nmae");
}

TEST_CASE("parse_param: scalars, with a typed reason for bad text") {
  std::int32_t i = 0;
  CHECK_FALSE(kaizala::parse_param("-42", i));
  CHECK(i == -42);
  CHECK(kaizala::parse_param("ten", i)->why == reason::not_a_value);
  CHECK(kaizala::parse_param("4 ", i)->why == reason::not_a_value);  // the whole text, no spaces
  CHECK(kaizala::parse_param("", i)->why == reason::not_a_value);
  CHECK(kaizala::parse_param("99999999999", i)->why == reason::out_of_range);
  std::int64_t big = 0;
  CHECK_FALSE(kaizala::parse_param("99999999999", big));
  CHECK(big == 99999999999);

  double d = 0;
  CHECK_FALSE(kaizala::parse_param("2.5", d));
  CHECK(d == 2.5);
  CHECK(kaizala::parse_param("inf", d)->why == reason::not_finite);
  CHECK(kaizala::parse_param("nan", d)->why == reason::not_finite);

  bool b = false;
  CHECK_FALSE(kaizala::parse_param("TRUE", b));
  CHECK(b);
  CHECK(kaizala::parse_param("yes", b)->why == reason::not_a_value);

  std::optional<std::string> s;
  CHECK_FALSE(kaizala::parse_param("a b%2F", s));
  CHECK(s == "a b%2F");  // text is taken as it is: decoding is the caller's

  CHECK(kaizala::param_expected<std::optional<bool>>() == "true or false");
  CHECK(kaizala::param_expected<std::int64_t>() == "an integer");
  CHECK(kaizala::param_expected<double>() == "a number");
  CHECK(kaizala::param_expected<kaizala::open_enum<extras::Priority>>() == "an integer");
}

TEST_CASE(
    "parse_param: enums as the decoder reads them; integer enums; unknown values kept or refused") {
  kaizala::open_enum<kaizala::GroupType> g;
  CHECK_FALSE(kaizala::parse_param("group", g));  // any ASCII case
  REQUIRE(g.known());
  CHECK(g == kaizala::GroupType::Group);
  CHECK_FALSE(kaizala::parse_param("Galaxy", g));  // open: kept, as in a JSON body
  CHECK_FALSE(g.known());
  CHECK(g.unknown_text() == "Galaxy");
  kaizala::param_read_options strict;
  strict.known_enums_only = true;
  CHECK(kaizala::parse_param("Galaxy", g, strict)->why == reason::unknown_enum);

  kaizala::open_enum<extras::Priority> p;
  CHECK_FALSE(kaizala::parse_param("-1", p));
  CHECK(p == extras::Priority::value_minus_1);
  CHECK(kaizala::parse_param("urgent", p)->why ==
        reason::not_a_value);  // the wire text is the number
  CHECK(kaizala::parse_param("01", p)->why == reason::not_a_value);
  CHECK_FALSE(kaizala::parse_param("7", p));  // unknown number kept
  CHECK(p.unknown_text() == "7");
  CHECK(kaizala::parse_param("7", p, strict)->why == reason::unknown_enum);
  CHECK(kaizala::parse_param("99999999999999999999", p)->why == reason::out_of_range);
}

TEST_CASE("param_to_text is parse_param's inverse; split_param_list follows the field's style") {
  std::string text;
  CHECK(kaizala::param_to_text(std::optional<std::int32_t>(7), text));
  CHECK(text == "7");
  CHECK_FALSE(kaizala::param_to_text(std::optional<std::int32_t>(), text));
  kaizala::open_enum<extras::Priority> p = extras::Priority::urgent, back;
  REQUIRE(kaizala::param_to_text(p, text));
  CHECK(text == "3");
  CHECK_FALSE(kaizala::parse_param(text, back));
  CHECK(back == p);

  kaizala::meta::field form{"tags", location::query};
  form.explode = false;
  std::vector<std::string> one{"a,b,,c"};
  CHECK(kaizala::split_param_list(one, form) == std::vector<std::string_view>{"a", "b", "", "c"});
  kaizala::meta::field pipe = form;
  pipe.style = kaizala::meta::param_style::pipe_delimited;
  std::vector<std::string> piped{"a|b,c"};
  CHECK(kaizala::split_param_list(piped, pipe) == std::vector<std::string_view>{"a", "b,c"});
  kaizala::meta::field space = form;
  space.style = kaizala::meta::param_style::space_delimited;
  std::vector<std::string> spaced{"a b"};
  CHECK(kaizala::split_param_list(spaced, space) == std::vector<std::string_view>{"a", "b"});
  kaizala::meta::field exploded{"tags", location::query};
  CHECK(kaizala::split_param_list(one, exploded) == std::vector<std::string_view>{"a,b,,c"});
  std::vector<std::string> many{"a,b", "c"};
  CHECK(kaizala::split_param_list(many, form) == std::vector<std::string_view>{"a,b", "c"});
  CHECK(kaizala::split_param_list({}, form).empty());
}

TEST_CASE("root_path_of and root_from_base: the path a root puts before the op's path") {
  CHECK(kaizala::root_path_of("{endpointUrl}/v1") == "/v1");
  CHECK(kaizala::root_path_of("https://api.kaiza.la/v1") == "/v1");
  CHECK(kaizala::root_path_of("https://{region}.example.com/api/v2") == "/api/v2");
  CHECK(kaizala::root_path_of("https://api.kaiza.la").empty());
  CHECK(kaizala::root_path_of("{base}").empty());
  CHECK(kaizala::root_path_of(kaizala::ops::SendMessage::root_url) == "/v1");

  CHECK(kaizala::root_from_base("https://x.kaiza.la", "{endpointUrl}/v1") ==
        "https://x.kaiza.la/v1");
  CHECK(kaizala::root_from_base("https://x.kaiza.la//", "{endpointUrl}/v1") ==
        "https://x.kaiza.la/v1");
  CHECK(kaizala::root_from_base("https://x.kaiza.la/V1/", "{endpointUrl}/v1") ==
        "https://x.kaiza.la/V1");
  CHECK(kaizala::root_from_base("http://127.0.0.1:8080", "https://api.kaiza.la") ==
        "http://127.0.0.1:8080");
  CHECK(kaizala::root_from_base("", "{endpointUrl}/v1") == "/v1");
}

TEST_CASE("the emulator host override keeps only the root's path, also under a host placeholder") {
  ::setenv("KAIZALA_EMULATOR_HOST", "127.0.0.1:9", 1);
  kaizala::context ctx;
  auto regional = ctx.root_url("main", "https://{region}.example.com/api/v2");
  auto endpoint = ctx.root_url("endpoint", kaizala::ops::SendMessage::root_url);
  ::unsetenv("KAIZALA_EMULATOR_HOST");
  REQUIRE(regional.has_value());
  CHECK(*regional == "http://127.0.0.1:9/api/v2");  // was "http://127.0.0.1:9.example.com/api/v2"
  REQUIRE(endpoint.has_value());
  CHECK(*endpoint == "http://127.0.0.1:9/v1");
}

TEST_CASE("media types: by extension for uploads, and the kind of a Content-Type") {
  CHECK(kaizala::media_type_for("photo.PNG") == "image/png");
  CHECK(kaizala::media_type_for("dir/a.b/report.docx") ==
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(kaizala::media_type_for("dir.png/README").empty());  // the dot is in a directory
  CHECK(kaizala::media_type_for("archive.tar.gz").empty());
  CHECK(kaizala::media_type_for("noext").empty());
  CHECK(kaizala::media_type_for(".png") == "image/png");
  CHECK(kaizala::media_kind_of("IMAGE/PNG; q=1") == "Image");
  CHECK(kaizala::media_kind_of(" video/3gpp ") == "Video");
  CHECK(kaizala::media_kind_of("application/pdf") == "Document");
  CHECK(kaizala::media_kind_of("text/plain").empty());
  CHECK(kaizala::media_kind_of("").empty());
  for (const auto& m : kaizala::upload_media_types) {
    CHECK(m.extension.front() == '.');
    CHECK(kaizala::media_type_for("f" + std::string(m.extension)) == m.type);
    CHECK(kaizala::media_kind_of(m.type) == m.kind);
  }
}

TEST_CASE("read_request reads list query parameters in the style build_request writes them") {
  kaizala::context ctx;
  ctx.set_root("main", "http://127.0.0.1:1");
  extras::FindItemsRequest req;
  req.level = extras::Priority::urgent;
  req.levels = {{extras::Priority::value_1, extras::Priority::urgent}};
  auto sent = kaizala::build_request<extras::ops::FindItems>(ctx, req);
  REQUIRE(sent.has_value());
  CHECK(sent->target == "/items/3?levels=1&levels=3");
  auto back = kaizala::read_request<extras::ops::FindItems>(*sent);
  REQUIRE(back.has_value());
  CHECK(back->levels == req.levels);

  kaizala::http_request in = *sent;
  in.target = "/items/3?LEVELS=2";  // names in any case, as the service read them
  back = kaizala::read_request<extras::ops::FindItems>(in);
  REQUIRE(back.has_value());
  CHECK(back->levels == std::optional<std::vector<kaizala::open_enum<extras::Priority>>>(
                            {extras::Priority::value_2}));
  in.target = "/items/3?levels=1&levels=high";
  auto bad = kaizala::read_request<extras::ops::FindItems>(in);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message == "levels: query parameter must be an integer");
  CHECK(bad.error().path == "levels");
  in.target = "/items/3";
  back = kaizala::read_request<extras::ops::FindItems>(in);
  REQUIRE(back.has_value());
  CHECK_FALSE(back->levels.has_value());
}
