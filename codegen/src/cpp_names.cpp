#include "cpp_names.hpp"

#include <algorithm>
#include <array>

namespace kaizala::codegen {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

// Sorted, for binary search.
constexpr std::array<std::string_view, 108> keywords = {
    "DELETE",
    "EOF",
    "ERROR",
    "FALSE",
    "IN",
    "NULL",
    "OPTIONAL",
    "OUT",
    "TRUE",
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "auto",
    "bitand",
    "bitor",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "char16_t",
    "char32_t",
    "char8_t",
    "class",
    "co_await",
    "co_return",
    "co_yield",
    "compl",
    "concept",
    "const",
    "const_cast",
    "consteval",
    "constexpr",
    "constinit",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "errno",
    "explicit",
    "export",
    "extern",
    "false",
    "far",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "interface",
    "linux",
    "long",
    "mutable",
    "namespace",
    "near",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "register",
    "reinterpret_cast",
    "requires",
    "return",
    "short",
    "signed",
    "sizeof",
    "small",
    "static",
    "static_assert",
    "static_cast",
    "struct",
    "switch",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unix",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "xor",
    "xor_eq",
};

}  // namespace

bool is_identifier(std::string_view s) {
  if (s.empty() || !is_ident_start(s[0])) return false;
  return std::all_of(s.begin(), s.end(), is_ident_char);
}

bool is_keyword(std::string_view s) {
  return std::binary_search(keywords.begin(), keywords.end(), s);
}

bool is_usable_name(std::string_view s) {
  return is_identifier(s) && !is_keyword(s) && s[0] != '_' &&
         s.find("__") == std::string_view::npos;
}

std::string safe_member_name(std::string_view json_name) {
  if (is_usable_name(json_name)) return std::string(json_name);
  std::string out;
  for (char c : json_name) {
    char next = is_ident_char(c) ? c : '_';
    if (next == '_' && (out.empty() || out.back() == '_')) continue;  // no leading `_`, no `__`
    out += next;
  }
  if (out.empty()) return "unnamed";
  if (out[0] >= '0' && out[0] <= '9') out.insert(out.begin(), 'n');
  if (is_keyword(out)) out += '_';
  return out;
}

std::string enum_value_name(std::string_view text, bool is_number) {
  if (!is_number) return safe_member_name(text);
  if (!text.empty() && text[0] == '-') return "value_minus_" + std::string(text.substr(1));
  return "value_" + std::string(text);
}

}  // namespace kaizala::codegen
