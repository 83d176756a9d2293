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

namespace kaizala::cli {

// `v` as aligned columns (--output table): the first array of objects in `v` (depth first, in
// member order), one row per object and one column per scalar member (nested ones are left out),
// headed by the member names; else one "name  value" line per member of `v` (nested values as
// compact JSON). Line breaks in values become spaces, so rows stay one line each.
std::string table_text(const boost::json::value& v);

}  // namespace kaizala::cli
