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

// A type as written: a name ("string", "array", "Member"), with the element type of an array or map.
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
  located<bool> required, lenient, secret, nullable, deprecated, read_only;
  located<std::string> doc, cpp_name, format;
  located<std::string> in, style;  // params only
  located<bool> explode;            // params only
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
  std::string text;  // the JSON text
  source_ref at;     // the text value
  std::string doc;
  bool deprecated = false;
};

struct type_desc {
  enum class kind_t { unknown, structure, enumeration };
  std::string name;
  source_ref at;
  kind_t kind = kind_t::unknown;
  std::string doc;
  bool deprecated = false;
  std::vector<field_desc> fields;  // structure
  std::vector<enum_value_desc> values;  // enumeration
  source_ref enum_at;
  std::vector<rule_desc> rules;
  located<bool> has_rules;  // "rules" was written (for the enum check)
};

struct body_desc {
  enum class kind_t { unknown, fields, type, multipart };
  kind_t kind = kind_t::unknown;
  source_ref at;
  std::vector<field_desc> fields;  // fields, multipart
  located<std::string> type;       // type: the type string
  type_expr expr;                  // type: with its items/values (a top-level array or map)
};

struct response_desc {
  enum class kind_t { unknown, json, none, fields, type };
  kind_t kind = kind_t::unknown;
  source_ref at;
  std::vector<field_desc> fields;
  located<std::string> type;
  type_expr expr;  // type: with its items/values
  std::vector<field_desc> headers;  // "headers": declared response headers
  source_ref headers_at;            // the "headers" object (pointer empty when not written)
};

struct operation_desc {
  std::string name;
  source_ref at;
  located<std::string> group, summary, doc, method, path, root, auth;
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
};

struct named_desc {  // a root, an auth scheme or a group
  std::string name;
  source_ref at;
  located<std::string> doc;
  located<std::string> url;     // roots
  located<std::string> header;  // auth schemes
  located<std::string> prefix;  // auth schemes: sent before the credential ("Bearer ")
  located<std::string> query, cookie;  // auth schemes: the credential as a query param or cookie
};

struct api_desc {
  source_ref at;
  located<std::string> name, ns, doc, version;
  std::vector<named_desc> roots, auth, groups;
};

struct description {
  std::string file_name;  // how diagnostics name the spec
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
