// openapi_import.hpp: OpenAPI 3.0 / 3.1 and Swagger 2.0 documents -> kaizala-cpp's spec format
// (spec/README.md), as a JSON value that the generator's stages read like a hand-written spec.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "document_reader.hpp"
#include "spec_reader.hpp"

namespace kaizala::codegen {

// Which optional spec-format keys the generator's reader understands (docs/openapi.md). A construct
// whose key is missing is imported through its documented fallback (mostly "json", or skipped) with
// a warning naming its JSON pointer.
struct spec_features {
  bool x_origin = true;        // "x-origin" on every produced object
  bool nullable = false;       // field "nullable"
  bool field_format = false;   // field "format"
  bool deprecated = false;     // "deprecated" on fields, params, types and operations
  bool read_only = false;      // field "readOnly"
  bool write_only = false;     // field "writeOnly"
  bool float_type = false;     // "float"
  bool bytes_type = false;     // "bytes" (format byte)
  bool binary_type = false;    // "binary" (format binary)
  bool cookie_params = false;  // "in": "cookie"
  bool param_style =
      false;  // array params with "style" (form, simple, spaceDelimited, pipeDelimited), "explode"
  bool deep_object = false;        // "style": "deepObject" (maps and structs of scalars)
  bool int_enums = false;          // integer enums
  bool variants = false;           // "oneOf"/"anyOf" + "discriminator"
  bool aliases = false;            // named {"type": <expr>} definitions
  bool head_options = false;       // methods HEAD and OPTIONS
  bool body_any = false;           // body {"type": <any type expression>}
  bool body_parts = false;         // body "form", multipart text parts, optional parts
  bool body_binary = false;        // body {"binary": true}, "mediaType"
  bool body_optional = false;      // body "required": false
  bool response_none = false;      // response "none"
  bool response_any = false;       // response {"type": <any type expression>}
  bool response_binary = false;    // response {"binary": true}
  bool response_status = false;    // response "status"
  bool response_headers = false;   // response "headers"
  bool errors = false;             // operation "errors"
  bool auth_prefix = false;        // auth "prefix" ("Bearer ", "Basic ")
  bool auth_query_cookie = false;  // auth {"query": ...}, {"cookie": ...}
  bool auth_alternatives = false;  // op "auth" as an array of scheme names
  bool root_variables = false;     // roots "variables"
};

// What the generator this importer is built with reads (kept in step with spec/README.md).
spec_features supported_spec_features();

struct import_options {
  std::string api_name;    // default: info.title
  std::string namespace_;  // default: info.title in snake_case
  document_limits limits;
  std::size_t max_files = 32;  // documents reached through $ref, the main one included
  spec_features features = supported_spec_features();
};

struct import_result {
  boost::json::value spec;              // null when there are errors
  std::vector<diagnostic> diagnostics;  // errors and warnings, in the order found
  std::vector<std::shared_ptr<const document>> documents;  // other files read through $ref
};

// Answers where an "x-origin" of the imported spec is, for generate_from_spec(); `main` and
// `result` must outlive it.
origin_locator locate_origins(const document& main, const import_result& result);

// True when the value looks like an OpenAPI ("openapi") or Swagger ("swagger") document.
bool is_openapi(const boost::json::value& root);

// `doc.file_name` is also the base for relative $refs into other files.
import_result import_openapi(const document& doc, const import_options& options = {});

// Overlay: objects merge key by key (recursively), null deletes the key, anything else replaces.
void apply_overlay(boost::json::value& target, const boost::json::value& overlay);

// An overlay file: JSON with comments (like a spec) or YAML, holding an object.
std::optional<boost::json::value> read_overlay(std::string_view text, std::string_view file_name,
                                               std::vector<diagnostic>& diagnostics);

// Two-space indented JSON with keys in their stored order, ending in a newline.
std::string pretty_json(const boost::json::value& v);

}  // namespace kaizala::codegen
