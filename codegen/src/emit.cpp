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
    std::size_t line_break = u == 0xC2 && next(1) == 0x85 ? 2
                             : u == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)
                                 ? 3
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
  return "// Generated by kaizala-codegen " KAIZALA_VERSION_STRING " from " + name + " (fnv1a64 " +
         hex +
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
    name_type_files();
    find_cycles();
    std::map<std::string, std::string> files;
    files["types.hpp"] = types_header();
    for (const auto& e : m_.enums) files[file_of_.at(e.name)] = enum_header(e);
    for (const auto& s : m_.structs)
      files[file_of_.at(s.name)] = home_of_.at(s.name) == s.name
                                       ? structs_header(cycles_.at(s.name))
                                       : cycle_member_header(s.name);
    for (const auto& a : m_.aliases) files[file_of_.at(a.name)] = alias_header(a);
    for (const auto& g : m_.groups) files[g.name + ".hpp"] = group_header(g);
    files["roots.hpp"] = roots_header();
    files["service.hpp"] = service_header();
    files["all.hpp"] = all_header();
    if (has_deprecations())
      for (auto& [name, text] : files) text = quiet_deprecations(text);
    return files;
  }

 private:
  // ---- deprecation
  //
  // Types and ops the spec marks deprecated get [[deprecated]], so a user naming one gets the
  // compiler's warning. The generated headers name them too (Boost.Describe, fields_of, members of
  // other types, api::for_each_op): with any deprecation in the spec, every header silences the
  // warning between its first and last line, so only uses outside the generated code warn.

  bool has_deprecations() const {
    auto marked = [](const auto& all) {
      return std::any_of(all.begin(), all.end(), [](const auto& x) { return x.deprecated; });
    };
    return marked(m_.enums) || marked(m_.structs) || marked(m_.aliases) || marked(m_.ops);
  }

  static std::string deprecated_attribute(bool deprecated) {
    return deprecated ? "[[deprecated]] " : "";
  }

  std::string quiet_deprecations(const std::string& text) const {
    static const char* const push =
        "\n#if defined(__GNUC__)\n"
        "#pragma GCC diagnostic push\n"
        "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n"
        "#elif defined(_MSC_VER)\n"
        "#pragma warning(push)\n"
        "#pragma warning(disable : 4996)\n"
        "#endif\n";
    static const char* const pop =
        "\n#if defined(__GNUC__)\n"
        "#pragma GCC diagnostic pop\n"
        "#elif defined(_MSC_VER)\n"
        "#pragma warning(pop)\n"
        "#endif\n";
    return banner_ + push + text.substr(banner_.size()) + pop;
  }

  // An integer enum's value as a C++ literal (the lowest int64 has none).
  static std::string integer_literal(const std::string& decimal) {
    return decimal == "-9223372036854775808" ? "-9223372036854775807 - 1" : decimal;
  }

  // ---- types.hpp and types/<Name>.hpp
  //
  // One header per named type, so a group header includes only the types its ops reach: a TU that
  // uses one op of an API with thousands of types parses only those (Boost.Describe's descriptor
  // functions of every type in one namespace make each further type cost more than the last).
  // Types that refer to each other in a cycle (through an array) share one header, the first one's
  // in emitted order: each needs the others declared, and some need others complete. Every other
  // type header includes the headers of the types it names, so including one gives all it reaches.

  // What every header that declares generated types includes.
  std::string prelude(bool variant) const {
    return std::string(
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
               "#include <string_view>\n") +
           (variant ? "#include <variant>\n" : "") + "#include <vector>\n";
  }

  // The named types (enums, structs, variants) `t` mentions, through arrays and maps too.
  static void named_types(const type_ref& t, std::set<std::string>& out) {
    if (!t.name.empty()) out.insert(t.name);
    if (t.element) named_types(*t.element, out);
  }

  static std::set<std::string> named_types(const struct_type& s) {
    std::set<std::string> out;
    for (const auto& f : s.fields) named_types(f.type, out);
    out.erase(s.name);
    return out;
  }

  // File names under types/: the type's name, unless that would clash on a file system that ignores
  // case, or is a device name on Windows (`Aux.hpp`); then `<Name>-2`, `-3`, ... ('-' is never part
  // of a C++ name, so no other type has that name).
  void name_type_files() {
    static const std::set<std::string> devices = {
        "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
        "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
    std::set<std::string> taken;  // lower case
    auto lower = [](std::string s) {
      for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return s;
    };
    auto assign = [&](const std::string& name) {
      std::string stem = name;
      for (int n = 2; devices.count(lower(stem)) || taken.count(lower(stem)); ++n)
        stem = name + "-" + std::to_string(n);
      taken.insert(lower(stem));
      file_of_[name] = "types/" + stem + ".hpp";
    };
    for (const auto& e : m_.enums) assign(e.name);
    for (const auto& s : m_.structs) assign(s.name);
    for (const auto& a : m_.aliases) assign(a.name);
  }

  // Groups the structs into the cycles they form (strongly connected components of "names"), each
  // in emitted order; a struct in no cycle is a group of one. Tarjan's algorithm, without recursion
  // (a chain of thousands of types would be as deep).
  void find_cycles() {
    const std::size_t n = m_.structs.size(), none = static_cast<std::size_t>(-1);
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < n; ++i) index_of[m_.structs[i].name] = i;
    std::vector<std::vector<std::size_t>> edges(n);
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& name : named_types(m_.structs[i]))
        if (auto it = index_of.find(name); it != index_of.end()) edges[i].push_back(it->second);
    std::vector<std::size_t> order(n, none), low(n, 0), component(n, none), stack;
    std::vector<std::pair<std::size_t, std::size_t>> walk;  // node, next edge to follow
    std::size_t counter = 0, components = 0;
    auto enter = [&](std::size_t v) {
      order[v] = low[v] = counter++;
      stack.push_back(v);
      walk.push_back({v, 0});
    };
    for (std::size_t root = 0; root < n; ++root) {
      if (order[root] != none) continue;
      enter(root);
      while (!walk.empty()) {
        std::size_t v = walk.back().first;
        if (walk.back().second < edges[v].size()) {
          std::size_t w = edges[v][walk.back().second++];
          if (order[w] == none)
            enter(w);
          else if (component[w] == none)  // still on the stack
            low[v] = std::min(low[v], order[w]);
          continue;
        }
        walk.pop_back();
        if (!walk.empty()) low[walk.back().first] = std::min(low[walk.back().first], low[v]);
        if (low[v] != order[v]) continue;
        for (std::size_t w = none; w != v;) {
          w = stack.back();
          stack.pop_back();
          component[w] = components;
        }
        ++components;
      }
    }
    std::vector<std::vector<const struct_type*>> members(components);
    for (std::size_t i = 0; i < n; ++i) members[component[i]].push_back(&m_.structs[i]);
    for (auto& cycle : members) {
      for (const auto* s : cycle) home_of_[s->name] = cycle.front()->name;
      cycles_[cycle.front()->name] = std::move(cycle);
    }
  }

  // `#include "<file>"` lines for the named types, sorted by file; `from_types` when the including
  // header is itself under types/.
  std::string type_includes(const std::set<std::string>& names, bool from_types) const {
    std::set<std::string> files;
    for (const auto& name : names)
      if (auto it = file_of_.find(name); it != file_of_.end())
        files.insert(from_types ? it->second.substr(6) : it->second);  // without "types/"
    std::string out;
    for (const auto& f : files) out += "#include \"" + f + "\"\n";
    return out;
  }

  // types.hpp: every type header, for code that wants all types at once.
  std::string types_header() const {
    std::string out = banner_ + "\n" + prelude(false);
    std::string includes;
    auto add = [&](const std::string& name) {
      includes += "#include \"" + file_of_.at(name) + "\"\n";
    };
    for (const auto& e : m_.enums) add(e.name);
    for (const auto& s : m_.structs) add(s.name);
    for (const auto& a : m_.aliases) add(a.name);
    return includes.empty() ? out : out + "\n" + includes;
  }

  std::string enum_header(const enum_type& e) {
    std::string out = banner_ + "\n" + prelude(false) + "\n" + clang_push;
    out += "\nnamespace " + m_.ns + " {\n\n" + enum_decl(e);
    out += "\n}  // namespace " + m_.ns + "\n\n" + clang_pop;
    return out + "\n" + enum_info(e);
  }

  // The header of a struct, or of the structs of a cycle (in emitted order), each declared ahead
  // where one held through an array comes later in the cycle.
  std::string structs_header(const std::vector<const struct_type*>& structs) {
    std::set<std::string> inside, names;
    bool variant = false;
    for (const auto* s : structs) {
      inside.insert(s->name);
      auto used = named_types(*s);
      names.insert(used.begin(), used.end());
      variant = variant || s->is_variant;
    }
    for (const auto& name : inside) names.erase(name);
    std::string out = banner_ + "\n" + prelude(variant);
    std::string includes = type_includes(names, true);
    if (!includes.empty()) out += "\n" + includes;
    out += "\n" + std::string(clang_push) + "\nnamespace " + m_.ns + " {\n";
    std::set<std::string> declared;  // defined or declared ahead so far
    for (const auto* s : structs) {
      struct_type local = *s;
      local.forward_declare.clear();
      std::set<std::string> ahead;
      for (const auto& f : s->fields) named_types(f.type, ahead);
      for (const auto& name : ahead)
        if (inside.count(name) && name != s->name && declared.insert(name).second)
          local.forward_declare.push_back(name);
      declared.insert(s->name);
      out += "\n" + struct_decl(local);
    }
    out += "\n}  // namespace " + m_.ns + "\n\n" + clang_pop;
    for (const auto* s : structs) out += "\n" + fields_of(*s);
    return out;
  }

  // A struct defined in the header of its cycle.
  std::string cycle_member_header(const std::string& name) const {
    const std::string& home = home_of_.at(name);
    return banner_ + "\n// " + name + " is defined with the types it refers to in a cycle, in " +
           file_of_.at(home).substr(6) + ".\n#include \"" + file_of_.at(home).substr(6) + "\"\n";
  }

  std::string alias_header(const alias_type& a) const {
    std::set<std::string> names;
    named_types(a.type, names);
    std::string out = banner_ + "\n" + prelude(false);
    std::string includes = type_includes(names, true);
    if (!includes.empty()) out += "\n" + includes;
    out += "\nnamespace " + m_.ns + " {\n\n" + alias_decl(a);
    return out + "\n}  // namespace " + m_.ns + "\n";
  }

  std::string enum_decl(const enum_type& e) {
    std::string out;
    if (!e.doc.empty()) write_comment(out, "", e.doc);
    out += "enum class " + deprecated_attribute(e.deprecated) + e.name;
    if (!e.integer_type.empty()) out += " : std::" + e.integer_type + "_t";
    out += " {\n";
    std::vector<std::string> names;
    for (const auto& v : e.values) {
      if (!v.doc.empty()) write_comment(out, "  ", v.doc);
      if (v.cpp_name != v.json_text && e.integer_type.empty())
        out += "  // JSON text: " + literal(v.json_text) + "\n";
      out += "  " + v.cpp_name +
             (e.integer_type.empty() ? "" : " = " + integer_literal(v.json_text)) + ",\n";
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
    if (!e.integer_type.empty())
      out +=
          "  static constexpr bool integer = true;  // the values are JSON numbers; names: their "
          "decimal text\n";
    out += string_array("  ", "docs", docs);
    return out + "};\n";
  }

  // ---- structs

  // `using Name = <type>;`: needs only declarations
  // of what it names, so it may come after them all.
  std::string alias_decl(const alias_type& a) const {
    std::string out;
    if (!a.doc.empty()) write_comment(out, "", a.doc);
    return out + "using " + a.name + (a.deprecated ? " [[deprecated]]" : "") + " = " +
           cpp_type(a.type, {}) + ";\n";
  }

  // A variant: a struct deriving from std::variant of its alternatives, so it has a name of its own
  // (declarable ahead, distinct from another variant of the same types) and variant_info<T>.
  std::string variant_decl(const struct_type& s) const {
    std::string out;
    for (const auto& name : s.forward_declare) out += "struct " + name + ";\n";
    if (!s.forward_declare.empty()) out += "\n";
    if (!s.doc.empty()) write_comment(out, "", s.doc);
    std::vector<std::string> alternatives;
    for (const auto& f : s.fields) alternatives.push_back(cpp_type(f.type, {}));
    out += wrap_list("struct " + deprecated_attribute(s.deprecated) + s.name + " : std::variant<",
                     alternatives, "> {", "    ");
    out += "  using variant::variant;\n";
    out += "  using variant::operator=;\n";
    return out + "};\n";
  }

  std::string variant_info(const struct_type& s) const {
    std::string out =
        "template <>\nstruct kaizala::meta::variant_info<" + qualified_ns_ + s.name + "> {\n";
    out += "  static constexpr std::string_view name = " + literal(s.name) + ";\n";
    out += string_constant("  ", "discriminator", s.discriminator);
    std::vector<std::string> tags;
    for (const auto& f : s.fields) tags.push_back(f.json_name);
    out += string_array("  ", "tags", tags);
    return out + "};\n";
  }

  std::string struct_decl(const struct_type& s, const std::string& comment = "") {
    if (s.is_variant) return variant_decl(s);
    std::string out;
    for (const auto& name : s.forward_declare) out += "struct " + name + ";\n";
    if (!s.forward_declare.empty()) out += "\n";
    if (!comment.empty())
      write_comment(out, "", comment);
    else if (!s.doc.empty())
      write_comment(out, "", s.doc);
    std::set<std::string> member_names;
    for (const auto& f : s.fields) member_names.insert(f.cpp_name);
    out += "struct " + deprecated_attribute(s.deprecated) + s.name + " {";
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
      case type_ref::variant:
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
    static const char* const places[] = {"", "(path)", "(query)", "(header)", "", "(cookie)", ""};
    if (const char* place = places[static_cast<int>(f.in)]; *place)
      doc += (doc.empty() ? "" : " ") + std::string(place);
    if (!doc.empty()) write_comment(out, "  ", doc);
    if (f.cpp_name != f.json_name) out += "  // JSON name: " + literal(f.json_name) + "\n";
    std::string type = cpp_type(f.type, member_names);
    bool always_plain = f.type.kind == type_ref::json || (f.required && !f.nullable);
    if (!always_plain)  // optional and nullable: absent, null or a value
      type = (f.nullable && !f.required ? "kaizala::nullable<" : "std::optional<") + type + ">";
    return out + "  " + type + " " + f.cpp_name + initializer(f, member_names) + ";\n";
  }

  std::string fields_of(const struct_type& s) const {
    if (s.is_variant) return variant_info(s);
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
  // read_only, write_only}`
  // (style and explode only for query and cookie arrays), cut after the last
  // non-default member.
  static std::string field_entry(const field& f) {
    static const char* const places[] = {"body", "path",   "query", "header",
                                         "file", "cookie", "form"};
    static const char* const styles[] = {"form", "space_delimited", "pipe_delimited",
                                         "deep_object"};
    bool array_param =
        f.type.kind == type_ref::array &&
        (f.in == location::query || f.in == location::cookie || f.in == location::form);
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
        f.read_only ? "true" : "false",
        f.write_only ? "true" : "false"};
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
    if (f.in == location::query && f.style == param_style::deep_object) keep = 9;
    if (f.write_only) keep = 12;
    std::string out = "{";
    for (std::size_t i = 0; i < keep; ++i) out += (i ? ", " : "") + parts[i];
    return out + "}";
  }

  // ---- <group>.hpp

  // The named types an op's structs and traits mention.
  static void op_types(const operation& op, std::set<std::string>& out) {
    for (const auto* s : {&op.request, &op.response_struct, &op.response_headers})
      for (const auto& f : s->fields) named_types(f.type, out);
    if (op.response == operation::response_kind::type) out.insert(op.response_type);
    if (op.response == operation::response_kind::value) named_types(op.response_value, out);
    for (const auto& e : op.errors) {
      if (e.kind == operation::response_kind::type) out.insert(e.type_name);
      if (e.kind == operation::response_kind::value) named_types(e.value, out);
    }
  }

  std::string group_header(const group& g) {
    std::string out = banner_;
    if (!g.doc.empty()) {
      out += "\n";
      write_comment(out, "", "The \"" + g.name + "\" operations: " + g.doc);
    }
    if (g.ops.empty()) return out;
    std::set<std::string> types;
    bool when = false;
    bool headers = false;
    for (std::size_t i : g.ops) {
      op_types(m_.ops[i], types);
      headers = headers || !m_.ops[i].response_headers.fields.empty();
      when = when || !m_.ops[i].when.empty();
    }
    out += "\n" + prelude(false);
    std::string includes = type_includes(types, false);
    if (!includes.empty()) out += "\n" + includes;
    if (headers || when) out += "\n";
    if (when) out += "#include <kaizala/request_test.hpp>\n";
    if (headers) out += "#include <kaizala/response_headers.hpp>\n";
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
        out += "\n" + struct_decl(op.response_headers,
                                  "Declared headers of the response of " + op.name + ".");
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
    static const char* const bodies[] = {"none",       "json", "multipart",
                                         "json_value", "form", "binary"};
    std::string out;
    write_comment(out, "", op.summary);
    if (!op.doc.empty()) {
      out += "//\n";
      write_comment(out, "", op.doc);
    }
    std::string response =
        op.response == operation::response_kind::fields   ? qualified_ns_ + op.response_struct.name
        : op.response == operation::response_kind::type   ? qualified_ns_ + op.response_type
        : op.response == operation::response_kind::none   ? std::string("::kaizala::no_content")
        : op.response == operation::response_kind::binary ? std::string("::std::string")
        : op.response == operation::response_kind::value  ? cpp_type(op.response_value, all_names())
                                                          : std::string("::boost::json::value");
    if (!op.response_headers.fields.empty())
      response = "::kaizala::with_headers<" + response + ", " + qualified_ns_ +
                 op.response_headers.name + ">";
    auto text = [](const char* name, const std::string& value) {
      return string_constant("  ", name, value);
    };
    out += "struct " + deprecated_attribute(op.deprecated) + op.name + " {\n";
    out += "  using request = " + qualified_ns_ + op.request.name + ";\n";
    out += "  using response = " + response + ";\n";
    if (!op.errors.empty()) {
      std::string cases;
      for (const auto& e : op.errors) {
        std::string type =
            e.kind == operation::response_kind::type    ? qualified_ns_ + e.type_name
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
      out += "  static constexpr kaizala::auth_place auth_in = kaizala::auth_place::" + op.auth_in +
             ";\n";
    out += api_traits(op);
    out += std::string("  static constexpr kaizala::body_kind body = kaizala::body_kind::") +
           bodies[static_cast<int>(op.body)] + ";\n";
    if (!op.media_type.empty()) out += text("media_type", op.media_type);
    if (op.body_optional) out += "  static constexpr bool body_optional = true;\n";
    if (op.response == operation::response_kind::binary)
      out += "  static constexpr bool binary_response = true;  // response: the body's bytes\n";
    out += std::string("  static constexpr bool idempotent = ") +
           (op.idempotent ? "true" : "false") + ";\n";
    if (op.status != 0)
      out += "  static constexpr int status = " + std::to_string(op.status) +
             ";  // the documented success status\n";
    if (!op.when.empty()) {
      out +=
          "  // Among the ops on this method and path, the request is this one when every test of "
          "one\n"
          "  // alternative (the first number) holds.\n"
          "  static constexpr kaizala::request_test when[] = {\n";
      for (const auto& t : op.when)
        out += "      {" + std::to_string(t.alternative) + ", " + literal(t.name) +
               ", kaizala::request_check::" + t.check + ", " + literal(t.value) + "},\n";
      out += "  };\n";
    }
    return out + "};\n";
  }

  // What an op carries of its API: the API's name for per-API settings (its namespace), its auth
  // alternatives, the headers sent with every call, and the variables of its root.
  std::string api_traits(const operation& op) const {
    std::string out = string_constant("  ", "api", m_.ns);
    auto array = [&out](const char* type, const char* name, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += std::string("  static constexpr kaizala::") + type + " " + name + "[] = {\n";
      for (const auto& item : items) out += "      {" + item + "},\n";
      out += "  };\n";
    };
    std::vector<std::string> items;
    for (const auto& a : op.auth_schemes)
      items.push_back(literal(a.name) + ", " + literal(a.param) + ", kaizala::auth_place::" + a.in +
                      ", " + literal(a.prefix));
    array("auth_scheme", "auth_schemes", items);
    items.clear();
    for (const auto& [name, value] : m_.default_headers)
      if (!value.empty()) items.push_back(literal(name) + ", " + literal(value));
    array("default_header", "default_headers", items);
    items.clear();
    for (const auto& v : op.root_variables)
      items.push_back(literal(v.name) + ", " + literal(v.default_value) + ", " +
                      literal(v.allowed));
    array("root_variable", "root_variables", items);
    return out;
  }

  // ---- roots.hpp
  //
  // The spec's roots as named constants, so code that needs a root (a session renewing its
  // endpoint, a test pointing one at a server) names it instead of copying its URL.

  std::string roots_header() const {
    std::string out = banner_ + "\n#include <string_view>\n\nnamespace " + m_.ns + "::roots {\n";
    for (const auto& r : m_.roots) {
      out += "\n";
      if (!r.doc.empty()) write_comment(out, "", r.doc);
      out += "struct " + r.cpp_name + " {\n";
      out += string_constant("  ", "name", r.name);
      out += string_constant("  ", "url", r.url);
      out += "};\n";
    }
    out += "\n}  // namespace " + m_.ns + "::roots\n";
    return out;
  }

  // ---- service.hpp
  //
  // The server side of the API as an interface: one pure virtual handler per op, so a server
  // that misses an op cannot be instantiated and one that names an op the spec lacks does not
  // compile (docs/decisions/0019-generated-service-interface.md).

  std::string service_header() const {
    std::string out = banner_ +
                      "\n#include \"all.hpp\"\n\n#include <kaizala/result.hpp>\n\nnamespace " +
                      m_.ns + " {\n\n";
    out +=
        "// The server side of the API: one handler per op, taking the op's typed request (as\n"
        "// kaizala::read_request<Op> reads it) and answering its typed response or an error (for\n"
        "// kaizala::write_response<Op>). A server derives from service<Context>, where Context "
        "is\n"
        "// whatever its handlers need per call, and overrides every handler: one it misses "
        "leaves\n"
        "// the class abstract, so it cannot be built; an override naming an op the API lacks, or\n"
        "// with another signature, does not compile.\n"
        "template <class Context>\n"
        "class service {\n"
        " public:\n"
        "  virtual ~service() = default;\n";
    for (const auto& op : m_.ops) {
      std::string t = "ops::" + op.name;
      out += "\n";
      write_comment(out, "  ", op.summary.empty() ? op.name : op.summary);
      std::string head = "  virtual ::kaizala::result<" + t + "::response> handle(";
      std::string params = t + ", const " + t + "::request& request, Context& context) = 0;";
      if (width(head + params) <= line_width) {
        out += head + params + "\n";
      } else if (width("      " + params) <= line_width) {
        out += head + "\n      " + params + "\n";
      } else {
        out += head + "\n      " + t + ",\n      const " + t +
               "::request& request,\n      Context& context) = 0;\n";
      }
    }
    out += "};\n\n}  // namespace " + m_.ns + "\n";
    return out;
  }

  // ---- all.hpp

  std::string all_header() const {
    std::string out = banner_ + "\n#include \"roots.hpp\"\n#include \"types.hpp\"\n";
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
    for (const auto& s : m_.structs)
      if (!s.is_variant) types.push_back(s.name);
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
  std::string qualified_ns_;                    // "::ns::"
  std::map<std::string, std::string> file_of_;  // named type -> "types/<stem>.hpp"
  std::map<std::string, std::string> home_of_;  // struct -> the first struct of its cycle (itself)
  std::map<std::string, std::vector<const struct_type*>> cycles_;  // first struct -> the cycle
};

}  // namespace

std::map<std::string, std::string> emit(const model& m, std::string_view spec_file_name,
                                        std::uint64_t spec_hash) {
  return emitter(m, spec_file_name, spec_hash).run();
}

}  // namespace kaizala::codegen
