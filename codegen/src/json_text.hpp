// json_text.hpp: how diagnostics name places and values in a JSON (or YAML) document, shared by the
// document reader, the spec reader and validation.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace kaizala::codegen {

// "/a" + "b/c" -> "/a/b~1c" (RFC 6901 escaping).
std::string child_pointer(const std::string& parent, std::string_view key);
std::string child_pointer(const std::string& parent, std::size_t index);

// The kind of a JSON value as a phrase for a message: "an object", "a string", "null", ...
std::string json_kind(const boost::json::value& v);

}  // namespace kaizala::codegen
