// kaizala-codegen stage by stage: the reader's typed description and shape errors, validation on
// hand-built descriptions, the model, and what emit does with hostile spec text.
#include <kaizala/version.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "generate.hpp"
#include "generate_spec.hpp"
#include "model.hpp"
#include "spec_reader.hpp"
#include "validate.hpp"

using namespace kaizala::codegen;

namespace {

const char* const small_spec = R"({
  "api": {"name": "S", "namespace": "s", "roots": {"main": {"url": "{base}"}},
          "auth": {"key": {"header": "K"}}, "groups": {"g": {}}},
  "types": {
    "Kind": {"enum": ["a", "b-c"]},
    "Outer": {"fields": {"inner": {"type": "Inner", "required": true},
                         "kind": {"type": "Kind", "default": "b-c"}}},
    "Inner": {"fields": {"tags": {"type": "array", "items": "string", "maxItems": 3}}}
  },
  "operations": {
    "Get": {"group": "g", "summary": "S.", "method": "GET", "path": "/o/{id}", "root": "main",
            "auth": "key", "idempotent": true,
            "params": {"id": {"in": "path", "type": "string", "required": true}},
            "response": {"type": "Outer"}}
  }
})";

described describe_text(const std::string& text) {
  spec_document doc = read_spec(text, "s.json");
  REQUIRE(doc.diagnostics.empty());
  return describe(doc);
}

// The errors (not the warnings) as printed.
std::vector<std::string> formatted(const std::vector<diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds)
    if (d.level == severity::error) out.push_back(format(d));
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

source_ref at(const std::string& pointer) {
  source_ref r;
  r.pointer = pointer;
  return r;
}

located<std::string> text(const std::string& value, const std::string& pointer) {
  located<std::string> out;
  out.value = value;
  out.present = true;
  out.at = at(pointer);
  return out;
}

// A description with one group, root and auth scheme, and no types or operations.
description skeleton() {
  description d;
  d.file_name = "built";
  d.is_object = true;
  d.api.name = text("B", "/api/name");
  d.api.ns = text("b", "/api/namespace");
  named_desc root;
  root.name = "main";
  root.url = text("{base}", "/api/roots/main/url");
  d.api.roots.push_back(root);
  named_desc group;
  group.name = "g";
  d.api.groups.push_back(group);
  return d;
}

field_desc field_of(const std::string& json_name, const std::string& type,
                    const std::string& owner) {
  field_desc f;
  f.json_name = json_name;
  f.at = at(owner + "/fields/" + json_name);
  f.type.name = type;
  f.type.at = f.at;
  f.type.name_at = at(f.at.pointer + "/type");
  return f;
}

}  // namespace

TEST_CASE("reader: the typed description keeps every element with its source position") {
  described d = describe_text(small_spec);
  CHECK(d.diagnostics.empty());
  const description& spec = d.spec;
  REQUIRE(spec.types.size() == 3);
  CHECK(spec.types[0].kind == type_desc::kind_t::enumeration);
  REQUIRE(spec.types[0].values.size() == 2);
  CHECK(spec.types[0].values[1].text == "b-c");
  CHECK(spec.types[0].values[1].at.pointer == "/types/Kind/enum/1");
  CHECK(spec.types[0].values[1].at.value.line == 5);
  CHECK(spec.types[0].values[1].at.value.col == 28);
  const type_desc& outer = spec.types[1];
  CHECK(outer.kind == type_desc::kind_t::structure);
  REQUIRE(outer.fields.size() == 2);
  CHECK(outer.fields[0].json_name == "inner");
  CHECK(*outer.fields[0].type.name == "Inner");
  CHECK(outer.fields[0].required.value_or(false));
  CHECK(outer.fields[0].at.key.line == 6);
  CHECK(outer.fields[0].at.key.col == 26);
  CHECK(outer.fields[0].type.name_at.value.col == 44);
  const field_desc& tags = spec.types[2].fields[0];
  REQUIRE(tags.type.items);
  CHECK(tags.type.items->written_as_name);
  CHECK(*tags.type.items->name == "string");
  CHECK(tags.max_items->get_int64() == 3);
  REQUIRE(spec.operations.size() == 1);
  const operation_desc& op = spec.operations[0];
  CHECK(*op.path == "/o/{id}");
  REQUIRE(op.params.size() == 1);
  CHECK(*op.params[0].in == "path");
  REQUIRE(op.response);
  CHECK(op.response->kind == response_desc::kind_t::type);
  CHECK(*op.response->type == "Outer");
}

TEST_CASE("reader: shape errors are the reader's, reference errors are validation's") {
  std::string text = small_spec;
  text.replace(text.find("\"type\": \"Inner\""), 15, "\"type\": \"Iner\", \"requird\": 1");
  described d = describe_text(text);
  auto shape = formatted(d.diagnostics);
  REQUIRE(shape.size() == 1);
  CHECK(shape[0] ==
        "s.json:6:52: error: unknown key \"requird\" in field \"inner\" of type \"Outer\" (did you "
        "mean \"required\"?); allowed: type, items, values, required, doc, aliases, lenient, "
        "maxItems, maxLength, default, cppName, secret, nullable, format, deprecated, readOnly, "
        "writeOnly");
  auto checks = formatted(validate(d.spec));
  REQUIRE(checks.size() == 1);
  CHECK(checks[0] == "s.json:6:44: error: unknown type \"Iner\" (did you mean \"Inner\"?)");
}

TEST_CASE("reader: a present value of the wrong JSON type is not also reported missing") {
  std::string text = small_spec;
  text.replace(text.find("\"summary\": \"S.\""), 15, "\"summary\": 5");
  described d = describe_text(text);
  auto shape = formatted(d.diagnostics);
  REQUIRE(shape.size() == 1);
  CHECK(shape[0] == "s.json:11:38: error: \"summary\" must be a string, not a number");
  CHECK(d.spec.operations[0].summary.present);
  CHECK_FALSE(d.spec.operations[0].summary);
  CHECK_FALSE(has_errors(validate(d.spec)));
}

TEST_CASE("validation on a hand-built description: references, names, limits") {
  description d = skeleton();
  type_desc t;
  t.name = "A";
  t.at = at("/types/A");
  t.kind = type_desc::kind_t::structure;
  t.fields.push_back(field_of("x", "Nope", "/types/A"));
  t.fields.push_back(field_of("y", "string", "/types/A"));
  t.fields.back().max_items.value = boost::json::value(2);
  t.fields.back().max_items.present = true;
  t.fields.back().max_items.at = at("/types/A/fields/y/maxItems");
  t.fields.push_back(field_of("class", "bool", "/types/A"));
  d.types.push_back(t);
  auto ds = formatted(validate(d));
  REQUIRE(ds.size() == 2);  // and a warning, below
  // No text positions: each names its spec pointer instead.
  CHECK(ds[0] ==
        "built:1:1: error: unknown type \"Nope\" (at spec pointer /types/A/fields/x/type)");
  CHECK(ds[1] ==
        "built:1:1: error: \"maxItems\" is only for arrays and maps (at spec pointer "
        "/types/A/fields/y/maxItems)");
  auto all = validate(d);
  REQUIRE(all.size() == 3);
  CHECK(format(all[2]) ==
        "built:1:1: warning: JSON name \"class\" is not a usable C++ name; the member is named "
        "\"class_\" (set \"cppName\" to choose) (at spec pointer /types/A/fields/class)");
}

TEST_CASE("validation on a hand-built description: a struct holding itself") {
  description d = skeleton();
  type_desc node;
  node.name = "Node";
  node.at = at("/types/Node");
  node.kind = type_desc::kind_t::structure;
  node.fields.push_back(field_of("next", "Node", "/types/Node"));
  d.types.push_back(node);
  auto ds = formatted(validate(d));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "built:1:1: error: type \"Node\" contains itself other than through an array: Node.next -> "
        "Node (at spec pointer /types/Node/fields/next)");
  auto list = std::make_shared<type_expr>();
  list->name = "Node";
  list->written_as_name = true;
  d.types[0].fields[0].type.name = "array";
  d.types[0].fields[0].type.items = list;
  CHECK(validate(d).empty());
}

TEST_CASE("model: C++ names, dependency order, defaults and requests") {
  described d = describe_text(small_spec);
  REQUIRE_FALSE(has_errors(validate(d.spec)));
  model m = build_model(d.spec);
  CHECK(m.ns == "s");
  REQUIRE(m.enums.size() == 1);
  CHECK(m.enums[0].values[1].cpp_name == "b_c");
  REQUIRE(m.structs.size() == 2);
  CHECK(m.structs[0].name == "Inner");  // Outer holds an Inner by value: Inner first
  CHECK(m.structs[1].name == "Outer");
  CHECK(m.structs[1].fields[1].default_value == "b_c");  // the enumerator, not the JSON text
  CHECK(m.structs[0].fields[0].max_items == 3);
  REQUIRE(m.ops.size() == 1);
  CHECK(m.ops[0].request.name == "GetRequest");
  CHECK(m.ops[0].request.fields[0].in == location::path);
  CHECK(m.ops[0].response == operation::response_kind::type);
  CHECK(m.ops[0].root_url == "{base}");
  CHECK(m.ops[0].auth_header == "K");
  REQUIRE(m.groups.size() == 1);
  CHECK(m.groups[0].ops == std::vector<std::size_t>{0});
}

TEST_CASE("importer entry: diagnostics point at the nearest x-origin") {
  auto spec = boost::json::parse(small_spec);
  auto& op = spec.at("operations").at("Get").as_object();
  op["x-origin"] = "api.yaml#/paths/~1o~1{id}/get";
  op["group"] = "gg";
  op["params"].as_object()["id"].as_object()["x-origin"] =
      "api.yaml#/paths/~1o~1{id}/get/parameters/0";
  op["params"].as_object()["id"].as_object()["in"] = "body";
  origin_locator locate = [](std::string_view origin) -> std::optional<origin_position> {
    if (origin == "api.yaml#/paths/~1o~1{id}/get") return origin_position{"api.yaml", 10, 5};
    return std::nullopt;
  };
  auto ds = formatted(generate_from_spec(spec, "api.yaml (imported)", locate).diagnostics);
  REQUIRE(ds.size() == 3);
  CHECK(ds[0] ==
        "api.yaml:10:5: error: unknown group \"gg\" (did you mean \"g\"?) (from "
        "api.yaml#/paths/~1o~1{id}/get, spec pointer /operations/Get/group)");
  CHECK(ds[1] ==
        "api.yaml (imported):1:1: error: \"in\" must be \"path\", \"query\", \"header\" or "
        "\"cookie\", not "
        "\"body\" (from api.yaml#/paths/~1o~1{id}/get/parameters/0, spec pointer "
        "/operations/Get/params/id/in)");
  CHECK(ds[2] ==
        "api.yaml:10:5: error: path has \"{id}\" but no param \"id\" with \"in\": \"path\" (from "
        "api.yaml#/paths/~1o~1{id}/get, spec pointer /operations/Get/path)");
  spec.at("operations").at("Get").as_object()["group"] = "g";
  spec.at("operations").at("Get").at("params").at("id").as_object()["in"] = "path";
  auto ok = generate_from_spec(spec, "api.yaml", locate);
  CHECK_FALSE(has_errors(ok.diagnostics));
  CHECK(ok.files.count("g.hpp"));
}

TEST_CASE("spec text cannot escape a generated comment or string literal") {
  std::string text = read(KAIZALA_SOURCE_DIR "/tests/codegen/hostile.json");
  REQUIRE_FALSE(text.empty());
  auto result = generate(text, "hostile.json");
  REQUIRE_FALSE(has_errors(result.diagnostics));
  // types.hpp, a group, all.hpp, roots.hpp, service.hpp (op docs as comments) and two type headers
  REQUIRE(result.files.size() == 7);
  int evil_lines = 0;
  for (const auto& file : result.files) {
    INFO(file.first);
    const std::string& content = file.second;
    // No line break but \n: not \r, \v, \f, U+0085, U+2028, U+2029.
    for (const char* breaker : {"\r", "\v", "\f", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"})
      CHECK(content.find(breaker) == std::string::npos);
    std::istringstream lines(content);
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      CHECK((line.empty() || line.back() != '\\'));  // no line continuation
      std::size_t first = line.find_first_not_of(' ');
      bool comment = first != std::string::npos && line.compare(first, 2, "//") == 0;
      if (comment) CHECK(line.find("*/") == std::string::npos);
      std::size_t evil = line.find("EVIL");
      if (evil == std::string::npos) continue;
      ++evil_lines;
      // Either a comment line, or inside a string literal:
      // an odd number of unescaped quotes before.
      int quotes = 0;
      for (std::size_t i = 0; i < evil; ++i) {
        if (line[i] == '\\')
          ++i;
        else if (line[i] == '"')
          ++quotes;
      }
      CHECK((comment || quotes % 2 == 1));
    }
  }
  CHECK(evil_lines >= 15);
}

TEST_CASE("diagnostics name the problem, not a neighbour of it") {
  auto spec_with = [](const std::string& body_or_response) {
    return std::string(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"A": {"fields": {}}}, "operations": {"Op": {"group": "g",
 "summary": "S.", "method": "POST", "path": "/x", "root": "main", "auth": "none",
 "idempotent": false, )") +
           body_or_response + "}}}";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  SUBCASE(
      "a builtin body type is a whole-value body: not `unknown type \"array\" (did you mean "
      "\"array\"?)`") {
    auto ds = messages(spec_with(R"("body": {"type": "array"}, "response": "json")"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "an array needs \"items\"");
    ds = messages(spec_with(R"("body": {"type": "A", "items": "A"}, "response": "json")"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "\"items\" is only for arrays (the type here is \"A\")");
    ds = messages(spec_with(R"("body": {"type": "file"}, "response": {"type": "string"})"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "type \"file\" is only allowed in body.multipart");
  }
  SUBCASE("a body with \"type\" and an unknown key is told about the key only") {
    auto ds = messages(spec_with(R"("body": {"type": "A", "itmes": "A"}, "response": "json")"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] ==
          "unknown key \"itmes\" in body of operation \"Op\" (did you mean \"items\"?); allowed: "
          "fields, "
          "type, items, values, multipart, form, binary, mediaType, required");
  }
  SUBCASE("control characters in names are escaped in messages") {
    auto ds = messages(spec_with(R"("body": {"type": "A\u001b[2J"}, "response": "json")"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "unknown type \"A\\u001b[2J\"");
  }
}

TEST_CASE("validation of the grown format: whole-value bodies, nullable, HEAD/OPTIONS") {
  auto spec_with = [](const std::string& op_extra) {
    return std::string(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"A": {"fields": {}}}, "operations": {"Op": {"group": "g",
 "summary": "S.", "path": "/x", "root": "main", "auth": "none", "idempotent": false, )") +
           op_extra + "}}}";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  CHECK(messages(spec_with(R"("method": "HEAD", "response": "none")")).empty());
  CHECK(messages(spec_with(R"("method": "OPTIONS", "response": "none")")).empty());
  auto ds = messages(spec_with(R"("method": "TRACE", "response": "none")"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "method \"TRACE\" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
  ds = messages(spec_with(R"("method": "GET", "response": "nothing")"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "response of operation \"Op\" must be \"json\", \"none\" or an object with \"fields\" or "
        "\"type\"");
  SUBCASE("a param named body collides with a whole-value body") {
    ds = messages(
        spec_with(R"("method": "PUT", "params": {"body": {"in": "query", "type": "string"}}, )"
                  R"("body": {"type": "array", "items": "A"}, "response": "none")"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] ==
          "the body has the C++ name \"body\", already used by param \"body\" (set \"cppName\" to "
          "choose another)");
  }
  SUBCASE("nullable is for JSON fields only") {
    ds = messages(spec_with(
        R"("method": "GET", "params": {"q": {"in": "query", "type": "string", "nullable": true}}, )"
        R"("response": {"fields": {"r": {"type": "string", "nullable": true}}})"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "\"nullable\" is only for JSON fields, not params");
    ds = messages(spec_with(
        R"("method": "GET", "response": {"fields": {"r": {"type": "string", "nullable": 1}}})"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "\"nullable\" must be true or false, not a number");
  }
}

TEST_CASE("validation of array and cookie params") {
  auto with_params = [](const std::string& params) {
    return std::string(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"A": {"fields": {}}}, "operations": {"Op": {"group": "g",
 "summary": "S.", "method": "GET", "path": "/x", "root": "main", "auth": "none",
 "idempotent": true, "response": "json", "params": {)") +
           params + "}}}}";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  CHECK(
      messages(
          with_params(
              R"("a": {"in": "query", "type": "array", "items": "int64", "style": "pipeDelimited", "explode": false},
      "c": {"in": "cookie", "type": "string"})"))
          .empty());
  auto ds = messages(with_params(R"("a": {"in": "query", "type": "array", "items": "A"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "a param must be a string, bool, int32, int64, double or enum, or an array of those");
  ds = messages(with_params(
      R"("a": {"in": "query", "type": "array", "items": {"type": "array", "items": "string"}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "a param must be a string, bool, int32, int64, double or enum, or an array of those");
  ds = messages(
      with_params(R"("a": {"in": "header", "type": "array", "items": "string", "style": "form"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "style \"form\" is not allowed for a header param; allowed: simple");
  ds = messages(with_params(
      R"("a": {"in": "query", "type": "array", "items": "string", "style": "spaceDelimted"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "style \"spaceDelimted\" is not allowed for a query param; allowed: form, spaceDelimited, "
        "pipeDelimited (did you mean \"spaceDelimited\"?)");
  CHECK(
      messages(
          with_params(
              R"("a": {"in": "query", "type": "map", "values": "string", "style": "deepObject"})"))
          .empty());
  ds = messages(with_params(
      R"("a": {"in": "header", "type": "map", "values": "string", "style": "deepObject"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "style \"deepObject\" is only for query params");
  ds = messages(with_params(
      R"("a": {"in": "query", "type": "map", "values": {"type": "array", "items": "string"}, "style": "deepObject", "explode": false})"));
  REQUIRE(ds.size() == 2);
  CHECK(ds[0] ==
        "a deepObject param must be a map of scalars or enums, or a struct whose fields are all "
        "scalars or enums");
  CHECK(ds[1] == "a deepObject param is always exploded (name[key]=value)");
  ds = messages(with_params(R"("a": {"in": "query", "type": "map", "values": "string"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "a param must be a string, bool, int32, int64, double or enum, or an array of those");
  ds = messages(with_params(R"("a": {"in": "cookie", "type": "string", "explode": "yes"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "\"explode\" must be true or false, not a string");
}

TEST_CASE("auth schemes with a prefix; header names cannot inject lines") {
  auto spec_with = [](const std::string& auth, const std::string& params) {
    return R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "auth": {"bearer": )" +
           auth + R"(}, "groups": {"g": {}}}, "types": {}, "operations": {"Op": {"group": "g",
 "summary": "S.", "method": "GET", "path": "/x", "root": "main", "auth": "bearer",
 "idempotent": true, "response": "json", "params": {)" +
           params + "}}}}";
  };
  auto result =
      generate(spec_with(R"({"header": "Authorization", "prefix": "Bearer "})", ""), "t.json");
  REQUIRE(result.diagnostics.empty());
  CHECK(result.files.at("g.hpp").find(
            "  static constexpr std::string_view auth_prefix = \"Bearer \";\n") !=
        std::string::npos);
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  auto ds = messages(spec_with(R"({"header": "Authorization", "prefix": "Bearer\r\nX: 1"})", ""));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "auth scheme \"bearer\": a header name or prefix cannot hold a line break or NUL");
  ds = messages(spec_with(R"({"header": "A"})", R"("X\nY": {"in": "header", "type": "string"})"));
  REQUIRE(ds.size() == 2);  // and the warning about its C++ name
  CHECK(ds[1] ==
        "header param \"X\\nY\": the name is sent as is and cannot hold control characters");
}

TEST_CASE("float is a double and bytes a string holding the base64 text") {
  auto result = generate(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"A": {"fields": {"f": {"type": "float", "required": true, "default": 0.5},
 "b": {"type": "bytes", "maxLength": 8}, "fs": {"type": "array", "items": "float"}}}},
 "operations": {}})",
                         "t.json");
  REQUIRE(result.diagnostics.empty());
  const std::string& types = result.files.at("types/A.hpp");
  CHECK(types.find("  double f = 0.5;\n  std::optional<std::string> b;\n"
                   "  std::optional<std::vector<double>> fs;\n") != std::string::npos);
}

TEST_CASE("readOnly fields are marked for the encoder; not on params") {
  auto result = generate(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"A": {"fields": {"id": {"type": "string", "readOnly": true}}}},
 "operations": {}})",
                         "t.json");
  REQUIRE(result.diagnostics.empty());
  CHECK(result.files.at("types/A.hpp")
            .find("      {\"id\", kaizala::meta::location::body, {}, false, 0, 0, false, false, "
                  "kaizala::meta::param_style::form, true, true},\n") != std::string::npos);
  auto bad = generate(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {}, "operations": {"Op": {"group": "g", "summary": "S.",
 "method": "GET", "path": "/x", "root": "main", "auth": "none", "idempotent": true,
 "response": "json", "params": {"q": {"in": "query", "type": "string", "readOnly": true}}}}})",
                      "t.json");
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].message == "\"readOnly\" is only for JSON fields, not params");
}

TEST_CASE("errors: statuses, bodies, match order in the model and the op traits") {
  auto spec_with = [](const std::string& errors) {
    return std::string(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"E": {"fields": {"m": {"type": "string"}}}}, "operations": {"Op": {
 "group": "g", "summary": "S.", "method": "GET", "path": "/x", "root": "main", "auth": "none",
 "idempotent": true, "response": "none", "errors": )") +
           errors + "}}}";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  CHECK(messages(spec_with(R"({"404": {"type": "E"}, "5xx": "json", "default": "none",
                             "409": {"type": "array", "items": "E"}})"))
            .empty());
  auto ds = messages(spec_with(R"({"4X4": "json"})"));
  REQUIRE(ds.size() == 1);
  CHECK(
      ds[0] ==
      "error status \"4X4\" of operation \"Op\" must be \"default\", a status 100..599 or a class "
      "\"1XX\"..\"5XX\"");
  CHECK(messages(spec_with(R"({"600": "json"})")).size() == 1);
  ds = messages(spec_with(R"({"404": {"fields": {"m": {"type": "string"}}}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "error \"404\" of operation \"Op\" cannot declare \"fields\": declare a type in \"types\" "
        "and "
        "write {\"type\": \"Name\"}");
  ds = messages(spec_with(R"({"404": {"type": "Nope"}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].find("Nope") != std::string::npos);
  ds = messages(spec_with(R"({"404": 3})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "error 404 of operation \"Op\" must be \"json\", \"none\" or an object with \"fields\" or "
        "\"type\"");

  auto g =
      generate(spec_with(R"({"default": "json", "4XX": {"type": "E"}, "404": "none"})"), "t.json");
  REQUIRE(g.diagnostics.empty());
  REQUIRE(g.files.count("g.hpp") == 1);
  const std::string& ops = g.files.at("g.hpp");
  CHECK(ops.find("  using errors = ::kaizala::error_cases<\n"
                 "      ::kaizala::error_case<404, 404, ::kaizala::no_content>,\n"
                 "      ::kaizala::error_case<400, 499, ::t::E>,\n"
                 "      ::kaizala::error_case<0, 999, ::boost::json::value>>;\n") !=
        std::string::npos);
}

TEST_CASE("response headers: scalars or enums, a struct of their own, the response wrapped") {
  auto spec_with = [](const std::string& response, const std::string& errors = "{}") {
    return std::string(R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "groups": {"g": {}}}, "types": {"E": {"fields": {"m": {"type": "string"}}}, "K": {"enum": ["a"]}},
 "operations": {"Op": {"group": "g", "summary": "S.", "method": "GET", "path": "/x", "root": "main",
 "auth": "none", "idempotent": true, "response": )") +
           response + R"(, "errors": )" + errors + "}}}";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  CHECK(messages(spec_with(
                     R"({"type": "E", "headers": {"X-A": {"type": "int64"}, "k": {"type": "K"}}})"))
            .empty());
  CHECK(messages(spec_with(R"({"headers": {"ETag": {"type": "string"}}})")).empty());
  auto ds = messages(
      spec_with(R"({"type": "E", "headers": {"X-A": {"type": "array", "items": "string"}}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "response header \"X-A\" of operation \"Op\" must be a string, bool, int32, int64, double, "
        "float or enum");
  ds = messages(spec_with(
      R"({"type": "E", "headers": {"X-A": {"type": "string"}, "X_A": {"type": "string"}}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].find("X_A") != std::string::npos);
  ds = messages(
      spec_with(R"("none")", R"({"404": {"type": "E", "headers": {"X-A": {"type": "string"}}}})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] ==
        "error \"404\" of operation \"Op\" cannot declare \"headers\": they are read for 2xx "
        "answers only");
  ds = messages(
      R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}}, "groups": {"g": {}}},
 "types": {"OpResponseHeaders": {"fields": {}}}, "operations": {"Op": {"group": "g", "summary": "S.", "method": "GET",
 "path": "/x", "root": "main", "auth": "none", "idempotent": true, "response": {"headers": {"A": {"type": "string"}}}}}})");
  REQUIRE_FALSE(ds.empty());
  CHECK(ds[0].find("OpResponseHeaders") != std::string::npos);

  auto g = generate(
      spec_with(R"({"type": "E", "headers": {"X-A": {"type": "int64", "doc": "A."}}})"), "t.json");
  REQUIRE(g.diagnostics.empty());
  const std::string& ops = g.files.at("g.hpp");
  CHECK(ops.find("#include <kaizala/response_headers.hpp>\n") != std::string::npos);
  CHECK(ops.find("struct OpResponseHeaders {\n  // A. (header)\n  // JSON name: \"X-A\"\n"
                 "  std::optional<std::int64_t> X_A;\n};\n") != std::string::npos);
  CHECK(ops.find("  using response = ::kaizala::with_headers<::t::E, ::t::OpResponseHeaders>;\n") !=
        std::string::npos);
  auto plain = generate(spec_with(R"({"type": "E"})"), "t.json");
  CHECK(plain.files.at("g.hpp").find("response_headers") ==
        std::string::npos);  // unchanged without headers
}

TEST_CASE("auth schemes in a query parameter or cookie") {
  auto spec_with = [](const std::string& auth) {
    return R"({"api": {"name": "T", "namespace": "t", "roots": {"main": {"url": "u"}},
 "auth": {"k": )" +
           auth + R"(}, "groups": {"g": {}}}, "types": {}, "operations": {"Op": {"group": "g",
 "summary": "S.", "method": "GET", "path": "/x", "root": "main", "auth": "k",
 "idempotent": true, "response": "json"}}})";
  };
  auto messages = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(d.message);
    return out;
  };
  auto q = generate(spec_with(R"({"query": "api_key"})"), "t.json");
  REQUIRE(q.diagnostics.empty());
  CHECK(q.files.at("g.hpp").find(
            "  static constexpr std::string_view auth_header = \"api_key\";\n"
            "  static constexpr kaizala::auth_place auth_in = kaizala::auth_place::query;\n") !=
        std::string::npos);
  auto c = generate(spec_with(R"({"cookie": "sid"})"), "t.json");
  REQUIRE(c.diagnostics.empty());
  CHECK(c.files.at("g.hpp").find("auth_in = kaizala::auth_place::cookie;") != std::string::npos);
  auto h = generate(spec_with(R"({"header": "X-Key"})"), "t.json");
  CHECK(h.files.at("g.hpp").find("auth_in") == std::string::npos);  // header: as before

  auto ds = messages(spec_with(R"({"query": "a", "cookie": "b"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "auth scheme \"k\" needs exactly one of \"header\", \"query\" or \"cookie\"");
  ds = messages(spec_with(R"({"doc": "nothing"})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "auth scheme \"k\" needs exactly one of \"header\", \"query\" or \"cookie\"");
  ds = messages(spec_with(R"({"query": "a", "prefix": "Bearer "})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "auth scheme \"k\": \"prefix\" is only for a \"header\"");
  ds = messages(spec_with(R"({"cookie": ""})"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0] == "auth scheme \"k\": the name is empty");
}

TEST_CASE("reader and model: api headers, root variables, auth alternatives") {
  described d = describe_text(R"({"api": {"name": "My API", "namespace": "m", "version": "2.0 beta",
    "headers": {"X-Client": "c"},
    "roots": {"main": {"url": "https://{region}.h/{v}", "variables": {"region": {"default": "eu", "enum": ["eu", "us"], "doc": "D."},
                                                                      "v": {"default": "v1"}}}},
    "auth": {"a": {"header": "A"}, "b": {"query": "bq"}, "c": {"header": "Authorization", "prefix": "Bearer "}},
    "groups": {"g": {}}},
  "types": {},
  "operations": {"Op": {"group": "g", "summary": "S.", "method": "GET", "path": "/x", "root": "main",
                        "auth": ["c", "b", "a"], "idempotent": true, "response": "json"}}})");
  const auto& api = d.spec.api;
  REQUIRE(api.headers.size() == 1);
  CHECK(api.headers[0].name == "X-Client");
  CHECK(*api.headers[0].value == "c");
  REQUIRE(api.roots[0].variables.size() == 2);
  CHECK(api.roots[0].variables[0].name == "region");
  CHECK(*api.roots[0].variables[0].default_value == "eu");
  CHECK(api.roots[0].variables[0].allowed.size() == 2);
  CHECK(api.roots[0].variables[0].allowed_at.pointer == "/api/roots/main/variables/region/enum");
  CHECK(api.roots[0].variables[1].allowed_at.pointer.empty());
  const auto& op = d.spec.operations[0];
  CHECK(op.auth_is_list);
  CHECK_FALSE(op.auth.value.has_value());
  REQUIRE(op.auth_alternatives.size() == 3);
  CHECK(op.auth_alternatives[1].at.pointer == "/operations/Op/auth/1");
  REQUIRE_FALSE(has_errors(validate(d.spec)));

  model m = build_model(d.spec);
  // The User-Agent is added after the spec's headers; its product is made a token
  // ("My-API/2.0-beta").
  CHECK(m.default_headers ==
        std::vector<std::pair<std::string, std::string>>{
            {"X-Client", "c"},
            {"User-Agent", "My-API/2.0-beta kaizala-cpp/" KAIZALA_VERSION_STRING}});
  const auto& o = m.ops[0];
  REQUIRE(o.auth_schemes.size() == 3);
  CHECK(o.auth_schemes[0].name == "c");
  CHECK(o.auth_schemes[0].prefix == "Bearer ");
  CHECK(o.auth_schemes[1].in == "query");
  CHECK(o.auth_schemes[1].param == "bq");
  CHECK(o.auth_schemes[2].param == "A");
  CHECK(o.auth_header == "Authorization");  // the first alternative
  CHECK(o.auth_prefix == "Bearer ");
  REQUIRE(o.root_variables.size() == 2);
  CHECK(o.root_variables[0].allowed == "eu\nus");
  CHECK(o.root_variables[1].allowed.empty());
}
