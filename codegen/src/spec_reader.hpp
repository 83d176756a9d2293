// spec_reader.hpp: stage 1, parse. Spec text -> JSON value, plus where every value and key sits in
// the text.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

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

// "/a" + "b/c" -> "/a/b~1c" (RFC 6901 escaping).
std::string child_pointer(const std::string& parent, std::string_view key);
std::string child_pointer(const std::string& parent, std::size_t index);

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
