// JSON as kaizala-cli prints it.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace kaizala::cli {

// `v` as indented JSON: two spaces per level, one member or element per line, members in the
// order they come (for generated structs: the spec's), "{}" and "[]" when empty, a final newline.
// The same value always gives the same text.
std::string pretty_json(const boost::json::value& v);

}  // namespace kaizala::cli
