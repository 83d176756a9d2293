// openapi_import.cpp: the mapping from OpenAPI/Swagger constructs to spec keys (docs/openapi.md has
// the table). The output is built in document order, so the same input gives the same bytes.
#include "openapi_import.hpp"

#include "cpp_names.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

namespace kaizala::codegen {

namespace json = boost::json;

spec_features supported_spec_features() {
  spec_features f;
  // Keys the generator reads (spec/README.md); the rest go through their fallbacks.
  f.head_options = true;
  f.response_none = true;
  f.response_any = true;
  f.body_any = true;
  f.nullable = true;
  f.cookie_params = true;
  f.param_style = true;
  f.field_format = true;
  f.deprecated = true;
  f.auth_prefix = true;
  f.float_type = true;
  f.bytes_type = true;
  f.read_only = true;
  f.errors = true;
  f.response_headers = true;
  f.auth_query_cookie = true;
  f.variants = true;
  f.aliases = true;
  f.binary_type = true;
  f.body_parts = true;
  f.body_binary = true;
  f.body_optional = true;
  f.response_binary = true;
  f.int_enums = true;
  f.write_only = true;
  f.deep_object = true;
  f.response_status = true;
  f.auth_alternatives = true;
  f.root_variables = true;
  return f;
}

bool is_openapi(const json::value& root) {
  const auto* o = root.if_object();
  return o && (o->contains("openapi") || o->contains("swagger")) && !o->contains("operations");
}

namespace {

// ---- names ----------------------------------------------------------------------------------

std::vector<std::string> words_of(std::string_view text) {
  // Splits on every character outside [A-Za-z0-9] and before an upper-case letter that follows a
  // lower-case letter or digit ("getPetById" -> get Pet By Id).
  std::vector<std::string> words;
  std::string cur;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c)) {
      if (!cur.empty()) words.push_back(cur), cur.clear();
      continue;
    }
    if (std::isupper(c) && !cur.empty() &&
        (std::islower(static_cast<unsigned char>(cur.back())) ||
         std::isdigit(static_cast<unsigned char>(cur.back()))))
      words.push_back(cur), cur.clear();
    cur += char(c);
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

std::string pascal(std::string_view text) {
  std::string out;
  for (auto w : words_of(text)) {
    w[0] = char(std::toupper(static_cast<unsigned char>(w[0])));
    out += w;
  }
  if (out.empty()) out = "Unnamed";
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "N" + out;
  return out;
}

const std::set<std::string> cpp_keywords = {
    "alignas",      "alignof",  "and",       "and_eq",    "asm",       "auto",
    "bitand",       "bitor",    "bool",      "break",     "case",      "catch",
    "char",         "class",    "compl",     "const",     "constexpr", "const_cast",
    "continue",     "decltype", "default",   "delete",    "do",        "double",
    "dynamic_cast", "else",     "enum",      "explicit",  "export",    "extern",
    "false",        "float",    "for",       "friend",    "goto",      "if",
    "inline",       "int",      "long",      "mutable",   "namespace", "new",
    "noexcept",     "not",      "not_eq",    "nullptr",   "operator",  "or",
    "or_eq",        "private",  "protected", "public",    "register",  "reinterpret_cast",
    "return",       "short",    "signed",    "sizeof",    "static",    "static_assert",
    "static_cast",  "struct",   "switch",    "template",  "this",      "thread_local",
    "throw",        "true",     "try",       "typedef",   "typeid",    "typename",
    "union",        "unsigned", "using",     "virtual",   "void",      "volatile",
    "wchar_t",      "while",    "xor",       "xor_eq",    "char8_t",   "char16_t",
    "char32_t",     "concept",  "requires",  "co_await",  "co_return", "co_yield",
    "errno",        "linux",    "unix",      "interface", "small",     "near",
    "far",          "std",      "boost",     "kaizala",   "ops",       "api",
    "roots",        "service",  "types",     "all",       "detail"};

bool usable_name(const std::string& n) {
  if (n.empty() || n[0] == '_' || std::isdigit(static_cast<unsigned char>(n[0])) ||
      n.find("__") != std::string::npos)
    return false;
  for (char c : n)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return !cpp_keywords.count(n);
}

// "test-group-id" -> "testGroupId"; used as cppName for JSON names C++ cannot spell.
std::string camel(std::string_view text) {
  auto words = words_of(text);
  std::string p;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (i == 0)
      for (char& c : w) c = char(std::tolower(static_cast<unsigned char>(c)));
    else
      w[0] = char(std::toupper(static_cast<unsigned char>(w[0])));
    p += w;
  }
  if (p.empty()) p = "unnamed";
  if (std::isdigit(static_cast<unsigned char>(p[0]))) p = "n" + p;
  if (cpp_keywords.count(p)) p += "_";
  return p;
}

std::string snake(std::string_view text) {
  std::string out;
  for (auto w : words_of(text)) {
    if (!out.empty()) out += '_';
    for (char c : w) out += char(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.empty()) out = "unnamed";
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "n" + out;
  if (cpp_keywords.count(out)) out += "_api";
  return out;
}

std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

std::string text_of(const json::value* v) {
  if (!v) return {};
  if (const auto* s = v->if_string()) return std::string(*s);
  if (v->is_null()) return {};
  return json::serialize(*v);
}

bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

const std::vector<std::string> http_methods = {"get",     "put",  "post",  "delete",
                                               "options", "head", "patch", "trace"};

// A place in a document: the document, the JSON pointer, and the value there.
struct loc {
  const document* doc = nullptr;
  std::string ptr;
  const json::value* v = nullptr;

  loc at(std::string_view key) const {
    const json::value* child = nullptr;
    if (v && v->is_object()) child = v->get_object().if_contains(key);
    return {doc, child_pointer(ptr, key), child};
  }
  loc at(std::size_t i) const {
    const json::value* child = nullptr;
    if (v && v->is_array() && i < v->get_array().size()) child = &v->get_array()[i];
    return {doc, ptr + "/" + std::to_string(i), child};
  }
  const json::object* obj() const { return v ? v->if_object() : nullptr; }
  const json::value* get(std::string_view key) const {
    const auto* o = obj();
    return o ? o->if_contains(key) : nullptr;
  }
  std::string str(std::string_view key) const {
    const auto* x = get(key);
    return x && x->is_string() ? std::string(x->get_string()) : std::string();
  }
  bool flag(std::string_view key) const {
    const auto* x = get(key);
    return x && x->is_bool() && x->get_bool();
  }
  std::string key() const { return doc->file_name + "#" + ptr; }
};

const std::set<std::string> scalar_types = {"string", "bool", "int32", "int64", "double", "float"};

// ---- the importer ---------------------------------------------------------------------------

class importer {
 public:
  importer(const document& d, const import_options& o) : main_(d), opt_(o), f_(o.features) {}

  import_result run();

 private:
  const document& main_;
  import_options opt_;
  spec_features f_;
  bool v2_ = false;
  std::map<std::string, std::shared_ptr<document>> files_;
  std::vector<diagnostic> diags_;

  json::object types_;
  std::set<std::string> taken_;                   // type names in use or reserved for ops
  std::map<std::string, json::value> ref_types_;  // "file#ptr" of a named schema -> type expression
  std::set<std::string> in_progress_;
  std::map<std::string, std::string> auth_names_;  // OpenAPI scheme name -> spec scheme name
  json::object auth_;
  json::object roots_;
  std::map<std::string, std::string> root_by_url_;
  json::object groups_;
  std::set<std::string> op_names_;
  int ref_depth_ = 0;

  void warn(const loc& l, const std::string& m) {
    diags_.push_back(l.doc->at(l.ptr, severity::warning, m));
  }
  void error(const loc& l, const std::string& m) {
    diags_.push_back(l.doc->at(l.ptr, severity::error, m));
  }

  std::string origin(const loc& l) const { return base_name(l.doc->file_name) + "#" + l.ptr; }
  void set_origin(json::object& o, const loc& l) const {
    if (f_.x_origin) o["x-origin"] = origin(l);
  }

  // ---- $ref -------------------------------------------------------------------------------

  std::optional<loc> resolve(const loc& from, const std::string& ref) {
    loc ref_at = from.at("$ref");
    auto hash = ref.find('#');
    std::string file = ref.substr(0, hash);
    std::string frag = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
    const document* doc = from.doc;
    if (!file.empty()) {
      if (file.find("://") != std::string::npos) {
        error(ref_at,
              "$ref \"" + ref + "\" points to a remote document; only local files are read");
        return std::nullopt;
      }
      std::string path = file[0] == '/' ? file : dir_name(from.doc->file_name) + file;
      auto it = files_.find(path);
      if (it == files_.end()) {
        if (files_.size() + 1 >= opt_.max_files) {
          error(ref_at,
                "more than " + std::to_string(opt_.max_files) + " documents reached through $ref");
          return std::nullopt;
        }
        // Regular files only, read no further than the size limit: a $ref to /dev/zero or a FIFO
        // would otherwise read forever.
        std::error_code fs_error;
        std::ifstream in;
        if (std::filesystem::is_regular_file(path, fs_error)) in.open(path, std::ios::binary);
        std::string text;
        char chunk[1 << 16];
        while (in && text.size() <= opt_.limits.max_bytes) {
          in.read(chunk, sizeof chunk);
          text.append(chunk, std::size_t(in.gcount()));
        }
        if (!in.is_open() || in.bad()) {
          error(ref_at,
                "$ref \"" + ref + "\": cannot read " + path + " (not a readable regular file)");
          return std::nullopt;
        }
        auto d = std::make_shared<document>(read_document(text, path, opt_.limits));
        for (auto& x : d->diagnostics) diags_.push_back(x);
        if (!d->ok()) {
          error(ref_at, "$ref \"" + ref + "\": " + path + " could not be read");
          return std::nullopt;
        }
        it = files_.emplace(path, std::move(d)).first;
      }
      doc = it->second.get();
    }
    if (!frag.empty() && frag[0] != '/') {
      error(ref_at, "$ref \"" + ref + "\": the part after # must be a JSON pointer");
      return std::nullopt;
    }
    const json::value* v = pointer_find(doc->root, frag);
    if (!v) {
      error(ref_at, "dangling $ref \"" + ref + "\": nothing at that pointer");
      return std::nullopt;
    }
    return loc{doc, frag, v};
  }

  // Follows $ref chains; nullopt (with an error) when broken or cyclic.
  std::optional<loc> follow(loc l) {
    for (int hops = 0; hops < 64; ++hops) {
      const auto* r = l.get("$ref");
      if (!r) return l;
      if (!r->is_string()) {
        error(l.at("$ref"), "$ref must be a string");
        return std::nullopt;
      }
      auto next = resolve(l, std::string(r->get_string()));
      if (!next) return std::nullopt;
      l = *next;
    }
    error(l, "$ref chain longer than 64 steps (a cycle?)");
    return std::nullopt;
  }

  std::optional<std::string> component_name(const loc& l) const {
    if (l.doc != &main_ && !l.ptr.empty() && l.v && l.v->is_object())
      return pointer_unescape(l.ptr.substr(l.ptr.rfind('/') + 1));
    for (std::string prefix : {"/components/schemas/", "/definitions/"}) {
      if (l.ptr.compare(0, prefix.size(), prefix) == 0 &&
          l.ptr.find('/', prefix.size()) == std::string::npos)
        return pointer_unescape(l.ptr.substr(prefix.size()));
    }
    return std::nullopt;
  }

  // ---- type names -------------------------------------------------------------------------

  std::string unique_type_name(const std::string& hint) {
    std::string base = pascal(hint), name = base;
    for (int n = 2; taken_.count(name); ++n) name = base + std::to_string(n);
    taken_.insert(name);
    return name;
  }

  // ---- schemas ----------------------------------------------------------------------------

  static bool is_nullable(const loc& s) {
    if (s.flag("nullable")) return true;
    if (const auto* t = s.get("type"); t && t->is_array())
      for (const auto& x : t->get_array())
        if (x.is_string() && x.get_string() == "null") return true;
    if (const auto* e = s.get("enum"); e && e->is_array())
      for (const auto& x : e->get_array())
        if (x.is_null()) return true;
    return false;
  }

  // The schema's single non-null "type", "" when absent; sets `several` for 3.1 type lists.
  static std::string type_of(const loc& s, bool& several) {
    several = false;
    const auto* t = s.get("type");
    if (!t) return {};
    if (t->is_string()) return std::string(t->get_string());
    std::string found;
    if (t->is_array())
      for (const auto& x : t->get_array()) {
        if (!x.is_string() || x.get_string() == "null") continue;
        if (!found.empty()) several = true;
        found = std::string(x.get_string());
      }
    return found;
  }

  json::value named_type(const loc& target, bool& nullable) {
    nullable = nullable || is_nullable(target);
    std::string key = target.key();
    if (auto it = ref_types_.find(key); it != ref_types_.end()) return it->second;
    if (in_progress_.count(key)) {
      warn(target,
           "this schema holds itself through something other than an object or array; "
           "the inner occurrence is mapped to json");
      return "json";
    }
    auto name = component_name(target);
    std::string type_name;
    if (auto it = component_type_names_.find(key); it != component_type_names_.end())
      type_name = it->second;
    else
      type_name = unique_type_name(name ? *name : base_name(target.ptr));
    in_progress_.insert(key);
    bool inner_nullable = false;
    json::value expr;
    if (target.get("$ref")) {
      // A named schema that is another schema under a second name.
      expr = alias(target, type_name, &key, schema_type(target, type_name, inner_nullable));
    } else {
      expr = define(target, type_name, &key, inner_nullable);
    }
    in_progress_.erase(key);
    ref_types_[key] = expr;
    return expr;
  }
  std::map<std::string, std::string> component_type_names_;

  // Maps a schema to a type expression (a type string, or {"type": "array"|"map", ...}).
  json::value schema_type(const loc& s, const std::string& hint, bool& nullable) {
    if (!s.v) return "json";
    if (s.v->is_bool()) return "json";
    if (!s.v->is_object()) {
      warn(s, "a schema must be an object; mapped to json");
      return "json";
    }
    nullable = nullable || is_nullable(s);
    if (s.get("$ref")) {
      auto target = follow(s);
      if (!target) return "json";
      if (component_name(*target)) return named_type(*target, nullable);
      if (++ref_depth_ > 64) {
        --ref_depth_;
        error(s, "$ref cycle through inline schemas");
        return "json";
      }
      auto r = schema_type(*target, hint, nullable);
      --ref_depth_;
      return r;
    }
    // allOf with one $ref and nothing else of substance is that type (a common way to add a doc).
    if (const auto* all = s.get("allOf"); all && all->is_array() && all->get_array().size() == 1 &&
                                          !s.get("properties") && !s.get("oneOf") &&
                                          !s.get("anyOf")) {
      loc only = s.at("allOf").at(std::size_t(0));
      if (only.get("$ref")) return schema_type(only, hint, nullable);
    }
    return define(s, hint, nullptr, nullable);
  }

  // Defines the type a schema needs (struct, enum, variant, alias) under `name` (a hint unless
  // `key` is given) and returns the expression that refers to it.
  json::value define(const loc& s, const std::string& name, const std::string* key,
                     bool& nullable) {
    auto final_name = [&] { return key ? name : unique_type_name(name); };
    bool several = false;
    std::string type = type_of(s, several);
    if (several) {
      warn(s.at("type"), "a schema allowing several types is mapped to json");
      return alias(s, name, key, "json");
    }
    if (s.get("oneOf") || s.get("anyOf")) return variant(s, final_name(), key, nullable);
    if (const auto* e = s.get("enum");
        e && e->is_array() && (type.empty() || type == "string" || type == "integer"))
      return enumeration(s, final_name(), key, type);
    if (s.get("allOf") || s.get("properties") ||
        (type == "object" && !s.get("additionalProperties")) ||
        (type.empty() && s.get("required"))) {
      auto shape = struct_shape(s);
      if (!shape) return alias(s, name, key, "json");
      if (shape->props.empty() && !s.get("properties") && !s.get("allOf"))
        return alias(s, name, key, "json");
      std::string n = final_name();
      types_[n] = nullptr;  // keeps document order: the struct before what it holds
      if (key) ref_types_[*key] = json::value(n);
      json::object t;
      if (auto d = doc_of(s); !d.empty()) t["doc"] = d;
      t["fields"] = build_fields(*shape, n);
      deprecate(t, s);
      set_origin(t, s);
      types_[n] = std::move(t);
      return json::value(n);
    }
    json::value expr = "json";
    if (type == "array") {
      loc items = s.at("items");
      bool inner = false;
      json::value it = items.v ? schema_type(items, name + "Item", inner) : json::value("json");
      expr = json::object{{"type", "array"}, {"items", it}};
    } else if (type == "object" || type.empty()) {
      const auto* ap = s.get("additionalProperties");
      if (ap && ap->is_object() && !ap->get_object().empty()) {
        bool inner = false;
        expr = json::object{
            {"type", "map"},
            {"values", schema_type(s.at("additionalProperties"), name + "Value", inner)}};
      }
    } else if (type == "string") {
      std::string format = s.str("format");
      if (format == "byte" && f_.bytes_type)
        expr = "bytes";
      else if (format == "binary")
        expr = f_.binary_type ? "binary" : "string";
      else
        expr = "string";
    } else if (type == "integer") {
      expr = s.str("format") == "int32" ? "int32" : "int64";
    } else if (type == "number") {
      expr = s.str("format") == "float" && f_.float_type ? "float" : "double";
    } else if (type == "boolean") {
      expr = "bool";
    } else if (type == "file") {
      expr = f_.binary_type ? "binary" : "string";
    } else if (type != "null") {
      warn(s.at("type"), "unknown schema type \"" + type + "\"; mapped to json");
    }
    return alias(s, name, key, expr);
  }

  json::value alias(const loc& s, const std::string& name, const std::string* key,
                    json::value expr) {
    if (!key || !f_.aliases) return expr;
    json::object t;
    if (auto d = doc_of(s); !d.empty()) t["doc"] = d;
    if (expr.is_string()) {
      t["type"] = expr;
    } else {
      for (auto& kv : expr.get_object()) t[kv.key()] = kv.value();
    }
    deprecate(t, s);
    set_origin(t, s);
    types_[name] = std::move(t);
    return json::value(name);
  }

  void deprecate(json::object& t, const loc& s) {
    if (!s.flag("deprecated")) return;
    if (f_.deprecated)
      t["deprecated"] = true;
    else
      append_doc(t, "Deprecated.");
  }

  static void append_doc(json::object& o, const std::string& note) {
    std::string d = o.contains("doc") ? std::string(o["doc"].as_string()) : std::string();
    o["doc"] = d.empty() ? note : d + " " + note;
  }

  static std::string doc_of(const loc& s) {
    std::string d = s.str("description");
    if (d.empty()) d = s.str("title");
    return d;
  }

  // An integer enum's values with the C++ names x-enum-varnames (or x-enumNames) gives, and the
  // docs x-enum-descriptions gives, when the list matches the values one for one; else the values
  // alone (enumerators value_1, value_minus_2, ...).
  json::array enum_names(const loc& s, json::array values) {
    const json::value* names = s.get("x-enum-varnames");
    const char* which = "x-enum-varnames";
    if (!names) names = s.get("x-enumNames"), which = "x-enumNames";
    const json::value* docs = s.get("x-enum-descriptions");
    bool docs_fit = docs && docs->is_array() && docs->get_array().size() == values.size();
    bool names_fit = names && names->is_array() && names->get_array().size() == values.size();
    std::set<std::string> taken;
    for (std::size_t i = 0; names_fit && i < values.size(); ++i) {
      const json::value& n = names->get_array()[i];
      names_fit = n.is_string() && taken.insert(safe_member_name(n.get_string())).second;
    }
    if (names && !names_fit)
      warn(s.at(which),
           std::string(which) + " does not name each value once; enumerators are named value_<n>");
    if (!names_fit && !docs_fit) return values;
    json::array out;
    for (std::size_t i = 0; i < values.size(); ++i) {
      json::object v{{"value", values[i]}};
      if (docs_fit && docs->get_array()[i].is_string() &&
          !docs->get_array()[i].get_string().empty())
        v["doc"] = docs->get_array()[i];
      if (names_fit) v["cppName"] = safe_member_name(names->get_array()[i].get_string());
      out.push_back(std::move(v));
    }
    return out;
  }

  json::value enumeration(const loc& s, const std::string& name, const std::string* key,
                          const std::string& type) {
    const auto& values = s.get("enum")->get_array();
    bool integers = type == "integer";
    json::array out;
    std::set<std::string> folded;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto& v = values[i];
      if (v.is_null()) continue;
      if (integers ? !(v.is_int64() || v.is_uint64()) : !v.is_string()) {
        warn(s.at("enum").at(i),
             "enum value of the wrong kind; the enum is mapped to its base type");
        return alias(s, name, key, integers ? "int64" : "string");
      }
      if (!integers) {
        std::string f;
        for (char c : v.get_string()) f += char(std::tolower(static_cast<unsigned char>(c)));
        if (!folded.insert(f).second) {
          warn(s.at("enum").at(i), "enum values differ only in case; the enum is mapped to string");
          return alias(s, name, key, "string");
        }
      }
      out.push_back(v);
    }
    if (out.empty() || out.size() > 52) {
      warn(s.at("enum"), "enum with " + std::to_string(out.size()) +
                             " values (1 to 52 are supported); mapped to its base type");
      return alias(s, name, key, integers ? "int64" : "string");
    }
    if (integers && !f_.int_enums) {
      warn(s.at("enum"), "integer enum mapped to a plain integer (fallback)");
      return alias(s, name, key, s.str("format") == "int32" ? "int32" : "int64");
    }
    std::string base = "int64";
    if (integers && s.str("format") == "int32") {
      base = "int32";
      for (const auto& v : out)
        if (!v.is_int64() || v.get_int64() < INT32_MIN || v.get_int64() > INT32_MAX) base = "int64";
      if (base == "int64")
        warn(s.at("enum"), "int32 enum with a value beyond int32; mapped as an int64 enum");
    }
    if (integers) out = enum_names(s, std::move(out));
    json::object t;
    if (auto d = doc_of(s); !d.empty()) t["doc"] = d;
    t["enum"] = std::move(out);
    if (integers) t["type"] = base;
    deprecate(t, s);
    set_origin(t, s);
    types_[name] = std::move(t);
    return json::value(name);
  }

  json::value variant(const loc& s, const std::string& name, const std::string* key,
                      bool& nullable) {
    const char* which = s.get("oneOf") ? "oneOf" : "anyOf";
    if (!f_.variants) {
      warn(s.at(which),
           std::string(which) + " is mapped to json (fallback: variants are not supported yet)");
      return alias(s, name, key, "json");
    }
    types_[name] = nullptr;
    if (key) ref_types_[*key] = json::value(name);
    json::array alts;
    loc list = s.at(which);
    if (list.v && list.v->is_array())
      for (std::size_t i = 0; i < list.v->get_array().size(); ++i) {
        loc alt = list.at(i);
        bool several = false;
        if (alt.obj() && !alt.get("$ref") && type_of(alt, several) == "null") {
          nullable = true;
          continue;
        }
        bool inner = false;
        json::value expr = schema_type(alt, name + "Option" + std::to_string(i + 1), inner);
        // Alternatives that become one C++ type cannot be told apart: the first one stays.
        bool same = false;
        for (const auto& earlier : alts) same = same || cpp_identity(earlier) == cpp_identity(expr);
        if (same) {
          warn(alt, std::string(which) + " alternative " + std::to_string(i + 1) + " (" +
                        json::serialize(expr) +
                        ") becomes the same C++ type as an earlier one; left out");
          continue;
        }
        alts.push_back(std::move(expr));
      }
    if (alts.empty()) {  // only "null": any JSON
      types_.erase(name);
      if (key) ref_types_.erase(*key);
      warn(s.at(which), std::string(which) + " without a non-null alternative is mapped to json");
      return alias(s, name, key, "json");
    }
    if (alts.size() == 1 &&
        !s.get("discriminator")) {  // {"oneOf": [X, {"type": "null"}]}: a nullable X
      types_.erase(name);
      if (key) ref_types_.erase(*key);
      return alias(s, name, key, alts[0]);
    }
    json::object t;
    if (auto d = doc_of(s); !d.empty()) t["doc"] = d;
    t[which] = std::move(alts);
    if (const auto* disc = s.get("discriminator"); disc && disc->is_object()) {
      json::object d;
      d["property"] = text_of(disc->get_object().if_contains("propertyName"));
      if (const auto* m = disc->get_object().if_contains("mapping"); m && m->is_object()) {
        json::object mapping;
        for (const auto& kv : m->get_object()) {
          std::string target = text_of(&kv.value());
          loc fake{s.doc, s.ptr + "/discriminator/mapping", nullptr};
          json::object holder{{"$ref", target}};
          json::value hv = holder;
          fake.v = &hv;
          bool inner = false;
          auto resolved = schema_type(fake, name, inner);
          mapping[kv.key()] = resolved;
        }
        d["mapping"] = std::move(mapping);
      }
      t["discriminator"] = std::move(d);
      discriminated_.emplace_back(name, s);
    }
    deprecate(t, s);
    set_origin(t, s);
    types_[name] = std::move(t);
    return json::value(name);
  }
  std::vector<std::pair<std::string, loc>> discriminated_;  // variants with a discriminator

  // The C++ type an expression becomes, to tell a variant's alternatives apart.
  std::string cpp_identity(const json::value& expr) const {
    json::value e = expand_alias(expr);
    if (e.is_string()) {
      std::string n(e.get_string());
      return n == "bytes" ? "string" : n == "float" ? "double" : n;
    }
    const auto& o = e.get_object();
    std::string n = text_of(o.if_contains("type"));
    const json::value* inner = o.if_contains(n == "array" ? "items" : "values");
    return n + "<" + (inner ? cpp_identity(*inner) : std::string()) + ">";
  }

  // What an alias name finally stands for (a type name or {"type": ..., "items"/"values": ...});
  // any other expression as it is.
  json::value expand_alias(json::value expr) const {
    for (int hops = 0; hops < 64 && expr.is_string(); ++hops) {
      const auto* t = types_.if_contains(expr.get_string());
      if (!t || !t->is_object()) break;
      const auto& o = t->get_object();
      if (!o.contains("type") || o.contains("enum") || o.contains("fields")) break;
      json::object e;
      for (const char* k : {"type", "items", "values"})
        if (const auto* v = o.if_contains(k)) e[k] = *v;
      expr = e.size() == 1 ? e["type"] : json::value(std::move(e));
    }
    return expr;
  }

  bool is_variant_type(const json::value& expr) const {
    if (!expr.is_string()) return false;
    const auto* t = types_.if_contains(expr.get_string());
    return t && t->is_object() &&
           (t->get_object().contains("oneOf") || t->get_object().contains("anyOf"));
  }

  // A discriminator the generator can use names a string or enum property that every alternative,
  // a struct, declares; mapping values name alternatives. Otherwise it is dropped (the first
  // alternative that decodes is chosen) or the mapping entry left out, with a warning.
  void check_discriminators() {
    for (const auto& [name, at] : discriminated_) {
      auto* t = types_.if_contains(name);
      if (!t || !t->is_object() || !t->get_object().contains("discriminator")) continue;
      auto& o = t->get_object();
      const auto& alts = o.at(o.contains("oneOf") ? "oneOf" : "anyOf").get_array();
      auto& d = o.at("discriminator").get_object();
      std::string property = text_of(d.if_contains("property"));
      std::string problem = property.empty() ? "it names no property" : "";
      for (const auto& alt : alts) {
        if (!problem.empty()) break;
        json::value e = expand_alias(alt);
        const json::value* def = e.is_string() ? types_.if_contains(e.get_string()) : nullptr;
        const json::value* fields =
            def && def->is_object() ? def->get_object().if_contains("fields") : nullptr;
        if (!fields) {
          problem = "alternative " + json::serialize(alt) + " is not an object schema";
          continue;
        }
        const auto* f = fields->get_object().if_contains(property);
        json::value ft = f && f->is_object() && f->get_object().contains("type")
                             ? expand_alias(f->get_object().at("type"))
                             : json::value();
        if (!f)
          problem = "alternative " + json::serialize(alt) + " has no property \"" + property + "\"";
        else if (ft != json::value("string") && !is_enum_type(ft))
          problem = "property \"" + property + "\" of alternative " + json::serialize(alt) +
                    " is not a string";
      }
      loc disc = at.at("discriminator");
      if (!problem.empty()) {
        warn(disc, "discriminator left out (" + problem +
                       "); the first alternative that decodes is chosen");
        o.erase("discriminator");
        continue;
      }
      if (auto* mapping = d.if_contains("mapping"); mapping && mapping->is_object()) {
        json::object kept;
        for (const auto& kv : mapping->get_object()) {
          if (std::find(alts.begin(), alts.end(), kv.value()) != alts.end()) {
            kept[kv.key()] = kv.value();
            continue;
          }
          warn(disc.at("mapping").at(std::string(kv.key())),
               "discriminator value \"" + std::string(kv.key()) + "\" maps to " +
                   json::serialize(kv.value()) +
                   ", which is not one of the alternatives; left out");
        }
        if (kept.empty())
          d.erase("mapping");
        else
          *mapping = std::move(kept);
      }
    }
  }

  // A schema's property list with allOf merged in: (name, schema) in order, plus the required set.
  struct property_list {
    std::vector<std::pair<std::string, loc>> props;
    std::set<std::string> required;
    bool ok = true;
  };

  static std::string signature(const loc& p) {
    if (const auto* r = p.get("$ref")) return "ref:" + text_of(r);
    bool several = false;
    std::string sig = type_of(p, several) + "/" + p.str("format");
    if (const auto* items = p.get("items"); items && items->is_object())
      sig += "[" + signature(p.at("items")) + "]";
    return sig;
  }

  void collect(const loc& s, property_list& out, int depth) {
    if (depth > 32) {
      error(s, "allOf nested or cyclic deeper than 32 levels");
      out.ok = false;
      return;
    }
    if (const auto* all = s.get("allOf"); all && all->is_array()) {
      for (std::size_t i = 0; i < all->get_array().size(); ++i) {
        auto part = follow(s.at("allOf").at(i));
        if (!part) {
          out.ok = false;
          continue;
        }
        if (part->get("oneOf") || part->get("anyOf"))
          warn(*part, "oneOf/anyOf inside allOf is not merged; its members are left out");
        collect(*part, out, depth + 1);
      }
    }
    if (const auto* req = s.get("required"); req && req->is_array())
      for (const auto& r : req->get_array())
        if (r.is_string()) out.required.insert(std::string(r.get_string()));
    loc props = s.at("properties");
    if (const auto* o = props.obj())
      for (const auto& kv : *o) {
        std::string n(kv.key());
        loc p = props.at(n);
        auto same = std::find_if(out.props.begin(), out.props.end(),
                                 [&](const auto& x) { return x.first == n; });
        if (same == out.props.end()) {
          out.props.emplace_back(n, p);
        } else if (signature(same->second) != signature(p)) {
          error(p, "allOf members disagree on the type of property \"" + n + "\"");
          out.ok = false;
        } else {
          same->second = p;
        }
      }
    const auto* ap = s.get("additionalProperties");
    if (ap && !(ap->is_bool()) && s.get("properties"))
      warn(s.at("additionalProperties"),
           "additionalProperties next to properties is ignored (the struct keeps the named "
           "properties)");
  }

  // The members a struct made from this schema would have; nullopt (after an error or warning)
  // when it cannot be a struct (conflicting allOf members, or more than 52 members).
  std::optional<property_list> struct_shape(const loc& s) {
    property_list list;
    collect(s, list, 0);
    if (!list.ok) return std::nullopt;
    if (list.props.size() > 52) {
      warn(s, "object with " + std::to_string(list.props.size()) +
                  " properties (at most 52 per struct); mapped to json");
      return std::nullopt;
    }
    return list;
  }

  json::object build_fields(property_list& list, const std::string& parent) {
    json::object fields;
    std::set<std::string> names;  // a picked cppName must not take another member's name
    for (auto& [n, p] : list.props) names.insert(n);
    for (auto& [n, p] : list.props) {
      fields[n] = field(p, parent + pascal(n), list.required.count(n) > 0);
      if (!usable_name(n) && names.insert(camel(n)).second) name_member(fields[n].as_object(), n);
    }
    return fields;
  }

  // Sets "cppName" to the camelCase of `n`, placed before "x-origin".
  static void name_member(json::object& f, const std::string& n) {
    std::string cpp = camel(n);
    json::object out;
    bool done = false;
    for (auto& kv : f) {
      if (kv.key() == "cppName") continue;
      if (kv.key() == "x-origin" && !done) out["cppName"] = cpp, done = true;
      out[kv.key()] = kv.value();
    }
    if (!done) out["cppName"] = cpp;
    f = std::move(out);
  }

  // What a deepObject parameter can be: a map of scalars or enums, or a struct whose fields are all
  // scalars or enums.
  bool deep_fits(const json::value& t, const json::value* values) const {
    auto scalar = [&](const json::value& x) {
      return x.is_string() && (scalar_types.count(std::string(x.get_string())) || is_enum_type(x));
    };
    if (t == json::value("map")) return values && scalar(*values);
    if (!t.is_string()) return false;
    const json::value* def = types_.if_contains(t.get_string());
    if (!def || !def->is_object()) return false;
    const json::value* fields = def->get_object().if_contains("fields");
    if (!fields || !fields->is_object()) return false;
    for (const auto& kv : fields->get_object()) {
      if (kv.key() == "x-origin") continue;
      const auto* ft =
          kv.value().is_object() ? kv.value().get_object().if_contains("type") : nullptr;
      if (!ft || !scalar(*ft)) return false;
    }
    return true;
  }

  static json::object as_field(const json::value& expr) {
    json::object f;
    if (expr.is_string())
      f["type"] = expr;
    else
      for (const auto& kv : expr.get_object()) f[kv.key()] = kv.value();
    return f;
  }

  // Through aliases: an alias of an enum or struct is one too.
  bool is_enum_type(const json::value& alias_or_expr) const {
    json::value expr = expand_alias(alias_or_expr);
    if (!expr.is_string()) return false;
    const auto* t = types_.if_contains(expr.get_string());
    return t && t->is_object() && t->get_object().contains("enum");
  }
  bool is_struct_type(const json::value& alias_or_expr) const {
    json::value expr = expand_alias(alias_or_expr);
    if (!expr.is_string()) return false;
    const auto* t = types_.if_contains(expr.get_string());
    return t && (t->is_null() || (t->is_object() && t->get_object().contains("fields")));
  }

  // Whether a spec field can be a field of a form body: a scalar, an enum or an array of those.
  bool form_field_ok(const json::object& f) const {
    auto text = [&](const json::value& t) {
      if (!t.is_string()) return false;
      std::string n(t.get_string());
      return n == "string" || n == "bool" || n == "int32" || n == "int64" || n == "double" ||
             n == "float" || n == "bytes" || n == "binary" || is_enum_type(t);
    };
    const json::value* t = f.if_contains("type");
    if (!t) return false;
    if (json::value named = expand_alias(*t); named != *t)  // an alias: what it names
      return form_field_ok(as_field(named));
    if (*t == json::value("array")) {
      const json::value* items = f.if_contains("items");
      return items && (text(*items) || (items->is_object() && items->get_object().size() == 1 &&
                                        items->get_object().contains("type") &&
                                        text(items->get_object().at("type"))));
    }
    return text(*t);
  }

  // A struct member, a parameter or a part from its schema.
  json::object field(const loc& p, const std::string& hint, bool required) {
    bool nullable = false;
    json::value expr = schema_type(p, hint, nullable);
    json::object f = as_field(expr);
    // The inline schema (not a named type) carries the value constraints.
    std::optional<loc> own = p.get("$ref") ? std::optional<loc>() : std::optional<loc>(p);
    if (required && !(nullable && !f_.nullable)) f["required"] = true;
    if (nullable && f_.nullable) f["nullable"] = true;
    std::string d = p.str("description");
    if (d.empty() && own) d = p.str("title");
    if (!d.empty()) f["doc"] = d;
    if (own) {
      std::string t = text_of(f.if_contains("type"));
      if (const auto* n = p.get("maxLength");
          n && t == "string" && n->is_int64() && n->get_int64() > 0)
        f["maxLength"] = *n;
      if (const auto* n = p.get("maxItems");
          n && (t == "array" || t == "map") && n->is_int64() && n->get_int64() > 0)
        f["maxItems"] = *n;
      if (const auto* def = p.get("default")) default_value(f, *def, p.at("default"));
      std::string format = p.str("format");
      if (!format.empty() && t == "string" && format != "binary" && format != "byte") {
        if (f_.field_format)
          f["format"] = format;
        else
          append_doc(f, "Format: " + format + ".");
      }
    } else if (const auto* def = p.get("default")) {
      default_value(f, *def, p.at("default"));
    }
    for (const char* meta : {"readOnly", "writeOnly", "deprecated"}) {
      if (!p.flag(meta)) continue;
      std::string which = meta;
      bool supported = which == "deprecated" ? f_.deprecated
                       : which == "readOnly" ? f_.read_only
                                             : f_.write_only;
      if (supported)
        f[meta] = true;
      else
        append_doc(f, std::string(meta) == "readOnly"    ? "Read-only (sent by the server only)."
                      : std::string(meta) == "writeOnly" ? "Write-only (never returned)."
                                                         : "Deprecated.");
    }
    set_origin(f, p);
    return f;
  }

  void default_value(json::object& f, const json::value& def, const loc& where) {
    std::string t = text_of(f.if_contains("type"));
    bool ok = (t == "string" && def.is_string()) || (t == "bool" && def.is_bool()) ||
              ((t == "int32" || t == "int64") && (def.is_int64() || def.is_uint64())) ||
              ((t == "double" || t == "float") && def.is_number());
    if (!ok && is_enum_type(f["type"])) {
      const auto& values = types_.at(t).as_object().at("enum").as_array();
      ok = std::find(values.begin(), values.end(), def) != values.end();
    }
    if (ok && t == "int32" && def.is_int64() &&
        (def.get_int64() < INT32_MIN || def.get_int64() > INT32_MAX))
      ok = false;
    if (ok)
      f["default"] = def;
    else if (!def.is_null())
      warn(
          where,
          "default value not kept (defaults are kept for scalars and enums of the same kind only)");
  }

  // ---- api --------------------------------------------------------------------------------

  std::string add_root(const std::string& url, const std::string& doc, const json::object* vars,
                       const loc& where) {
    std::string u = url;
    json::object variables;
    if (vars) {
      for (const auto& kv : *vars) {
        const auto* vo = kv.value().if_object();
        std::string def = vo ? text_of(vo->if_contains("default")) : std::string();
        if (f_.root_variables) {
          // Kept only when the url uses it, with an "enum" of strings that holds the default (the
          // generator refuses anything else): otherwise a
          // warning, and the variable or enum is left out.
          if (u.find("{" + std::string(kv.key()) + "}") == std::string::npos) {
            warn(where.at("variables").at(kv.key()),
                 "server variable not used in the url; left out");
            continue;
          }
          json::object var;
          var["default"] = def;
          if (const auto* e = vo ? vo->if_contains("enum") : nullptr) {
            bool usable = e->is_array() && !e->get_array().empty();
            bool has_default = false;
            if (usable)
              for (const auto& x : e->get_array()) {
                usable = usable && x.is_string() && !has_control(x.get_string());
                has_default = has_default || (x.is_string() && x.get_string() == def);
              }
            if (usable && has_default && !has_control(def))
              var["enum"] = *e;
            else
              warn(where.at("variables").at(kv.key()).at("enum"),
                   "server variable enum left out (it must be strings that hold the default); any "
                   "value is accepted");
          }
          if (vo && vo->contains("description")) var["doc"] = vo->at("description");
          variables[kv.key()] = std::move(var);
        } else {
          std::string token = "{" + std::string(kv.key()) + "}";
          for (auto p = u.find(token); p != std::string::npos; p = u.find(token))
            u.replace(p, token.size(), def);
        }
      }
    }
    if (u.empty() || u[0] == '/') u = "{baseUrl}" + u;
    while (u.size() > 1 && u.back() == '/') u.pop_back();
    if (auto it = root_by_url_.find(u); it != root_by_url_.end()) return it->second;
    std::string name = roots_.empty() ? "main" : "server" + std::to_string(roots_.size() + 1);
    json::object r;
    r["url"] = u;
    std::string d = doc;
    if (u.rfind("{baseUrl}", 0) == 0)
      d += std::string(d.empty() ? "" : " ") +
           "Set the variable baseUrl to the scheme and host (e.g. https://api.example.com).";
    if (!d.empty()) r["doc"] = d;
    if (!variables.empty()) r["variables"] = std::move(variables);
    set_origin(r, where);
    roots_[name] = std::move(r);
    root_by_url_[u] = name;
    return name;
  }

  std::string servers_root(const loc& servers, const std::string& fallback) {
    if (!servers.v || !servers.v->is_array() || servers.v->get_array().empty()) return fallback;
    const auto& list = servers.v->get_array();
    std::string first;
    for (std::size_t i = 0; i < list.size(); ++i) {
      loc s = servers.at(i);
      const auto* vars = s.get("variables");
      auto name =
          add_root(s.str("url"), s.str("description"), vars ? vars->if_object() : nullptr, s);
      if (i == 0) first = name;
    }
    return first;
  }

  void security_schemes(const loc& schemes) {
    const auto* o = schemes.obj();
    if (!o) return;
    for (const auto& kv : *o) {
      std::string n(kv.key());
      auto s = follow(schemes.at(n));
      if (!s) continue;
      std::string name;
      for (char c : n) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "auth_" + name;
      if (name == "none") name = "none_";
      std::string type = s->str("type"), in = s->str("in"), scheme = s->str("scheme");
      std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                     [](unsigned char c) { return char(std::tolower(c)); });
      json::object a;
      std::string d = s->str("description");
      if (type == "apiKey" && in == "header") {
        a["header"] = s->str("name");
      } else if (type == "apiKey" && (in == "query" || in == "cookie")) {
        if (!f_.auth_query_cookie) {
          warn(*s, "API key in a " + in + " is not supported yet; operations using it get no auth");
          continue;
        }
        a[in] = s->str("name");
      } else if ((type == "http" && (scheme == "bearer" || scheme == "basic")) || type == "basic" ||
                 type == "oauth2" || type == "openIdConnect") {
        std::string prefix = (scheme == "basic" || type == "basic") ? "Basic " : "Bearer ";
        a["header"] = "Authorization";
        if (f_.auth_prefix) {
          a["prefix"] = prefix;
        } else {
          d += std::string(d.empty() ? "" : " ") + "Set the credential to \"" + prefix + "<" +
               (prefix == "Basic " ? "base64 of user:password" : "token") + ">\".";
        }
      } else {
        warn(*s, "security scheme of type \"" + type + "\"" +
                     (scheme.empty() ? "" : " (" + scheme + ")") +
                     " is not supported; operations using it get no auth");
        continue;
      }
      if (!d.empty()) a["doc"] = d;
      set_origin(a, *s);
      auth_names_[n] = name;
      auth_[name] = std::move(a);
    }
  }

  json::value op_auth(const loc& op, const loc& global) {
    loc sec = op.get("security") ? op.at("security") : global;
    if (!sec.v || !sec.v->is_array()) return "none";
    json::array alternatives;
    bool anonymous = false, unsupported = false;
    for (std::size_t i = 0; i < sec.v->get_array().size(); ++i) {
      loc req = sec.at(i);
      const auto* o = req.obj();
      if (!o || o->empty()) {
        anonymous = true;
        continue;
      }
      if (o->size() > 1)
        warn(req, "a security requirement naming several schemes at once uses only the first");
      std::string n(o->begin()->key());
      auto it = auth_names_.find(n);
      if (it == auth_names_.end()) {
        unsupported = true;
        continue;
      }
      if (std::find(alternatives.begin(), alternatives.end(), json::value(it->second)) ==
          alternatives.end())
        alternatives.push_back(json::value(it->second));
    }
    if (alternatives.empty()) {
      if (unsupported && !anonymous)
        warn(sec, "no supported security scheme; the operation is sent without auth");
      return "none";
    }
    if (anonymous) append_doc_later_ = "Authentication is optional.";
    if (alternatives.size() == 1 || !f_.auth_alternatives) return alternatives[0];
    return alternatives;
  }
  std::string append_doc_later_;
  std::vector<loc> ignored_headers_;  // Content-Type, Accept, Authorization parameters

  // A struct may hold itself (directly or through other structs) only through an array
  // (spec/README.md). Each member that closes another kind of cycle becomes json, with a warning.
  void break_member_cycles() {
    std::map<std::string, int> color;  // 0 new, 1 on the current path, 2 done
    std::vector<std::string> names;
    for (const auto& kv : types_)
      if (kv.value().is_object() && kv.value().get_object().contains("fields"))
        names.emplace_back(kv.key());
    for (const auto& start : names) visit(start, color);
  }

  // The structs a member holds other than through an array: its type, a map's values, through
  // aliases, and a variant's alternatives.
  void held_structs(const json::value& expr_in, std::vector<std::string>& out,
                    std::set<std::string>& variants, int depth) const {
    if (depth > 64) return;
    json::value expr = expr_in;
    if (const auto* o = expr.if_object(); o && o->size() == 1 && o->contains("type"))
      expr = o->at("type");
    expr = expand_alias(expr);
    json::value t = expr;
    if (const auto* o = expr.if_object()) t = o->contains("type") ? o->at("type") : json::value();
    if (t == json::value("map") && expr.is_object() && expr.get_object().contains("values"))
      return held_structs(expr.get_object().at("values"), out, variants, depth + 1);
    if (is_variant_type(t)) {
      if (!variants.insert(std::string(t.get_string())).second) return;
      const auto& v = types_.at(t.get_string()).get_object();
      for (const auto& alt : v.at(v.contains("oneOf") ? "oneOf" : "anyOf").get_array())
        held_structs(alt, out, variants, depth + 1);
      return;
    }
    if (is_struct_type(t)) out.push_back(std::string(expand_alias(t).get_string()));
  }

  void visit(const std::string& name, std::map<std::string, int>& color) {
    if (color[name]) return;
    color[name] = 1;
    auto& fields = types_[name].as_object()["fields"].as_object();
    for (auto& kv : fields) {
      auto& f = kv.value().as_object();
      std::vector<std::string> targets;
      std::set<std::string> variants;
      json::object expr;
      for (const char* k : {"type", "items", "values"})
        if (const auto* v = f.if_contains(k)) expr[k] = *v;
      held_structs(expr, targets, variants, 0);
      bool closes = false;
      for (const auto& target : targets) closes = closes || color[target] == 1;
      if (closes) {
        std::string where =
            f.contains("x-origin") ? std::string(f.at("x-origin").as_string()) : std::string();
        diagnostic d{main_.file_name, 1, 1, severity::warning, ""};
        auto hash = where.find('#');
        const document* doc = &main_;
        for (auto& file : files_)
          if (hash != std::string::npos && base_name(file.first) == where.substr(0, hash))
            doc = file.second.get();
        std::string message =
            name + " holds itself through member \"" + std::string(kv.key()) +
            "\" (only an array may hold its own struct); the member is mapped to json";
        if (hash != std::string::npos)
          d = doc->at(where.substr(hash + 1), severity::warning, message);
        else
          d.message = message;
        diags_.push_back(d);
        json::object replaced;
        for (auto& m : f) {
          if (m.key() == "type")
            replaced["type"] = "json";
          else if (m.key() != "values" && m.key() != "maxItems" && m.key() != "default")
            replaced[m.key()] = m.value();
        }
        f = std::move(replaced);
      } else {
        for (const auto& target : targets) visit(target, color);
      }
    }
    color[name] = 2;
  }

  std::string group_for(const loc& op, const std::map<std::string, std::string>& tag_docs) {
    std::string tag;
    if (const auto* tags = op.get("tags"); tags && tags->is_array() && !tags->get_array().empty())
      tag = text_of(&tags->get_array()[0]);
    std::string g = tag.empty() ? "operations" : snake(tag);
    if (!groups_.contains(g)) {
      json::object o;
      auto it = tag_docs.find(tag);
      o["doc"] = it != tag_docs.end() && !it->second.empty() ? it->second
                 : tag.empty() ? std::string("Operations without a tag.")
                               : "Operations tagged \"" + tag + "\".";
      groups_[g] = std::move(o);
    }
    return g;
  }

  // ---- operations -------------------------------------------------------------------------

  std::string op_name(const loc& op, const std::string& method, const std::string& path) {
    std::string id = op.str("operationId");
    std::string base;
    if (!id.empty()) {
      base = pascal(id);
    } else {
      base = pascal(method);
      std::string_view p = path;
      std::size_t i = 0;
      while (i < p.size()) {
        auto end = p.find('/', i + 1);
        std::string_view seg =
            p.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
        if (!seg.empty()) {
          if (seg.front() == '{' && seg.back() == '}')
            base += "By" + pascal(seg.substr(1, seg.size() - 2));
          else if (!words_of(seg).empty())
            base += pascal(seg);
        }
        if (end == std::string_view::npos) break;
        i = end;
      }
    }
    std::string name = base;
    for (int n = 2; op_names_.count(name); ++n) name = base + std::to_string(n);
    if (name != base) warn(op, "operation name " + base + " is taken; this one is " + name);
    op_names_.insert(name);
    return name;
  }

  // Collects the parameters of a path item and an operation (the operation's win), resolved.
  std::vector<loc> parameters(const loc& item, const loc& op) {
    std::vector<loc> out;
    std::vector<std::pair<std::string, std::string>> seen;
    for (const loc* holder : {&op, &item}) {
      loc list = holder->at("parameters");
      if (!list.v || !list.v->is_array()) continue;
      for (std::size_t i = 0; i < list.v->get_array().size(); ++i) {
        auto p = follow(list.at(i));
        if (!p || !p->obj()) continue;
        std::pair<std::string, std::string> id{p->str("name"), p->str("in")};
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        out.push_back(*p);
      }
    }
    return out;
  }

  // OpenAPI 3 style/explode, or Swagger 2 collectionFormat, as spec keys.
  bool param_style(const loc& p, const std::string& in, bool is_array, json::object& f) {
    std::string style = p.str("style");
    const auto* ex = p.get("explode");
    std::string def_style = (in == "query" || in == "cookie") ? "form" : "simple";
    if (v2_ && is_array) {
      std::string cf = p.str("collectionFormat");
      if (cf.empty() || cf == "csv")
        style = def_style, ex = nullptr, f["explode"] = false;
      else if (cf == "ssv")
        style = "spaceDelimited";
      else if (cf == "pipes")
        style = "pipeDelimited";
      else if (cf == "multi")
        style = "form";
      else {
        warn(p.at("collectionFormat"),
             "collectionFormat \"" + cf + "\" is not supported; parameter left out");
        return false;
      }
      if (cf == "ssv" || cf == "pipes") f["explode"] = false;
      if (cf == "multi") f["explode"] = true;
    }
    if (!style.empty() && style != def_style) f["style"] = style;
    if (ex && ex->is_bool() && ex->get_bool() != (def_style == "form"))
      f["explode"] = ex->get_bool();
    if (f.contains("explode") && f["explode"].get_bool() == (def_style == "form") &&
        style == def_style)
      f.erase("explode");
    if (!style.empty() && style != "form" && style != "simple" && style != "spaceDelimited" &&
        style != "pipeDelimited" && style != "deepObject") {
      warn(p.at("style"), "parameter style \"" + style + "\" is not supported; parameter left out");
      return false;
    }
    return true;
  }

  std::optional<json::object> parameter(const loc& p, const std::string& op, std::string& name) {
    name = p.str("name");
    std::string in = p.str("in");
    if (in == "header") {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return char(std::tolower(c)); });
      if (lower == "content-type" || lower == "accept" || lower == "authorization") {
        ignored_headers_.push_back(p);
        return std::nullopt;
      }
    }
    if (in == "cookie" && !f_.cookie_params) {
      warn(p, "cookie parameter \"" + name +
                  "\" is left out (fallback: cookie parameters are not supported yet)");
      return std::nullopt;
    }
    if (in != "path" && in != "query" && in != "header" && in != "cookie") {
      warn(p, "parameter in \"" + in + "\" is not supported here; left out");
      return std::nullopt;
    }
    if (p.get("content")) {
      warn(p.at("content"), "parameter with content (a serialized body) is left out");
      return std::nullopt;
    }
    loc schema = v2_ ? p : p.at("schema");
    if (!schema.v) schema = p;  // no schema: a string
    bool required = in == "path" || p.flag("required");
    json::object f;
    if (!schema.get("type") && !schema.get("$ref") && !schema.get("enum") && !schema.get("oneOf") &&
        !schema.get("allOf") && !schema.get("anyOf") && !schema.get("properties"))
      f = json::object{{"type", "string"}};
    else
      f = field(schema, op + pascal(name), required);
    json::object out;
    out["in"] = in;
    for (auto& kv : f) out[kv.key()] = kv.value();
    out.erase("nullable");  // not for params (spec/README.md)
    out.erase("readOnly");
    if (required) out["required"] = true;
    if (!v2_) {
      std::string d = p.str("description");
      if (!d.empty()) out["doc"] = d;
    }
    if (p.flag("deprecated")) {
      if (f_.deprecated)
        out["deprecated"] = true;
      else
        append_doc(out, "Deprecated.");
    }
    // A param of an alias type is written with what the alias names: the checks below, and the
    // generator's, look at the type itself.
    if (const auto* named = out.if_contains("type"); named && named->is_string()) {
      json::value e = expand_alias(*named);
      if (e != *named) {
        out.erase("items");
        out.erase("values");
        for (auto& kv : as_field(e)) out[kv.key()] = kv.value();
      }
    }
    const json::value& t = out["type"];
    bool scalar =
        t.is_string() && (scalar_types.count(std::string(t.get_string())) || is_enum_type(t));
    bool is_array = t == json::value("array");
    if (is_array) {
      const json::value* items = out.if_contains("items");
      bool scalar_items =
          items && items->is_string() &&
          (scalar_types.count(std::string(items->get_string())) || is_enum_type(*items));
      if (!scalar_items || !f_.param_style) {
        warn(p, "array parameter \"" + name + "\" is left out (fallback: " +
                    (f_.param_style ? "items must be scalars"
                                    : "array parameters are not supported yet") +
                    ")");
        return std::nullopt;
      }
    } else if (!scalar) {
      bool deep = p.str("style") == "deepObject";
      if (!(deep && f_.deep_object)) {
        warn(p, "parameter \"" + name + "\" of a non-scalar type is left out (fallback)");
        return std::nullopt;
      }
      if (in != "query" || !deep_fits(t, out.if_contains("values"))) {
        warn(p, "deepObject parameter \"" + name +
                    "\" is left out (fallback: only a query map of scalars or an object of scalar "
                    "properties)");
        return std::nullopt;
      }
    }
    if (f_.param_style) {
      if (!param_style(p, in, is_array, out)) return std::nullopt;
    } else if (p.get("style") || p.get("explode")) {
      warn(p, "style/explode not kept (fallback: the default style is used)");
    }
    if (f_.x_origin) {
      out.erase("x-origin");
      out["x-origin"] = origin(p);
    }
    return out;
  }

  struct media {
    std::string type;
    loc at;
  };

  static bool jsonish(const std::string& mt) {
    return mt == "application/json" || mt == "*/*" ||
           (mt.size() > 5 && mt.compare(mt.size() - 5, 5, "+json") == 0) ||
           mt.rfind("application/json;", 0) == 0 || mt == "text/json";
  }

  // Picks the media type the binding uses: JSON first, then form, multipart, anything else.
  static std::optional<media> pick(const loc& content) {
    const auto* o = content.obj();
    if (!o || o->empty()) return std::nullopt;
    for (auto want : {"json", "application/x-www-form-urlencoded", "multipart/form-data", ""}) {
      for (const auto& kv : *o) {
        std::string mt(kv.key());
        bool match =
            std::string(want) == "json" ? jsonish(mt) : std::string(want).empty() || mt == want;
        if (match) return media{mt, content.at(mt)};
      }
    }
    return std::nullopt;
  }

  // Named struct -> {"type": T}; inline object -> {"fields"}; else another expression or nothing.
  std::optional<json::object> json_payload(const loc& schema, const std::string& hint,
                                           bool allow_any, const char* what, const loc& where) {
    auto resolved = follow(schema);
    if (!resolved) return std::nullopt;
    if (!schema.get("$ref") && !resolved->get("oneOf") && !resolved->get("anyOf")) {
      bool several = false;
      std::string type = type_of(*resolved, several);
      if (!resolved->get("enum") && (resolved->get("properties") || resolved->get("allOf")) &&
          (type.empty() || type == "object")) {
        auto shape = struct_shape(*resolved);
        if (!shape) return std::nullopt;  // errors, or too many members: json
        return json::object{{"fields", build_fields(*shape, hint)}};
      }
    }
    bool nullable = false;
    json::value expr = schema_type(schema, hint, nullable);
    if (is_struct_type(expr)) return json::object{{"type", expr}};
    if (expr == json::value("json")) return std::nullopt;
    if (allow_any)
      return as_field(expr);  // {"type": "array", "items": ...} flattened, as fields write it
    warn(where,
         std::string(what) + " of type " + json::serialize(expr) + " is mapped to json (fallback)");
    return std::nullopt;
  }

  // The request struct holds params and body fields side by side, and PUT /pets/{id} with a Pet
  // body holding "id" is common: such a param gets the C++ name <in><Name> (pathId).
  void rename_params_shadowed_by_body(json::object& o) {
    auto* params = o.if_contains("params");
    auto* body = o.if_contains("body");
    if (!params || !body || !body->is_object()) return;
    const json::object* fields = nullptr;
    if (const auto* f = body->get_object().if_contains("fields")) fields = f->if_object();
    if (const auto* t = body->get_object().if_contains("type"); t && is_struct_type(*t)) {
      const auto& type = types_.at(t->get_string());
      if (type.is_object()) fields = type.get_object().at("fields").if_object();
    }
    for (const char* kind : {"form", "multipart"})
      if (const auto* f = body->get_object().if_contains(kind)) fields = f->if_object();
    if (!fields) return;
    std::set<std::string> taken;
    for (const auto& kv : *fields) {
      const auto* cpp =
          kv.value().is_object() ? kv.value().get_object().if_contains("cppName") : nullptr;
      taken.insert(cpp && cpp->is_string() ? std::string(cpp->get_string())
                                           : std::string(kv.key()));
    }
    for (auto& kv : params->as_object()) {
      auto& p = kv.value().as_object();
      const auto* cpp = p.if_contains("cppName");
      std::string current =
          cpp && cpp->is_string() ? std::string(cpp->get_string()) : std::string(kv.key());
      if (!taken.count(current)) continue;
      std::string in = text_of(p.if_contains("in"));
      name_member(p, in + pascal(kv.key()));
    }
  }

  void body_v3(const loc& op, const std::string& name, json::object& out) {
    auto rb = follow(op.at("requestBody"));
    if (!rb) return;
    auto m = pick(rb->at("content"));
    if (!m) {
      warn(*rb, "request body without content is left out");
      return;
    }
    json::object body;
    loc schema = m->at.at("schema");
    if (jsonish(m->type)) {
      if (!schema.v) {
        warn(m->at, "JSON request body without a schema is left out");
        return;
      }
      auto payload = json_payload(schema, name + "Body", f_.body_any, "request body", m->at);
      if (!payload) {
        if (!f_.body_any) {
          warn(m->at, "request body of a type other than an object is left out (fallback)");
          return;
        }
        payload = json::object{{"type", "json"}};
      }
      body = std::move(*payload);
    } else if (m->type == "multipart/form-data" || m->type == "application/x-www-form-urlencoded") {
      bool multipart = m->type == "multipart/form-data";
      auto s = follow(schema);
      if (!s) return;
      property_list list;
      collect(*s, list, 0);
      json::object parts;
      for (auto& [pn, p] : list.props) {
        auto rp = follow(p);
        if (!rp) continue;
        bool several = false;
        bool file = multipart && (rp->str("format") == "binary" || rp->str("format") == "base64" ||
                                  type_of(*rp, several) == "file");
        if (file) {
          json::object part{{"type", "file"}};
          if (!rp->str("description").empty()) part["doc"] = rp->str("description");
          if (f_.body_parts && !list.required.count(pn)) part["required"] = false;
          set_origin(part, *rp);
          parts[pn] = std::move(part);
        } else if (f_.body_parts) {
          // A form is flat text: an object (or a list of
          // objects) is left out before it makes a type.
          std::string t = type_of(*rp, several);
          bool flat = (!t.empty() && t != "object") || (t.empty() && rp->get("enum"));
          if (t == "array") {
            auto items = follow(rp->at("items"));
            std::string it = items ? type_of(*items, several) : std::string();
            flat = !it.empty() && it != "object" && it != "array";
          }
          if (!multipart && !flat) {
            warn(p, "form field \"" + pn +
                        "\" is not a scalar, an enum or an array of those; left out (fallback)");
            continue;
          }
          json::object part = field(p, name + pascal(pn), list.required.count(pn) > 0);
          part.erase("nullable");
          part.erase("readOnly");
          if (!multipart && !form_field_ok(part)) {
            warn(p, "form field \"" + pn +
                        "\" is not a scalar, an enum or an array of those; left out (fallback)");
            continue;
          }
          parts[pn] = std::move(part);
        } else {
          warn(p, std::string(multipart ? "multipart text part" : "form field") + " \"" + pn +
                      "\" is left out (fallback: not supported yet)");
        }
      }
      if (parts.empty()) {
        warn(m->at, "request body " + m->type + " has no part the binding can send; left out");
        return;
      }
      body[multipart ? "multipart" : "form"] = std::move(parts);
    } else {
      if (!f_.body_binary) {
        warn(m->at, "request body " + m->type +
                        " is left out (fallback: raw bodies are not supported yet)");
        return;
      }
      body["binary"] = true;
      if (m->type != "application/octet-stream") body["mediaType"] = m->type;
    }
    if (f_.body_optional && !rb->flag("required")) body["required"] = false;
    set_origin(body, *rb);
    out["body"] = std::move(body);
  }

  void body_v2(const std::vector<loc>& params, const loc& op, const std::string& name,
               json::object& out) {
    std::vector<loc> form;
    for (const auto& p : params) {
      std::string in = p.str("in");
      if (in == "body") {
        loc schema = p.at("schema");
        auto payload = json_payload(schema, name + "Body", f_.body_any, "request body", p);
        if (!payload) {
          if (!f_.body_any) {
            warn(p, "body parameter of a type other than an object is left out (fallback)");
            continue;
          }
          payload = json::object{{"type", "json"}};
        }
        if (f_.body_optional && !p.flag("required")) (*payload)["required"] = false;
        set_origin(*payload, p);
        out["body"] = std::move(*payload);
      } else if (in == "formData") {
        form.push_back(p);
      }
    }
    if (form.empty()) return;
    bool multipart = false;
    for (const auto& p : form)
      if (p.str("type") == "file") multipart = true;
    auto consumes =
        op.get("consumes") ? op.get("consumes") : main_.root.as_object().if_contains("consumes");
    if (consumes && consumes->is_array())
      for (const auto& c : consumes->get_array())
        if (c == json::value("multipart/form-data")) multipart = true;
    json::object parts;
    for (const auto& p : form) {
      std::string pn = p.str("name");
      if (p.str("type") == "file") {
        json::object part{{"type", "file"}};
        if (!p.str("description").empty()) part["doc"] = p.str("description");
        if (f_.body_parts && !p.flag("required")) part["required"] = false;
        set_origin(part, p);
        parts[pn] = std::move(part);
      } else if (f_.body_parts) {
        json::object part = field(p, name + pascal(pn), p.flag("required"));
        part.erase("in");
        if (!multipart && !form_field_ok(part)) {
          warn(p, "form field \"" + pn +
                      "\" is not a scalar, an enum or an array of those; left out (fallback)");
          continue;
        }
        // Swagger 2.0 arrays are comma-joined ("csv") unless collectionFormat is "multi".
        if (!multipart && part.if_contains("type") && part["type"] == json::value("array") &&
            p.str("collectionFormat") != "multi")
          part["explode"] = false;
        parts[pn] = std::move(part);
      } else {
        warn(p, "form field \"" + pn + "\" is left out (fallback: not supported yet)");
      }
    }
    if (parts.empty()) return;
    out["body"] = json::object{{multipart ? "multipart" : "form", std::move(parts)}};
  }

  // One response object (3.0 or 2.0) -> a spec response value; `hint` names inline types.
  json::value response(const loc& r, const std::string& hint, bool success,
                       const std::string& status) {
    if (r.get("links")) warn(r.at("links"), "links describe follow-up requests; left out");
    json::object out;
    loc schema;
    std::string mt = "application/json";
    if (v2_) {
      schema = r.at("schema");
    } else if (auto m = pick(r.at("content"))) {
      mt = m->type;
      schema = m->at.at("schema");
    }
    bool binary = false;
    if (schema.v || !mt.empty()) {
      auto resolved = schema.v ? follow(schema) : std::optional<loc>();
      bool several = false;
      if (resolved && (type_of(*resolved, several) == "file" ||
                       (!jsonish(mt) && resolved->str("format") == "binary")))
        binary = true;
      if (!v2_ && !jsonish(mt) && r.get("content")) binary = true;
    }
    if (binary) {
      if (!f_.response_binary) {
        warn(r, "a non-JSON (" + mt +
                    ") response is mapped to json (fallback: raw responses are not supported yet)");
        return "json";
      }
      out["binary"] = true;
    } else if (schema.v) {
      auto payload = json_payload(schema, hint, f_.response_any || !success, "response", r);
      if (!payload)
        return success || !f_.response_any ? json::value("json")
                                           : json::value(json::object{{"type", "json"}});
      if (!success && payload->contains("fields")) {
        // Typed error bodies are named types.
        std::string n = unique_type_name(hint);
        json::object t;
        t["doc"] = "Error body of status " + status + ".";
        t["fields"] = (*payload)["fields"];
        types_[n] = std::move(t);
        payload = json::object{{"type", n}};
      }
      out = std::move(*payload);
    } else {
      // Swagger 2.0 documents (often made from request collections) leave out schemas of bodies
      // that exist: without a schema, anything but a 204 is kept as json there.
      if (!f_.response_none || (v2_ && status != "204")) return "json";
      if (!success || !f_.response_headers || !r.get("headers")) return "none";
      // No body, but headers: {"headers": {...}} alone is a "none" response with headers.
    }
    if (success && f_.response_status && status != "200" && status != "default" &&
        !status.empty()) {
      int code = std::atoi(status.c_str());
      if (code >= 200 && code < 300) out["status"] = code;
    }
    if (const auto* hs = r.get("headers"); hs && hs->is_object() && !hs->get_object().empty()) {
      if (success && f_.response_headers) {
        json::object headers;
        for (const auto& kv : hs->get_object()) {
          auto h = follow(r.at("headers").at(kv.key()));
          if (!h) continue;
          loc hschema = v2_ ? *h : h->at("schema");
          json::object hf = hschema.v ? field(hschema, hint + pascal(kv.key()), false)
                                      : json::object{{"type", "string"}};
          hf.erase("required");
          if (!header_type_ok(hf)) {
            warn(r.at("headers").at(kv.key()),
                 "response header " + std::string(kv.key()) +
                     " is not a scalar or enum; read as its text (string)");
            hf = json::object{{"type", "string"}};
          }
          if (!h->str("description").empty()) hf["doc"] = h->str("description");
          headers[kv.key()] = std::move(hf);
        }
        out["headers"] = std::move(headers);
        if (out.size() == 1 && out["headers"].as_object().empty()) return "none";
      } else if (success) {
        warn(r.at("headers"), "response headers are not kept (fallback: not supported yet)");
      }
    }
    return out;
  }

  // A declared response header must be a scalar or an enum (spec/README.md, response "headers").
  bool header_type_ok(const json::object& f) const {
    const auto* t = f.if_contains("type");
    if (!t || !t->is_string() || f.contains("items") || f.contains("values")) return false;
    std::string n(t->get_string());
    if (n == "string" || n == "bool" || n == "int32" || n == "int64" || n == "double" ||
        n == "float" || n == "bytes")
      return true;
    auto it = types_.find(n);
    return it != types_.end() && it->value().is_object() &&
           it->value().as_object().contains("enum");
  }

  void responses(const loc& op, const std::string& name, json::object& out) {
    loc rs = op.at("responses");
    const auto* o = rs.obj();
    std::string success;
    if (o) {
      for (const auto& kv : *o) {
        std::string k(kv.key());
        if (k.size() == 3 && k[0] == '2' && (success.empty() || k < success)) success = k;
      }
      if (success.empty() && o->contains("default")) success = "default";
    }
    if (success.empty()) {
      out["response"] = f_.response_none ? json::value("none") : json::value("json");
      if (!o)
        warn(op,
             "operation without responses; the response is mapped to " + text_of(&out["response"]));
      return;
    }
    auto r = follow(rs.at(success));
    out["response"] =
        r ? response(*r,
                     name + "Response" + (success == "200" || success == "default" ? "" : success),
                     true, success)
          : json::value("json");
    if (out["response"].is_object()) set_origin(out["response"].as_object(), rs.at(success));
    json::object errors;
    std::vector<std::string> skipped;
    for (const auto& kv : *o) {
      std::string k(kv.key());
      if (k == success || (k.size() == 3 && k[0] == '2') || (k.size() == 3 && k[0] < '4')) continue;
      auto er = follow(rs.at(k));
      if (!er) continue;
      if (!f_.errors) {
        bool has_body = v2_ ? er->get("schema") != nullptr : er->get("content") != nullptr;
        if (has_body) skipped.push_back(k);
        continue;
      }
      errors[k] = response(*er, name + "Error" + pascal(k), false, k);
    }
    if (!skipped.empty()) {
      std::string list;
      for (auto& s : skipped) list += (list.empty() ? "" : ", ") + s;
      warn(rs, "typed error bodies (" + list + ") are not kept (fallback: errors decode as text)");
    }
    if (!errors.empty()) out["errors"] = std::move(errors);
  }

  void operation(const loc& item, const loc& op, const std::string& method, const std::string& path,
                 const std::string& root, const loc& global_security,
                 const std::map<std::string, std::string>& tag_docs, json::object& ops) {
    std::string upper = method;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    if (method == "trace" || ((method == "head" || method == "options") && !f_.head_options)) {
      warn(op, upper + " operations are not supported yet; left out");
      return;
    }
    std::string name = op_name(op, method, path);
    if (op.get("callbacks"))
      warn(op.at("callbacks"), "callbacks describe requests the API sends; left out");
    json::object o;
    o["group"] = group_for(op, tag_docs);
    std::string summary = op.str("summary"), doc = op.str("description");
    if (summary.empty()) {
      summary = doc.substr(0, doc.find('\n'));
      if (summary.empty()) summary = upper + " " + path;
    }
    o["summary"] = summary;
    if (!doc.empty() && doc != summary) o["doc"] = doc;
    o["method"] = upper;
    o["path"] = path;
    std::string op_root = servers_root(op.at("servers"), servers_root(item.at("servers"), root));
    if (v2_) {
      // Azure's x-ms-parameterized-host (the Kaizala Swagger uses it): a host template, e.g.
      // "{endpoint-url}", that replaces scheme and host for the operation.
      loc top{&main_, "", &main_.root};
      loc ph = op.get("x-ms-parameterized-host") ? op.at("x-ms-parameterized-host")
                                                 : top.at("x-ms-parameterized-host");
      std::string host = ph.str("hostTemplate");
      if (!host.empty()) {
        const auto* prefix = ph.get("useSchemePrefix");
        bool add_scheme = host.find("://") == std::string::npos && host[0] != '{' &&
                          !(prefix && prefix->is_bool() && !prefix->get_bool());
        op_root =
            add_root((add_scheme ? "https://" : "") + host + top.str("basePath"), "", nullptr, ph);
      }
    }
    o["root"] = op_root;
    append_doc_later_.clear();
    o["auth"] = op_auth(op, global_security);
    if (!append_doc_later_.empty()) append_doc(o, append_doc_later_);
    o["idempotent"] = method != "post" && method != "patch";
    if (op.flag("deprecated")) {
      if (f_.deprecated)
        o["deprecated"] = true;
      else
        append_doc(o, "Deprecated.");
    }
    auto ps = parameters(item, op);
    json::object params;
    std::set<std::string> in_path;
    for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
      auto end = path.find('}', i);
      if (end == std::string::npos) break;
      in_path.insert(path.substr(i + 1, end - i - 1));
    }
    for (const auto& p : ps) {
      std::string in = p.str("in");
      if (in == "body" || in == "formData") continue;
      std::string pn;
      auto f = parameter(p, name, pn);
      if (!f) continue;
      if (in == "path" && !in_path.count(pn)) {
        warn(p, "path parameter \"" + pn + "\" does not appear in the path; left out");
        continue;
      }
      if (params.contains(pn)) {
        warn(p, "parameter \"" + pn +
                    "\" appears twice (in different places); the second is left out");
        continue;
      }
      if (!usable_name(pn)) name_member(*f, pn);
      params[pn] = std::move(*f);
    }
    for (const auto& pn : in_path)
      if (!params.contains(pn)) {
        warn(op, "path parameter {" + pn + "} is not declared; added as a required string");
        params[pn] = json::object{{"in", "path"}, {"type", "string"}, {"required", true}};
      }
    if (!params.empty()) o["params"] = std::move(params);
    if (v2_)
      body_v2(ps, op, name, o);
    else if (op.get("requestBody"))
      body_v3(op, name, o);
    rename_params_shadowed_by_body(o);
    responses(op, name, o);
    set_origin(o, op);
    ops[name] = std::move(o);
  }
};

import_result importer::run() {
  import_result result;
  loc root{&main_, "", &main_.root};
  if (!main_.ok() || !root.obj()) {
    diags_ = main_.diagnostics;
    if (main_.ok()) error(root, "an OpenAPI document must be an object");
    result.diagnostics = diags_;
    return result;
  }
  diags_ = main_.diagnostics;
  std::string version = root.str("openapi");
  if (const auto* sw = root.get("swagger")) {
    if (text_of(sw) != "2.0" && !(sw->is_double() && sw->get_double() == 2.0)) {
      error(root.at("swagger"),
            "unsupported Swagger version " + text_of(sw) + " (2.0 is supported)");
      result.diagnostics = diags_;
      return result;
    }
    v2_ = true;
  } else if (version.rfind("3.0", 0) != 0 && version.rfind("3.1", 0) != 0) {
    error(root.get("openapi") ? root.at("openapi") : root,
          "unsupported OpenAPI version \"" + text_of(root.get("openapi")) +
              "\" (3.0.x, 3.1.x and Swagger 2.0 are supported)");
    result.diagnostics = diags_;
    return result;
  }
  loc info = root.at("info");
  std::string title = info.str("title");
  if (title.empty()) title = "Api";

  // Operation names first: their <Op>Request/<Op>Response names are reserved for the generator.
  loc paths = root.at("paths");
  std::vector<std::tuple<loc, loc, std::string, std::string>> op_list;  // item, op, method, path
  if (const auto* po = paths.obj()) {
    for (const auto& kv : *po) {
      std::string path(kv.key());
      if (path.rfind("x-", 0) == 0) continue;
      auto item = follow(paths.at(path));
      if (!item || !item->obj()) continue;
      for (const auto& mkv : *item->obj()) {
        std::string method(mkv.key());
        if (std::find(http_methods.begin(), http_methods.end(), method) == http_methods.end())
          continue;
        op_list.emplace_back(*item, item->at(method), method, path);
      }
    }
  } else if (!paths.v && !root.get("webhooks")) {
    warn(root, "the document has no paths");
  }
  {
    std::set<std::string> saved = op_names_;
    for (auto& [item, op, method, path] : op_list) {
      std::vector<diagnostic> quiet;
      std::swap(quiet, diags_);
      std::string n = op_name(op, method, path);
      std::swap(quiet, diags_);
      taken_.insert(n + "Request");
      taken_.insert(n + "Response");
    }
    op_names_ = saved;
  }

  // Component schemas in document order.
  loc schemas = v2_ ? root.at("definitions") : root.at("components").at("schemas");
  if (const auto* so = schemas.obj()) {
    for (const auto& kv : *so) {
      loc s = schemas.at(kv.key());
      std::string base = pascal(kv.key()), n = base;
      for (int i = 2; taken_.count(n); ++i) n = base + std::to_string(i);
      if (n != base)
        warn(s,
             "schema " + std::string(kv.key()) + " becomes type " + n + " (" + base + " is taken)");
      else if (n != std::string(kv.key())) {
        // Renamed to a usable C++ name; the origin says where it came from.
      }
      taken_.insert(n);
      component_type_names_[s.key()] = n;
    }
    for (const auto& kv : *so) {
      bool nullable = false;
      named_type(schemas.at(kv.key()), nullable);
    }
  }

  // api
  json::object api;
  api["name"] = opt_.api_name.empty() ? title : opt_.api_name;
  api["namespace"] = opt_.namespace_.empty() ? snake(title) : opt_.namespace_;
  std::string doc = info.str("description");
  if (!doc.empty()) api["doc"] = doc;
  if (const auto* v = info.get("version")) api["version"] = text_of(v);
  std::string root_name;
  if (v2_) {
    std::string scheme = "https";
    if (const auto* schemes = root.get("schemes");
        schemes && schemes->is_array() && !schemes->get_array().empty()) {
      scheme = text_of(&schemes->get_array()[0]);
      for (const auto& s : schemes->get_array())
        if (s == json::value("https")) scheme = "https";
    }
    std::string host = root.str("host");
    root_name =
        add_root((host.empty() ? std::string() : scheme + "://" + host) + root.str("basePath"), "",
                 nullptr, root);
  } else {
    root_name = servers_root(root.at("servers"), "");
    if (root_name.empty()) root_name = add_root("", "", nullptr, root);
  }
  security_schemes(v2_ ? root.at("securityDefinitions")
                       : root.at("components").at("securitySchemes"));
  std::map<std::string, std::string> tag_docs;
  if (const auto* tags = root.get("tags"); tags && tags->is_array())
    for (const auto& t : tags->get_array())
      if (const auto* to = t.if_object())
        tag_docs[text_of(to->if_contains("name"))] = text_of(to->if_contains("description"));

  if (root.get("webhooks"))
    warn(root.at("webhooks"), "webhooks describe requests the API sends; left out");
  json::object ops;
  for (auto& [item, op, method, path] : op_list)
    operation(item, op, method, path, root_name, root.at("security"), tag_docs, ops);
  if (groups_.empty()) groups_["operations"] = json::object{{"doc", "Operations."}};

  api["roots"] = std::move(roots_);
  if (!auth_.empty()) api["auth"] = std::move(auth_);
  api["groups"] = std::move(groups_);
  set_origin(api, info);

  for (const auto& kv : types_)
    if (kv.value().is_null())
      error(root, "internal: type " + std::string(kv.key()) + " was never filled");
  check_discriminators();
  break_member_cycles();
  if (!ignored_headers_.empty())
    warn(ignored_headers_[0],
         std::to_string(ignored_headers_.size()) +
             " header parameter(s) named Content-Type, Accept or Authorization are left out "
             "(OpenAPI "
             "ignores them; the runtime sets these headers); the first is here");

  json::object spec;
  spec["api"] = std::move(api);
  spec["types"] = std::move(types_);
  spec["operations"] = std::move(ops);
  result.diagnostics = std::move(diags_);
  for (auto& kv : files_) result.documents.push_back(kv.second);
  if (!has_errors(result.diagnostics)) result.spec = std::move(spec);
  return result;
}

void pretty(std::string& out, const json::value& v, int indent) {
  auto pad = [&](int n) { out.append(std::size_t(n) * 2, ' '); };
  if (const auto* o = v.if_object()) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    std::size_t i = 0;
    for (const auto& kv : *o) {
      pad(indent + 1);
      out += json::serialize(json::value(kv.key()));
      out += ": ";
      pretty(out, kv.value(), indent + 1);
      out += ++i < o->size() ? ",\n" : "\n";
    }
    pad(indent);
    out += "}";
  } else if (const auto* a = v.if_array()) {
    bool flat = std::all_of(a->begin(), a->end(),
                            [](const json::value& x) { return !x.is_object() && !x.is_array(); });
    if (a->empty()) {
      out += "[]";
      return;
    }
    if (flat) {
      std::string line = json::serialize(*a);
      if (line.size() + std::size_t(indent) * 2 < 100) {
        out += "[";
        for (std::size_t i = 0; i < a->size(); ++i)
          out += (i ? ", " : "") + json::serialize((*a)[i]);
        out += "]";
        return;
      }
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      pad(indent + 1);
      pretty(out, (*a)[i], indent + 1);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    pad(indent);
    out += "]";
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

import_result import_openapi(const document& doc, const import_options& options) {
  importer i(doc, options);
  return i.run();
}

void apply_overlay(json::value& target, const json::value& overlay) {
  if (!overlay.is_object() || !target.is_object()) {
    target = overlay;
    return;
  }
  auto& t = target.get_object();
  for (const auto& kv : overlay.get_object()) {
    if (kv.value().is_null()) {
      t.erase(kv.key());
    } else if (auto* existing = t.if_contains(kv.key());
               existing && existing->is_object() && kv.value().is_object()) {
      apply_overlay(*existing, kv.value());
    } else {
      t[kv.key()] = kv.value();
    }
  }
}

std::string pretty_json(const json::value& v) {
  std::string out;
  pretty(out, v, 0);
  out += "\n";
  return out;
}

}  // namespace kaizala::codegen

namespace kaizala::codegen {

origin_locator locate_origins(const document& main, const import_result& result) {
  return [&main, &result](std::string_view origin) -> std::optional<origin_position> {
    auto hash = origin.find('#');
    if (hash == std::string_view::npos) return std::nullopt;
    std::string file(origin.substr(0, hash));
    std::string pointer(origin.substr(hash + 1));
    const document* doc = nullptr;
    if (base_name(main.file_name) == file) doc = &main;
    for (const auto& d : result.documents)
      if (!doc && base_name(d->file_name) == file) doc = d.get();
    if (!doc) return std::nullopt;
    auto p = doc->position(pointer);
    return origin_position{doc->file_name, p.line, p.col};
  };
}

}  // namespace kaizala::codegen

namespace kaizala::codegen {

std::optional<boost::json::value> read_overlay(std::string_view text, std::string_view file_name,
                                               std::vector<diagnostic>& diagnostics) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  bool json_text = first != std::string_view::npos && (text[first] == '{' || text[first] == '/');
  boost::json::value root;
  if (json_text) {
    spec_document doc = read_spec(text, file_name);  // JSON with comments, like a spec
    for (auto& d : doc.diagnostics) diagnostics.push_back(d);
    if (has_errors(doc.diagnostics)) return std::nullopt;
    root = std::move(doc.root);
  } else {
    document doc = read_document(text, file_name);
    for (auto& d : doc.diagnostics) diagnostics.push_back(d);
    if (!doc.ok()) return std::nullopt;
    root = std::move(doc.root);
  }
  if (!root.is_object()) {
    diagnostics.push_back(
        {std::string(file_name), 1, 1, severity::error, "an overlay must be an object"});
    return std::nullopt;
  }
  return root;
}

}  // namespace kaizala::codegen
