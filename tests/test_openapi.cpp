// The OpenAPI importer: small inline documents in, the spec JSON and diagnostics out
// (docs/openapi.md).
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "document_reader.hpp"
#include "generate_spec.hpp"
#include "openapi_import.hpp"

namespace json = boost::json;
using namespace kaizala::codegen;

namespace {

// Removes every "x-origin", so expectations stay short.
json::value bare(json::value v) {
  if (auto* o = v.if_object()) {
    o->erase("x-origin");
    for (auto& kv : *o) kv.value() = bare(kv.value());
  } else if (auto* a = v.if_array()) {
    for (auto& x : *a) x = bare(x);
  }
  return v;
}

struct run_result {
  document doc;
  import_result imported;
  generation generated;
  std::string all;  // every diagnostic, formatted, one per line

  const json::value& at(const std::string& pointer) const {
    static const json::value missing = "<missing>";
    const json::value* v = pointer_find(imported.spec, pointer);
    return v ? *v : missing;
  }
  json::value bare_at(const std::string& pointer) const { return bare(at(pointer)); }
  bool says(const std::string& text) const { return all.find(text) != std::string::npos; }
  bool ok() const { return !imported.spec.is_null() && !has_errors(generated.diagnostics); }
};

run_result run(const std::string& text, const std::string& file = "api.yaml",
               import_options options = {}) {
  run_result r;
  r.doc = read_document(text, file);
  r.imported = import_openapi(r.doc, options);
  for (const auto& d : r.imported.diagnostics) r.all += format(d) + "\n";
  if (!r.imported.spec.is_null()) {
    r.generated = generate_from_spec(r.imported.spec, file, locate_origins(r.doc, r.imported));
    for (const auto& d : r.generated.diagnostics) r.all += format(d) + "\n";
  }
  return r;
}

const spec_features features = supported_spec_features();

const char* const pets_head = R"(openapi: 3.0.3
info: {title: Pet Store, version: "1.0"}
)";

}  // namespace

TEST_CASE("reader: YAML and JSON with positions, and strict-JSON tolerance") {
  document y = read_document(
      "openapi: 3.0.0\ninfo:\n  title: 'x'\n  n: 5\n  f: 1.5\n  b: true\n  z: ~\n  s: \"5\"\n",
      "a.yaml");
  REQUIRE(y.ok());
  CHECK(y.yaml);
  CHECK(y.root.at("openapi") == "3.0.0");
  CHECK(y.root.at("info").at("n") == 5);
  CHECK(y.root.at("info").at("f") == 1.5);
  CHECK(y.root.at("info").at("b") == true);
  CHECK(y.root.at("info").at("z").is_null());
  CHECK(y.root.at("info").at("s") == "5");  // quoted: text
  CHECK(y.position("/info/title").line == 3);
  CHECK(y.position("/info/title").col == 10);

  document j = read_document("{\n  \"a\": [1, {\"b\": \"x\ny\"}]\n}", "a.json");
  REQUIRE(j.ok());
  CHECK_FALSE(j.yaml);
  CHECK(j.root.at("a").at(1).at("b") == "x\ny");
  CHECK(j.position("/a/1/b").line == 2);
  CHECK(j.position("/a/1/b").col == 18);
  REQUIRE(j.diagnostics.size() == 1);
  CHECK(format(j.diagnostics[0]) ==
        "a.json:2:20: warning: 1 raw control character(s) (e.g. newlines) inside "
        "strings: not strict JSON; read as if escaped");
}

TEST_CASE("reader: broken input is an error with file:line:col") {
  document j = read_document("{\n  \"a\": [1,,2]\n}", "bad.json");
  REQUIRE_FALSE(j.ok());
  CHECK(format(j.diagnostics[0]) == "bad.json:2:11: error: unexpected character ','");
  CHECK(j.root.is_null());

  document y = read_document("openapi: 3.0.0\ninfo: [a, b\n", "bad.yaml");
  REQUIRE_FALSE(y.ok());
  CHECK(format(y.diagnostics[0]).find("bad.yaml:") == 0);
  CHECK(format(y.diagnostics[0]).find("error: YAML:") != std::string::npos);

  document dup = read_document("{\"a\": 1, \"a\": 2}", "dup.json");
  REQUIRE_FALSE(dup.ok());
  CHECK(format(dup.diagnostics[0]) == "dup.json:1:10: error: duplicate key \"a\"");

  document ydup = read_document("a: 1\na: 2\n", "dup.yaml");
  REQUIRE_FALSE(ydup.ok());
  CHECK(format(ydup.diagnostics[0]) == "dup.yaml:2:1: error: duplicate key \"a\"");
}

TEST_CASE("reader: hostile input is bounded (depth, alias bombs, size)") {
  std::string deep_json(100000, '[');
  document j = read_document(deep_json, "deep.json");
  REQUIRE_FALSE(j.ok());
  CHECK(j.diagnostics[0].message == "nesting deeper than 200 levels");
  CHECK(j.diagnostics[0].col == 201);

  std::string deep_yaml;
  for (int i = 0; i < 300; ++i) deep_yaml += std::string(std::size_t(i) * 2, ' ') + "a:\n";
  document y = read_document(deep_yaml, "deep.yaml");
  REQUIRE_FALSE(y.ok());
  CHECK(y.diagnostics[0].message.find("nesting deeper than 200 levels") != std::string::npos);

  std::string flow_yaml = "a: " + std::string(50000, '[');
  document f = read_document(flow_yaml, "flow.yaml");
  CHECK_FALSE(f.ok());  // yaml-cpp's own depth guard or ours; either way no crash

  // Billion laughs: 9 levels of 10 aliases expand to 10^9 values.
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, char(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
  }
  document b = read_document(bomb, "bomb.yaml");
  REQUIRE_FALSE(b.ok());
  CHECK(b.diagnostics[0].message.find("after expanding YAML aliases") != std::string::npos);
  document cyc =
      read_document("a: &a [*a, *a, 1]\n", "cycle.yaml");  // an alias inside its own anchor
  CHECK_FALSE(cyc.ok());

  document_limits small;
  small.max_bytes = 10;
  document big = read_document("{\"a\": \"0123456789\"}", "big.json", small);
  REQUIRE_FALSE(big.ok());
  CHECK(big.diagnostics[0].message == "the document is larger than 10 bytes");
}

TEST_CASE("format detection and versions") {
  CHECK(is_openapi(json::parse(R"({"openapi": "3.1.0"})")));
  CHECK(is_openapi(json::parse(R"({"swagger": "2.0"})")));
  CHECK_FALSE(is_openapi(json::parse(R"({"api": {}, "types": {}, "operations": {}})")));

  auto v4 = run("openapi: 4.0.0\ninfo: {title: x}\npaths: {}\n");
  CHECK(v4.imported.spec.is_null());
  CHECK(
      v4.says("api.yaml:1:10: error: unsupported OpenAPI version \"4.0.0\" (3.0.x, 3.1.x and "
              "Swagger 2.0 are "
              "supported) (#/openapi)"));
  auto s1 = run(R"({"swagger": "1.2", "info": {"title": "x"}})", "old.json");
  CHECK(s1.says("old.json:1:13: error: unsupported Swagger version 1.2"));

  auto ok31 = run("openapi: 3.1.0\ninfo: {title: Tiny Thing}\npaths: {}\n");
  REQUIRE(ok31.ok());
  CHECK(ok31.at("/api/name") == "Tiny Thing");
  CHECK(ok31.at("/api/namespace") == "tiny_thing");
  import_options named;
  named.api_name = "Tiny";
  named.namespace_ = "acme::tiny";
  auto renamed = run("openapi: 3.1.0\ninfo: {title: Tiny Thing}\npaths: {}\n", "api.yaml", named);
  CHECK(renamed.at("/api/name") == "Tiny");
  CHECK(renamed.at("/api/namespace") == "acme::tiny");
}

TEST_CASE("$ref to schemas, parameters, request bodies and responses") {
  auto r = run(std::string(pets_head) + R"(paths:
  /pets/{petId}:
    parameters: [{$ref: '#/components/parameters/PetId'}]
    put:
      operationId: updatePet
      requestBody: {$ref: '#/components/requestBodies/PetBody'}
      responses:
        '200': {$ref: '#/components/responses/PetAnswer'}
components:
  parameters:
    PetId: {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
  requestBodies:
    PetBody:
      required: true
      content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
  responses:
    PetAnswer:
      description: the pet
      content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {$ref: '#/components/schemas/Tag'}
    Tag: {type: string, enum: [a, b]}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/types") == json::parse(R"({
    "Pet": {"fields": {"name": {"type": "string", "required": true}, "tag": {"type": "Tag"}}},
    "Tag": {"enum": ["a", "b"]}})"));
  CHECK(r.bare_at("/operations/UpdatePet") == json::parse(R"({
    "group": "operations", "summary": "PUT /pets/{petId}", "method": "PUT", "path": "/pets/{petId}",
    "root": "main", "auth": "none", "idempotent": true,
    "params": {"petId": {"in": "path", "type": "int64", "required": true}},
    "body": {"type": "Pet"}, "response": {"type": "Pet"}})"));
  CHECK(r.at("/operations/UpdatePet/x-origin") == "api.yaml#/paths/~1pets~1{petId}/put");
  CHECK(r.at("/types/Pet/fields/name/x-origin") ==
        "api.yaml#/components/schemas/Pet/properties/name");
}

TEST_CASE("$ref into another file, relative to the document; refused or dangling refs are errors") {
  std::string dir = std::string(KAIZALA_TEST_WORK_DIR);
  {
    std::ofstream common(dir + "/common.yaml");
    common << "Error:\n  type: object\n  properties:\n    message: {type: string}\n";
  }
  std::string doc = std::string(pets_head) + R"(paths:
  /x:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'common.yaml#/Error'}}}
)";
  auto r = run(doc, dir + "/api.yaml");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/types/Error") == json::parse(R"({"fields": {"message": {"type": "string"}}})"));
  CHECK(r.at("/types/Error/x-origin") == "common.yaml#/Error");
  CHECK(r.bare_at("/operations/GetX/response") == json::parse(R"({"type": "Error"})"));

  auto missing = run(std::string(pets_head) +
                         "paths:\n  /x:\n    get:\n      responses:\n        '200':\n"
                         "          description: ok\n          content: {application/json: "
                         "{schema: {$ref: 'nope.yaml#/E'}}}\n",
                     dir + "/api.yaml");
  CHECK(missing.imported.spec.is_null());
  CHECK(missing.says("error: $ref \"nope.yaml#/E\": cannot read " + dir + "/nope.yaml"));

  auto remote =
      run(std::string(pets_head) +
          "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'https://example.com/a.yaml#/A'}\n");
  INFO(remote.all);
  CHECK(remote.imported.spec.is_null());
  CHECK(
      remote.says("api.yaml:6:15: error: $ref \"https://example.com/a.yaml#/A\" points to a remote "
                  "document; only "
                  "local files are read (#/components/schemas/A/$ref)"));

  auto dangling = run(std::string(pets_head) +
                      "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n"
                      "      properties:\n        b: {$ref: '#/components/schemas/B'}\n");
  CHECK(dangling.imported.spec.is_null());
  CHECK(dangling.says(
      "api.yaml:9:19: error: dangling $ref \"#/components/schemas/B\": nothing at that pointer "
      "(#/components/schemas/A/properties/b/$ref)"));
}

TEST_CASE("cyclic schemas: through an array is a struct; through a member falls back to json") {
  auto r = run(std::string(pets_head) + R"(paths: {}
components:
  schemas:
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        parent: {$ref: '#/components/schemas/Tree'}
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
)");
  CHECK(r.says("error: $ref chain longer than 64 steps (a cycle?)"));
  auto held = run(std::string(pets_head) + R"(paths: {}
components:
  schemas:
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        parent: {$ref: '#/components/schemas/Tree'}
        byName: {type: object, additionalProperties: {$ref: '#/components/schemas/Tree'}}
)");
  INFO(held.all);
  REQUIRE(held.ok());
  CHECK(held.bare_at("/types/Tree/fields") == json::parse(R"({
    "children": {"type": "array", "items": "Tree"}, "parent": {"type": "json"}, "byName": {"type": "json"}})"));
  CHECK(
      held.says("api.yaml:10:17: warning: Tree holds itself through member \"parent\" (only an "
                "array may hold "
                "its own struct); the member is mapped to json "
                "(#/components/schemas/Tree/properties/parent)"));
  auto ok = run(std::string(pets_head) + R"(paths: {}
components:
  schemas:
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    Loop:
      type: array
      items: {$ref: '#/components/schemas/Loop'}
)");
  INFO(ok.all);
  REQUIRE(ok.ok());
  CHECK(ok.bare_at("/types/Tree/fields/children") ==
        json::parse(R"({"type": "array", "items": "Tree"})"));
  CHECK(
      ok.says("warning: this schema holds itself through something other than an object or array; "
              "the inner "
              "occurrence is mapped to json (#/components/schemas/Loop)"));
}

TEST_CASE("allOf merges into one struct; conflicting members are an error") {
  std::string base = std::string(pets_head) + R"(paths: {}
components:
  schemas:
    Named:
      type: object
      required: [name]
      properties: {name: {type: string}}
    Dog:
      description: A dog.
      allOf:
        - $ref: '#/components/schemas/Named'
        - type: object
          required: [bark]
          properties:
            bark: {type: boolean}
            name: {type: string, description: 'same type, another doc'}
)";
  auto r = run(base);
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/types/Dog") == json::parse(R"({"doc": "A dog.", "fields": {
    "name": {"type": "string", "required": true, "doc": "same type, another doc"},
    "bark": {"type": "bool", "required": true}}})"));

  auto bad = run(base +
                 "    Cat:\n      allOf:\n        - $ref: '#/components/schemas/Named'\n"
                 "        - properties: {name: {type: integer}}\n");
  INFO(bad.all);
  CHECK(bad.imported.spec.is_null());
  CHECK(
      bad.says("api.yaml:22:30: error: allOf members disagree on the type of property \"name\" "
               "(#/components/schemas/Cat/allOf/1/properties/name)"));
}

TEST_CASE("oneOf/anyOf with a discriminator") {
  auto r = run(std::string(pets_head) + R"(paths: {}
components:
  schemas:
    Cat: {type: object, properties: {petType: {type: string}, purrs: {type: boolean}}}
    Dog: {type: object, properties: {petType: {type: string}, barks: {type: boolean}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: petType
        mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}
    Id:
      anyOf: [{type: string}, {type: integer}]
)");
  INFO(r.all);
  REQUIRE(r.ok());
  if (features.variants) {
    CHECK(r.bare_at("/types/Pet") == json::parse(R"({"oneOf": ["Cat", "Dog"],
      "discriminator": {"property": "petType", "mapping": {"cat": "Cat", "dog": "Dog"}}})"));
    CHECK(r.bare_at("/types/Id") == json::parse(R"({"anyOf": ["string", "int64"]})"));
  } else {
    CHECK(r.at("/types/Pet") == "<missing>");
    CHECK(
        r.says("api.yaml:9:14: warning: oneOf is mapped to json (fallback: variants are not "
               "supported yet) "
               "(#/components/schemas/Pet/oneOf)"));
    CHECK(r.says("warning: anyOf is mapped to json"));
  }
}

TEST_CASE(
    "nullable, enums, maps, free-form objects, formats, required, defaults, readOnly/writeOnly, "
    "deprecated") {
  auto r = run(R"(openapi: 3.1.0
info: {title: t}
paths: {}
components:
  schemas:
    Thing:
      type: object
      required: [id, note, count]
      properties:
        id: {type: string, format: uuid, readOnly: true}
        note: {type: [string, 'null']}
        old: {type: string, nullable: true, deprecated: true}
        count: {type: integer, format: int32, default: 3}
        big: {type: integer}
        ratio: {type: number, format: float}
        exact: {type: number, format: double}
        when: {type: string, format: date-time}
        day: {type: string, format: date}
        raw: {type: string, format: byte}
        blob: {type: string, format: binary}
        secret: {type: string, writeOnly: true}
        color: {type: string, enum: [red, green], default: green}
        level: {type: integer, enum: [1, 2, 3]}
        labels: {type: object, additionalProperties: {type: string}}
        extra: {type: object}
        anything: {}
        tags: {type: array, items: {type: string}, maxItems: 5}
        name: {type: string, maxLength: 20, default: 7}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  auto f = [&](const char* n) { return r.bare_at(std::string("/types/Thing/fields/") + n); };
  {
    json::object id{{"type", "string"}, {"required", true}};
    std::string doc;
    if (features.field_format)
      id["format"] = "uuid";
    else
      doc = "Format: uuid.";
    if (features.read_only)
      id["readOnly"] = true;
    else
      doc += std::string(doc.empty() ? "" : " ") + "Read-only (sent by the server only).";
    if (!doc.empty()) id["doc"] = doc;
    CHECK(f("id") == id);
    CHECK(f("secret") ==
          json::parse(features.write_only
                          ? R"({"type": "string", "writeOnly": true})"
                          : R"({"type": "string", "doc": "Write-only (never returned)."})"));
    json::object old{{"type", "string"}};
    if (features.nullable) old["nullable"] = true;
    if (features.deprecated)
      old["deprecated"] = true;
    else
      old["doc"] = "Deprecated.";
    CHECK(f("old") == old);
    CHECK(f("when") == json::parse(features.field_format
                                       ? R"({"type": "string", "format": "date-time"})"
                                       : R"({"type": "string", "doc": "Format: date-time."})"));
  }
  if (features.nullable)
    CHECK(f("note") == json::parse(R"({"type": "string", "required": true, "nullable": true})"));
  else
    CHECK(f("note") == json::parse(R"({"type": "string"})"));  // optional: null reads as absent
  CHECK(f("count") == json::parse(R"({"type": "int32", "required": true, "default": 3})"));
  CHECK(f("big") == json::parse(R"({"type": "int64"})"));
  CHECK(f("ratio") ==
        json::parse(features.float_type ? R"({"type": "float"})" : R"({"type": "double"})"));
  CHECK(f("exact") == json::parse(R"({"type": "double"})"));
  CHECK(f("raw") ==
        json::parse(features.bytes_type ? R"({"type": "bytes"})" : R"({"type": "string"})"));
  CHECK(f("blob") ==
        json::parse(features.binary_type ? R"({"type": "binary"})" : R"({"type": "string"})"));
  CHECK(f("color") == json::parse(R"({"type": "ThingColor", "default": "green"})"));
  CHECK(r.bare_at("/types/ThingColor") == json::parse(R"({"enum": ["red", "green"]})"));
  if (features.int_enums)
    CHECK(r.bare_at("/types/ThingLevel") == json::parse(R"({"enum": [1, 2, 3], "type": "int64"})"));
  else
    CHECK(f("level") == json::parse(R"({"type": "int64"})"));
  CHECK(f("labels") == json::parse(R"({"type": "map", "values": "string"})"));
  CHECK(f("extra") == json::parse(R"({"type": "json"})"));
  CHECK(f("anything") == json::parse(R"({"type": "json"})"));
  CHECK(f("tags") == json::parse(R"({"type": "array", "items": "string", "maxItems": 5})"));
  CHECK(f("name") == json::parse(R"({"type": "string", "maxLength": 20})"));
  CHECK(
      r.says("api.yaml:28:54: warning: default value not kept (defaults are kept for scalars and "
             "enums of the "
             "same kind only) (#/components/schemas/Thing/properties/name/default)"));
}

TEST_CASE("parameters: path, query, header, cookie; style/explode; arrays") {
  auto r = run(std::string(pets_head) + R"(paths:
  /pets/{id}:
    get:
      operationId: get-pet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, description: How many., schema: {type: integer, format: int32, default: 10}}
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
        - {name: Accept, in: header, schema: {type: string}}
      responses: {'204': {description: none}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  const auto& params = r.bare_at("/operations/GetPet/params");
  CHECK(params.at("id") == json::parse(R"({"in": "path", "type": "string", "required": true})"));
  CHECK(params.at("limit") ==
        json::parse(R"({"in": "query", "type": "int32", "default": 10, "doc": "How many."})"));
  CHECK(params.at("X-Trace") ==
        json::parse(R"({"in": "header", "type": "string", "cppName": "xTrace"})"));
  CHECK(
      r.says("warning: 1 header parameter(s) named Content-Type, Accept or Authorization are left "
             "out (OpenAPI "
             "ignores them; the runtime sets these headers); the first is here "
             "(#/paths/~1pets~1{id}/get/parameters/7)"));
  if (features.param_style) {
    CHECK(params.at("tags") ==
          json::parse(R"({"in": "query", "type": "array", "items": "string"})"));
    CHECK(params.at("ids") == json::parse(R"({"in": "query", "type": "array", "items": "int64",
                                              "style": "pipeDelimited", "explode": false})"));
  } else {
    CHECK_FALSE(params.as_object().contains("tags"));
    CHECK(
        r.says("api.yaml:12:11: warning: array parameter \"tags\" is left out (fallback: array "
               "parameters are "
               "not supported yet) (#/paths/~1pets~1{id}/get/parameters/4)"));
    CHECK(r.says("warning: parameter \"filter\" of a non-scalar type is left out (fallback)"));
  }
  if (features.cookie_params)
    CHECK(params.at("session") == json::parse(R"({"in": "cookie", "type": "string"})"));
  else
    CHECK(
        r.says("warning: cookie parameter \"session\" is left out (fallback: cookie parameters are "
               "not supported "
               "yet) (#/paths/~1pets~1{id}/get/parameters/3)"));
}

TEST_CASE("Swagger 2.0: collectionFormat, body and formData parameters, host and basePath") {
  auto r = run(R"({
  "swagger": "2.0",
  "info": {"title": "Old", "version": "1"},
  "host": "old.example.com", "basePath": "/v2", "schemes": ["http", "https"],
  "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                          "basic": {"type": "basic"}},
  "security": [{"key": []}],
  "paths": {
    "/items": {
      "get": {
        "operationId": "listItems",
        "parameters": [
          {"name": "csv", "in": "query", "type": "array", "items": {"type": "string"}},
          {"name": "multi", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
          {"name": "n", "in": "query", "type": "integer", "format": "int32"}
        ],
        "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
                              "headers": {"X-Total": {"type": "integer"}}}}
      },
      "post": {
        "operationId": "addItem",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Item"}}],
        "responses": {"201": {"description": "made", "schema": {"$ref": "#/definitions/Item"}}}
      }
    },
    "/upload": {
      "post": {
        "operationId": "upload",
        "security": [{"basic": []}],
        "consumes": ["multipart/form-data"],
        "parameters": [{"name": "file", "in": "formData", "type": "file", "required": true},
                       {"name": "note", "in": "formData", "type": "string"}],
        "responses": {"200": {"description": "ok"}}
      }
    }
  },
  "definitions": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}}}
})",
               "old.json");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/api/roots") ==
        json::parse(R"({"main": {"url": "https://old.example.com/v2"}})"));
  CHECK(r.bare_at("/api/auth/key") == json::parse(R"({"header": "X-Key"})"));
  CHECK(r.at("/operations/ListItems/auth") == "key");
  CHECK(r.at("/operations/ListItems/params/n/type") == "int32");
  if (features.response_any)
    CHECK(
        r.bare_at("/operations/ListItems/response") ==
        json::parse(
            features.response_headers
                ? R"({"type": "array", "items": "Item", "headers": {"X-Total": {"type": "int64"}}})"
                : R"({"type": "array", "items": "Item"})"));
  CHECK(r.bare_at("/operations/AddItem/body") == json::parse(R"({"type": "Item"})"));
  CHECK(r.bare_at("/operations/AddItem/response") ==
        json::parse(features.response_status ? R"({"type": "Item", "status": 201})"
                                             : R"({"type": "Item"})"));
  CHECK(r.bare_at("/operations/Upload/body/multipart/file") == json::parse(R"({"type": "file"})"));
  if (features.auth_prefix) {
    CHECK(r.bare_at("/api/auth/basic") ==
          json::parse(R"({"header": "Authorization", "prefix": "Basic "})"));
  } else {
    CHECK(r.bare_at("/api/auth/basic") == json::parse(R"({"header": "Authorization",
      "doc": "Set the credential to \"Basic <base64 of user:password>\"."})"));
  }
  if (features.param_style) {
    CHECK(r.bare_at("/operations/ListItems/params/csv") ==
          json::parse(R"({"in": "query", "type": "array", "items": "string", "explode": false})"));
    CHECK(r.bare_at("/operations/ListItems/params/multi") ==
          json::parse(R"({"in": "query", "type": "array", "items": "string"})"));
  } else {
    CHECK(r.says("warning: array parameter \"csv\" is left out"));
    CHECK(
        r.says("warning: form field \"note\" is left out (fallback: not supported yet) "
               "(#/paths/~1upload/post/parameters/1)"));
    CHECK(r.at("/operations/ListItems/response") == "json");
    CHECK(
        r.says("old.json:17:30: warning: response of type {\"type\":\"array\",\"items\":\"Item\"} "
               "is mapped to json (fallback)"));
  }
}

TEST_CASE("request bodies: JSON, form, multipart (file and text parts), octet-stream") {
  auto r = run(std::string(pets_head) + R"(paths:
  /a:
    post:
      operationId: jsonInline
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [x], properties: {x: {type: string}, inner: {type: object, properties: {y: {type: boolean}}}}}
      responses: {'200': {description: ok}}
  /b:
    post:
      operationId: form
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {q: {type: string}}}
      responses: {'200': {description: ok}}
  /c:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties: {file: {type: string, format: binary}, caption: {type: string}}
      responses: {'200': {description: ok}}
  /d:
    put:
      operationId: raw
      requestBody:
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses: {'200': {description: ok}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/operations/JsonInline/body") == json::parse(features.body_optional
                                                                    ? R"({"fields": {
      "x": {"type": "string", "required": true}, "inner": {"type": "JsonInlineBodyInner"}}, "required": false})"
                                                                    : R"({"fields": {
      "x": {"type": "string", "required": true}, "inner": {"type": "JsonInlineBodyInner"}}})"));
  CHECK(r.bare_at("/types/JsonInlineBodyInner") ==
        json::parse(R"({"fields": {"y": {"type": "bool"}}})"));
  std::string opt = features.body_optional ? R"(, "required": false)" : "";
  if (features.body_parts) {
    CHECK(r.bare_at("/operations/Form/body") ==
          json::parse(R"({"form": {"q": {"type": "string"}})" + opt + "}"));
    CHECK(r.bare_at("/operations/Upload/body") ==
          json::parse(R"({"multipart": {"file": {"type": "file"},
      "caption": {"type": "string"}}})"));
  } else {
    CHECK(r.at("/operations/Form/body") == "<missing>");
    CHECK(
        r.says("warning: form field \"q\" is left out (fallback: not supported yet) "
               "(#/paths/~1b/post/requestBody/content/application~1x-www-form-urlencoded/schema/"
               "properties/q)"));
    CHECK(r.bare_at("/operations/Upload/body") ==
          json::parse(R"({"multipart": {"file": {"type": "file"}}})"));
    CHECK(r.says("warning: multipart text part \"caption\" is left out"));
  }
  if (features.body_binary) {
    CHECK(r.bare_at("/operations/Raw/body") == json::parse(R"({"binary": true)" + opt + "}"));
  } else {
    CHECK(r.says(
        "warning: request body application/octet-stream is left out (fallback: raw bodies are not "
        "supported yet) (#/paths/~1d/put/requestBody/content/application~1octet-stream)"));
  }
}

TEST_CASE(
    "form, multipart and raw bodies and responses map to the spec's form, multipart and binary") {
  auto r = run(std::string(pets_head) + R"(paths:
  /form:
    post:
      operationId: login
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [user]
              properties:
                user: {type: string}
                tags: {type: array, items: {type: string}}
                size: {type: string, enum: [s, m]}
                nested: {type: object, properties: {a: {type: string}}}
      responses: {'204': {description: done}}
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                thumb: {type: string, format: binary}
                meta: {type: object, properties: {title: {type: string}}}
                count: {type: integer, format: int32}
      responses: {'200': {description: ok}}
  /blob:
    put:
      operationId: putImage
      requestBody:
        required: true
        content: {image/png: {schema: {type: string, format: binary}}}
      responses:
        '200':
          description: the bytes back
          content: {application/octet-stream: {schema: {type: string, format: binary}}}
  /text:
    get:
      operationId: readme
      responses:
        '200': {description: text, content: {text/plain: {schema: {type: string}}}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/operations/Login/body") ==
        json::parse(R"({"form": {"user": {"type": "string", "required": true},
    "tags": {"type": "array", "items": "string"}, "size": {"type": "LoginSize"}}})"));
  CHECK(
      r.says("warning: form field \"nested\" is not a scalar, an enum or an array of those; left "
             "out (fallback) "
             "(#/paths/~1form/post/requestBody/content/application~1x-www-form-urlencoded/schema/"
             "properties/nested)"));
  CHECK(r.at("/types/LoginNested") == "<missing>");  // left out before it made a type
  CHECK(r.bare_at("/operations/Upload/body") ==
        json::parse(R"({"multipart": {"file": {"type": "file"},
    "thumb": {"type": "file", "required": false}, "meta": {"type": "UploadMeta"}, "count": {"type": "int32"}},
    "required": false})"));
  CHECK(r.bare_at("/operations/PutImage/body") ==
        json::parse(R"({"binary": true, "mediaType": "image/png"})"));
  CHECK(r.bare_at("/operations/PutImage/response") == json::parse(R"({"binary": true})"));
  CHECK(r.bare_at("/operations/Readme/response") == json::parse(R"({"binary": true})"));
  // ... and the generated ops say so.
  std::string all_files;
  for (const auto& [name, text] : r.generated.files) all_files += text;
  CHECK(all_files.find("body = kaizala::body_kind::form;") != std::string::npos);
  CHECK(all_files.find("std::optional<kaizala::file_part> thumb;") != std::string::npos);
  CHECK(all_files.find("static constexpr std::string_view media_type = \"image/png\";") !=
        std::string::npos);
  CHECK(all_files.find("static constexpr bool binary_response = true;") != std::string::npos);
  CHECK(all_files.find("static constexpr bool body_optional = true;") != std::string::npos);
}

TEST_CASE(
    "Swagger 2.0: formData without a file is a form; csv lists are not exploded; type file answers "
    "bytes") {
  auto r = run(R"({
  "swagger": "2.0",
  "info": {"title": "Old", "version": "1"},
  "paths": {
    "/token": {
      "post": {
        "operationId": "token",
        "consumes": ["application/x-www-form-urlencoded"],
        "parameters": [{"name": "grant_type", "in": "formData", "type": "string", "required": true},
                       {"name": "scope", "in": "formData", "type": "array", "items": {"type": "string"}},
                       {"name": "ids", "in": "formData", "type": "array", "items": {"type": "integer"},
                        "collectionFormat": "multi"}],
        "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}
      }
    },
    "/photo": {
      "post": {
        "operationId": "photo",
        "consumes": ["multipart/form-data"],
        "parameters": [{"name": "image", "in": "formData", "type": "file"},
                       {"name": "caption", "in": "formData", "type": "string", "required": true}],
        "responses": {"200": {"description": "ok"}}
      }
    }
  }
})",
               "old.json");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/operations/Token/body") == json::parse(R"({"form": {
    "grant_type": {"type": "string", "required": true},
    "scope": {"type": "array", "items": "string", "explode": false},
    "ids": {"type": "array", "items": "int64"}}})"));
  CHECK(r.bare_at("/operations/Token/response") == json::parse(R"({"binary": true})"));
  CHECK(r.bare_at("/operations/Photo/body") == json::parse(R"({"multipart": {
    "image": {"type": "file", "required": false}, "caption": {"type": "string", "required": true}}})"));
}

TEST_CASE("responses: success type, default, typed errors, 204, headers") {
  auto r = run(std::string(pets_head) + R"(paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          headers: {X-Next: {description: next page, schema: {type: string}}}
          content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {type: string}}}}}}
        '404':
          description: none
          content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}
        default:
          description: other
          content: {application/json: {schema: {type: object, properties: {code: {type: integer}}}}}
    delete:
      operationId: clear
      responses: {'204': {description: gone}}
  /only-default:
    get:
      responses:
        default:
          description: whatever
          content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}
components:
  schemas:
    Error: {type: object, properties: {message: {type: string}}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  json::value list = r.bare_at("/operations/ListPets/response");
  CHECK(list.at("fields") == json::parse(R"({"items": {"type": "array", "items": "string"}})"));
  CHECK(r.bare_at("/operations/GetOnlyDefault/response") == json::parse(R"({"type": "Error"})"));
  if (features.errors) {
    CHECK(r.bare_at("/operations/ListPets/errors") == json::parse(R"({"404": {"type": "Error"},
      "default": {"type": "ListPetsErrorDefault"}})"));
  } else {
    CHECK(r.says(
        "warning: typed error bodies (404, default) are not kept (fallback: errors decode as text) "
        "(#/paths/~1pets/get/responses)"));
  }
  if (features.response_headers)
    CHECK(list.at("headers") ==
          json::parse(R"({"X-Next": {"type": "string", "doc": "next page"}})"));
  else
    CHECK(
        r.says("warning: response headers are not kept (fallback: not supported yet) "
               "(#/paths/~1pets/get/responses/200/headers)"));
  CHECK(r.at("/operations/Clear/response") == (features.response_none ? "none" : "json"));
}

TEST_CASE("servers with variables, security schemes, operation auth") {
  auto r = run(R"(openapi: 3.0.0
info: {title: Secure}
servers:
  - url: https://{region}.example.com/v1/
    description: Production.
    variables: {region: {default: eu, enum: [eu, us]}}
  - url: /relative
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
  /b:
    get:
      security: [{bearer: []}, {key: []}]
      responses: {'200': {description: ok}}
  /c:
    get:
      security: []
      servers: [{url: 'https://other.example.com'}]
      responses: {'200': {description: ok}}
  /d:
    get:
      security: [{q: []}, {}]
      responses: {'200': {description: ok}}
security: [{key: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    q: {type: apiKey, in: query, name: api_key}
    bearer: {type: http, scheme: bearer}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com'}
    digest: {type: http, scheme: digest}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  if (features.root_variables)
    CHECK(r.bare_at("/api/roots/main") ==
          json::parse(R"({"url": "https://{region}.example.com/v1", "doc": "Production.",
      "variables": {"region": {"default": "eu", "enum": ["eu", "us"]}}})"));
  else
    CHECK(r.bare_at("/api/roots/main") ==
          json::parse(R"({"url": "https://eu.example.com/v1", "doc": "Production."})"));
  CHECK(r.at("/api/roots/server2/url") == "{baseUrl}/relative");
  CHECK(r.at("/operations/GetC/root") == "server3");
  CHECK(r.at("/api/roots/server3/url") == "https://other.example.com");
  CHECK(r.at("/operations/GetA/auth") == "key");
  CHECK(r.at("/operations/GetC/auth") == "none");
  CHECK(
      r.says("warning: security scheme of type \"http\" (digest) is not supported; operations "
             "using it get no "
             "auth (#/components/securitySchemes/digest)"));
  if (features.auth_alternatives)
    CHECK(r.bare_at("/operations/GetB/auth") == json::parse(R"(["bearer", "key"])"));
  else
    CHECK(r.at("/operations/GetB/auth") == "bearer");
  if (features.auth_prefix)
    CHECK(r.bare_at("/api/auth/oidc") ==
          json::parse(R"({"header": "Authorization", "prefix": "Bearer "})"));
  else
    CHECK(r.at("/api/auth/oidc/header") == "Authorization");
  if (features.auth_query_cookie) {
    CHECK(r.bare_at("/api/auth/q") == json::parse(R"({"query": "api_key"})"));
  } else {
    CHECK(r.at("/operations/GetD/auth") == "none");
    CHECK(
        r.says("warning: API key in a query is not supported yet; operations using it get no auth "
               "(#/components/securitySchemes/q)"));
  }
}

TEST_CASE("names: operationId, method+path, uniqueness, tags to groups, inline types") {
  auto r = run(std::string(pets_head) + R"(tags:
  - {name: Pet Store, description: Everything about pets}
  - {name: delete}
paths:
  /pets/{petId}/photos:
    get:
      tags: [Pet Store]
      summary: List photos.
      description: Longer text.
      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /pets:
    post:
      operationId: 2fast.add_pet
      tags: [delete]
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {type: object, properties: {owner: {type: object, properties: {n: {type: string}}}}}
    put:
      operationId: getPetsByPetIdPhotos
      tags: [types]
      responses: {'200': {description: ok}}
    patch:
      operationId: GetPetsByPetIdPhotos
      responses: {'200': {description: ok}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  const auto& ops = r.at("/operations").as_object();
  std::vector<std::string> names;
  for (const auto& kv : ops) names.emplace_back(kv.key());
  CHECK(names == std::vector<std::string>{"GetPetsByPetIdPhotos", "N2fastAddPet",
                                          "GetPetsByPetIdPhotos2", "GetPetsByPetIdPhotos3"});
  CHECK(r.says(
      "warning: operation name GetPetsByPetIdPhotos is taken; this one is GetPetsByPetIdPhotos2"));
  CHECK(r.at("/operations/GetPetsByPetIdPhotos/group") == "pet_store");
  CHECK(r.at("/operations/GetPetsByPetIdPhotos/summary") == "List photos.");
  CHECK(r.at("/operations/GetPetsByPetIdPhotos/doc") == "Longer text.");
  CHECK(r.at("/operations/N2fastAddPet/group") == "delete_api");
  CHECK(r.at("/operations/GetPetsByPetIdPhotos2/group") == "types_api");
  CHECK(r.at("/operations/GetPetsByPetIdPhotos3/group") == "operations");
  CHECK(r.at("/api/groups/pet_store/doc") == "Everything about pets");
  CHECK(r.at("/types/N2fastAddPetResponse201Owner/fields/n/type") == "string");
}

TEST_CASE("unsupported constructs warn with their pointer and fall back") {
  auto r = run(std::string(pets_head) + R"(paths:
  /x:
    trace:
      responses: {'200': {description: ok}}
    get:
      parameters: [{name: q, in: query, content: {application/json: {schema: {type: object}}}}]
      responses:
        '200':
          description: text
          content: {text/plain: {schema: {type: string}}}
components:
  schemas:
    Many: {type: string, enum: [a, A]}
    Multi: {type: [string, integer]}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(
      r.says("api.yaml:6:7: warning: TRACE operations are not supported yet; left out "
             "(#/paths/~1x/trace)"));
  CHECK(
      r.says("warning: parameter with content (a serialized body) is left out "
             "(#/paths/~1x/get/parameters/0/content)"));
  CHECK(
      r.says("warning: enum values differ only in case; the enum is mapped to string "
             "(#/components/schemas/Many/enum/1)"));
  CHECK(
      r.says("warning: a schema allowing several types is mapped to json "
             "(#/components/schemas/Multi/type)"));
  if (!features.response_binary)
    CHECK(
        r.says("warning: a non-JSON (text/plain) response is mapped to json (fallback: raw "
               "responses are not "
               "supported yet) (#/paths/~1x/get/responses/200)"));
}

TEST_CASE("generator diagnostics point back into the OpenAPI document") {
  // 53 properties: over the struct limit, so the importer falls back to json with a warning.
  std::string props;
  for (int i = 0; i < 53; ++i) props += "        p" + std::to_string(i) + ": {type: string}\n";
  auto r = run(std::string(pets_head) +
               "paths: {}\ncomponents:\n  schemas:\n    Wide:\n      type: object\n"
               "      properties:\n" +
               props);
  REQUIRE(r.ok());
  CHECK(r.says(
      "api.yaml:7:7: warning: object with 53 properties (at most 52 per struct); mapped to json "
      "(#/components/schemas/Wide)"));
  // A field name C++ cannot spell gets a cppName; the
  // generator's own warnings name the OpenAPI place.
  auto k = run(std::string(pets_head) +
               "paths: {}\ncomponents:\n  schemas:\n    K:\n      type: object\n"
               "      properties:\n        class: {type: string}\n");
  REQUIRE(k.ok());
  CHECK(k.at("/types/K/fields/class/cppName") == "class_");
  auto twins =
      run(std::string(pets_head) +
          "paths: {}\ncomponents:\n  schemas:\n    T:\n      type: object\n"
          "      properties:\n        foo-bar: {type: string}\n        fooBar: {type: string}\n");
  INFO(twins.all);
  REQUIRE(twins.ok());  // no cppName "fooBar" for "foo-bar": the generator picks foo_bar
  CHECK(twins.at("/types/T/fields/foo-bar/cppName") == "<missing>");
}

TEST_CASE("import is deterministic, and the overlay merges, replaces and deletes") {
  std::string doc = std::string(pets_head) + R"(paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
components:
  schemas:
    Pet: {type: object, properties: {id: {type: integer}, name: {type: string}}}
)";
  auto a = run(doc), b = run(doc);
  REQUIRE(a.ok());
  CHECK(pretty_json(a.imported.spec) == pretty_json(b.imported.spec));
  CHECK(pretty_json(json::parse(R"({"a": [1, 2], "b": {"c": {}}, "d": []})")) ==
        "{\n  \"a\": [1, 2],\n  \"b\": {\n    \"c\": {}\n  },\n  \"d\": []\n}\n");

  json::value spec = a.imported.spec;
  apply_overlay(spec, json::parse(R"({
    "api": {"namespace": "acme::pets"},
    "types": {"Pet": {"fields": {"id": {"type": "int32", "required": true}, "name": null}}},
    "operations": {"ListPets": {"summary": "All pets."}}})"));
  CHECK(bare(*pointer_find(spec, "/types/Pet/fields")) ==
        json::parse(R"({"id": {"type": "int32", "required": true}})"));
  CHECK(*pointer_find(spec, "/api/namespace") == "acme::pets");
  CHECK(*pointer_find(spec, "/operations/ListPets/summary") == "All pets.");
  CHECK(*pointer_find(spec, "/operations/ListPets/method") == "GET");
}

TEST_CASE("the Kaizala Swagger imports with warnings and generates") {
  std::ifstream in(std::string(KAIZALA_SOURCE_DIR) + "/tests/openapi/kaizala_swagger.json",
                   std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(!text.empty());
  auto r = run(text, "kaizala_swagger.json");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.says("kaizala_swagger.json:33:177: warning: 34 raw control character(s)"));
  CHECK(r.at("/operations").as_object().size() == 28);
  CHECK(r.at("/api/roots/main/url") == "https://api.kaiza.la/v1");
  CHECK(r.at("/api/roots/server2/url") == "{endpoint-url}/v1");
  CHECK(r.at("/operations/SendMessage/root") == "server2");
  CHECK(r.at("/operations/FetchMembers/root") ==
        "main");  // D3: the Swagger lacks the parameterized host
  CHECK(r.at("/operations/SendMessage/params/accessToken/in") == "header");
  CHECK(r.at("/operations/SendMessage/params/test-group-id/cppName") == "testGroupId");
  CHECK(r.generated.files.count("types.hpp") == 1);
}

TEST_CASE("callbacks, links and webhooks are left out with a warning each") {
  auto r = run(R"(openapi: 3.1.0
info: {title: t}
paths:
  /s:
    post:
      callbacks: {onEvent: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}
      responses:
        '204':
          description: ok
          links: {next: {operationId: other}}
webhooks:
  newPet: {post: {responses: {'200': {description: ok}}}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(
      r.says("api.yaml:6:18: warning: callbacks describe requests the API sends; left out "
             "(#/paths/~1s/post/callbacks)"));
  CHECK(
      r.says("warning: links describe follow-up requests; left out "
             "(#/paths/~1s/post/responses/204/links)"));
  CHECK(r.says("warning: webhooks describe requests the API sends; left out (#/webhooks)"));
  CHECK(r.at("/operations").as_object().size() == 1);
}

TEST_CASE(
    "response headers: non-scalar headers are read as text; a bodiless success keeps its headers") {
  auto r = run(std::string(pets_head) + R"(paths:
  /pets:
    head:
      operationId: countPets
      responses:
        '204':
          description: counted
          headers:
            X-Count: {schema: {type: integer, format: int32}}
            X-Ids: {description: ids, schema: {type: array, items: {type: string}}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  if (!features.response_headers) return;
  json::value count = json::parse(
      R"({"headers": {"X-Count": {"type": "int32"}, "X-Ids": {"type": "string", "doc": "ids"}}})");
  if (features.response_status) count.as_object()["status"] = 204;  // the documented success
  CHECK(r.bare_at("/operations/CountPets/response") == count);
  CHECK(
      r.says("warning: response header X-Ids is not a scalar or enum; read as its text (string) "
             "(#/paths/~1pets/head/responses/204/headers/X-Ids)"));
}

TEST_CASE(
    "oneOf/anyOf as variants: 3.1 null alternatives, duplicates, discriminators the generator "
    "cannot use") {
  auto r = run(R"(openapi: 3.1.0
info: {title: t}
paths: {}
components:
  schemas:
    Cat:
      type: object
      required: [petType]
      properties: {petType: {type: string}, friend: {$ref: '#/components/schemas/Pet'}}
    Dog: {type: object, properties: {petType: {type: string}, barks: {type: boolean}}}
    Fish: {type: object, properties: {fins: {type: integer}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: petType
        mapping: {cat: '#/components/schemas/Cat', fish: '#/components/schemas/Fish'}
    Animal:
      anyOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Fish'}]
      discriminator: {propertyName: petType}
    MaybeCat:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {type: 'null'}]
    Text:
      oneOf: [{type: string}, {type: string, format: byte}, {type: array, items: {type: string}}, {type: number}]
)");
  INFO(r.all);
  REQUIRE(r.ok());
  // The mapping entry naming a schema that is no alternative is left out.
  CHECK(r.bare_at("/types/Pet") == json::parse(R"({"oneOf": ["Cat", "Dog"],
    "discriminator": {"property": "petType", "mapping": {"cat": "Cat"}}})"));
  CHECK(
      r.says("warning: discriminator value \"fish\" maps to \"Fish\", which is not one of the "
             "alternatives; left out "
             "(#/components/schemas/Pet/discriminator/mapping/fish)"));
  // Fish has no petType: the discriminator is dropped,
  // the first alternative that decodes is chosen.
  CHECK(r.bare_at("/types/Animal") == json::parse(R"({"anyOf": ["Cat", "Fish"]})"));
  CHECK(
      r.says("warning: discriminator left out (alternative \"Fish\" has no property \"petType\"); "
             "the first "
             "alternative that decodes is chosen (#/components/schemas/Animal/discriminator)"));
  // One alternative and null: that type (an alias), not a variant of one.
  CHECK(r.bare_at("/types/MaybeCat") == json::parse(R"({"type": "Cat"})"));
  // string and bytes are one C++ type: the second is left out.
  CHECK(r.bare_at("/types/Text") ==
        json::parse(R"({"oneOf": ["string", {"type": "array", "items": "string"}, "double"]})"));
  CHECK(
      r.says("warning: oneOf alternative 2 (\"bytes\") becomes the same C++ type as an earlier "
             "one; left out "
             "(#/components/schemas/Text/oneOf/1)"));
  // Cat holds Pet, which holds Cat by value: the member closing the cycle becomes json.
  CHECK(r.bare_at("/types/Cat/fields/friend/type") == "json");
  CHECK(r.says("Cat holds itself through member \"friend\""));
  // The generator accepts what was imported.
  REQUIRE(r.generated.files.count("types.hpp"));
}

TEST_CASE("named arrays, maps and scalars are aliases; Swagger 2.0 definitions too") {
  auto r = run(R"(swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{name: id, in: query, type: string}]
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Pets'}}}
definitions:
  Pet: {type: object, properties: {id: {$ref: '#/definitions/PetId'}}}
  Pets: {type: array, items: {$ref: '#/definitions/Pet'}, description: All pets.}
  PetId: {type: string, description: An id.}
  Counts: {type: object, additionalProperties: {type: integer, format: int32}}
  Holder: {type: object, properties: {counts: {$ref: '#/definitions/Counts'}}}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/types/Pets") ==
        json::parse(R"({"doc": "All pets.", "type": "array", "items": "Pet"})"));
  CHECK(r.bare_at("/types/PetId") == json::parse(R"({"doc": "An id.", "type": "string"})"));
  CHECK(r.bare_at("/types/Counts") == json::parse(R"({"type": "map", "values": "int32"})"));
  CHECK(r.bare_at("/types/Pet/fields/id/type") == "PetId");
  CHECK(r.bare_at("/operations/ListPets/response/type") == "Pets");
  REQUIRE(r.generated.files.count("types.hpp"));

  // A parameter of an alias type is written with what
  // the alias names (a scalar or an array of them).
  auto p = run(std::string(pets_head) + R"(paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {$ref: '#/components/schemas/PetId'}}
        - {name: tags, in: query, schema: {$ref: '#/components/schemas/Tags'}}
      responses: {'200': {description: ok}}
components:
  schemas:
    PetId: {type: string}
    Tags: {type: array, items: {type: string}}
)");
  INFO(p.all);
  REQUIRE(p.ok());
  CHECK(p.bare_at("/operations/GetPet/params/id") ==
        json::parse(R"({"in": "path", "type": "string", "required": true})"));
  CHECK(p.bare_at("/operations/GetPet/params/tags") ==
        json::parse(R"({"in": "query", "type": "array", "items": "string"})"));
  CHECK_FALSE(p.says("left out"));
}

TEST_CASE(
    "server variables the generator would refuse are left out with a warning; AND requirements") {
  auto r = run(R"(openapi: 3.0.0
info: {title: Vars}
servers:
  - url: https://{region}.example.com/{base}
    variables:
      region: {default: eu, enum: [us, ap]}
      base: {default: v1}
      unused: {default: x}
paths:
  /a:
    get:
      security: [{key: [], bearer: []}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    bearer: {type: http, scheme: bearer}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/api/roots/main/variables") ==
        json::parse(R"({"region": {"default": "eu"}, "base": {"default": "v1"}})"));
  CHECK(
      r.says("warning: server variable enum left out (it must be strings that hold the default); "
             "any value is "
             "accepted (#/servers/0/variables/region/enum)"));
  CHECK(r.says(
      "warning: server variable not used in the url; left out (#/servers/0/variables/unused)"));
  CHECK(r.at("/operations/GetA/auth") == "key");
  CHECK(
      r.says("warning: a security requirement naming several schemes at once uses only the first "
             "(#/paths/~1a/get/security/0)"));
}

TEST_CASE(
    "integer enums (x-enum-varnames), writeOnly, deepObject, deprecated and the success status") {
  REQUIRE(features.int_enums);
  REQUIRE(features.write_only);
  REQUIRE(features.deep_object);
  REQUIRE(features.response_status);
  auto r = run(std::string(pets_head) + R"(paths:
  /accounts:
    post:
      operationId: create-account
      deprecated: true
      parameters:
        - {name: filter, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: tags, in: query, style: deepObject, schema: {type: object, additionalProperties: {type: integer}}}
        - {name: deep, in: query, style: deepObject, schema: {type: object, properties: {a: {type: array, items: {type: string}}}}}
        - {name: pathy, in: header, style: deepObject, schema: {$ref: '#/components/schemas/Filter'}}
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Account'}}
      responses:
        '201':
          description: made
          content:
            application/json: {schema: {$ref: '#/components/schemas/Account'}}
components:
  schemas:
    Level:
      type: integer
      format: int32
      enum: [1, 2, -3]
      x-enum-varnames: [Low, Mid, Legacy]
      x-enum-descriptions: [The lowest., '', Old.]
    Wide:
      type: integer
      format: int32
      enum: [1, 4294967296]
    Unnamed:
      type: integer
      enum: [5, 6]
      x-enumNames: [Same, Same]
    Filter:
      type: object
      properties:
        color: {type: string}
        level: {$ref: '#/components/schemas/Level'}
    Account:
      type: object
      deprecated: true
      required: [pin]
      properties:
        pin: {type: string, writeOnly: true}
        wide: {$ref: '#/components/schemas/Wide'}
        unnamed: {$ref: '#/components/schemas/Unnamed'}
)");
  INFO(r.all);
  REQUIRE(r.ok());
  CHECK(r.bare_at("/types/Level") ==
        json::parse(R"({"enum": [{"value": 1, "doc": "The lowest.", "cppName": "Low"},
      {"value": 2, "cppName": "Mid"}, {"value": -3, "doc": "Old.", "cppName": "Legacy"}], "type": "int32"})"));
  CHECK(r.bare_at("/types/Wide") == json::parse(R"({"enum": [1, 4294967296], "type": "int64"})"));
  CHECK(
      r.says("warning: int32 enum with a value beyond int32; mapped as an int64 enum "
             "(#/components/schemas/Wide/enum)"));
  CHECK(r.bare_at("/types/Unnamed") == json::parse(R"({"enum": [5, 6], "type": "int64"})"));
  CHECK(
      r.says("warning: x-enumNames does not name each value once; enumerators are named value_<n> "
             "(#/components/schemas/Unnamed/x-enumNames)"));
  CHECK(r.bare_at("/types/Account/fields/pin") ==
        json::parse(R"({"type": "string", "required": true, "writeOnly": true})"));
  CHECK(r.bare_at("/types/Account/deprecated") == json::value(true));
  const auto& op = r.bare_at("/operations/CreateAccount");
  CHECK(op.at("deprecated") == json::value(true));
  CHECK(op.at("response") == json::parse(R"({"type": "Account", "status": 201})"));
  const auto& params = op.at("params").as_object();
  CHECK(params.at("filter") ==
        json::parse(R"({"in": "query", "type": "Filter", "style": "deepObject"})"));
  CHECK(params.at("tags") ==
        json::parse(R"({"in": "query", "type": "map", "values": "int64", "style": "deepObject"})"));
  CHECK_FALSE(params.contains("deep"));
  CHECK_FALSE(params.contains("pathy"));
  CHECK(
      r.says("warning: deepObject parameter \"deep\" is left out (fallback: only a query map of "
             "scalars or an "
             "object of scalar properties) (#/paths/~1accounts/post/parameters/2)"));
  CHECK(r.says("warning: deepObject parameter \"pathy\" is left out"));
  // And the generator takes it: integer enums, deprecated attributes, the status in the traits.
  const auto& files = r.generated.files;
  auto file = [&](const std::string& name) {
    auto it = files.find(name);
    return it == files.end() ? std::string() : it->second;
  };
  std::string level;
  for (const auto& [name, text] : files)
    if (name.find("Level.hpp") != std::string::npos) level = text;
  CHECK(level.find("enum class Level : std::int32_t {") != std::string::npos);
  CHECK(level.find("  Legacy = -3,") != std::string::npos);
  std::string group;
  for (const auto& [name, text] : files)
    if (text.find("struct [[deprecated]] CreateAccount {") != std::string::npos) group = text;
  CHECK(group.find("static constexpr int status = 201;") != std::string::npos);
  CHECK(group.find("kaizala::meta::param_style::deep_object") != std::string::npos);
  CHECK(file("all.hpp").find("-Wdeprecated-declarations") != std::string::npos);
}
