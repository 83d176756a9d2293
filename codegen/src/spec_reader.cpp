#include "spec_reader.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/json/stream_parser.hpp>
#include <map>

namespace kaizala::codegen {

source_index::source_index(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

std::size_t source_index::value_offset(const std::string& pointer) const {
  auto it = values.find(pointer);
  return it == values.end() ? 0 : it->second;
}

std::size_t source_index::key_offset(const std::string& pointer) const {
  auto it = keys.find(pointer);
  return it == keys.end() ? value_offset(pointer) : it->second;
}

std::pair<int, int> source_index::line_col(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1: line_starts_[0] == 0
  return {static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
}

diagnostic spec_document::at_offset(std::size_t offset, severity level, std::string message) const {
  auto [line, col] = where.line_col(offset);
  return {file_name, line, col, level, std::move(message)};
}

diagnostic spec_document::at_value(const std::string& pointer, severity level,
                                   std::string message) const {
  return at_offset(where.value_offset(pointer), level, std::move(message));
}

diagnostic spec_document::at_key(const std::string& pointer, severity level,
                                 std::string message) const {
  return at_offset(where.key_offset(pointer), level, std::move(message));
}

namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Walks text that Boost.JSON already accepted, so it can skip every check a parser would make.
class location_scanner {
 public:
  location_scanner(std::string_view text, spec_document& doc) : text_(text), doc_(doc) {}

  void value(const std::string& pointer) {
    skip_space();
    doc_.where.values[pointer] = pos_;
    if (text_[pos_] == '{') {
      object(pointer);
    } else if (text_[pos_] == '[') {
      array(pointer);
    } else if (text_[pos_] == '"') {
      string();
    } else {  // number, true, false, null
      while (pos_ < text_.size() &&
             std::string_view(",]} \t\r\n/").find(text_[pos_]) == std::string_view::npos)
        ++pos_;
    }
  }

 private:
  void object(const std::string& pointer) {
    ++pos_;
    std::map<std::string, std::size_t> seen;
    for (;;) {
      skip_space();
      if (text_[pos_] == '}') break;
      std::size_t key_at = pos_;
      std::string key = string();
      std::string member = child_pointer(pointer, key);
      auto [it, fresh] = seen.emplace(key, key_at);
      if (!fresh) {
        auto [line, col] = doc_.where.line_col(it->second);
        doc_.diagnostics.push_back(
            doc_.at_offset(key_at, severity::error,
                           "duplicate key \"" + key + "\" (first at " + std::to_string(line) + ":" +
                               std::to_string(col) + "; the last one would win)"));
      }
      doc_.where.keys[member] = key_at;  // the DOM keeps the last duplicate, so do we
      skip_space();
      ++pos_;  // ':'
      value(member);
      skip_space();
      if (text_[pos_] == ',') ++pos_;
    }
    ++pos_;
  }

  void array(const std::string& pointer) {
    ++pos_;
    for (std::size_t i = 0;; ++i) {
      skip_space();
      if (text_[pos_] == ']') break;
      value(child_pointer(pointer, i));
      skip_space();
      if (text_[pos_] == ',') ++pos_;
    }
    ++pos_;
  }

  // Returns the decoded string, so keys match the DOM's.
  std::string string() {
    std::string out;
    ++pos_;
    while (text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = text_[pos_++];
      switch (e) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 &&
              cp < 0xDC00) {  // a surrogate pair: Boost.JSON checked the second half is there
            pos_ += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
    ++pos_;
    return out;
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (text_.compare(pos_, 2, "//") == 0) {
        pos_ = std::min(text_.find('\n', pos_), text_.size());
      } else if (text_.compare(pos_, 2, "/*") == 0) {
        pos_ = std::min(text_.find("*/", pos_ + 2) + 2, text_.size());
      } else {
        break;
      }
    }
  }

  std::string_view text_;
  spec_document& doc_;
  std::size_t pos_ = 0;
};

}  // namespace

spec_document read_spec(std::string_view text, std::string_view file_name) {
  spec_document doc;
  doc.file_name = std::string(file_name);
  doc.where = source_index(text);

  boost::json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  // Boost.JSON 1.81 returns a garbage count for a '/' that starts no comment ("/ {}", found by
  // fuzz_codegen); the error is then placed at the end of the text.
  consumed = std::min(consumed, text.size());
  if (!ec) parser.finish(ec);
  if (ec) {
    // write_some stops at the byte it could not take; an unfinished document fails at the end.
    doc.diagnostics.push_back(
        doc.at_offset(consumed, severity::error, "invalid JSON: " + ec.message()));
    return doc;
  }
  doc.root = parser.release();
  location_scanner(text, doc).value("");
  return doc;
}

}  // namespace kaizala::codegen

// ---- the typed description

namespace kaizala::codegen {

namespace {

diagnostic placed(const description& d, const source_ref& at, position p, severity level,
                  std::string message) {
  if (p.line > 0) return {d.file_name, p.line, p.col, level, std::move(message)};
  // Printable: origins and pointers come from the spec or an imported document and may hold control
  // bytes (found by fuzz_openapi).
  std::string pointer = printable(at.pointer.empty() ? "/" : at.pointer);
  std::string origin = printable(at.origin);
  if (at.origin.empty())
    return {d.file_name, 1, 1, level, std::move(message) + " (at spec pointer " + pointer + ")"};
  if (!at.origin_file.empty())
    return {at.origin_file, at.origin_at.line, at.origin_at.col, level,
            std::move(message) + " (from " + origin + ", spec pointer " + pointer + ")"};
  return {d.file_name, 1, 1, level,
          std::move(message) + " (from " + origin + ", spec pointer " + pointer + ")"};
}

}  // namespace

diagnostic report_at_value(const description& d, const source_ref& at, severity level,
                           std::string message) {
  return placed(d, at, at.value, level, std::move(message));
}

diagnostic report_at_key(const description& d, const source_ref& at, severity level,
                         std::string message) {
  return placed(d, at, at.key, level, std::move(message));
}

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

struct key_rule {
  const char* name;
  bool required;
};
using key_rules = std::vector<key_rule>;

const key_rules top_keys = {{"api", true}, {"types", true}, {"operations", true}};
const key_rules api_keys = {{"name", true},     {"namespace", true}, {"doc", false},
                            {"version", false}, {"roots", true},     {"auth", false},
                            {"groups", true},   {"headers", false}};
const key_rules root_keys = {{"url", true}, {"doc", false}, {"variables", false}};
const key_rules root_variable_keys = {{"default", true}, {"enum", false}, {"doc", false}};
const key_rules auth_keys = {
    {"header", false}, {"query", false}, {"cookie", false}, {"prefix", false}, {"doc", false}};
const key_rules group_keys = {{"doc", false}};
const key_rules type_keys = {{"doc", false},   {"fields", false},        {"enum", false},
                             {"rules", false}, {"deprecated", false},    {"oneOf", false},
                             {"anyOf", false}, {"discriminator", false}, {"type", false},
                             {"items", false}, {"values", false}};
const key_rules discriminator_keys = {{"property", true}, {"mapping", false}};
const key_rules enum_value_keys = {
    {"value", true}, {"doc", false}, {"deprecated", false}, {"cppName", false}};
const key_rules field_keys = {{"type", true},      {"items", false},    {"values", false},
                              {"required", false}, {"doc", false},      {"aliases", false},
                              {"lenient", false},  {"maxItems", false}, {"maxLength", false},
                              {"default", false},  {"cppName", false},  {"secret", false},
                              {"nullable", false}, {"format", false},   {"deprecated", false},
                              {"readOnly", false}, {"writeOnly", false}};
const key_rules element_keys = {{"type", true}, {"items", false}, {"values", false}};
const key_rules op_keys = {{"group", true},       {"summary", true},    {"doc", false},
                           {"method", true},      {"path", true},       {"root", true},
                           {"auth", true},        {"idempotent", true}, {"params", false},
                           {"body", false},       {"rules", false},     {"response", true},
                           {"deprecated", false}, {"errors", false},    {"when", false}};
const key_rules body_keys = {{"fields", false}, {"type", false},      {"items", false},
                             {"values", false}, {"multipart", false}, {"form", false},
                             {"binary", false}, {"mediaType", false}, {"required", false}};
const key_rules response_keys = {{"fields", false}, {"type", false},    {"items", false},
                                 {"values", false}, {"headers", false}, {"binary", false},
                                 {"status", false}};
const key_rules rule_keys = {{"exactlyOne", false}, {"atLeastOne", false}};

key_rules with_in(key_rules rules) {
  rules.insert(rules.begin(), {"in", true});
  rules.push_back({"style", false});
  rules.push_back({"explode", false});
  return rules;
}
const key_rules param_keys = with_in(field_keys);
// A field of a form body: a list may say how it is written ("explode").
const key_rules form_field_keys = [] {
  key_rules rules = field_keys;
  rules.push_back({"explode", false});
  return rules;
}();

// Written by importers on any object; kept for diagnostics only.
constexpr const char* origin_key = "x-origin";

class describer {
 public:
  // `where` maps a pointer to its source_ref (positions, origin).
  describer(description& out, std::vector<diagnostic>& diagnostics,
            std::function<source_ref(const std::string&)> where)
      : out_(out), diagnostics_(diagnostics), where_(std::move(where)) {}

  void run(const value& root) {
    const object* top = object_at(root, "", "the spec");
    if (!top) return;
    out_.is_object = true;
    check_keys(*top, "", "the spec", top_keys);
    if (const value* api = top->if_contains("api")) read_api(*api);
    if (const object* types = object_member(*top, "", "types"))
      for (const auto& [name, def] : *types) read_type(name, def, child_pointer("/types", name));
    if (const object* ops = object_member(*top, "", "operations"))
      for (const auto& [name, op] : *ops) read_op(name, op, child_pointer("/operations", name));
  }

 private:
  // ---- reporting

  void error(const std::string& pointer, std::string message) {
    diagnostics_.push_back(
        report_at_value(out_, where_(pointer), severity::error, std::move(message)));
  }
  void error_at_key(const std::string& pointer, std::string message) {
    diagnostics_.push_back(
        report_at_key(out_, where_(pointer), severity::error, std::move(message)));
  }

  // ---- shape

  const object* object_at(const value& v, const std::string& pointer, const std::string& what) {
    if (v.is_object()) return &v.get_object();
    error(pointer, what + " must be an object, not " + json_kind(v));
    return nullptr;
  }

  void check_keys(const object& o, const std::string& pointer, const std::string& what,
                  const key_rules& rules) {
    std::vector<std::string> allowed;
    for (const auto& r : rules) allowed.emplace_back(r.name);
    for (const auto& [key, v] : o) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (key == origin_key) {
        if (!v.is_string())
          error(child_pointer(pointer, key),
                quoted(key) + " must be a string, not " + json_kind(v));
        continue;
      }
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      error_at_key(child_pointer(pointer, key), "unknown key " + quoted(key) + " in " + what +
                                                    did_you_mean(key, allowed) +
                                                    "; allowed: " + list);
    }
    for (const auto& r : rules)
      if (r.required && !o.contains(r.name))
        error(pointer, what + " is missing required key " + quoted(r.name));
  }

  located<std::string> text(const object& o, const std::string& pointer, const char* key) {
    located<std::string> out;
    const value* v = o.if_contains(key);
    if (!v) return out;
    out.present = true;
    out.at = where_(child_pointer(pointer, key));
    if (v->is_string())
      out.value = std::string(v->get_string());
    else
      error(out.at.pointer, quoted(key) + " must be a string, not " + json_kind(*v));
    return out;
  }

  located<bool> flag(const object& o, const std::string& pointer, const char* key) {
    located<bool> out;
    const value* v = o.if_contains(key);
    if (!v) return out;
    out.present = true;
    out.at = where_(child_pointer(pointer, key));
    if (v->is_bool())
      out.value = v->get_bool();
    else
      error(out.at.pointer, quoted(key) + " must be true or false, not " + json_kind(*v));
    return out;
  }

  located<value> raw(const object& o, const std::string& pointer, const char* key) {
    located<value> out;
    if (const value* v = o.if_contains(key)) {
      out.present = true;
      out.value = *v;
      out.at = where_(child_pointer(pointer, key));
    }
    return out;
  }

  const object* object_member(const object& o, const std::string& pointer, const char* key) {
    const value* v = o.if_contains(key);
    if (!v) return nullptr;
    return object_at(*v, child_pointer(pointer, key), quoted(key));
  }

  // ---- api

  void read_api(const value& v) {
    api_desc& api = out_.api;
    api.at = where_("/api");
    const object* o = object_at(v, "/api", quoted("api"));
    if (!o) return;
    check_keys(*o, "/api", quoted("api"), api_keys);
    api.name = text(*o, "/api", "name");
    api.doc = text(*o, "/api", "doc");
    api.version = text(*o, "/api", "version");
    api.ns = text(*o, "/api", "namespace");
    api.roots = read_named(*o, "roots", "root", root_keys);
    api.auth = read_named(*o, "auth", "auth scheme", auth_keys);
    api.groups = read_named(*o, "groups", "group", group_keys);
    if (const object* headers = object_member(*o, "/api", "headers")) {
      api.headers_written = true;
      for (const auto& [name, v] : *headers) {
        if (name == origin_key) continue;
        header_desc h;
        h.name = std::string(name);
        h.value = text(*headers, "/api/headers", std::string(name).c_str());
        api.headers.push_back(std::move(h));
      }
    }
  }

  // An array of strings (each located), or an error naming `what`.
  std::vector<located<std::string>> text_list(const value& v, const std::string& pointer,
                                              const std::string& what) {
    std::vector<located<std::string>> out;
    if (!v.is_array()) {
      error(pointer, what + " must be an array of strings, not " + json_kind(v));
      return out;
    }
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
      const value& item = v.get_array()[i];
      located<std::string> t;
      t.present = true;
      t.at = where_(child_pointer(pointer, i));
      if (item.is_string())
        t.value = std::string(item.get_string());
      else
        error(t.at.pointer, "an item of " + what + " must be a string, not " + json_kind(item));
      out.push_back(std::move(t));
    }
    return out;
  }

  std::vector<named_desc> read_named(const object& api, const char* key, const std::string& what,
                                     const key_rules& rules) {
    std::vector<named_desc> out;
    std::string pointer = child_pointer("/api", key);
    const object* all = object_member(api, "/api", key);
    if (!all) return out;
    for (const auto& [name, v] : *all) {
      named_desc n;
      n.name = std::string(name);
      std::string at = child_pointer(pointer, name);
      n.at = where_(at);
      std::string me = what + " " + quoted(name);
      if (const object* o = object_at(v, at, me)) {
        check_keys(*o, at, me, rules);
        n.doc = text(*o, at, "doc");
        n.url = text(*o, at, "url");
        if (const object* vars = object_member(*o, at, "variables")) {
          std::string vars_at = child_pointer(at, "variables");
          for (const auto& [vname, vv] : *vars) {
            if (vname == origin_key) continue;
            root_variable_desc rv;
            rv.name = std::string(vname);
            std::string var_at = child_pointer(vars_at, vname);
            rv.at = where_(var_at);
            std::string var_me = "variable " + quoted(vname) + " of " + me;
            if (const object* vo = object_at(vv, var_at, var_me)) {
              check_keys(*vo, var_at, var_me, root_variable_keys);
              rv.default_value = text(*vo, var_at, "default");
              rv.doc = text(*vo, var_at, "doc");
              if (const value* e = vo->if_contains("enum")) {
                std::string enum_at = child_pointer(var_at, "enum");
                rv.allowed = text_list(*e, enum_at, quoted("enum") + " of " + var_me);
                if (e->is_array())
                  rv.allowed_at = where_(enum_at);  // an empty array is checked later
              }
            }
            n.variables.push_back(std::move(rv));
          }
        }
        n.header = text(*o, at, "header");
        n.prefix = text(*o, at, "prefix");
        n.query = text(*o, at, "query");
        n.cookie = text(*o, at, "cookie");
      }
      out.push_back(std::move(n));
    }
    return out;
  }

  // ---- types

  void read_type(std::string_view name, const value& def, const std::string& pointer) {
    type_desc t;
    t.name = std::string(name);
    t.at = where_(pointer);
    std::string me = "type " + quoted(name);
    if (const object* o = object_at(def, pointer, me)) {
      check_keys(*o, pointer, me, type_keys);
      t.doc = text(*o, pointer, "doc").value_or("");
      t.deprecated = flag(*o, pointer, "deprecated").value_or(false);
      bool has_enum = o->contains("enum");
      int kinds = count_of(*o, {"fields", "enum", "oneOf", "anyOf"}) +
                  (o->contains("type") && !has_enum ? 1 : 0);
      for (const char* key : {"items", "values"})
        if (o->contains(key) && (!o->contains("type") || has_enum))
          error_at_key(
              child_pointer(pointer, key),
              quoted(key) + " is only for an alias ({\"type\": \"array\" or \"map\", ...})");
      if (o->contains("discriminator") && !o->contains("oneOf") && !o->contains("anyOf"))
        error_at_key(child_pointer(pointer, "discriminator"),
                     "\"discriminator\" is only for a variant (\"oneOf\" or \"anyOf\")");
      if (kinds != 1) {
        error_at_key(pointer, me + " needs exactly one of \"fields\" (a struct), \"enum\", "
                                   "\"oneOf\"/\"anyOf\" (a variant) or \"type\" (an alias)");
      } else if (o->contains("oneOf") || o->contains("anyOf")) {
        t.kind = type_desc::kind_t::variant;
        read_variant(t, *o, pointer);
      } else if (o->contains("type") && !has_enum) {
        t.kind = type_desc::kind_t::alias;
        if (o->contains("rules"))
          error_at_key(child_pointer(pointer, "rules"), "\"rules\" are only for structs");
        t.aliased = read_type_expr(*o, pointer);
      } else if (has_enum) {
        t.kind = type_desc::kind_t::enumeration;
        if (o->contains("rules"))
          error_at_key(child_pointer(pointer, "rules"), "\"rules\" are only for structs");
        t.enum_type = text(*o, pointer, "type");
        read_enum(t, o->at("enum"), child_pointer(pointer, "enum"));
      } else {
        t.kind = type_desc::kind_t::structure;
        std::string fields_at = child_pointer(pointer, "fields");
        if (const object* fields = object_member(*o, pointer, "fields"))
          for (const auto& [json_name, f] : *fields)
            if (auto field = read_field(json_name, f, child_pointer(fields_at, json_name),
                                        "field " + quoted(json_name) + " of " + me, field_keys))
              t.fields.push_back(std::move(*field));
        if (const value* rules = o->if_contains("rules"))
          t.rules = read_rules(*rules, child_pointer(pointer, "rules"), "field");
      }
    }
    out_.types.push_back(std::move(t));
  }

  void read_variant(type_desc& t, const object& o, const std::string& pointer) {
    const char* key = o.contains("oneOf") ? "oneOf" : "anyOf";
    std::string list_at = child_pointer(pointer, key);
    t.alternatives_at = where_(list_at);
    if (o.contains("rules"))
      error_at_key(child_pointer(pointer, "rules"), "\"rules\" are only for structs");
    const value& list = o.at(key);
    if (!list.is_array() || list.get_array().empty()) {
      error(list_at, quoted(key) + " must be a non-empty array of types, not " +
                         (list.is_array() ? std::string("an empty array") : json_kind(list)));
    } else {
      for (std::size_t i = 0; i < list.get_array().size(); ++i)
        t.alternatives.push_back(*read_element(list.get_array()[i], child_pointer(list_at, i)));
    }
    const value* d = o.if_contains("discriminator");
    if (!d) return;
    std::string d_at = child_pointer(pointer, "discriminator");
    const object* dobj = object_at(*d, d_at, "\"discriminator\"");
    if (!dobj) return;
    check_keys(*dobj, d_at, "\"discriminator\"", discriminator_keys);
    discriminator_desc out;
    out.at = where_(d_at);
    out.property = text(*dobj, d_at, "property");
    if (const object* mapping = object_member(*dobj, d_at, "mapping")) {
      std::string m_at = child_pointer(d_at, "mapping");
      out.mapping_at = where_(m_at);
      for (const auto& [value_text, target] : *mapping) {
        if (value_text == origin_key) continue;
        std::string at = child_pointer(m_at, value_text);
        located<std::string> type;
        type.present = true;
        type.at = where_(at);
        if (target.is_string())
          type.value = std::string(target.get_string());
        else
          error(at, "a \"mapping\" value must be a type name, not " + json_kind(target));
        out.mapping.push_back({std::string(value_text), std::move(type)});
      }
    }
    t.discriminator = std::move(out);
  }

  void read_enum(type_desc& t, const value& v, const std::string& pointer) {
    t.enum_at = where_(pointer);
    if (!v.is_array()) {
      error(pointer, "\"enum\" must be an array of values, not " + json_kind(v));
      return;
    }
    const array& values = v.get_array();
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string at = child_pointer(pointer, i);
      std::string text_at = at;
      const value* text_value = &values[i];
      enum_value_desc out;
      if (text_value->is_object()) {
        std::string what = "value " + std::to_string(i + 1) + " of enum " + quoted(t.name);
        check_keys(text_value->get_object(), at, what, enum_value_keys);
        out.doc = text(text_value->get_object(), at, "doc").value_or("");
        out.deprecated = flag(text_value->get_object(), at, "deprecated").value_or(false);
        out.cpp_name = text(text_value->get_object(), at, "cppName");
        text_value = text_value->get_object().if_contains("value");
        text_at = child_pointer(at, "value");
        if (!text_value) continue;
      }
      if (text_value->is_int64() || text_value->is_uint64()) {  // an integer enum's value
        out.text = text_value->is_int64() ? std::to_string(text_value->get_int64())
                                          : std::to_string(text_value->get_uint64());
        out.is_number = true;
        out.at = where_(text_at);
        t.values.push_back(std::move(out));
        continue;
      }
      if (!text_value->is_string()) {
        error(text_at,
              "an enum value must be a string, an integer or {\"value\": ..., \"doc\": ...}, not " +
                  json_kind(*text_value));
        continue;
      }
      out.text = std::string(text_value->get_string());
      out.at = where_(text_at);
      t.values.push_back(std::move(out));
    }
  }

  std::vector<rule_desc> read_rules(const value& v, const std::string& pointer, const char* noun) {
    std::vector<rule_desc> out;
    if (!v.is_array()) {
      error(pointer, "\"rules\" must be an array, not " + json_kind(v));
      return out;
    }
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
      std::string at = child_pointer(pointer, i);
      const object* o = object_at(v.get_array()[i], at, "a rule");
      if (!o) continue;
      check_keys(*o, at, "a rule", rule_keys);
      if (o->contains("exactlyOne") == o->contains("atLeastOne")) {
        error(at, "a rule needs exactly one of \"exactlyOne\" or \"atLeastOne\"");
        continue;
      }
      rule_desc r;
      r.at = where_(at);
      r.exactly_one = o->contains("exactlyOne");
      const char* key = r.exactly_one ? "exactlyOne" : "atLeastOne";
      std::string list_at = child_pointer(at, key);
      r.list_at = where_(list_at);
      const value& list = o->at(key);
      if (!list.is_array() || list.get_array().size() < 2) {
        error(list_at, quoted(key) + " must be an array of at least two " + noun + " names");
        continue;
      }
      for (std::size_t j = 0; j < list.get_array().size(); ++j) {
        const value& name = list.get_array()[j];
        std::string name_at = child_pointer(list_at, j);
        if (!name.is_string()) {
          error(name_at, "a rule member must be a string, not " + json_kind(name));
          continue;
        }
        located<std::string> m;
        m.present = true;
        m.value = std::string(name.get_string());
        m.at = where_(name_at);
        r.members.push_back(std::move(m));
      }
      out.push_back(std::move(r));
    }
    return out;
  }

  // ---- fields

  // One field, param, part or response field; nothing when it is not an object. `what` is
  // `field "x" of type "A"`.
  std::optional<field_desc> read_field(std::string_view json_name, const value& v,
                                       const std::string& pointer, const std::string& what,
                                       const key_rules& rules) {
    const object* o = object_at(v, pointer, what);
    if (!o) return std::nullopt;
    field_desc f;
    f.json_name = std::string(json_name);
    f.at = where_(pointer);
    check_keys(*o, pointer, what, rules);
    if (&rules == &param_keys) {
      f.in = text(*o, pointer, "in");
      f.style = text(*o, pointer, "style");
      f.explode = flag(*o, pointer, "explode");
    }
    if (&rules == &form_field_keys) f.explode = flag(*o, pointer, "explode");
    f.doc = text(*o, pointer, "doc");
    f.secret = flag(*o, pointer, "secret");
    f.required = flag(*o, pointer, "required");
    f.nullable = flag(*o, pointer, "nullable");
    f.format = text(*o, pointer, "format");
    f.deprecated = flag(*o, pointer, "deprecated");
    f.read_only = flag(*o, pointer, "readOnly");
    f.write_only = flag(*o, pointer, "writeOnly");
    f.type = read_type_expr(*o, pointer);
    f.lenient = flag(*o, pointer, "lenient");
    f.max_items = raw(*o, pointer, "maxItems");
    f.max_length = raw(*o, pointer, "maxLength");
    f.default_value = raw(*o, pointer, "default");
    if (const value* aliases = o->if_contains("aliases")) {
      std::string at = child_pointer(pointer, "aliases");
      if (!aliases->is_array()) {
        error(at, "\"aliases\" must be an array of strings, not " + json_kind(*aliases));
      } else {
        for (std::size_t i = 0; i < aliases->get_array().size(); ++i) {
          const value& a = aliases->get_array()[i];
          if (!a.is_string()) {
            error(child_pointer(at, i), "an alias must be a string, not " + json_kind(a));
            continue;
          }
          located<std::string> alias;
          alias.present = true;
          alias.value = std::string(a.get_string());
          alias.at = where_(child_pointer(at, i));
          f.aliases.push_back(std::move(alias));
        }
      }
    }
    f.cpp_name = text(*o, pointer, "cppName");
    return f;
  }

  // `type` with its `items`/`values`, in a field or an element object.
  type_expr read_type_expr(const object& o, const std::string& pointer) {
    type_expr t;
    t.at = where_(pointer);
    std::string type_at = child_pointer(pointer, "type");
    t.name_at = where_(type_at);
    if (const value* type = o.if_contains("type")) {
      if (type->is_string())
        t.name = std::string(type->get_string());
      else
        error(type_at, "\"type\" must be a string, not " + json_kind(*type));
    }
    if (const value* items = o.if_contains("items"))
      t.items = read_element(*items, child_pointer(pointer, "items"));
    if (const value* values = o.if_contains("values"))
      t.values = read_element(*values, child_pointer(pointer, "values"));
    return t;
  }

  std::shared_ptr<const type_expr> read_element(const value& v, const std::string& pointer) {
    if (v.is_string()) {
      auto t = std::make_shared<type_expr>();
      t->at = t->name_at = where_(pointer);
      t->name = std::string(v.get_string());
      t->written_as_name = true;
      return t;
    }
    if (!v.is_object()) {
      error(pointer, "an element type must be a type name or {\"type\": ...}, not " + json_kind(v));
      auto t = std::make_shared<type_expr>();  // present but unreadable: no "needs items" error
      t->at = t->name_at = where_(pointer);
      return t;
    }
    check_keys(v.get_object(), pointer, "an element type", element_keys);
    return std::make_shared<type_expr>(read_type_expr(v.get_object(), pointer));
  }

  std::vector<field_desc> read_fields(const object& fields, const std::string& pointer,
                                      const std::string& label, const std::string& owner,
                                      const key_rules& rules) {
    std::vector<field_desc> out;
    for (const auto& [json_name, f] : fields)
      if (auto field = read_field(json_name, f, child_pointer(pointer, json_name),
                                  label + " " + quoted(json_name) + " of " + owner, rules))
        out.push_back(std::move(*field));
    return out;
  }

  // ---- operations

  void read_op(std::string_view name, const value& v, const std::string& pointer) {
    operation_desc op;
    op.name = std::string(name);
    op.at = where_(pointer);
    std::string me = "operation " + quoted(name);
    if (const object* o = object_at(v, pointer, me)) {
      check_keys(*o, pointer, me, op_keys);
      op.summary = text(*o, pointer, "summary");
      op.doc = text(*o, pointer, "doc");
      op.deprecated = flag(*o, pointer, "deprecated");
      op.idempotent = flag(*o, pointer, "idempotent");
      op.group = text(*o, pointer, "group");
      op.root = text(*o, pointer, "root");
      if (const value* auth = o->if_contains("auth"); auth && auth->is_array()) {
        op.auth.present = true;
        op.auth.at = where_(child_pointer(pointer, "auth"));
        op.auth_is_list = true;
        op.auth_alternatives = text_list(*auth, op.auth.at.pointer, quoted("auth") + " of " + me);
      } else {
        op.auth = text(*o, pointer, "auth");
      }
      op.method = text(*o, pointer, "method");
      if (const object* params = object_member(*o, pointer, "params"))
        op.params = read_fields(*params, child_pointer(pointer, "params"), "param", me, param_keys);
      op.path = text(*o, pointer, "path");
      if (const value* body = o->if_contains("body"))
        op.body = read_body(*body, child_pointer(pointer, "body"), me);
      if (const value* rules = o->if_contains("rules"))
        op.rules = read_rules(*rules, child_pointer(pointer, "rules"), "body field");
      op.when = raw(*o, pointer, "when");
      if (const value* response = o->if_contains("response"))
        op.response =
            read_response(*response, child_pointer(pointer, "response"), "response of " + me, me);
      if (const object* errors = object_member(*o, pointer, "errors")) {
        std::string errors_at = child_pointer(pointer, "errors");
        for (const auto& [status, body] : *errors) {
          if (status == origin_key) continue;
          std::string at = child_pointer(errors_at, status);
          op.errors.push_back(
              {std::string(status), where_(at),
               read_response(body, at, "error " + std::string(status) + " of " + me, me)});
        }
      }
    }
    out_.operations.push_back(std::move(op));
  }

  // How many of `keys` the object has.
  static int count_of(const object& o, std::initializer_list<const char*> keys) {
    int n = 0;
    for (const char* k : keys) n += o.contains(k) ? 1 : 0;
    return n;
  }

  body_desc read_body(const value& v, const std::string& pointer, const std::string& op) {
    body_desc b;
    b.at = where_(pointer);
    std::string me = "body of " + op;
    const object* o = object_at(v, pointer, me);
    if (!o) return b;
    check_keys(*o, pointer, me, body_keys);
    b.media_type = text(*o, pointer, "mediaType");
    b.required = flag(*o, pointer, "required");
    if (count_of(*o, {"fields", "type", "multipart", "form", "binary"}) != 1) {
      error(
          pointer,
          me + " needs exactly one of \"fields\", \"type\", \"multipart\", \"form\" or \"binary\"");
      return b;
    }
    if (o->contains("binary")) {
      b.kind = body_desc::kind_t::binary;
      located<bool> binary = flag(*o, pointer, "binary");
      if (binary && !*binary)
        error(child_pointer(pointer, "binary"), me + ": \"binary\" can only be true");
      return b;
    }
    if (o->contains("form")) {
      b.kind = body_desc::kind_t::form;
      if (const object* fields = object_member(*o, pointer, "form"))
        b.fields =
            read_fields(*fields, child_pointer(pointer, "form"), "form field", op, form_field_keys);
      return b;
    }
    if (o->contains("type")) {
      b.kind = body_desc::kind_t::type;
      b.type = text(*o, pointer, "type");
      b.expr = read_type_expr(*o, pointer);
      return b;
    }
    bool multipart = o->contains("multipart");
    b.kind = multipart ? body_desc::kind_t::multipart : body_desc::kind_t::fields;
    const char* key = multipart ? "multipart" : "fields";
    if (const object* fields = object_member(*o, pointer, key))
      b.fields = read_fields(*fields, child_pointer(pointer, key),
                             multipart ? "part" : "body field", op, field_keys);
    return b;
  }

  response_desc read_response(const value& v, const std::string& pointer, const std::string& me,
                              const std::string& op) {
    response_desc r;
    r.at = where_(pointer);
    if (v.is_string() && (v.get_string() == "json" || v.get_string() == "none")) {
      r.kind = v.get_string() == "json" ? response_desc::kind_t::json : response_desc::kind_t::none;
      return r;
    }
    if (!v.is_object()) {
      error(pointer, me + " must be \"json\", \"none\" or an object with \"fields\" or \"type\"");
      return r;
    }
    const object& o = v.get_object();
    check_keys(o, pointer, me, response_keys);
    r.status = raw(o, pointer, "status");
    if (o.contains("headers")) {
      r.headers_at = where_(child_pointer(pointer, "headers"));
      if (const object* headers = object_member(o, pointer, "headers"))
        r.headers = read_fields(*headers, child_pointer(pointer, "headers"), "response header", op,
                                field_keys);
      if (count_of(o, {"fields", "type", "binary"}) ==
          0) {  // {"headers": {...}}: no body, headers only
        r.kind = response_desc::kind_t::none;
        return r;
      }
    }
    if (count_of(o, {"fields", "type", "binary"}) != 1) {
      error(pointer, me + " needs exactly one of \"fields\", \"type\" or \"binary\"");
      return r;
    }
    if (o.contains("binary")) {
      r.kind = response_desc::kind_t::binary;
      located<bool> binary = flag(o, pointer, "binary");
      if (binary && !*binary)
        error(child_pointer(pointer, "binary"), me + ": \"binary\" can only be true");
      return r;
    }
    if (o.contains("type")) {
      r.kind = response_desc::kind_t::type;
      r.type = text(o, pointer, "type");
      r.expr = read_type_expr(o, pointer);
      return r;
    }
    r.kind = response_desc::kind_t::fields;
    if (const object* fields = object_member(o, pointer, "fields"))
      r.fields =
          read_fields(*fields, child_pointer(pointer, "fields"), "response field", op, field_keys);
    return r;
  }

  description& out_;
  std::vector<diagnostic>& diagnostics_;
  std::function<source_ref(const std::string&)> where_;
};

// Every "x-origin" of the spec, by the pointer of the object that carries it.
void collect_origins(const value& v, const std::string& pointer,
                     std::map<std::string, std::string>& out) {
  if (v.is_object()) {
    for (const auto& [key, member] : v.get_object()) {
      if (key == origin_key && member.is_string())
        out[pointer] = std::string(member.get_string());
      else
        collect_origins(member, child_pointer(pointer, key), out);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.get_array().size(); ++i)
      collect_origins(v.get_array()[i], child_pointer(pointer, i), out);
  }
}

}  // namespace

described describe(const spec_document& doc) {
  described out;
  out.spec.file_name = doc.file_name;
  auto where = [&doc](const std::string& pointer) {
    source_ref r;
    r.pointer = pointer;
    auto [kl, kc] = doc.where.line_col(doc.where.key_offset(pointer));
    auto [vl, vc] = doc.where.line_col(doc.where.value_offset(pointer));
    r.key = {kl, kc};
    r.value = {vl, vc};
    return r;
  };
  describer(out.spec, out.diagnostics, where).run(doc.root);
  return out;
}

described describe(const boost::json::value& spec, std::string_view spec_name,
                   const origin_locator& locate) {
  described out;
  out.spec.file_name = std::string(spec_name);
  std::map<std::string, std::string> origins;
  collect_origins(spec, "", origins);
  auto where = [&](const std::string& pointer) {
    source_ref r;
    r.pointer = pointer;
    // The nearest origin: the element's own, else its closest parent's.
    for (std::string p = pointer;;) {
      if (auto it = origins.find(p); it != origins.end()) {
        r.origin = it->second;
        break;
      }
      if (p.empty()) break;
      p.erase(p.rfind('/'));
    }
    if (!r.origin.empty() && locate)
      if (auto found = locate(r.origin)) {
        r.origin_file = found->file;
        r.origin_at = {found->line, found->col};
      }
    return r;
  };
  describer(out.spec, out.diagnostics, where).run(spec);
  return out;
}

}  // namespace kaizala::codegen

namespace kaizala::codegen {

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  std::size_t best = 3;
  const std::string* pick = nullptr;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(name, c);
    if (d < best && d < std::max(name.size(), c.size())) {
      best = d;
      pick = &c;
    }
  }
  return pick ? " (did you mean " + quoted(*pick) + "?)" : "";
}

}  // namespace kaizala::codegen
