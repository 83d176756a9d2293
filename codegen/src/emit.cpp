#include "emit.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <kaizala/version.hpp>
#include <limits>
#include <set>

namespace kaizala::codegen {
namespace {

constexpr std::size_t line_width = 100;

// Columns a text takes: UTF-8 code points.
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// A C++ string literal holding exactly the bytes of `s`: quotes, backslashes and control
// characters escaped, the Unicode line breaks (U+0085, U+2028, U+2029) as octal bytes so no
// editor breaks the line, and the second `?` of `??` too (a trigraph before C++17).
std::string literal(std::string_view s) {
  std::string out = "\"";
  auto octal = [&out](unsigned char u) {
    char text[5];  // octal, not \x: a hex escape would swallow the hex digits after it
    std::snprintf(text, sizeof text, "\\%03o", u);
    out += text;
  };
  char previous = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    auto u = static_cast<unsigned char>(c);
    auto next = [&](std::size_t k) -> unsigned {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    };
    bool trigraph = c == '?' && previous == '?';
    previous = trigraph ? 0 : c;
    std::size_t line_break = u == 0xC2 && next(1) == 0x85                                   ? 2
                             : u == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9) ? 3
                                                                                             : 0;
    if (line_break) {
      for (std::size_t k = 0; k < line_break; ++k) octal(static_cast<unsigned char>(s[i + k]));
      i += line_break - 1;
    } else if (trigraph) {
      out += "\\?";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      octal(u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The doc text with every line break a compiler or an editor may see (\r\n, \r, \v, \f, U+0085,
// U+2028, U+2029) made a \n, other control characters made spaces, and `*/` broken up, so no spec
// text can end a comment early.
std::string comment_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    auto next = [&](std::size_t k) -> unsigned {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
    };
    if (c == '\r') {
      if (next(1) == '\n') ++i;
      out += '\n';
    } else if (c == '\v' || c == '\f') {
      out += '\n';
    } else if (c == 0xC2 && next(1) == 0x85) {
      out += '\n';
      i += 1;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
      out += '\n';
      i += 2;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += ' ';
    } else if (c == '/' && !out.empty() && out.back() == '*') {
      out += " /";
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// `// ` lines from a doc text, wrapped at 100 columns. Each line of the text is wrapped on its own,
// keeping its indent, so lists in the spec stay lists; an empty line becomes `//`.
void write_comment(std::string& out, std::string_view indent, std::string_view doc) {
  std::string safe = comment_text(doc);
  std::string_view text = safe;
  auto flush = [&](std::string line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (!line.empty() && line.back() == '\\')
      line += '.';  // a trailing `\` would continue the comment
    out += line + "\n";
  };
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::size_t lead = line.find_first_not_of(' ');
    if (lead == std::string_view::npos) {
      flush(std::string(indent) + "//");
    } else {
      std::string prefix = std::string(indent) + "// " + std::string(line.substr(0, lead));
      std::string current = prefix;
      std::size_t pos = lead;
      while (pos < line.size()) {
        std::size_t word_end = std::min(line.find(' ', pos), line.size());
        std::string_view word = line.substr(pos, word_end - pos);
        if (!word.empty()) {
          if (current.size() > prefix.size() && width(current) + 1 + width(word) > line_width) {
            flush(current);
            current = prefix;
          }
          if (current.size() > prefix.size()) current += ' ';
          current += word;
        }
        pos = word_end + 1;
      }
      flush(current);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

// `head` + items joined by ", " + `tail`, packed into lines of 100 columns; later lines start with
// `indent`.
std::string wrap_list(const std::string& head, const std::vector<std::string>& items,
                      const std::string& tail, const std::string& indent) {
  std::string out, line = head;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string piece = items[i] + (i + 1 < items.size() ? "," : tail);
    bool fresh = line == head || line == indent;
    if (!fresh && width(line) + 1 + width(piece) > line_width) {
      out += line + "\n";
      line = indent;
      fresh = true;
    }
    line += (fresh ? "" : " ") + piece;
  }
  if (items.empty()) line += tail;
  return out + line + "\n";
}

// `value` as adjacent literals, one per line, each starting with `indent`, the last followed by
// `end`: split at spaces so each line fits in 100 columns where a word allows.
std::string split_literal(const std::string& indent, std::string_view value, std::string_view end) {
  std::string out, piece;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t stop =
        std::min(value.find(' ', pos), value.size() - 1) + 1;  // a word with its space
    std::string_view word = value.substr(pos, stop - pos);
    if (!piece.empty() &&
        width(indent + literal(piece + std::string(word)) + std::string(end)) > line_width) {
      out += indent + literal(piece) + "\n";
      piece.clear();
    }
    piece += word;
    pos = stop;
  }
  return out + indent + literal(piece) + std::string(end) + "\n";
}

// `static constexpr std::string_view name = "value";` within 100 columns where it can be: a long
// one breaks after `=`, and a literal still too long is split at spaces into adjacent literals.
std::string string_constant(const std::string& indent, const std::string& name,
                            std::string_view value) {
  std::string head = indent + "static constexpr std::string_view " + name + " =";
  std::string line = head + " " + literal(value) + ";";
  if (width(line) <= line_width) return line + "\n";
  return head + "\n" + split_literal(indent + "    ", value, ";");
}

// `static constexpr std::array<std::string_view, N> name = {{"a", "b"}};` on one line when it fits,
// else one value per line (a long one split as in string_constant); no values: `= {};`.
std::string string_array(const std::string& indent, const std::string& name,
                         const std::vector<std::string>& values) {
  std::string head = indent + "static constexpr std::array<std::string_view, " +
                     std::to_string(values.size()) + "> " + name + " = ";
  if (values.empty()) return head + "{};\n";
  std::string one_line = head + "{{";
  for (std::size_t i = 0; i < values.size(); ++i) one_line += (i ? ", " : "") + literal(values[i]);
  one_line += "}};";
  if (width(one_line) <= line_width) return one_line + "\n";
  std::string out = head + "{{\n";
  for (const auto& v : values) out += split_literal(indent + "    ", v, ",");
  return out + indent + "}};\n";
}

std::string banner(std::string_view spec_file_name, std::uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  std::string name = comment_text(spec_file_name);  // a file name is any bytes: keep it one line
  std::replace(name.begin(), name.end(), '\n', ' ');
  if (!name.empty() && name.back() == '\\') name += '.';
  return "// Generated by kaizala-codegen " KAIZALA_VERSION_STRING " from " + name + " (fnv1a64 " + hex +
         "). Do not edit.\n"
         "// Regenerate: kaizala-codegen <spec> -o <this folder>, or build the target "
         "`kaizala_regenerate`.\n"
         "#pragma once\n";
}

// BOOST_DESCRIBE_* pass empty variadic arguments, which clang flags under -Wpedantic before C++20.
const char* const clang_push =
    "#if defined(__clang__)\n"
    "#pragma clang diagnostic push\n"
    "#pragma clang diagnostic ignored \"-Wgnu-zero-variadic-macro-arguments\"\n"
    "#endif\n";
const char* const clang_pop =
    "#if defined(__clang__)\n"
    "#pragma clang diagnostic pop\n"
    "#endif\n";

class emitter {
 public:
  emitter(const model& m, std::string_view spec_file_name, std::uint64_t hash)
      : m_(m), banner_(banner(spec_file_name, hash)), qualified_ns_("::" + m.ns + "::") {}

  std::map<std::string, std::string> run() {
    std::map<std::string, std::string> files;
    files["types.hpp"] = types_header();
    for (const auto& g : m_.groups) files[g.name + ".hpp"] = group_header(g);
    files["all.hpp"] = all_header();
    return files;
  }

 private:
  // ---- types.hpp

  std::string types_header() {
    std::string out = banner_ +
                      "\n"
                      "#include <kaizala/meta.hpp>\n"
                      "\n"
                      "#include <boost/describe.hpp>\n"
                      "#include <boost/json/value.hpp>\n"
                      "\n"
                      "#include <array>\n"
                      "#include <cstdint>\n"
                      "#include <map>\n"
                      "#include <optional>\n"
                      "#include <string>\n"
                      "#include <string_view>\n"
                      "#include <vector>\n"
                      "\n";
    out += clang_push;
    out += "\nnamespace " + m_.ns + " {\n";
    for (const auto& e : m_.enums) out += "\n" + enum_decl(e);
    for (const auto& s : m_.structs) out += "\n" + struct_decl(s);
    out += "\n}  // namespace " + m_.ns + "\n\n";
    out += clang_pop;
    for (const auto& e : m_.enums) out += "\n" + enum_info(e);
    for (const auto& s : m_.structs) out += "\n" + fields_of(s);
    return out;
  }

  std::string enum_decl(const enum_type& e) {
    std::string out;
    if (!e.doc.empty()) write_comment(out, "", e.doc);
    out += "enum class " + e.name + " {\n";
    std::vector<std::string> names;
    for (const auto& v : e.values) {
      if (!v.doc.empty()) write_comment(out, "  ", v.doc);
      if (v.cpp_name != v.json_text) out += "  // JSON text: " + literal(v.json_text) + "\n";
      out += "  " + v.cpp_name + ",\n";
      names.push_back(v.cpp_name);
    }
    out += "};\n";
    return out + wrap_list("BOOST_DESCRIBE_ENUM(" + e.name + ", ", names, ")", "    ");
  }

  std::string enum_info(const enum_type& e) {
    std::vector<std::string> texts, docs;
    for (const auto& v : e.values) {
      texts.push_back(v.json_text);
      docs.push_back(v.doc);
    }
    std::string out =
        "template <>\nstruct kaizala::meta::enum_info<" + qualified_ns_ + e.name + "> {\n";
    out += "  static constexpr std::string_view name = " + literal(e.name) + ";\n";
    out += string_array("  ", "names", texts);
    out += string_array("  ", "docs", docs);
    return out + "};\n";
  }

  // ---- structs

  std::string struct_decl(const struct_type& s, const std::string& comment = "") {
    std::string out;
    for (const auto& name : s.forward_declare) out += "struct " + name + ";\n";
    if (!s.forward_declare.empty()) out += "\n";
    if (!comment.empty())
      write_comment(out, "", comment);
    else if (!s.doc.empty())
      write_comment(out, "", s.doc);
    std::set<std::string> member_names;
    for (const auto& f : s.fields) member_names.insert(f.cpp_name);
    out += "struct " + s.name + " {";
    out += s.fields.empty() ? "};\n" : "\n";
    std::vector<std::string> names;
    for (const auto& f : s.fields) {
      out += member_decl(f, member_names);
      names.push_back(f.cpp_name);
    }
    if (!s.fields.empty()) out += "};\n";
    return out + wrap_list("BOOST_DESCRIBE_STRUCT(" + s.name + ", (), (", names, "))", "    ");
  }

  // Every enum and struct name, for cpp_type to qualify them all (outside the type's namespace).
  std::set<std::string> all_names() const {
    std::set<std::string> out;
    for (const auto& e : m_.enums) out.insert(e.name);
    for (const auto& s : m_.structs) out.insert(s.name);
    return out;
  }

  // A spec type name as written inside a struct. After a member with the same name is declared, the
  // plain name would mean the member (and GCC rejects the change of meaning), so qualify it then.
  std::string type_name(const std::string& name, const std::set<std::string>& member_names) const {
    return member_names.count(name) ? qualified_ns_ + name : name;
  }

  std::string cpp_type(const type_ref& t, const std::set<std::string>& member_names) const {
    switch (t.kind) {
      case type_ref::string:
        return "std::string";
      case type_ref::boolean:
        return "bool";
      case type_ref::int32:
        return "std::int32_t";
      case type_ref::int64:
        return "std::int64_t";
      case type_ref::number:
        return "double";
      case type_ref::json:
        return "boost::json::value";
      case type_ref::array:
        return "std::vector<" + cpp_type(*t.element, member_names) + ">";
      case type_ref::map:
        return "std::map<std::string, " + cpp_type(*t.element, member_names) + ">";
      case type_ref::file:
        return "kaizala::file_part";
      case type_ref::enumeration:
        return "kaizala::open_enum<" + type_name(t.name, member_names) + ">";
      case type_ref::structure:
        return type_name(t.name, member_names);
    }
    return "";
  }

  std::string initializer(const field& f, const std::set<std::string>& member_names) const {
    const auto& d = f.default_value;
    switch (f.type.kind) {
      case type_ref::string:
        return d.is_string() ? " = " + literal(d.get_string()) : "";
      case type_ref::boolean:
        if (d.is_bool()) return d.get_bool() ? " = true" : " = false";
        return f.required && !f.nullable ? " = false" : "";
      case type_ref::int32:
      case type_ref::int64:
        if (d.is_int64()) {
          if (d.get_int64() == std::numeric_limits<std::int64_t>::min())
            return " = -9223372036854775807 - 1";  // the literal 9223372036854775808 does not fit
          return " = " + std::to_string(d.get_int64());
        }
        return f.required && !f.nullable ? " = 0" : "";
      case type_ref::number:
        if (d.is_number()) return " = " + number_text(d);
        return f.required && !f.nullable ? " = 0" : "";
      case type_ref::enumeration:
        return d.is_string() ? " = " + type_name(f.type.name, member_names) +
                                   "::" + std::string(d.get_string())
                             : "";
      default:
        return "";
    }
  }

  static std::string number_text(const boost::json::value& v) {
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
    std::string text(buf, r.ptr);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  }

  std::string member_decl(const field& f, const std::set<std::string>& member_names) const {
    std::string out, doc = f.doc;
    static const char* const places[] = {"", "(path)", "(query)", "(header)", "", "(cookie)"};
    if (const char* place = places[static_cast<int>(f.in)]; *place)
      doc += (doc.empty() ? "" : " ") + std::string(place);
    if (!doc.empty()) write_comment(out, "  ", doc);
    if (f.cpp_name != f.json_name) out += "  // JSON name: " + literal(f.json_name) + "\n";
    std::string type = cpp_type(f.type, member_names);
    bool always_plain =
        f.type.kind == type_ref::json || f.type.kind == type_ref::file || (f.required && !f.nullable);
    if (!always_plain)  // optional and nullable: absent, null or a value
      type = (f.nullable && !f.required ? "kaizala::nullable<" : "std::optional<") + type + ">";
    return out + "  " + type + " " + f.cpp_name + initializer(f, member_names) + ";\n";
  }

  std::string fields_of(const struct_type& s) const {
    std::string out =
        "template <>\nstruct kaizala::meta::fields_of<" + qualified_ns_ + s.name + "> {\n";
    out += "  static constexpr std::string_view name = " + literal(s.name) + ";\n";
    out += "  static constexpr std::array<kaizala::meta::field, " +
           std::to_string(s.fields.size()) + "> fields = ";
    if (s.fields.empty()) {
      out += "{};\n";
    } else {
      out += "{{\n";
      for (const auto& f : s.fields) out += "      " + field_entry(f) + ",\n";
      out += "  }};\n";
    }
    std::vector<std::string> docs;
    for (const auto& f : s.fields) docs.push_back(f.doc);
    out += string_array("  ", "docs", docs);
    out += "  static constexpr std::array<kaizala::meta::rule, " + std::to_string(s.rules.size()) +
           "> rules = ";
    if (s.rules.empty()) {
      out += "{};\n";
    } else {
      out += "{{\n";
      for (const auto& r : s.rules) {
        std::string members;
        for (const auto& name : r.members) members += (members.empty() ? "" : "|") + name;
        out += std::string("      {kaizala::meta::rule_kind::") +
               (r.exactly_one ? "exactly_one" : "at_least_one") + ", " + literal(members) + "},\n";
      }
      out += "  }};\n";
    }
    return out + "};\n";
  }

  // `{json_name, in, aliases, lenient, max_items, max_length, secret, nullable, style, explode,
  // read_only}`
  // (style and explode only for query and cookie arrays), cut after the last
  // non-default member.
  static std::string field_entry(const field& f) {
    static const char* const places[] = {"body", "path", "query", "header", "file", "cookie"};
    static const char* const styles[] = {"form", "space_delimited", "pipe_delimited"};
    bool array_param = f.type.kind == type_ref::array &&
                       (f.in == location::query || f.in == location::cookie);
    std::string aliases;
    for (const auto& a : f.aliases) aliases += (aliases.empty() ? "" : "|") + a;
    std::vector<std::string> parts = {
        literal(f.json_name),
        std::string("kaizala::meta::location::") + places[static_cast<int>(f.in)],
        f.aliases.empty() ? "{}" : literal(aliases),
        f.lenient ? "true" : "false",
        std::to_string(f.max_items),
        std::to_string(f.max_length),
        f.secret ? "true" : "false",
        f.nullable ? "true" : "false",
        std::string("kaizala::meta::param_style::") + styles[static_cast<int>(f.style)],
        f.explode ? "true" : "false",
        f.read_only ? "true" : "false"};
    std::size_t keep = 1;
    if (f.in != location::body) keep = 2;
    if (!f.aliases.empty()) keep = 3;
    if (f.lenient) keep = 4;
    if (f.max_items) keep = 5;
    if (f.max_length) keep = 6;
    if (f.secret) keep = 7;
    if (f.nullable) keep = 8;
    if (array_param && f.style != param_style::form) keep = 9;
    if (array_param && !f.explode) keep = 10;
    if (f.read_only) keep = 11;
    std::string out = "{";
    for (std::size_t i = 0; i < keep; ++i) out += (i ? ", " : "") + parts[i];
    return out + "}";
  }

  // ---- <group>.hpp

  std::string group_header(const group& g) {
    std::string out = banner_ + "\n";
    if (!g.doc.empty()) {
      write_comment(out, "", "The \"" + g.name + "\" operations: " + g.doc);
      out += "\n";
    }
    out += "#include \"types.hpp\"\n";
    for (std::size_t i : g.ops)
      if (!m_.ops[i].response_headers.fields.empty()) {
        out += "\n#include <kaizala/response_headers.hpp>\n";
        break;
      }
    if (g.ops.empty()) return out;
    out += "\n";
    out += clang_push;
    out += "\nnamespace " + m_.ns + " {\n";
    std::vector<const struct_type*> structs;
    for (std::size_t i : g.ops) {
      const operation& op = m_.ops[i];
      out += "\n" + struct_decl(op.request, "Request of " + op.name + ": " + op.summary);
      structs.push_back(&op.request);
      if (op.response == operation::response_kind::fields) {
        out += "\n" + struct_decl(op.response_struct, "Response of " + op.name + ".");
        structs.push_back(&op.response_struct);
      }
      if (!op.response_headers.fields.empty()) {
        out += "\n" + struct_decl(op.response_headers, "Declared headers of the response of " + op.name + ".");
        structs.push_back(&op.response_headers);
      }
    }
    out += "\nnamespace ops {\n";
    for (std::size_t i : g.ops) out += "\n" + op_traits(m_.ops[i]);
    out += "\n}  // namespace ops\n}  // namespace " + m_.ns + "\n\n";
    out += clang_pop;
    for (const auto* s : structs) out += "\n" + fields_of(*s);
    return out;
  }

  std::string op_traits(const operation& op) const {
    static const std::map<std::string, std::string> methods = {
        {"GET", "get"},    {"POST", "post"}, {"PUT", "put"},        {"PATCH", "patch"},
        {"DELETE", "del"}, {"HEAD", "head"}, {"OPTIONS", "options"}};
    static const char* const bodies[] = {"none", "json", "multipart", "json_value"};
    std::string out;
    write_comment(out, "", op.summary);
    if (!op.doc.empty()) {
      out += "//\n";
      write_comment(out, "", op.doc);
    }
    std::string response =
        op.response == operation::response_kind::fields ? qualified_ns_ + op.response_struct.name
        : op.response == operation::response_kind::type ? qualified_ns_ + op.response_type
        : op.response == operation::response_kind::none ? std::string("::kaizala::no_content")
        : op.response == operation::response_kind::value
            ? cpp_type(op.response_value, all_names())
            : std::string("::boost::json::value");
    if (!op.response_headers.fields.empty())
      response = "::kaizala::with_headers<" + response + ", " + qualified_ns_ + op.response_headers.name + ">";
    auto text = [](const char* name, const std::string& value) {
      return string_constant("  ", name, value);
    };
    out += "struct " + op.name + " {\n";
    out += "  using request = " + qualified_ns_ + op.request.name + ";\n";
    out += "  using response = " + response + ";\n";
    if (!op.errors.empty()) {
      std::string cases;
      for (const auto& e : op.errors) {
        std::string type =
            e.kind == operation::response_kind::type   ? qualified_ns_ + e.type_name
            : e.kind == operation::response_kind::none  ? std::string("::kaizala::no_content")
            : e.kind == operation::response_kind::value ? cpp_type(e.value, all_names())
                                                        : std::string("::boost::json::value");
        cases += std::string(cases.empty() ? "" : ",\n") + "      ::kaizala::error_case<" +
                 std::to_string(e.low) + ", " + std::to_string(e.high) + ", " + type + ">";
      }
      out += "  using errors = ::kaizala::error_cases<\n" + cases + ">;\n";
    }
    out += text("name", op.name) + text("group", op.group) + text("summary", op.summary) +
           text("doc", op.doc);
    out += "  static constexpr kaizala::http_method method = kaizala::http_method::" +
           methods.at(op.method) + ";\n";
    out += text("path", op.path) + text("root", op.root) + text("root_url", op.root_url) +
           text("auth_header", op.auth_header);
    if (!op.auth_prefix.empty()) out += text("auth_prefix", op.auth_prefix);
    if (op.auth_in != "header")
      out += "  static constexpr kaizala::auth_place auth_in = kaizala::auth_place::" + op.auth_in + ";\n";
    out += std::string("  static constexpr kaizala::body_kind body = kaizala::body_kind::") +
           bodies[static_cast<int>(op.body)] + ";\n";
    out += std::string("  static constexpr bool idempotent = ") +
           (op.idempotent ? "true" : "false") + ";\n";
    return out + "};\n";
  }

  // ---- all.hpp

  std::string all_header() const {
    std::string out = banner_ + "\n#include \"types.hpp\"\n";
    for (const auto& g : m_.groups) out += "#include \"" + g.name + ".hpp\"\n";
    out += "\nnamespace " + m_.ns + " {\n\n";
    if (!m_.api_doc.empty()) write_comment(out, "", m_.api_doc);
    out += "struct api {\n";
    out += string_constant("  ", "name", m_.api_name);
    out += "  // Calls f(kaizala::op_tag<Op>{}) once per op, in spec order.\n";
    out += "  template <class F>\n";
    if (m_.ops.empty()) {
      out += "  static void for_each_op(F&&) {}\n";
    } else {
      out += "  static void for_each_op(F&& f) {\n";
      for (const auto& op : m_.ops) out += "    f(::kaizala::op_tag<ops::" + op.name + ">{});\n";
      out += "  }\n";
    }
    out +=
        "  // Calls f(kaizala::type_tag<T>{}) once per generated struct: named types in emitted "
        "order,\n"
        "  // then each op's request and (generated) response struct, in spec order.\n"
        "  template <class F>\n";
    std::vector<std::string> types;
    for (const auto& s : m_.structs) types.push_back(s.name);
    for (const auto& op : m_.ops) {
      types.push_back(op.request.name);
      if (op.response == operation::response_kind::fields) types.push_back(op.response_struct.name);
    }
    if (types.empty()) {
      out += "  static void for_each_type(F&&) {}\n";
    } else {
      out += "  static void for_each_type(F&& f) {\n";
      for (const auto& t : types)
        out += "    f(::kaizala::type_tag<" + qualified_ns_ + t + ">{});\n";
      out += "  }\n";
    }
    out += "};\n\n}  // namespace " + m_.ns + "\n";
    return out;
  }

  const model& m_;
  std::string banner_;
  std::string qualified_ns_;  // "::ns::"
};

}  // namespace

std::map<std::string, std::string> emit(const model& m, std::string_view spec_file_name,
                                        std::uint64_t spec_hash) {
  return emitter(m, spec_file_name, spec_hash).run();
}

}  // namespace kaizala::codegen
