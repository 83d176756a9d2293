// kaizala-codegen: every spec check with its exact
// message and position, and what the generator emits.
#include <kaizala/version.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "generate.hpp"
#include "output_dir.hpp"

using namespace kaizala::codegen;

namespace {

// A spec whose `types` members start at line 3, column 1, and whose `operations` members start at
// line 6, column 1 when `types` is one line.
std::string spec(const std::string& types, const std::string& ops = "") {
  return "{\"api\": {\"name\": \"T\", \"namespace\": \"t\", \"roots\": {\"main\": {\"url\": "
         "\"{base}\"}}, "
         "\"auth\": {\"key\": {\"header\": \"K\"}}, \"groups\": {\"g\": {}}},\n"
         "\"types\": {\n" +
         types + "\n},\n\"operations\": {\n" + ops + "\n}}\n";
}

// An operation with everything required, plus `extra` members.
std::string op(const std::string& name, const std::string& extra = "",
               const std::string& path = "/x") {
  return "\"" + name +
         "\": {\"group\": \"g\", \"summary\": \"S.\", \"method\": \"GET\", \"path\": \"" + path +
         "\", \"root\": \"main\", \"auth\": \"key\", \"idempotent\": true, \"response\": \"json\"" +
         extra + "}";
}

std::vector<std::string> diagnostics_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : generate(text, "t.json").diagnostics) out.push_back(format(d));
  return out;
}

// The single diagnostic a spec produces.
std::string only(const std::string& text) {
  auto ds = diagnostics_of(text);
  INFO(text);
  REQUIRE(ds.size() == 1);
  return ds[0];
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every type header (types/<Name>.hpp), in the order types.hpp includes them: the emitted order.
std::string all_types(const std::map<std::string, std::string>& files) {
  std::istringstream lines(files.at("types.hpp"));
  std::string out;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("#include \"types/", 0) == 0) out += files.at(line.substr(10, line.size() - 11));
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a valid spec gives no diagnostics and six kinds of files") {
  auto result =
      generate(spec(R"("A": {"fields": {"x": {"type": "string"}}})", op("Get")), "dir/t.json");
  CHECK(result.diagnostics.empty());
  REQUIRE(result.files.size() == 6);
  CHECK(result.files.count("roots.hpp"));
  CHECK(result.files.count("service.hpp"));
  CHECK(result.files.count("types.hpp"));
  CHECK(result.files.count("types/A.hpp"));
  CHECK(result.files.count("g.hpp"));
  CHECK(result.files.count("all.hpp"));
}

TEST_CASE("bad JSON syntax is reported where the parser stopped") {
  CHECK(only("{\"a\": [1,2,}") == "t.json:1:12: error: invalid JSON: syntax error");
  CHECK(only("{\n  \"a\": tru\n}") == "t.json:2:8: error: invalid JSON: syntax error");
  CHECK(only("{\"a\": 1") == "t.json:1:8: error: invalid JSON: incomplete JSON");
  SUBCASE("comments and trailing commas are fine") {
    auto text = spec(R"(// a comment
"A": {"fields": {"x": {"type": "string",},},}, /* another */)");
    CHECK(diagnostics_of(text).empty());
  }
}

TEST_CASE("unknown key lists the allowed keys and suggests a near one") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "reqired": true}}})")) ==
        "t.json:3:42: error: unknown key \"reqired\" in field \"x\" of type \"A\" (did you mean "
        "\"required\"?); "
        "allowed: type, items, values, required, doc, aliases, lenient, maxItems, maxLength, "
        "default, cppName, "
        "secret, nullable, format, deprecated, readOnly, writeOnly");
  CHECK(only(spec("", op("Get", ", \"verb\": \"GET\""))) ==
        "t.json:6:142: error: unknown key \"verb\" in operation \"Get\"; allowed: group, summary, "
        "doc, method, path, "
        "root, auth, idempotent, params, body, rules, response, deprecated, errors, when");
}

TEST_CASE("missing required key points at the object") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"doc": "no type"}}})")) ==
        "t.json:3:23: error: field \"x\" of type \"A\" is missing required key \"type\"");
}

TEST_CASE("wrong JSON type of a spec value") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "required": "yes"}}})")) ==
        "t.json:3:54: error: \"required\" must be true or false, not a string");
  CHECK(only(spec(R"("A": {"fields": []})")) ==
        "t.json:3:17: error: \"fields\" must be an object, not an array");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": 5}}})")) ==
        "t.json:3:32: error: \"type\" must be a string, not a number");
}

TEST_CASE("unknown type reference, with a suggestion") {
  CHECK(only(spec(R"("Member": {"fields": {}}, "A": {"fields": {"m": {"type": "Membr"}}})")) ==
        "t.json:3:58: error: unknown type \"Membr\" (did you mean \"Member\"?)");
  CHECK(only(spec(R"("A": {"fields": {"m": {"type": "Zebra"}}})")) ==
        "t.json:3:32: error: unknown type \"Zebra\"");
}

TEST_CASE("unknown group, root and auth references") {
  std::string text = spec(
      "",
      R"("Get": {"group": "gg", "summary": "S.", "method": "GET", "path": "/x", "root": "mian", )"
      R"("auth": "kye", "idempotent": true, "response": "json"})");
  auto ds = diagnostics_of(text);
  REQUIRE(ds.size() == 3);
  CHECK(ds[0] == "t.json:6:18: error: unknown group \"gg\" (did you mean \"g\"?)");
  CHECK(ds[1] == "t.json:6:80: error: unknown root \"mian\" (did you mean \"main\"?)");
  CHECK(ds[2] == "t.json:6:96: error: unknown auth scheme \"kye\" (did you mean \"key\"?)");
}

TEST_CASE("duplicate names") {
  SUBCASE("duplicate JSON keys: types, fields, ops, params") {
    CHECK(only(spec(R"("A": {"fields": {}}, "A": {"fields": {}})")) ==
          "t.json:3:22: error: duplicate key \"A\" (first at 3:1; the last one would win)");
    CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string"}, "x": {"type": "bool"}}})")) ==
          "t.json:3:43: error: duplicate key \"x\" (first at 3:18; the last one would win)");
  }
  SUBCASE("two JSON names with one C++ name") {
    auto ds = diagnostics_of(
        spec(R"("A": {"fields": {"a-b": {"type": "string"}, "a_b": {"type": "string"}}})"));
    REQUIRE(ds.size() == 2);
    CHECK(ds[0] ==
          "t.json:3:18: warning: JSON name \"a-b\" is not a usable C++ name; the member is named "
          "\"a_b\" "
          "(set \"cppName\" to choose)");
    CHECK(
        ds[1] ==
        "t.json:3:45: error: field \"a_b\" has the C++ name \"a_b\", already used by field \"a-b\" "
        "(set \"cppName\" to choose another)");
  }
  SUBCASE("a param and a body field with one C++ name") {
    auto ds = diagnostics_of(
        spec("", op("Put", R"(, "params": {"id": {"in": "query", "type": "string"}}, )"
                           R"("body": {"fields": {"id": {"type": "string"}}})")));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] ==
          "t.json:6:215: error: body field \"id\" has the C++ name \"id\", already used by param "
          "\"id\" "
          "(set \"cppName\" to choose another)");
  }
  SUBCASE("a member named like its struct") {
    CHECK(only(spec(R"("A": {"fields": {"A": {"type": "string"}}})")) ==
          "t.json:3:18: error: field \"A\" has the C++ name \"A\", the name of its struct (set "
          "\"cppName\" to "
          "choose another)");
  }
  SUBCASE("a type named like a generated request or response") {
    auto ds =
        diagnostics_of(spec(R"("GetRequest": {"fields": {}}, "GetResponse": {"fields": {}})",
                            op("Get").replace(op("Get").find("\"json\""), 6, R"({"fields": {}})")));
    REQUIRE(ds.size() == 2);
    CHECK(ds[0] ==
          "t.json:3:1: error: type \"GetRequest\" has the name of the request struct generated for "
          "operation \"Get\"");
    CHECK(ds[1] ==
          "t.json:3:31: error: type \"GetResponse\" has the name of the response struct generated "
          "for "
          "operation \"Get\"");
  }
  SUBCASE("a named response type may be called <Op>Response: no struct is generated then") {
    CHECK(diagnostics_of(
              spec(R"("GetResponse": {"fields": {}})",
                   op("Get").replace(op("Get").find("\"json\""), 6, R"({"type": "GetResponse"})")))
              .empty());
  }
  SUBCASE("enum values, compared case-insensitively, and enumerator names") {
    CHECK(only(spec(R"("E": {"enum": ["High", "high"]})")) ==
          "t.json:3:24: error: duplicate enum value \"high\" (values compare case-insensitively; "
          "first at 3:16)");
    auto ds = diagnostics_of(spec(R"("E": {"enum": ["a-b", "a_b"]})"));
    REQUIRE(ds.size() == 2);
    CHECK(ds[0] ==
          "t.json:3:16: warning: enum value \"a-b\" is not a usable C++ name; the enumerator is "
          "named \"a_b\"");
    CHECK(ds[1] ==
          "t.json:3:23: error: enum value \"a_b\" has the C++ name \"a_b\", already used by enum "
          "value \"a-b\"");
  }
}

TEST_CASE("path parameters and the path agree") {
  SUBCASE("{param} without a path param") {
    CHECK(only(spec("", op("Get", "", "/x/{id}"))) ==
          "t.json:6:65: error: path has \"{id}\" but no param \"id\" with \"in\": \"path\"");
  }
  SUBCASE("a query param does not fill {param}") {
    CHECK(only(spec("", op("Get", R"(, "params": {"id": {"in": "query", "type": "string"}})",
                           "/x/{id}"))) ==
          "t.json:6:65: error: path has \"{id}\" but no param \"id\" with \"in\": \"path\"");
  }
  SUBCASE("a path param not in the path") {
    CHECK(
        only(spec(
            "", op("Get",
                   R"(, "params": {"id": {"in": "path", "type": "string", "required": true}})"))) ==
        "t.json:6:153: error: param \"id\" is \"in\": \"path\" but the path has no \"{id}\"");
  }
  SUBCASE("path params are required") {
    CHECK(only(spec("", op("Get", R"(, "params": {"id": {"in": "path", "type": "string"}})",
                           "/x/{id}"))) ==
          "t.json:6:158: error: path param \"id\" must be required (\"required\": true)");
    CHECK(only(spec("",
                    op("Get",
                       R"(, "params": {"id": {"in": "path", "type": "string", "required": false}})",
                       "/x/{id}"))) ==
          "t.json:6:197: error: path param \"id\" must be required (\"required\": true)");
  }
  SUBCASE("malformed paths") {
    CHECK(only(spec("", op("Get", "", "x"))) == "t.json:6:65: error: path must start with \"/\"");
    CHECK(only(spec("", op("Get", "", "/x/{id"))) ==
          "t.json:6:65: error: path has an unclosed \"{\"");
  }
  SUBCASE("params are scalars or enums") {
    CHECK(only(spec(R"("A": {"fields": {}})",
                    op("Get", R"(, "params": {"a": {"in": "query", "type": "A"}})"))) ==
          "t.json:6:182: error: a param must be a string, bool, int32, int64, double or enum, or "
          "an array "
          "of those");
  }
}

TEST_CASE("type, op, group and namespace names must be usable C++ names") {
  CHECK(only(spec(R"("class": {"fields": {}})")) ==
        "t.json:3:1: error: type name \"class\" is not a usable C++ name (an identifier, not a "
        "keyword, without a "
        "leading \"_\" or \"__\")");
  CHECK(only(spec(R"("2Fast": {"fields": {}})")) ==
        "t.json:3:1: error: type name \"2Fast\" is not a usable C++ name (an identifier, not a "
        "keyword, without a "
        "leading \"_\" or \"__\")");
  CHECK(only(spec(R"("api": {"fields": {}})")) ==
        "t.json:3:1: error: type name \"api\" is reserved: the generated code declares or uses it");
  CHECK(only(spec("", op("Do-It"))) ==
        "t.json:6:1: error: operation name \"Do-It\" is not a usable C++ name (an identifier, not "
        "a keyword, "
        "without a leading \"_\" or \"__\")");
  std::string text = spec("");
  text.replace(text.find("\"g\": {}"), 7, "\"Items\": {}, \"types\": {}");
  auto ds = diagnostics_of(text);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0] ==
        "t.json:1:124: error: group name \"Items\" must be a lower-case identifier "
        "([a-z][a-z0-9_]*, not a "
        "keyword): it names a header");
  CHECK(ds[1] ==
        "t.json:1:137: error: group name \"types\" would overwrite the generated types.hpp");
  text = spec("");
  text.replace(text.find("\"t\""), 3, "\"a::new\"");
  CHECK(
      only(text) ==
      "t.json:1:36: error: namespace \"a::new\" is not a \"::\"-separated list of usable C++ names "
      "(\"new\" is not: an identifier, not a keyword, without a leading \"_\" or \"__\")");
}

TEST_CASE(
    "a JSON name that is not a usable C++ name is a warning, and the member gets a safe name") {
  auto result = generate(
      spec(R"("A": {"fields": {"class": {"type": "string"}, "content-type": {"type": "string"}, )"
           R"("2x": {"type": "bool"}, "__x": {"type": "bool"}}})"),
      "t.json");
  std::vector<std::string> ds;
  for (const auto& d : result.diagnostics) ds.push_back(format(d));
  REQUIRE(ds.size() == 4);
  CHECK(ds[0] ==
        "t.json:3:18: warning: JSON name \"class\" is not a usable C++ name; the member is named "
        "\"class_\" "
        "(set \"cppName\" to choose)");
  CHECK(contains(
      ds[1],
      "3:47: warning: JSON name \"content-type\" is not a usable C++ name; the member is named "
      "\"content_type\""));
  CHECK(contains(
      ds[2],
      "3:83: warning: JSON name \"2x\" is not a usable C++ name; the member is named \"n2x\""));
  CHECK(contains(
      ds[3],
      "3:107: warning: JSON name \"__x\" is not a usable C++ name; the member is named \"x\""));
  const std::string& types = result.files.at("types/A.hpp");
  CHECK(contains(types, "  // JSON name: \"class\"\n  std::optional<std::string> class_;\n"));
  CHECK(contains(types,
                 "  // JSON name: \"content-type\"\n  std::optional<std::string> content_type;\n"));
  CHECK(contains(types, "BOOST_DESCRIBE_STRUCT(A, (), (class_, content_type, n2x, x))"));
  CHECK(contains(types, "      {\"content-type\"},\n"));
}

TEST_CASE("more than 52 members in one struct") {
  std::string fields;
  for (int i = 0; i < 53; ++i)
    fields += std::string(i ? ", " : "") + "\"f" + std::to_string(i) + "\": {\"type\": \"bool\"}";
  CHECK(only(spec("\"Big\": {\"fields\": {" + fields + "}}")) ==
        "t.json:3:1: error: type \"Big\" has 53 fields; Boost.Describe allows at most 52");
  SUBCASE("a request counts params and body fields") {
    std::string params, body;
    for (int i = 0; i < 30; ++i) {
      params += std::string(i ? ", " : "") + "\"p" + std::to_string(i) +
                "\": {\"in\": \"query\", \"type\": \"bool\"}";
      body += std::string(i ? ", " : "") + "\"b" + std::to_string(i) + "\": {\"type\": \"bool\"}";
    }
    CHECK(only(spec("", op("Big", ", \"params\": {" + params + "}, \"body\": {\"fields\": {" +
                                      body + "}}"))) ==
          "t.json:6:1: error: the request of operation \"Big\" has 60 members (params and body "
          "fields); "
          "Boost.Describe allows at most 52");
  }
}

TEST_CASE("items and values") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "array"}}})")) ==
        "t.json:3:32: error: an array needs \"items\"");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "map"}}})")) ==
        "t.json:3:32: error: a map needs \"values\"");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "items": "string"}}})")) ==
        "t.json:3:42: error: \"items\" is only for arrays (the type here is \"string\")");
  CHECK(only(spec(
            R"("A": {"fields": {"x": {"type": "array", "values": "string", "items": "bool"}}})")) ==
        "t.json:3:41: error: \"values\" is only for maps (the type here is \"array\")");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "array", "items": "array"}}})")) ==
        "t.json:3:50: error: a nested array is written {\"type\": \"array\", \"items\": ...}");
  CHECK(
      diagnostics_of(
          spec(
              R"("A": {"fields": {"x": {"type": "array", "items": {"type": "map", "values": "int32"}}}})"))
          .empty());
}

TEST_CASE("limits only where they apply") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "maxItems": 3}}})")) ==
        "t.json:3:42: error: \"maxItems\" is only for arrays and maps");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "int32", "maxLength": 3}}})")) ==
        "t.json:3:41: error: \"maxLength\" is only for strings");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "lenient": true}}})")) ==
        "t.json:3:42: error: \"lenient\" is only for bool, int32, int64 and double fields");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "maxLength": 0}}})")) ==
        "t.json:3:55: error: \"maxLength\" must be a whole number from 1 to 4294967295");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "aliases": ["a|b"]}}})")) ==
        "t.json:3:54: error: alias \"a|b\" cannot contain \"|\"");
}

TEST_CASE("defaults") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "bool", "default": "yes"}}})")) ==
        "t.json:3:51: error: \"default\" must be true or false for a bool field, not a string");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "int32", "default": 1.5}}})")) ==
        "t.json:3:52: error: \"default\" must be a whole number for an int32 field, not a number");
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "int32", "default": 3000000000}}})")) ==
        "t.json:3:52: error: \"default\" 3000000000 is out of range for an int32 field");
  CHECK(
      only(spec(R"("A": {"fields": {"x": {"type": "array", "items": "int32", "default": 1}}})")) ==
      "t.json:3:70: error: \"default\" is only for string, bool, int32, int64, double and enum "
      "fields");
  CHECK(
      only(spec(
          R"("E": {"enum": ["Low", "High"]}, "A": {"fields": {"x": {"type": "E", "default": "Hgh"}}})")) ==
      "t.json:3:80: error: \"default\" \"Hgh\" is not a value of enum \"E\" (did you mean "
      "\"High\"?)");
}

TEST_CASE("rules name optional members that exist") {
  std::string fields = R"("a": {"type": "string"}, "b": {"type": "string", "required": true})";
  CHECK(only(spec(R"("A": {"fields": {)" + fields +
                  R"(}, "rules": [{"exactlyOne": ["a", "ab"]}]})")) ==
        "t.json:3:118: error: rule names unknown field \"ab\" (did you mean \"a\"?)");
  CHECK(only(spec(R"("A": {"fields": {)" + fields +
                  R"(}, "rules": [{"atLeastOne": ["a", "b"]}]})")) ==
        "t.json:3:118: error: rule names required field \"b\"; rules are about optional ones");
  CHECK(
      only(spec(
          "",
          op("Put",
             R"(, "body": {"fields": {"a": {"type": "string"}}}, "rules": [{"atLeastOne": ["a", "bb"]}])"))) ==
      "t.json:6:220: error: rule names unknown body field \"bb\"");
  CHECK(only(spec(R"("A": {"fields": {)" + fields + R"(}, "rules": [{"exactlyOne": ["a"]}]})")) ==
        "t.json:3:112: error: \"exactlyOne\" must be an array of at least two field names");
}

TEST_CASE("a struct holds itself only through an array") {
  CHECK(only(spec(R"("Node": {"fields": {"next": {"type": "Node"}}})")) ==
        "t.json:3:21: error: type \"Node\" contains itself other than through an array: Node.next "
        "-> Node");
  CHECK(
      only(spec(
          R"("A": {"fields": {"b": {"type": "B"}}}, "B": {"fields": {"a": {"type": "A", "required": true}}})")) ==
      "t.json:3:57: error: type \"A\" contains itself other than through an array: A.b -> B.a -> "
      "A");
  CHECK(only(spec(R"("Node": {"fields": {"kids": {"type": "map", "values": "Node"}}})")) ==
        "t.json:3:21: error: type \"Node\" contains itself other than through an array: Node.kids "
        "-> Node");
  CHECK(diagnostics_of(spec(R"("Node": {"fields": {"kids": {"type": "array", "items": "Node"}}})"))
            .empty());
}

TEST_CASE("file only in body.multipart") {
  CHECK(only(spec(R"("A": {"fields": {"f": {"type": "file"}}})")) ==
        "t.json:3:32: error: type \"file\" is only allowed in body.multipart");
  CHECK(only(spec("", op("Up", R"(, "body": {"form": {"f": {"type": "file"}}})"))) ==
        "t.json:6:173: error: type \"file\" is only allowed in body.multipart");
  // A multipart part of another type is a text part.
  CHECK(diagnostics_of(spec("", op("Up", R"(, "body": {"multipart": {"f": {"type": "string"}}})")))
            .empty());
  CHECK(diagnostics_of(spec("", op("Up", R"(, "body": {"multipart": {"f": {"type": "file"}}})")))
            .empty());
}

TEST_CASE("form, binary and optional bodies are checked where they are written") {
  auto body = [](const std::string& b) {
    return spec(R"("A": {"fields": {"x": {"type": "string"}}})", op("Up", ", \"body\": " + b));
  };
  CHECK(only(body(R"({"form": {"a": {"type": "A"}}})")) ==
        "t.json:6:173: error: form field \"a\" must be a scalar, an enum or an array of those (a "
        "form body is text)");
  CHECK(
      only(body(
          R"({"form": {"a": {"type": "array", "items": {"type": "array", "items": "string"}}}})")) ==
      "t.json:6:173: error: form field \"a\" must be a scalar, an enum or an array of those (a "
      "form body is text)");
  CHECK(only(body(R"({"form": {"a": {"type": "string", "explode": false}}})")) ==
        "t.json:6:183: error: \"explode\" is only for form fields that are arrays");
  CHECK(only(body(R"({"form": {"a": {"type": "string", "nullable": true}}})")) ==
        "t.json:6:183: error: \"nullable\" is only for JSON fields, not form fields");
  CHECK(only(body(R"({"multipart": {"f": {"type": "file"}}, "mediaType": "multipart/mixed"})")) ==
        "t.json:6:201: error: \"mediaType\" is not for multipart bodies (the boundary is part of "
        "it)");
  CHECK(only(body(R"({"binary": true, "mediaType": "png"})")) ==
        "t.json:6:179: error: \"mediaType\" must be a media type such as \"image/png\", without "
        "control characters");
  CHECK(only(body(R"({"binary": false})")) ==
        "t.json:6:160: error: body of operation \"Up\": \"binary\" can only be true");
  CHECK(only(body(R"({"binary": true, "form": {}})")) ==
        "t.json:6:149: error: body of operation \"Up\" needs exactly one of \"fields\", \"type\", "
        "\"multipart\", "
        "\"form\" or \"binary\"");
  CHECK(only(body(R"({"binary": true, "required": "no"})")) ==
        "t.json:6:178: error: \"required\" must be true or false, not a string");
  // Allowed: optional file parts, text parts of any
  // type, optional bodies of every kind, binary fields.
  CHECK(diagnostics_of(
            body(R"({"multipart": {"f": {"type": "file", "required": false}, "m": {"type": "A"}, )"
                 R"("b": {"type": "binary"}}, "required": false})"))
            .empty());
  CHECK(diagnostics_of(
            body(R"({"form": {"a": {"type": "array", "items": "int64", "explode": false}}, )"
                 R"("mediaType": "application/x-www-form-urlencoded; charset=utf-8"})"))
            .empty());
  CHECK(diagnostics_of(body(R"({"type": "array", "items": "A", "required": false})")).empty());
}

TEST_CASE("an enum has values") {
  CHECK(only(spec(R"("E": {"enum": []})")) == "t.json:3:15: error: enum \"E\" has no values");
}

TEST_CASE("cppName must be a usable C++ name") {
  CHECK(only(spec(R"("A": {"fields": {"x": {"type": "string", "cppName": "class"}}})")) ==
        "t.json:3:53: error: invalid cppName \"class\": it must be an identifier, not a keyword, "
        "without a leading "
        "\"_\" or \"__\"");
}

TEST_CASE("all errors of a spec are reported in one run, in text order per check") {
  auto ds = diagnostics_of(
      spec(R"("A": {"fields": {"x": {"type": "Nope"}, "y": {"type": "string", "maxItems": 2}}})",
           op("Get", "", "/x/{id}")));
  REQUIRE(ds.size() == 3);
  CHECK(contains(ds[0], "t.json:3:32: error: unknown type \"Nope\""));
  CHECK(contains(ds[1], "t.json:3:65: error: \"maxItems\" is only for arrays and maps"));
  CHECK(contains(ds[2], "t.json:6:65: error: path has \"{id}\""));
  CHECK(generate(spec(R"("A": {"fields": {"x": {"type": "Nope"}}})"), "t.json").files.empty());
}

TEST_CASE("warnings do not block the output") {
  auto result = generate(spec(R"("A": {"fields": {"class": {"type": "string"}}})"), "t.json");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].level == severity::warning);
  CHECK_FALSE(has_errors(result.diagnostics));
  CHECK(result.files.size() == 6);
}

TEST_CASE("the output is deterministic and names the spec by file name only") {
  std::string text = read(KAIZALA_SOURCE_DIR "/tests/codegen/todo.json");
  REQUIRE_FALSE(text.empty());
  auto a = generate(text, "/somewhere/tests/codegen/todo.json");
  auto b = generate(text, "todo.json");
  CHECK_FALSE(has_errors(a.diagnostics));
  CHECK(a.files == b.files);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  for (const auto& file : a.files) {
    INFO(file.first);  // not a structured binding: C++17 lambdas (INFO) cannot capture one
    const std::string& content = file.second;
    CHECK(content.rfind("// Generated by kaizala-codegen 0.1.0 from todo.json (fnv1a64 " +
                            std::string(hash) + "). Do not edit.\n",
                        0) == 0);
    CHECK(content.back() == '\n');
    CHECK(content.find("\n\n\n") == std::string::npos);
  }
  CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
}

TEST_CASE("emitted text for the todo spec") {
  auto result = generate(read(KAIZALA_SOURCE_DIR "/tests/codegen/todo.json"), "todo.json");
  REQUIRE_FALSE(has_errors(result.diagnostics));
  const std::string types = all_types(result.files);
  const std::string& items = result.files.at("items.hpp");
  const std::string& all = result.files.at("all.hpp");

  SUBCASE("enums") {
    CHECK(contains(
        types,
        "// How urgent an item is.\nenum class Priority {\n  // Some day.\n  Low,\n  High,\n"
        "  // JSON text: \"very-high\"\n  very_high,\n  // JSON text: \"delete\"\n  delete_,\n};\n"
        "BOOST_DESCRIBE_ENUM(Priority, Low, High, very_high, delete_)\n"));
    CHECK(
        contains(types,
                 "struct kaizala::meta::enum_info<::todo::v1::Priority> {\n"
                 "  static constexpr std::string_view name = \"Priority\";\n"
                 "  static constexpr std::array<std::string_view, 4> names = {{\"Low\", \"High\", "
                 "\"very-high\", \"delete\"}};\n"
                 "  static constexpr std::array<std::string_view, 4> docs = {{\"Some day.\", \"\", "
                 "\"\", \"\"}};\n};\n"));
  }
  SUBCASE("structs, in dependency order, with defaults and renamed members") {
    CHECK(types.find("struct Note {") < types.find("struct Item {"));
    CHECK(types.find("struct Item {") <
          types.find("struct ItemList {"));  // ItemList comes first in the spec
    CHECK(contains(types,
                   "  std::optional<kaizala::open_enum<Priority>> priority = Priority::Low;\n"));
    CHECK(contains(types, "  kaizala::open_enum<Status> status = Status::Open;\n"));
    CHECK(contains(types, "  std::optional<double> estimate = 1.5;\n"));
    CHECK(contains(types, "  std::int32_t order = 0;\n"));
    CHECK(contains(types,
                   "  std::optional<std::string> author = \"me \\\"quoted\\\" \\\\ back\";\n"));
    CHECK(contains(types,
                   "  // JSON name: \"reminder\"\n  std::optional<std::string> reminderText;\n"));
    CHECK(contains(types,
                   "  std::optional<::todo::v1::Note> Note;\n"));  // a member named like a type
    CHECK(contains(types, "  std::optional<std::vector<Item>> subtasks;\n"));
    CHECK(contains(types, "  boost::json::value extra;\n"));
    CHECK(
        contains(types,
                 "BOOST_DESCRIBE_STRUCT(Item, (), (id, title, priority, status, tags, done, "
                 "estimate, order, "
                 "created,\n    class_, content_type, n2x, Note, subtasks, extra, counts, matrix, "
                 "reminderText))\n"));
  }
  SUBCASE("fields_of: aliases, limits, locations, secrets, rules") {
    CHECK(
        contains(types, "      {\"title\", kaizala::meta::location::body, {}, false, 0, 200},\n"));
    CHECK(contains(types, "      {\"tags\", kaizala::meta::location::body, {}, false, 10},\n"));
    CHECK(contains(types, "      {\"done\", kaizala::meta::location::body, {}, true},\n"));
    CHECK(contains(types,
                   "      {\"created\", kaizala::meta::location::body, \"createdAt|Created\"},\n"));
    CHECK(contains(types, "      {\"class\"},\n"));
    CHECK(contains(types, "      {kaizala::meta::rule_kind::at_least_one, \"status|tag\"},\n"));
    CHECK(contains(items, "      {\"limit\", kaizala::meta::location::query},\n"));
    CHECK(contains(
        items,
        "      {\"X-Request-Id\", kaizala::meta::location::header, {}, false, 0, 0, true},\n"));
    CHECK(contains(items, "      {\"itemId\", kaizala::meta::location::path},\n"));
    CHECK(contains(result.files.at("attachments.hpp"),
                   "      {\"file\", kaizala::meta::location::file},\n"));
  }
  SUBCASE("requests and op traits") {
    CHECK(contains(items,
                   "// Request of UpdateItem: Change an item.\nstruct UpdateItemRequest {\n"
                   "  // Which item. (path)\n  std::string itemId;\n"));
    CHECK(contains(items, "  // Page size. (query)\n  std::optional<std::int32_t> limit = 50;\n"));
    CHECK(contains(items,
                   "struct UpdateItem {\n"
                   "  using request = ::todo::v1::UpdateItemRequest;\n"
                   "  using response = ::todo::v1::UpdateItemResponse;\n"
                   "  static constexpr std::string_view name = \"UpdateItem\";\n"
                   "  static constexpr std::string_view group = \"items\";\n"
                   "  static constexpr std::string_view summary = \"Change an item.\";\n"
                   "  static constexpr std::string_view doc = \"\";\n"
                   "  static constexpr kaizala::http_method method = kaizala::http_method::patch;\n"
                   "  static constexpr std::string_view path = \"/items/{itemId}\";\n"
                   "  static constexpr std::string_view root = \"main\";\n"
                   "  static constexpr std::string_view root_url = \"{baseUrl}/api\";\n"
                   "  static constexpr std::string_view auth_header = \"X-Api-Key\";\n"
                   "  static constexpr std::string_view api = \"todo::v1\";\n"
                   "  static constexpr kaizala::auth_scheme auth_schemes[] = {\n"
                   "      {\"apiKey\", \"X-Api-Key\", kaizala::auth_place::header, \"\"},\n"
                   "  };\n"
                   "  static constexpr kaizala::default_header default_headers[] = {\n"
                   "      {\"User-Agent\", \"Todo/1.0 kaizala-cpp/" KAIZALA_VERSION_STRING "\"},\n"
                   "  };\n"
                   "  static constexpr kaizala::body_kind body = kaizala::body_kind::json;\n"
                   "  static constexpr bool idempotent = false;\n};\n"));
    CHECK(contains(items, "  using response = ::boost::json::value;\n"));
    CHECK(contains(items, "  using response = ::todo::v1::ItemList;\n"));
    CHECK(contains(result.files.at("attachments.hpp"),
                   "  static constexpr std::string_view auth_header = \"\";\n"));
    CHECK(contains(result.files.at("attachments.hpp"),
                   "struct PingRequest {};\nBOOST_DESCRIBE_STRUCT(PingRequest, (), ())\n"));
  }
  SUBCASE("docs as data: one per field, per enum value, per op; \"\" when none") {
    // Field docs carry the spec's text only (no "(path)" note), in member order.
    CHECK(contains(items,
                   "      {\"itemId\", kaizala::meta::location::path},\n"
                   "      {\"title\", kaizala::meta::location::body, {}, false, 0, 200},\n"
                   "      {\"priority\"},\n  }};\n"
                   "  static constexpr std::array<std::string_view, 3> docs = {{\"Which item.\", "
                   "\"\", \"\"}};\n"
                   "  static constexpr std::array<kaizala::meta::rule, 1> rules = {{\n"));
    CHECK(
        contains(types,
                 "  static constexpr std::array<std::string_view, 2> docs = {{\"\", \"\"}};\n"
                 "  static constexpr std::array<kaizala::meta::rule, 1> rules = {{\n"));  // Filter
    CHECK(contains(result.files.at("attachments.hpp"),
                   "  static constexpr std::array<std::string_view, 0> docs = {};\n"));  // Ping
    // Quotes are escaped, and a list too long for one line gets one doc per line.
    CHECK(contains(types,
                   "  static constexpr std::array<std::string_view, 18> docs = {{\n"
                   "      \"Item id.\",\n      \"\",\n      \"\",\n      \"\",\n      \"\",\n"
                   "      \"Also accepts \\\"true\\\"/\\\"false\\\".\",\n"));
    // A long op doc is split at spaces into adjacent literals that fit in 100 columns.
    CHECK(contains(
        items,
        "  static constexpr std::string_view doc =\n"
        "      \"Returns one page of items. Pass the `next` token of a page to get the one "
        "after it; the \"\n"
        "      \"order is stable between pages as long as no item is added or removed in "
        "between, which is \"\n"
        "      \"a long sentence to test wrapping.\";\n"));
  }
  SUBCASE("docs as data compile and hold the spec's text") {
    // The compiled view of the same data, through the committed Kaizala headers.
    CHECK(contains(read(KAIZALA_SOURCE_DIR "/include/kaizala/generated/messages.hpp"),
                   "  static constexpr std::array<std::string_view, 2> docs = {{\n"
                   "      \"Target group id.\",\n"));
  }
  SUBCASE("lines fit in 100 columns; doc comments wrap") {
    CHECK(contains(items, "// List the items.\n//\n// Returns one page of items."));
    for (const auto& [name, content] : result.files) {
      std::istringstream lines(content);
      for (std::string line; std::getline(lines, line);)
        if (line.rfind("// Generated by", 0) != 0) CHECK(line.size() <= 100);
    }
  }
  SUBCASE("all.hpp") {
    CHECK(contains(
        all, "#include \"types.hpp\"\n#include \"items.hpp\"\n#include \"attachments.hpp\"\n"));
    CHECK(contains(all,
                   "    f(::kaizala::op_tag<ops::ListItems>{});\n    "
                   "f(::kaizala::op_tag<ops::GetItem>{});\n"));
    CHECK(contains(all,
                   "    f(::kaizala::type_tag<::todo::v1::Filter>{});\n"
                   "    f(::kaizala::type_tag<::todo::v1::ListItemsRequest>{});\n"));
  }
}

TEST_CASE("a namespace override replaces api.namespace and is checked like it") {
  std::string text = read(KAIZALA_SOURCE_DIR "/tests/codegen/todo.json");
  auto plain = generate(text, "todo.json");
  auto moved = generate(text, "todo.json", "acme::todo");
  REQUIRE_FALSE(has_errors(moved.diagnostics));
  REQUIRE(moved.files.size() == plain.files.size());
  const std::string types = all_types(moved.files);
  CHECK(contains(types, "\nnamespace acme::todo {\n"));
  CHECK(contains(types, "struct kaizala::meta::fields_of<::acme::todo::Item> {"));
  CHECK_FALSE(contains(types, "todo::v1"));
  CHECK(contains(moved.files.at("all.hpp"), "f(::kaizala::type_tag<::acme::todo::Filter>{});"));
  // Same spec bytes, so the same banner: the hash is of the spec file.
  CHECK(types.substr(0, types.find('\n')) == all_types(plain.files).substr(0, types.find('\n')));

  CHECK(generate(text, "todo.json", "").files == plain.files);
  // A spec without api.namespace is complete with the override.
  std::string no_ns = spec("");
  no_ns.erase(no_ns.find("\"namespace\": \"t\", "), 18);
  REQUIRE(diagnostics_of(no_ns).size() == 1);
  CHECK(contains(diagnostics_of(no_ns)[0], "missing required key \"namespace\""));
  CHECK_FALSE(has_errors(generate(no_ns, "t.json", "x::y").diagnostics));

  auto errors_of = [&](const char* ns) {
    std::vector<std::string> out;
    for (const auto& d : generate(text, "todo.json", ns).diagnostics)
      if (d.level == severity::error) out.push_back(d.message);
    return out;
  };
  CHECK(errors_of("std::todo") ==
        std::vector<std::string>{"namespace \"std::todo\" would hide the namespace \"std\" that "
                                 "the generated code uses (given by --namespace)"});
  REQUIRE(errors_of("9lives").size() == 1);
  CHECK(contains(errors_of("9lives")[0], "(given by --namespace)"));
  CHECK(generate(text, "todo.json", "9lives").files.empty());
}

TEST_CASE("write_output and check_output") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "kaizala_codegen_test_output";
  fs::remove_all(dir);
  std::map<std::string, std::string> files = {{"a.hpp", "// Generated by kaizala-codegen A\n"},
                                              {"b.hpp", "// Generated by kaizala-codegen B\n"}};
  CHECK(check_output(dir, files) ==
        std::vector<std::string>{(dir / "a.hpp").generic_string() + ": missing",
                                 (dir / "b.hpp").generic_string() + ": missing"});
  write_output(dir, files);
  CHECK(check_output(dir, files).empty());

  SUBCASE("unchanged files are not rewritten") {
    auto before = fs::last_write_time(dir / "a.hpp");
    fs::last_write_time(dir / "a.hpp", before - std::chrono::hours(1));
    write_output(dir, files);
    CHECK(fs::last_write_time(dir / "a.hpp") == before - std::chrono::hours(1));
  }
  SUBCASE("an edited file and an extra header are named") {
    std::ofstream(dir / "a.hpp", std::ios::app) << "// a hand edit\n";
    std::ofstream(dir / "stale.hpp") << "// Generated by kaizala-codegen old\n";
    std::ofstream(dir / "notes.txt") << "not a header\n";
    CHECK(check_output(dir, files) ==
          std::vector<std::string>{
              (dir / "a.hpp").generic_string() + ": differs from a fresh generation",
              (dir / "stale.hpp").generic_string() + ": not produced by the generator"});
    write_output(dir, files);  // rewrites a.hpp, removes our stale header, leaves other files alone
    CHECK(check_output(dir, files).empty());
    CHECK(fs::exists(dir / "notes.txt"));
  }
  fs::remove_all(dir);
}

TEST_CASE("variants and aliases: checks with their positions") {
  const std::string cat = R"("Cat": {"fields": {"kind": {"type": "string", "required": true}}}, )";
  const std::string dog = R"("Dog": {"fields": {"name": {"type": "string"}}}, )";
  // Valid: a discriminated variant, a plain one, aliases of arrays, maps, scalars and a struct.
  CHECK(
      diagnostics_of(
          spec(
              cat + R"("Dog": {"fields": {"kind": {"type": "string"}}}, )" +
                  R"("Pet": {"oneOf": ["Cat", "Dog"], "discriminator": {"property": "kind", )"
                  R"("mapping": {"c": "Cat"}}}, "Pets": {"type": "array", "items": "Pet"}, )"
                  R"("Any": {"anyOf": ["int64", "string", "Pets"]}, "Kitty": {"type": "Cat"}, )"
                  R"("Id": {"type": "string"}, "ById": {"type": "map", "values": "Pet"})",
              op("Get",
                 R"(, "params": {"id": {"in": "query", "type": "Id"}}, "body": {"type": "Kitty"})")))
          .empty());
  CHECK(only(spec(R"("V": {"oneOf": ["Horse", "string"]})")) ==
        "t.json:3:17: error: unknown type \"Horse\"");
  CHECK(only(spec(R"("V": {"oneOf": ["string", "bytes"]})")) ==
        "t.json:3:27: error: alternative 2 of variant \"V\" is the same C++ type as alternative 1 "
        "(string): "
        "a variant's alternatives must be told apart by their C++ types");
  CHECK(only(spec(R"("Id": {"type": "string"}, "V": {"oneOf": ["Id", {"type": "string"}]})")) ==
        "t.json:3:49: error: alternative 2 of variant \"V\" is the same C++ type as alternative 1 "
        "(string): "
        "a variant's alternatives must be told apart by their C++ types");
  CHECK(only(spec(R"("V": {"oneOf": []})")) ==
        "t.json:3:16: error: \"oneOf\" must be a non-empty array of types, not an empty array");
  CHECK(
      only(spec(
          cat +
          R"("V": {"oneOf": ["Cat"], "discriminator": {"property": "kind", "mapping": {"d": "Dog"}}})")) ==
      "t.json:3:147: error: variant \"V\": the discriminator value \"d\" maps to \"Dog\", which is "
      "not one of its "
      "alternatives");
  CHECK(
      only(spec(
          cat +
          R"("V": {"oneOf": ["Cat"], "discriminator": {"property": "kind", "mapping": {"a|b": "Cat"}}})")) ==
      "t.json:3:142: error: variant \"V\": the discriminator value \"a|b\" cannot contain \"|\"");
  CHECK(only(spec(cat +
                  R"("V": {"oneOf": ["Cat", "string"], "discriminator": {"property": "kind"}})")) ==
        "t.json:3:91: error: alternative 2 of variant \"V\" is not a struct: with a "
        "\"discriminator\" every "
        "alternative is a struct that holds the property \"kind\"");
  CHECK(only(spec(cat + dog +
                  R"("V": {"oneOf": ["Cat", "Dog"], "discriminator": {"property": "kind"}})")) ==
        "t.json:3:140: error: alternative 2 of variant \"V\", struct \"Dog\", has no field "
        "\"kind\" (the "
        "discriminator property)");
  CHECK(
      only(spec(
          R"("A": {"fields": {"kind": {"type": "int32"}}}, "V": {"oneOf": ["A"], "discriminator": {"property": "kind"}})")) ==
      "t.json:3:18: error: field \"kind\" of type \"A\" is the discriminator of variant \"V\" and "
      "must be a "
      "string or an enum");
  CHECK(only(spec(
            R"("A": {"fields": {"x": {"type": "string"}}, "discriminator": {"property": "x"}})")) ==
        "t.json:3:44: error: \"discriminator\" is only for a variant (\"oneOf\" or \"anyOf\")");
  // A variant holding itself by value, directly or through a struct; through an array is fine.
  CHECK(only(spec(R"("V": {"oneOf": ["string", "V"]})")) ==
        "t.json:3:27: error: type \"V\" contains itself other than through an array: V "
        "(alternative 2) -> V");
  CHECK(only(spec(R"("N": {"fields": {"v": {"type": "V"}}}, "V": {"oneOf": ["N", "string"]})")) ==
        "t.json:3:56: error: type \"N\" contains itself other than through an array: N.v -> V "
        "(alternative 1) -> N");
  CHECK(
      diagnostics_of(
          spec(
              R"("N": {"fields": {"v": {"type": "array", "items": "V"}}}, "V": {"oneOf": ["N", "string"]})"))
          .empty());
  // Aliases: no loops, no items on a use, params still scalars.
  CHECK(only(spec(R"("L": {"type": "array", "items": "L"})")) ==
        "t.json:3:1: error: alias \"L\" names itself (through aliases, arrays or maps); C++ "
        "aliases cannot "
        "recurse: make one of the types a struct or a variant");
  CHECK(
      only(spec(
          R"("L": {"type": "array", "items": "string"}, "A": {"fields": {"x": {"type": "L", "items": "int32"}}})")) ==
      "t.json:3:80: error: \"items\" is not for \"L\", an alias: its definition says what it "
      "holds");
  CHECK(only(spec(R"("V": {"oneOf": ["string"]}, "Vs": {"type": "array", "items": "V"})",
                  op("Get", R"(, "params": {"v": {"in": "query", "type": "Vs"}})"))) ==
        "t.json:6:182: error: a param must be a string, bool, int32, int64, double or enum, or an "
        "array of those");
  // Integer enums: values of the declared kind, in range, distinct; cppName usable and unique.
  CHECK(diagnostics_of(
            spec(R"("A": {"enum": [1, {"value": -2, "cppName": "minus"}], "type": "int32"})"))
            .empty());
  CHECK(only(spec(R"("A": {"enum": ["x"], "type": "int32"})"))
            .find("error: a value of integer enum \"A\" must be an integer, not a string") !=
        std::string::npos);
  CHECK(
      only(spec(R"("A": {"enum": [1]})"))
          .find(
              "error: a value of enum \"A\" is an integer: say \"type\": \"int32\" or \"int64\"") !=
      std::string::npos);
  CHECK(only(spec(R"("A": {"enum": [1], "type": "string"})"))
            .find("error: a value of enum \"A\" is an integer") != std::string::npos);
  CHECK(only(spec(R"("A": {"enum": ["x"], "type": "bool"})"))
            .find("error: enum \"A\": \"type\" must be \"int32\" or \"int64\" (an integer enum), "
                  "or \"string\" or left out") != std::string::npos);
  CHECK(diagnostics_of(spec(R"("A": {"enum": ["x"], "type": "string"})")).empty());
  CHECK(only(spec(R"("A": {"enum": [1], "type": "int32", "items": "string"})"))
            .find("error: \"items\" is only for an alias") != std::string::npos);
  CHECK(only(spec(R"("A": {"enum": [2147483648], "type": "int32"})"))
            .find("error: value 2147483648 of enum \"A\" is out of range for int32") !=
        std::string::npos);
  CHECK(only(spec(R"("A": {"enum": [1, 1], "type": "int64"})"))
            .find("error: duplicate enum value \"1\"") != std::string::npos);
  CHECK(only(spec(R"("A": {"enum": [1, {"value": 2, "cppName": "value_1"}], "type": "int64"})"))
            .find("has the C++ name \"value_1\", already used by enum value \"1\"") !=
        std::string::npos);
  CHECK(only(spec(R"("A": {"enum": [{"value": "x", "cppName": "class"}]})"))
            .find("error: \"cppName\" \"class\" is not a usable C++ name") != std::string::npos);
}

TEST_CASE("write_output and check_output: the types/ folder") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "kaizala_codegen_test_types";
  fs::remove_all(dir);
  std::map<std::string, std::string> files = {
      {"types.hpp", "// Generated by kaizala-codegen T\n"},
      {"types/A.hpp", "// Generated by kaizala-codegen A\n"}};
  write_output(dir, files);  // creates types/
  CHECK(read(dir / "types" / "A.hpp") == files["types/A.hpp"]);
  CHECK(check_output(dir, files).empty());
  std::ofstream(dir / "types" / "Gone.hpp") << "// Generated by kaizala-codegen old\n";
  std::ofstream(dir / "types" / "Mine.hpp") << "// written by hand\n";
  CHECK(check_output(dir, files) ==
        std::vector<std::string>{
            (dir / "types/Gone.hpp").generic_string() + ": not produced by the generator",
            (dir / "types/Mine.hpp").generic_string() + ": not produced by the generator"});
  write_output(dir,
               files);  // removes the type header a spec no longer has, keeps the hand-written one
  CHECK_FALSE(fs::exists(dir / "types" / "Gone.hpp"));
  CHECK(fs::exists(dir / "types" / "Mine.hpp"));
  fs::remove_all(dir);
}

TEST_CASE("one header per type; a group header includes only the types its ops name") {
  auto result = generate(read(KAIZALA_SOURCE_DIR "/tests/codegen/cycles.json"), "cycles.json");
  REQUIRE_FALSE(has_errors(result.diagnostics));
  std::vector<std::string> names;
  for (const auto& [name, text] : result.files) names.push_back(name);
  CHECK(names == std::vector<std::string>{
                     "all.hpp", "empty.hpp", "roots.hpp", "service.hpp", "trees.hpp", "types.hpp",
                     "types/Aux-2.hpp", "types/Branch.hpp", "types/Forest.hpp", "types/Kind.hpp",
                     "types/Leaf.hpp", "types/Pet.hpp", "types/Ping.hpp", "types/Pong.hpp",
                     "types/Tree.hpp", "types/Twig.hpp", "types/pet-2.hpp"});
  auto includes = [](const std::string& text) {
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("#include \"", 0) == 0) out += line.substr(9) + " ";
    return out;
  };
  const auto& f = result.files;
  SUBCASE("a cycle shares the header of its first type, in dependency order, declared ahead") {
    const std::string& branch = f.at("types/Branch.hpp");
    CHECK(includes(branch) == "\"Kind.hpp\" \"Leaf.hpp\" ");
    CHECK(contains(branch, "namespace cycles {\n\nstruct Twig;\n\nstruct Branch {\n"));
    CHECK(branch.find("struct Branch {") < branch.find("struct Forest {"));
    CHECK(branch.find("struct Forest {") < branch.find("struct Twig {"));
    CHECK(contains(branch, "struct kaizala::meta::fields_of<::cycles::Twig> {"));
    for (const char* member : {"types/Forest.hpp", "types/Twig.hpp"}) {
      INFO(member);
      CHECK(includes(f.at(member)) == "\"Branch.hpp\" ");
      CHECK_FALSE(contains(f.at(member), "struct "));
    }
    CHECK(contains(f.at("types/Ping.hpp"), "struct Pong;\n\nstruct Ping {\n"));
    CHECK(includes(f.at("types/Ping.hpp")) == "\"Leaf.hpp\" ");  // Pong's map of Leaf
    CHECK(includes(f.at("types/Pong.hpp")) == "\"Ping.hpp\" ");
  }
  SUBCASE("a type in no cycle includes the headers of the types it names") {
    CHECK(includes(f.at("types/Tree.hpp")) == "\"Leaf.hpp\" ");
    CHECK_FALSE(contains(f.at("types/Tree.hpp"), "struct Tree;"));  // itself needs no declaration
    CHECK(includes(f.at("types/Aux-2.hpp")) == "\"Tree.hpp\" ");
    CHECK(includes(f.at("types/Leaf.hpp")).empty());
    CHECK(contains(f.at("types/Kind.hpp"), "enum class Kind {"));
    CHECK(contains(f.at("types/pet-2.hpp"), "struct pet {"));
  }
  SUBCASE("group headers, types.hpp and all.hpp") {
    // GetForest answers a Forest, PutPing's request holds Pongs, ListTrees answers Trees, and
    // PutPing's 404 is a pet; nothing else.
    CHECK(includes(f.at("trees.hpp")) ==
          "\"types/Forest.hpp\" \"types/Pong.hpp\" \"types/Tree.hpp\" \"types/pet-2.hpp\" ");
    CHECK(contains(f.at("empty.hpp"), "// The \"empty\" operations: No operations.\n"));
    CHECK(includes(f.at("empty.hpp")).empty());
    CHECK(includes(f.at("types.hpp")) ==
          "\"types/Kind.hpp\" \"types/Leaf.hpp\" \"types/Tree.hpp\" \"types/Aux-2.hpp\" "
          "\"types/Pet.hpp\" \"types/pet-2.hpp\" \"types/Branch.hpp\" \"types/Forest.hpp\" "
          "\"types/Twig.hpp\" \"types/Ping.hpp\" \"types/Pong.hpp\" ");
    CHECK(includes(f.at("all.hpp")) == "\"roots.hpp\" \"types.hpp\" \"trees.hpp\" \"empty.hpp\" ");
  }
}

TEST_CASE("api headers, root variables and auth lists are checked where they are written") {
  auto with_api = [](const std::string& api_extra, const std::string& root,
                     const std::string& auth) {
    return "{\"api\": {\"name\": \"T\", \"namespace\": \"t\", \"roots\": {\"main\": " + root +
           "}, \"auth\": {\"key\": {\"header\": \"K\"}, \"bearer\": {\"header\": "
           "\"Authorization\", "
           "\"prefix\": \"Bearer \"}}, \"groups\": {\"g\": {}}" +
           api_extra + "},\n\"types\": {},\n\"operations\": {\n" +
           "\"Get\": {\"group\": \"g\", \"summary\": \"S.\", \"method\": \"GET\", \"path\": "
           "\"/x\", \"root\": \"main\", "
           "\"auth\": " +
           auth + ", \"idempotent\": true, \"response\": \"json\"}}}\n";
  };
  const std::string root =
      R"({"url": "https://{region}.example.com", "variables": {"region": {"default": "eu", "enum": ["eu", "us"]}}})";
  CHECK(diagnostics_of(with_api(R"(, "headers": {"User-Agent": "a/1", "X-Other": "b"})", root,
                                R"(["bearer", "key"])"))
            .empty());
  auto g = generate(with_api("", root, R"(["bearer", "key"])"), "t.json");
  REQUIRE(g.diagnostics.empty());
  CHECK(contains(g.files.at("g.hpp"), "      {\"User-Agent\", \"T kaizala-cpp/"));
  CHECK(
      contains(g.files.at("g.hpp"),
               "      {\"bearer\", \"Authorization\", kaizala::auth_place::header, \"Bearer \"},\n"
               "      {\"key\", \"K\", kaizala::auth_place::header, \"\"},\n"));
  CHECK(contains(g.files.at("g.hpp"), "      {\"region\", \"eu\", \"eu\\nus\"},\n"));
  // A header with an empty value is not sent: no User-Agent at all.
  g = generate(with_api(R"(, "headers": {"user-agent": ""})", root, R"("key")"), "t.json");
  REQUIRE(g.diagnostics.empty());
  CHECK(!contains(g.files.at("g.hpp"), "default_headers"));

  CHECK(contains(only(with_api(R"(, "headers": {"Bad Name": "x"})", root, R"("key")")),
                 "error: header \"Bad Name\" of \"api\": a header name is letters, digits"));
  CHECK(contains(only(with_api(R"(, "headers": {"X-A": "x\ny"})", root, R"("key")")),
                 "error: header \"X-A\" of \"api\": the value cannot hold control characters"));
  CHECK(contains(only(with_api(R"(, "headers": {"X-A": "1", "x-a": "2"})", root, R"("key")")),
                 "is written twice (names ignore case)"));
  CHECK(contains(only(with_api(R"(, "headers": {"X-A": 1})", root, R"("key")")),
                 "\"X-A\" must be a string, not a number"));
  CHECK(contains(
      only(with_api("", R"({"url": "https://h", "variables": {"region": {"default": "eu"}}})",
                    R"("key")")),
      "error: variable \"region\" of root \"main\" is not used: the url \"https://h\" has no "
      "{region}"));
  CHECK(contains(
      only(with_api(
          "", R"({"url": "https://{r}", "variables": {"r": {"default": "x", "enum": ["eu"]}}})",
          R"("key")")),
      "error: variable \"r\" of root \"main\": the default \"x\" is not one of \"enum\""));
  CHECK(
      contains(only(with_api("", R"({"url": "https://{r}", "variables": {"r": {"enum": ["eu"]}}})",
                             R"("key")")),
               "is missing required key \"default\""));
  CHECK(contains(
      only(with_api(
          "", R"({"url": "https://{r}", "variables": {"r": {"default": "eu", "enum": "eu"}}})",
          R"("key")")),
      "must be an array of strings, not a string"));
  CHECK(contains(only(with_api("", root, "[]")),
                 "error: operation \"Get\": \"auth\" is an empty list"));
  CHECK(contains(only(with_api("", root, R"(["key", "kye"])")),
                 "error: unknown auth scheme \"kye\" (did you mean \"key\"?)"));
  CHECK(contains(only(with_api("", root, R"(["key", "key"])")),
                 "auth scheme \"key\" is listed twice"));
  CHECK(contains(only(with_api("", root, R"(["none", "key"])")),
                 "\"none\" cannot be one of several auth alternatives"));
  CHECK(contains(only(with_api("", root, R"(["key", 3])")),
                 "an item of \"auth\" of operation \"Get\" must be a string, not a number"));
}

TEST_CASE("writeOnly and the response status are checked") {
  CHECK(
      diagnostics_of(
          spec(
              R"("A": {"fields": {"pin": {"type": "string", "writeOnly": true, "required": true}}})"))
          .empty());
  CHECK(
      only(
          spec(
              R"("A": {"fields": {"pin": {"type": "string", "writeOnly": true, "readOnly": true}}})"))
          .find("error: a field cannot be both \"readOnly\" and \"writeOnly\"") !=
      std::string::npos);
  CHECK(only(spec("",
                  op("Get",
                     R"(, "params": {"p": {"in": "query", "type": "string", "writeOnly": true}})")))
            .find("error: \"writeOnly\" is only for JSON fields, not params") != std::string::npos);
  auto with_response = [](const std::string& response) {
    std::string text = spec("", op("Get"));
    std::string json = "\"response\": \"json\"";
    return text.replace(text.find(json), json.size(), "\"response\": " + response);
  };
  CHECK(diagnostics_of(with_response(R"({"type": "string", "status": 201})")).empty());
  CHECK(only(with_response(R"({"type": "string", "status": 404})"))
            .find("error: \"status\" of the response of operation \"Get\" must be the success "
                  "status, an integer "
                  "200..299") != std::string::npos);
  CHECK(only(with_response(R"({"type": "string", "status": "201"})")).find("error: ") !=
        std::string::npos);
  auto generated = generate(with_response(R"({"type": "string", "status": 202})"), "t.json");
  REQUIRE(generated.diagnostics.empty());
  CHECK(generated.files.at("g.hpp").find("  static constexpr int status = 202;") !=
        std::string::npos);
  auto plain = generate(with_response(R"({"type": "string"})"), "t.json");
  CHECK(plain.files.at("g.hpp").find("status") == std::string::npos);
}

TEST_CASE("roots.hpp: one struct per root, names made safe and unique; \"roots\" is reserved") {
  std::string text = spec("", op("Do"));
  text.replace(text.find("\"main\": {\"url\": \"{base}\"}"), 25,
               "\"main\": {\"url\": \"{base}\", \"doc\": \"The service.\"}, \"a-b\": {\"url\": "
               "\"https://a/v1\"}, "
               "\"a_b\": {\"url\": \"https://b\"}");
  auto result = generate(text, "t.json");
  REQUIRE(result.diagnostics.empty());
  const std::string& roots = result.files.at("roots.hpp");
  CHECK(roots.find("namespace t::roots {\n\n// The service.\nstruct main {\n"
                   "  static constexpr std::string_view name = \"main\";\n"
                   "  static constexpr std::string_view url = \"{base}\";\n};\n") !=
        std::string::npos);
  CHECK(roots.find("struct a_b {\n  static constexpr std::string_view name = \"a-b\";\n"
                   "  static constexpr std::string_view url = \"https://a/v1\";") !=
        std::string::npos);
  CHECK(roots.find("struct a_b_2 {\n  static constexpr std::string_view name = \"a_b\";") !=
        std::string::npos);
  CHECK(result.files.at("all.hpp").find("#include \"roots.hpp\"\n") != std::string::npos);

  CHECK(
      only(spec(R"("roots": {"fields": {}})")) ==
      "t.json:3:1: error: type name \"roots\" is reserved: the generated code declares or uses it");
  text = spec("");
  text.replace(text.find("\"g\": {}"), 7, "\"g\": {}, \"roots\": {}");
  CHECK(only(text) ==
        "t.json:1:133: error: group name \"roots\" would overwrite the generated roots.hpp");
}

TEST_CASE("service.hpp: one pure virtual handler per op; \"service\" is reserved") {
  auto result =
      generate(spec("", op("Get") + ",\n" +
                            op("AVeryLongOperationNameThatCannotFitOnOneLineAtAll", "", "/y")),
               "t.json");
  REQUIRE(result.diagnostics.empty());
  const std::string& s = result.files.at("service.hpp");
  CHECK(s.find("#include \"all.hpp\"\n\n#include <kaizala/result.hpp>\n\nnamespace t {\n") !=
        std::string::npos);
  CHECK(
      s.find(
          "template <class Context>\nclass service {\n public:\n  virtual ~service() = default;\n\n"
          "  // S.\n  virtual ::kaizala::result<ops::Get::response> handle(ops::Get, const "
          "ops::Get::request& "
          "request, Context& context) = 0;\n") == std::string::npos);  // 104 columns: broken
  CHECK(s.find("  // S.\n  virtual ::kaizala::result<ops::Get::response> handle(\n"
               "      ops::Get, const ops::Get::request& request, Context& context) = 0;\n") !=
        std::string::npos);
  CHECK(
      s.find(
          "  virtual "
          "::kaizala::result<ops::AVeryLongOperationNameThatCannotFitOnOneLineAtAll::response> "
          "handle(\n"
          "      ops::AVeryLongOperationNameThatCannotFitOnOneLineAtAll,\n"
          "      const ops::AVeryLongOperationNameThatCannotFitOnOneLineAtAll::request& request,\n"
          "      Context& context) = 0;\n};\n\n}  // namespace t\n") != std::string::npos);

  CHECK(only(spec(R"("service": {"fields": {}})")) ==
        "t.json:3:1: error: type name \"service\" is reserved: the generated code declares or uses "
        "it");
}

TEST_CASE("\"when\": ops sharing a route say which requests are theirs; the shape is checked") {
  std::string body = R"(, "params": {"id": {"in": "path", "type": "string", "required": true}},
    "body": {"fields": {"to": {"type": "array", "items": "string"}, "all": {"type": "bool"}}})";
  auto with_when = [&](const std::string& when) {
    return spec("", op("Send", body, "/x/{id}") + ",\n" +
                        op("SendTo", body + ", \"when\": " + when, "/x/{id}"));
  };
  // Two ops on one route: Send has no "when" (the default), SendTo says when it is meant.
  std::string text =
      spec("", op("Send", body, "/x/{id}") + ",\n" +
                   op("SendTo",
                      body + R"(, "when": [{"to": "nonEmpty"}, {"all": true, "to": "present"}])",
                      "/x/{id}"));
  auto result = generate(text, "t.json");
  INFO(text);
  REQUIRE(result.diagnostics.empty());
  const std::string& g = result.files.at("g.hpp");
  CHECK(g.find("#include <kaizala/request_test.hpp>\n") != std::string::npos);
  CHECK(g.find("  static constexpr bool idempotent = true;\n"
               "  // Among the ops on this method and path, the request is this one when every "
               "test of one\n"
               "  // alternative (the first number) holds.\n"
               "  static constexpr kaizala::request_test when[] = {\n"
               "      {0, \"to\", kaizala::request_check::non_empty, \"\"},\n"
               "      {1, \"all\", kaizala::request_check::equals, \"true\"},\n"
               "      {1, \"to\", kaizala::request_check::present, \"\"},\n"
               "  };\n};\n") != std::string::npos);
  CHECK(g.find("when[]") == g.rfind("when[]"));  // Send has none

  auto ok = generate(
      spec("", op("Get", R"(, "params": {"s": {"in": "path", "type": "string", "required": true}},
    "when": [{"s": {"refersTo": "Survey"}}])",
                  "/x/{s}")),
      "t.json");
  CHECK(ok.diagnostics.empty());
  CHECK(ok.files.at("g.hpp").find("{0, \"s\", kaizala::request_check::refers_to, \"Survey\"},") !=
        std::string::npos);

  auto error_of = [&](const std::string& when) {
    auto ds = diagnostics_of(with_when(when));
    return ds.size() == 1 ? ds[0].substr(ds[0].find("error: "))
                          : "diagnostics: " + std::to_string(ds.size());
  };
  CHECK(
      error_of("{}") ==
      "error: operation \"SendTo\": \"when\" must be a non-empty array of objects (alternatives)");
  CHECK(
      error_of("[]") ==
      "error: operation \"SendTo\": \"when\" must be a non-empty array of objects (alternatives)");
  CHECK(error_of("[{}]") ==
        "error: operation \"SendTo\": \"when\": each alternative must be a non-empty object of "
        "tests");
  CHECK(error_of(R"([{"nope": "present"}])") ==
        "error: operation \"SendTo\": \"when\" tests \"nope\", which is neither a body field nor a "
        "path param");
  CHECK(error_of(R"([{"to": "full"}])") ==
        "error: operation \"SendTo\": \"when\": body field \"to\" takes \"present\", \"nonEmpty\", "
        "true or false");
  CHECK(error_of(R"([{"to": {"refersTo": "Survey"}}])") ==
        "error: operation \"SendTo\": \"when\": body field \"to\" takes \"present\", \"nonEmpty\", "
        "true or false");
  CHECK(
      error_of(R"([{"id": "present"}])") ==
      "error: operation \"SendTo\": \"when\": path param \"id\" takes {\"refersTo\": \"<kind>\"}");
  CHECK(
      error_of(R"([{"id": {"refersTo": ""}}])") ==
      "error: operation \"SendTo\": \"when\": path param \"id\" takes {\"refersTo\": \"<kind>\"}");
}
