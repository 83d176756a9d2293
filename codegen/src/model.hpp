// model.hpp: stage 3, the validated description resolved into what the emitter needs: C++ names
// chosen, named types split into enums and structs (structs in dependency order), each op's request
// and response built.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "description.hpp"

namespace kaizala::codegen {

struct type_ref {
  enum kind_t {
    string,
    boolean,
    int32,
    int64,
    number,
    json,
    array,
    map,
    file,
    enumeration,
    structure,
    variant
  };
  kind_t kind = string;
  std::string name;                         // enumeration, structure, variant: the spec's type name
  std::shared_ptr<const type_ref> element;  // array, map
};

// Where a member travels; mirrors kaizala::meta::location.
enum class location { body, path, query, header, file, cookie, form };

// How an array param is written; mirrors kaizala::meta::param_style.
enum class param_style { form, space_delimited, pipe_delimited, deep_object };

struct field {
  std::string json_name;
  std::string cpp_name;  // json_name unless it is not a usable C++ name, or cppName says otherwise
  std::string doc;
  type_ref type;
  bool required = false;
  location in = location::body;
  std::vector<std::string> aliases;
  bool lenient = false;
  std::uint32_t max_items = 0;
  std::uint32_t max_length = 0;
  bool secret = false;
  bool nullable = false;                  // JSON null is a value
  param_style style = param_style::form;  // query and cookie params
  bool explode = true;                    // query and cookie arrays: name=a&name=b
  bool read_only = false;                 // answered by the server, never sent
  bool write_only = false;                // sent, never read from an answer
  // The initial value: null for none; for an enum, the enumerator's C++ name as a string.
  boost::json::value default_value;
};

struct rule {
  bool exactly_one = true;           // else at least one
  std::vector<std::string> members;  // JSON names
};

// A struct, or a variant ("oneOf"/"anyOf"): a struct deriving from std::variant. A variant's
// `fields` are its alternatives in order: each one's `type`, and in `json_name` the discriminator
// values that choose it, '|'-separated, the one written first (empty without a discriminator).
// Held alternatives order the declarations like members do.
struct struct_type {
  std::string name;
  std::string doc;
  std::vector<field> fields;
  std::vector<rule> rules;
  // Structs held through arrays that come later in the emitted order of all structs. The emitter
  // declares ahead per header instead (emit.cpp: only a cycle's header needs it).
  std::vector<std::string> forward_declare = {};
  bool is_variant = false;
  std::string discriminator = {};  // variant: the property naming the alternative ("" for none)
  bool deprecated = false;         // the spec marks the type deprecated: [[deprecated]]
};

// A named alias ({"type": <type expr>} in "types"): `using name = <type>;`. Fields, params and
// bodies of an alias type hold the type itself (the alias is expanded), so aliases order nothing.
struct alias_type {
  std::string name;
  std::string doc;
  type_ref type;
  bool deprecated = false;
};

struct enum_value {
  std::string json_text;  // an integer enum: the number in decimal
  std::string cpp_name;
  std::string doc;
};

struct enum_type {
  std::string name;
  std::string doc;
  std::vector<enum_value> values;
  std::string
      integer_type;  // "int32" or "int64" for an integer enum (values are JSON numbers), else ""
  bool deprecated = false;
};

struct operation {
  // json_value: member `body` is it; form: the form
  // members, urlencoded; binary: member `body`'s bytes
  enum class body_kind { none, json, multipart, json_value, form, binary };
  enum class response_kind { fields, type, json, none, value, binary };  // binary: the raw bytes

  std::string name, group, summary, doc;
  std::string method;  // "GET", ...
  std::string path, root, root_url;
  std::string auth_header;         // "" for "auth": "none"
  std::string auth_prefix;         // sent before the credential ("Bearer "), or ""
  std::string auth_in = "header";  // where the credential goes: header, query or cookie
  // Every scheme the op accepts, in the spec's order
  // (the first is the one above); any one suffices.
  struct auth_alternative {
    std::string name, param, in, prefix;  // in: header, query or cookie
  };
  std::vector<auth_alternative> auth_schemes;
  // The variables of the op's root template: name,
  // default, allowed values ('\n'-separated, "" = any).
  struct root_var {
    std::string name, default_value, allowed;
  };
  std::vector<root_var> root_variables;
  bool deprecated = false;  // [[deprecated]] on the op traits
  int status = 0;           // the documented success status ("status"), 0 when not written
  bool idempotent = false;
  body_kind body = body_kind::none;
  std::string media_type;  // the body's Content-Type instead of the kind's default ("" = default)
  bool body_optional = false;  // "required": false: no body is sent when no body member is present
  struct_type request;         // <Op>Request: params, then body fields
  response_kind response = response_kind::json;
  struct_type response_struct;  // response_kind::fields: <Op>Response
  std::string response_type;    // response_kind::type: the named struct
  type_ref response_value;      // response_kind::value: an array, map, scalar or enum
  // "headers" of the response: <Op>ResponseHeaders (no fields when none are declared); the
  // response is then kaizala::with_headers<body, <Op>ResponseHeaders>.
  struct_type response_headers;
  // "errors": statuses low..high (a code, a class 4XX, or 0..999 for "default") with their body, in
  // match order: codes, then classes, then default. kind is type, value, json or none.
  struct error_case {
    int low = 0, high = 0;
    response_kind kind = response_kind::json;
    std::string type_name;  // type: the named struct
    type_ref value;         // value: an array, map, scalar or enum
  };
  std::vector<error_case> errors;
  // "when": among the ops on the same method and path, the request is this op when every test of
  // one alternative holds. check: present, non_empty, equals (value "true"/"false") or refers_to
  // (value: the kind a path param must name).
  struct request_test {
    int alternative = 0;
    std::string name, check, value;
  };
  std::vector<request_test> when;
};

struct group {
  std::string name, doc;
  std::vector<std::size_t> ops;  // indexes into model::ops, spec order
};

// A root of the spec (`api.roots`): roots.hpp declares
// `struct <cpp_name>` with its name and URL template.
struct root {
  std::string name;      // as the spec writes it (what ops and context::set_root name)
  std::string cpp_name;  // safe_member_name(name), made unique with `_2`, `_3`, ...
  std::string url, doc;
};

struct model {
  std::string api_name, api_doc, ns;
  // Sent with every call: the spec's api "headers", with a User-Agent naming the binding added when
  // they have none ("" values are kept: the user asked for no such header).
  std::vector<std::pair<std::string, std::string>> default_headers;
  std::vector<enum_type> enums;  // spec order
  std::vector<struct_type>
      structs;                      // structs and variants, dependency order; spec order where free
  std::vector<alias_type> aliases;  // spec order
  std::vector<operation> ops;       // spec order
  std::vector<group> groups;        // spec order
  std::vector<root> roots;          // spec order
};

// Builds the model from a description that the reader and validate() passed without errors.
model build_model(const description& spec);

}  // namespace kaizala::codegen
