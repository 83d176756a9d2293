// description.hpp: the typed description of an API, as the spec reader (stage 1) builds it from a
// spec. Every element keeps where it was written, so the later stages (validate, model, emit) never
// look at the JSON again. The reader has checked the shape (keys, JSON types, required keys); the
// values here are exactly what the spec wrote, not yet checked against each other.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostic.hpp"

namespace kaizala::codegen {

// 1-based line and byte column; 0 when unknown (a spec built in memory without positions).
struct position {
  int line = 0;
  int col = 0;
};

// Where an element was written.
struct source_ref {
  std::string pointer;  // JSON pointer into the spec ("/types/Member/fields/id")
  position key;         // the key naming the element; the value's position for array elements
  position value;
  // For a spec made by an importer: the nearest "x-origin" of the element or its parents
  // ("openapi.yaml#/paths/~1pets/get"), and where that is in the imported document when the
  // importer could say (file empty otherwise).
  std::string origin;
  std::string origin_file;
  position origin_at;
};

// A spec value that may be absent, or present with the wrong JSON type (the reader reported that;
// `value` is then empty but `present` is true, so later stages do not report it missing again).
template <class T>
struct located {
  std::optional<T> value;
  bool present = false;
  source_ref at;

  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  T value_or(T fallback) const { return value ? *value : fallback; }
};

// A type as written: a name ("string", "array",
// "Member"), with the element type of an array or map.
struct type_expr {
  std::optional<std::string> name;  // empty when "type" is missing or not a string
  source_ref at;                    // the object holding "type", or the element string itself
  source_ref name_at;               // the type string
  bool written_as_name = false;     // an element written as "T" instead of {"type": "T", ...}
  std::shared_ptr<const type_expr> items, values;  // as written, whatever the type is
};

// A struct field, an op param, a multipart part or a response field.
struct field_desc {
  std::string json_name;
  source_ref at;  // the field's object; its key is the JSON name
  type_expr type;
  located<bool> required, lenient, secret, nullable, deprecated, read_only, write_only;
  located<std::string> doc, cpp_name, format;
  located<std::string> in, style;  // params only
  located<bool> explode;           // params only
  std::vector<located<std::string>> aliases;
  located<boost::json::value> max_items, max_length, default_value;
};

struct rule_desc {
  bool exactly_one = true;  // else at least one
  source_ref at;            // the rule object
  source_ref list_at;       // its "exactlyOne"/"atLeastOne" array
  std::vector<located<std::string>> members;
};

struct enum_value_desc {
  std::string text;               // the JSON text (an integer enum: the number in decimal)
  bool is_number = false;         // written as a JSON number (an integer enum)
  located<std::string> cpp_name;  // "cppName": the enumerator's C++ name
  source_ref at;                  // the text value
  std::string doc;
  bool deprecated = false;
};

// A variant's "discriminator": the property every alternative (a struct) holds, and which values
// of it name which alternative ("mapping"; an alternative no value maps to is named by its type).
struct discriminator_desc {
  source_ref at;
  located<std::string> property;
  struct entry {
    std::string value;          // the property's JSON text
    located<std::string> type;  // the alternative's type name
  };
  std::vector<entry> mapping;  // spec order
  source_ref mapping_at;       // pointer empty when "mapping" is not written
};

struct type_desc {
  // variant: "oneOf"/"anyOf" (std::variant); alias: {"type": <type expr>} (a C++ alias).
  enum class kind_t { unknown, structure, enumeration, variant, alias };
  std::string name;
  source_ref at;
  kind_t kind = kind_t::unknown;
  std::string doc;
  bool deprecated = false;
  std::vector<field_desc> fields;       // structure
  std::vector<enum_value_desc> values;  // enumeration
  source_ref enum_at;
  located<std::string> enum_type;  // enumeration: "type" ("int32" or "int64": an integer enum)
  std::vector<rule_desc> rules;
  located<bool> has_rules;                          // "rules" was written (for the enum check)
  std::vector<type_expr> alternatives;              // variant, in spec order
  source_ref alternatives_at;                       // variant: the "oneOf"/"anyOf" array
  std::optional<discriminator_desc> discriminator;  // variant
  type_expr aliased;                                // alias: the type it names
};

struct body_desc {
  // form: {"form": {...}} (application/x-www-form-urlencoded); binary: {"binary": true}.
  enum class kind_t { unknown, fields, type, multipart, form, binary };
  kind_t kind = kind_t::unknown;
  source_ref at;
  std::vector<field_desc> fields;   // fields, multipart, form
  located<std::string> media_type;  // "mediaType": the Content-Type sent instead of the kind's
  located<bool> required;           // "required": false makes the body optional
  located<std::string> type;        // type: the type string
  type_expr expr;                   // type: with its items/values (a top-level array or map)
};

struct response_desc {
  enum class kind_t { unknown, json, none, fields, type, binary };  // binary: {"binary": true}
  kind_t kind = kind_t::unknown;
  source_ref at;
  std::vector<field_desc> fields;
  located<std::string> type;
  type_expr expr;                      // type: with its items/values
  std::vector<field_desc> headers;     // "headers": declared response headers
  source_ref headers_at;               // the "headers" object (pointer empty when not written)
  located<boost::json::value> status;  // "status": the documented success status (informative)
};

struct operation_desc {
  std::string name;
  source_ref at;
  located<std::string> group, summary, doc, method, path, root, auth;
  // "auth" written as an array of scheme names (alternatives); `auth` then holds no value.
  std::vector<located<std::string>> auth_alternatives;
  bool auth_is_list = false;
  located<bool> idempotent, deprecated;
  std::vector<field_desc> params;
  std::optional<body_desc> body;
  std::vector<rule_desc> rules;
  std::optional<response_desc> response;
  // "errors": a typed body per status ("404", "4XX", "default"), spec order.
  struct error_desc {
    std::string status;
    source_ref at;
    response_desc response;
  };
  std::vector<error_desc> errors;
  // "when": which request this op is among the ops sharing its method and path (as written; the
  // validator checks its shape).
  located<boost::json::value> when;
};

// A variable of a root's URL template: {"default": "eu", "enum": ["eu", "us"], "doc": "..."}.
struct root_variable_desc {
  std::string name;
  source_ref at;
  located<std::string> default_value, doc;
  std::vector<located<std::string>> allowed;  // "enum"
  source_ref allowed_at;                      // pointer empty when "enum" is not written
};

// One of the api's "headers": {"User-Agent": "acme-cpp/1.2"}.
struct header_desc {
  std::string name;
  located<std::string> value;  // at: the value; its key names the header
};

struct named_desc {  // a root, an auth scheme or a group
  std::string name;
  source_ref at;
  located<std::string> doc;
  located<std::string> url;                   // roots
  std::vector<root_variable_desc> variables;  // roots
  located<std::string> header;                // auth schemes
  located<std::string> prefix;         // auth schemes: sent before the credential ("Bearer ")
  located<std::string> query, cookie;  // auth schemes: the credential as a query param or cookie
};

struct api_desc {
  source_ref at;
  located<std::string> name, ns, doc, version;
  std::vector<named_desc> roots, auth, groups;
  std::vector<header_desc> headers;  // "headers": sent with every call
  bool headers_written = false;
};

struct description {
  std::string file_name;   // how diagnostics name the spec
  bool is_object = false;  // the spec was a JSON object (nothing else is read otherwise)
  api_desc api;
  std::vector<type_desc> types;            // spec order
  std::vector<operation_desc> operations;  // spec order

  const type_desc* find_type(const std::string& name) const {
    for (const auto& t : types)
      if (t.name == name) return &t;
    return nullptr;
  }
};

// A diagnostic at an element's value or at the key naming it. Elements from an importer's spec
// point into the imported document when their origin is known, and name it in the message.
diagnostic report_at_value(const description& d, const source_ref& at, severity level,
                           std::string message);
diagnostic report_at_key(const description& d, const source_ref& at, severity level,
                         std::string message);

}  // namespace kaizala::codegen
