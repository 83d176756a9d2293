// spec_reader.hpp: stage 1, read. Spec text -> JSON value with where every value and key sits in
// the text -> the typed description (description.hpp), reporting every problem of shape: unknown
// keys (with a did-you-mean), wrong JSON types, missing keys.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "description.hpp"
#include "diagnostic.hpp"
#include "json_text.hpp"

namespace kaizala::codegen {

// Byte offsets of every value and every object key, keyed by JSON pointer
// ("/types/Member/fields/id"). Boost.JSON's DOM keeps no positions, so a small scanner walks the
// text once Boost.JSON accepted it.
class source_index {
 public:
  explicit source_index(std::string_view text = {});

  // Offset of the value at `pointer` (of the key naming it, for key_offset); 0 when unknown.
  std::size_t value_offset(const std::string& pointer) const;
  std::size_t key_offset(const std::string& pointer) const;

  // 1-based line and byte column of an offset.
  std::pair<int, int> line_col(std::size_t offset) const;

  std::map<std::string, std::size_t> values, keys;

 private:
  std::vector<std::size_t> line_starts_;
};

struct spec_document {
  std::string file_name;
  boost::json::value root;  // null when the text is not JSON
  source_index where;
  std::vector<diagnostic> diagnostics;  // syntax error, duplicate keys

  // A diagnostic at a value or at the key naming it.
  diagnostic at_value(const std::string& pointer, severity level, std::string message) const;
  diagnostic at_key(const std::string& pointer, severity level, std::string message) const;
  diagnostic at_offset(std::size_t offset, severity level, std::string message) const;
};

// Parses JSON with comments and trailing commas. On a syntax error, `root` is null and the only
// diagnostic points at the first byte the parser could not take.
spec_document read_spec(std::string_view text, std::string_view file_name);

}  // namespace kaizala::codegen

namespace kaizala::codegen {

// The typed description and the shape problems found while building it.
struct described {
  description spec;
  std::vector<diagnostic> diagnostics;
};

// The description of a parsed spec text (doc.root must be the parsed JSON; a root that is not an
// object gives one error and an empty description).
described describe(const spec_document& doc);

// Where an importer's "x-origin" text
// ("openapi.yaml#/paths/~1pets/get") is in the imported document.
struct origin_position {
  std::string file;
  int line = 1;
  int col = 1;
};
using origin_locator = std::function<std::optional<origin_position>(std::string_view origin)>;

// The description of a spec built in memory (an importer's output). There are no text positions:
// a diagnostic on an element points at its nearest "x-origin" (resolved by `locate` when given) and
// names the spec pointer; `spec_name` names the spec otherwise.
described describe(const boost::json::value& spec, std::string_view spec_name,
                   const origin_locator& locate = {});

}  // namespace kaizala::codegen
