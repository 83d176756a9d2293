// document_reader.hpp: reads a JSON or YAML document (an OpenAPI or Swagger file) into a JSON
// value, remembering the line and column of every value, with bounds on size, depth and node count
// so hostile input (deep nesting, alias bombs) ends in an error instead of a hang.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.hpp"
#include "json_text.hpp"

namespace kaizala::codegen {

struct document_limits {
  std::size_t max_bytes = 64u << 20;  // input text
  std::size_t max_depth = 200;        // nested arrays/objects
  std::size_t max_nodes = 4'000'000;  // values after YAML aliases are expanded
};

struct source_position {
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;   // 1-based, bytes
};

struct document {
  std::string file_name;
  bool yaml = false;
  boost::json::value root;  // null when reading failed
  std::unordered_map<std::string, source_position>
      positions;                        // JSON pointer -> where the value starts
  std::vector<diagnostic> diagnostics;  // syntax errors, limits, tolerated oddities

  bool ok() const { return !has_errors(diagnostics); }
  // Where the value at `pointer` starts, or its nearest ancestor that has a position.
  source_position position(const std::string& pointer) const;
  // A diagnostic at the value named by `pointer`; the message ends with " (#<pointer>)".
  diagnostic at(const std::string& pointer, severity level, const std::string& message) const;
};

// JSON when the first non-blank byte is '{' or '['; YAML otherwise. JSON is read as RFC 8259 except
// that raw control characters inside strings (the Kaizala Swagger has raw newlines) are taken as
// their escaped form, with one warning.
document read_document(std::string_view text, std::string_view file_name,
                       const document_limits& limits = {});

// "~1pets" -> "/pets"; the reverse of child_pointer's escaping for one segment.
std::string pointer_unescape(std::string_view segment);
// The value at `pointer` ("" is the root) or nullptr.
const boost::json::value* pointer_find(const boost::json::value& root, std::string_view pointer);

}  // namespace kaizala::codegen
