// cpp_names.hpp: which spec names can be C++ names, and the safe name picked for those that cannot.
#pragma once

#include <string>
#include <string_view>

namespace kaizala::codegen {

// [A-Za-z_][A-Za-z0-9_]*
bool is_identifier(std::string_view s);

// A C++ keyword or alternative token (`class`, `and`, `co_await`, ...), or a name that is an
// object-like macro on common platforms (`errno`, `linux`,
// `DELETE`, ...), which would break a declaration.
bool is_keyword(std::string_view s);

// An identifier we can declare anywhere: not a keyword, no leading `_`, no `__`.
bool is_usable_name(std::string_view s);

// The C++ member or enumerator name for a JSON name: the name itself when usable, else: every run
// of characters outside [A-Za-z0-9_] and every run of `_` becomes one `_`, leading `_` are dropped,
// a leading digit gets an `n` in front, an empty result is `unnamed`, and a keyword gets a trailing
// `_`.
std::string safe_member_name(std::string_view json_name);

// The enumerator name of an enum value: safe_member_name(text) for a string, and for an integer
// enum's value (in decimal) `value_<n>`, or `value_minus_<n>` for a negative one.
std::string enum_value_name(std::string_view text, bool is_number);

}  // namespace kaizala::codegen
