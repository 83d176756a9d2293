#include "validate.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "cpp_names.hpp"

namespace kaizala::codegen {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string json_kind(const value& v) {
  switch (v.kind()) {
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::null:
      return "null";
    default:
      return "a number";
  }
}

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

// ` (did you mean "X"?)` for the first candidate within two edits, else "".
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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct key_rule {
  const char* name;
  bool required;
};
using key_rules = std::vector<key_rule>;

const key_rules top_keys = {{"api", true}, {"types", true}, {"operations", true}};
const key_rules api_keys = {{"name", true},     {"namespace", true}, {"doc", false},
                            {"version", false}, {"roots", true},     {"auth", false},
                            {"groups", true}};
const key_rules root_keys = {{"url", true}, {"doc", false}};
const key_rules auth_keys = {{"header", true}, {"doc", false}};
const key_rules group_keys = {{"doc", false}};
const key_rules type_keys = {{"doc", false}, {"fields", false}, {"enum", false}, {"rules", false}};
const key_rules enum_value_keys = {{"value", true}, {"doc", false}};
const key_rules field_keys = {{"type", true},      {"items", false},    {"values", false},
                              {"required", false}, {"doc", false},      {"aliases", false},
                              {"lenient", false},  {"maxItems", false}, {"maxLength", false},
                              {"default", false},  {"cppName", false},  {"secret", false}};
const key_rules element_keys = {{"type", true}, {"items", false}, {"values", false}};
const key_rules op_keys = {{"group", true},  {"summary", true},    {"doc", false},
                           {"method", true}, {"path", true},       {"root", true},
                           {"auth", true},   {"idempotent", true}, {"params", false},
                           {"body", false},  {"rules", false},     {"response", true}};
const key_rules body_keys = {{"fields", false}, {"type", false}, {"multipart", false}};
const key_rules response_keys = {{"fields", false}, {"type", false}};
const key_rules rule_keys = {{"exactlyOne", false}, {"atLeastOne", false}};

key_rules with_in(key_rules rules) {
  rules.insert(rules.begin(), {"in", true});
  return rules;
}
const key_rules param_keys = with_in(field_keys);

constexpr std::size_t describe_limit = 52;  // BOOST_DESCRIBE_STRUCT/ENUM take at most 52 members
const std::set<std::string> reserved_names = {"std", "boost", "kaizala", "ops", "api"};

enum class kind {
  unknown,
  string,
  boolean,
  int32,
  int64,
  number,
  json,
  array,
  map,
  file,
  structure,
  enumeration
};

const std::vector<std::pair<std::string, kind>> builtin_types = {
    {"string", kind::string}, {"bool", kind::boolean},  {"int32", kind::int32},
    {"int64", kind::int64},   {"double", kind::number}, {"json", kind::json},
    {"array", kind::array},   {"map", kind::map},       {"file", kind::file}};

// A struct member as the C++ name checks see it.
struct member {
  std::string json_name;
  std::string cpp_name;
  std::string label;    // `field "id"`
  std::string pointer;  // where to report (a key)
  bool required = false;
  bool body = true;  // false for params
};

// A struct held by value (not through an array) by a field, for the self-containment check.
struct value_edge {
  std::string to;
  std::string field;    // JSON name
  std::string pointer;  // the field's key
};

class validator {
 public:
  explicit validator(const spec_document& doc) : doc_(doc) {}

  std::vector<diagnostic> run() {
    const object* top = object_at(doc_.root, "", "the spec");
    if (!top) return std::move(out_);
    check_keys(*top, "", "the spec", top_keys);
    collect_names(*top);
    if (auto* v = top->if_contains("api")) check_api(*v);
    if (auto* types = top->if_contains("types"); types && types->is_object()) {
      for (const auto& [name, def] : types->get_object())
        check_type(name, def, child_pointer("/types", name));
      check_containment();
    }
    if (auto* ops = top->if_contains("operations"); ops && ops->is_object())
      for (const auto& [name, op] : ops->get_object())
        check_op(name, op, child_pointer("/operations", name));
    return std::move(out_);
  }

 private:
  // ---- reporting

  void error(const std::string& pointer, std::string message) {
    out_.push_back(doc_.at_value(pointer, severity::error, std::move(message)));
  }
  void error_at_key(const std::string& pointer, std::string message) {
    out_.push_back(doc_.at_key(pointer, severity::error, std::move(message)));
  }
  void warning_at_key(const std::string& pointer, std::string message) {
    out_.push_back(doc_.at_key(pointer, severity::warning, std::move(message)));
  }

  // ---- shape of spec objects

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

  std::optional<std::string> string_member(const object& o, const std::string& pointer,
                                           const char* key) {
    const value* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_string()) return std::string(v->get_string());
    error(child_pointer(pointer, key), quoted(key) + " must be a string, not " + json_kind(*v));
    return std::nullopt;
  }

  const value* bool_member(const object& o, const std::string& pointer, const char* key) {
    const value* v = o.if_contains(key);
    if (!v || v->is_bool()) return v;
    error(child_pointer(pointer, key),
          quoted(key) + " must be true or false, not " + json_kind(*v));
    return nullptr;
  }

  const object* object_member(const object& o, const std::string& pointer, const char* key) {
    const value* v = o.if_contains(key);
    if (!v) return nullptr;
    return object_at(*v, child_pointer(pointer, key), quoted(key));
  }

  // Checks a reference against declared names; true when it resolves.
  bool check_reference(const value* v, const std::string& pointer, const std::string& what,
                       const std::vector<std::string>& names) {
    if (!v) return false;
    if (!v->is_string()) {
      error(pointer, quoted(what) + " must be a string, not " + json_kind(*v));
      return false;
    }
    std::string name(v->get_string());
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
    error(pointer, "unknown " + what + " " + quoted(name) + did_you_mean(name, names));
    return false;
  }

  // ---- names declared anywhere, gathered first so references can be checked in any order

  void collect_names(const object& top) {
    auto keys_of = [](const value* v, std::vector<std::string>& out) {
      if (v && v->is_object())
        for (const auto& kv : v->get_object()) out.emplace_back(kv.key());
    };
    if (const value* api = top.if_contains("api"); api && api->is_object()) {
      keys_of(api->get_object().if_contains("groups"), groups_);
      keys_of(api->get_object().if_contains("roots"), roots_);
      keys_of(api->get_object().if_contains("auth"), auths_);
    }
    auths_.emplace_back("none");
    for (const auto& [name, k] : builtin_types) type_names_.push_back(name);
    if (const value* types = top.if_contains("types"); types && types->is_object()) {
      for (const auto& [name, def] : types->get_object()) {
        type_names_.emplace_back(name);
        bool is_enum = def.is_object() && def.get_object().contains("enum") &&
                       !def.get_object().contains("fields");
        named_[std::string(name)] = is_enum ? kind::enumeration : kind::structure;
        if (is_enum) enum_values_[std::string(name)] = enum_texts(def.get_object().at("enum"));
      }
    }
    if (const value* ops = top.if_contains("operations"); ops && ops->is_object()) {
      for (const auto& [name, op] : ops->get_object()) {
        generated_[std::string(name) + "Request"] =
            "the request struct generated for operation " + quoted(name);
        const value* response = op.is_object() ? op.get_object().if_contains("response") : nullptr;
        if (response && response->is_object() && response->get_object().contains("fields"))
          generated_[std::string(name) + "Response"] =
              "the response struct generated for operation " + quoted(name);
      }
    }
  }

  static std::vector<std::string> enum_texts(const value& values) {
    std::vector<std::string> out;
    if (!values.is_array()) return out;
    for (const auto& v : values.get_array()) {
      if (v.is_string()) out.emplace_back(v.get_string());
      if (v.is_object())
        if (const value* text = v.get_object().if_contains("value"); text && text->is_string())
          out.emplace_back(text->get_string());
    }
    return out;
  }

  // ---- api

  void check_api(const value& v) {
    const object* api = object_at(v, "/api", quoted("api"));
    if (!api) return;
    check_keys(*api, "/api", quoted("api"), api_keys);
    string_member(*api, "/api", "name");
    string_member(*api, "/api", "doc");
    string_member(*api, "/api", "version");
    if (auto ns = string_member(*api, "/api", "namespace")) check_namespace(*ns);
    check_named_objects(*api, "roots", "root", root_keys, {"url"});
    check_named_objects(*api, "auth", "auth scheme", auth_keys, {"header"});
    check_named_objects(*api, "groups", "group", group_keys, {});
    if (const value* auth = api->if_contains("auth");
        auth && auth->is_object() && auth->get_object().contains("none"))
      error_at_key(
          "/api/auth/none",
          "auth scheme \"none\" is reserved: operations write \"auth\": \"none\" for no auth");
    if (const value* groups = api->if_contains("groups"); groups && groups->is_object())
      for (const auto& [name, g] : groups->get_object()) check_group_name(name);
  }

  void check_namespace(const std::string& ns) {
    std::size_t start = 0;
    bool first = true;
    for (;;) {
      std::size_t end = ns.find("::", start);
      std::string part =
          ns.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!is_usable_name(part)) {
        error("/api/namespace",
              "namespace " + quoted(ns) + " is not a \"::\"-separated list of usable C++ names (" +
                  quoted(part) +
                  " is not: an identifier, not a keyword, without a leading \"_\" or \"__\")");
        return;
      }
      if (part == "std" || part == "boost" || (part == "kaizala" && !first)) {
        error("/api/namespace", "namespace " + quoted(ns) + " would hide the namespace " +
                                    quoted(part) + " that the generated code uses");
        return;
      }
      if (end == std::string::npos) return;
      start = end + 2;
      first = false;
    }
  }

  void check_named_objects(const object& api, const char* key, const std::string& what,
                           const key_rules& rules, const std::vector<const char*>& string_keys) {
    std::string pointer = child_pointer("/api", key);
    const object* all = object_member(api, "/api", key);
    if (!all) return;
    for (const auto& [name, v] : *all) {
      std::string at = child_pointer(pointer, name);
      std::string me = what + " " + quoted(name);
      const object* o = object_at(v, at, me);
      if (!o) continue;
      check_keys(*o, at, me, rules);
      string_member(*o, at, "doc");
      for (const char* k : string_keys) string_member(*o, at, k);
    }
  }

  void check_group_name(std::string_view name) {
    std::string at = child_pointer("/api/groups", name);
    bool lower_ident = !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    if (!lower_ident || !is_usable_name(name))
      error_at_key(at, "group name " + quoted(name) +
                           " must be a lower-case identifier ([a-z][a-z0-9_]*, not a keyword): it "
                           "names a header");
    else if (name == "types" || name == "all")
      error_at_key(at, "group name " + quoted(name) + " would overwrite the generated " +
                           std::string(name) + ".hpp");
  }

  // A type or operation name: it becomes a C++ struct (or enum) name.
  bool check_decl_name(std::string_view name, const std::string& pointer, const std::string& what) {
    if (!is_usable_name(name)) {
      error_at_key(pointer, what + " name " + quoted(name) +
                                " is not a usable C++ name (an identifier, not a keyword, without "
                                "a leading \"_\" or \"__\")");
      return false;
    }
    if (reserved_names.count(std::string(name))) {
      error_at_key(pointer, what + " name " + quoted(name) +
                                " is reserved: the generated code declares or uses it");
      return false;
    }
    return true;
  }

  // ---- types

  void check_type(std::string_view name, const value& def, const std::string& pointer) {
    std::string me = "type " + quoted(name);
    check_decl_name(name, pointer, "type");
    if (auto it = generated_.find(std::string(name)); it != generated_.end())
      error_at_key(pointer, me + " has the name of " + it->second);
    const object* o = object_at(def, pointer, me);
    if (!o) return;
    check_keys(*o, pointer, me, type_keys);
    string_member(*o, pointer, "doc");
    bool has_fields = o->contains("fields"), has_enum = o->contains("enum");
    if (has_fields == has_enum) {
      error_at_key(pointer, me + " needs exactly one of \"fields\" (a struct) or \"enum\"");
      return;
    }
    if (has_enum) {
      if (o->contains("rules"))
        error_at_key(child_pointer(pointer, "rules"), "\"rules\" are only for structs");
      check_enum(name, o->at("enum"), child_pointer(pointer, "enum"));
      return;
    }
    std::vector<member> members;
    std::string fields_at = child_pointer(pointer, "fields");
    if (const object* fields = object_member(*o, pointer, "fields")) {
      if (fields->size() > describe_limit)
        error_at_key(pointer, me + " has " + std::to_string(fields->size()) +
                                  " fields; Boost.Describe allows at most 52");
      for (const auto& [json_name, f] : *fields) {
        std::string at = child_pointer(fields_at, json_name);
        auto m = check_field(json_name, f, at, "field " + quoted(json_name), me, field_keys, false,
                             std::string(name));
        if (m) members.push_back(*m);
      }
    }
    check_member_names(members, name);
    if (const value* rules = o->if_contains("rules"))
      check_rules(*rules, child_pointer(pointer, "rules"), members, "field");
  }

  void check_enum(std::string_view name, const value& v, const std::string& pointer) {
    std::string me = "enum " + quoted(name);
    if (!v.is_array()) {
      error(pointer, "\"enum\" must be an array of values, not " + json_kind(v));
      return;
    }
    const array& values = v.get_array();
    if (values.empty()) error(pointer, me + " has no values");
    if (values.size() > describe_limit)
      error(pointer, me + " has " + std::to_string(values.size()) +
                         " values; Boost.Describe allows at most 52");
    std::map<std::string, std::string> texts,
        cpp_names;  // lower-case text / C++ name -> pointer, first one
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string at = child_pointer(pointer, i);
      std::string text_at = at;
      const value* text = &values[i];
      if (text->is_object()) {
        std::string what = "value " + std::to_string(i + 1) + " of " + me;
        check_keys(text->get_object(), at, what, enum_value_keys);
        string_member(text->get_object(), at, "doc");
        text = text->get_object().if_contains("value");
        text_at = child_pointer(at, "value");
        if (!text) continue;
      }
      if (!text->is_string()) {
        error(text_at, "an enum value must be a string or {\"value\": ..., \"doc\": ...}, not " +
                           json_kind(*text));
        continue;
      }
      std::string s(text->get_string());
      auto [first, fresh] = texts.emplace(lower(s), text_at);
      if (!fresh) {
        auto [line, col] = doc_.where.line_col(doc_.where.value_offset(first->second));
        error(text_at, "duplicate enum value " + quoted(s) +
                           " (values compare case-insensitively; first at " + std::to_string(line) +
                           ":" + std::to_string(col) + ")");
        continue;
      }
      std::string cpp = safe_member_name(s);
      if (cpp != s)
        out_.push_back(doc_.at_value(text_at, severity::warning,
                                     "enum value " + quoted(s) +
                                         " is not a usable C++ name; the enumerator is named " +
                                         quoted(cpp)));
      auto [taken, free] = cpp_names.emplace(cpp, s);
      if (!free)
        error(text_at, "enum value " + quoted(s) + " has the C++ name " + quoted(cpp) +
                           ", already used by enum value " + quoted(taken->second));
    }
  }

  // ---- fields

  // A field's type as far as checks care: its kind, and the type's name for enums and structs.
  struct resolved {
    kind k = kind::unknown;
    std::string name;
  };

  // Checks one field (or param, or multipart part); returns it as a member when its shape is sound.
  // `label` is `field "id"`, `owner` is `type "Member"`; `holder` is the struct it sits in, for the
  // self-containment check ("" for requests and responses, which no type can hold).
  std::optional<member> check_field(std::string_view json_name, const value& v,
                                    const std::string& pointer, const std::string& label,
                                    const std::string& owner, const key_rules& rules,
                                    bool multipart, const std::string& holder = "") {
    std::string what = label + " of " + owner;
    const object* o = object_at(v, pointer, what);
    if (!o) return std::nullopt;
    check_keys(*o, pointer, what, rules);
    string_member(*o, pointer, "doc");
    bool_member(*o, pointer, "secret");
    const value* required = bool_member(*o, pointer, "required");
    bool is_required = required && required->get_bool();

    resolved type = check_type_of(*o, pointer, multipart, holder, false);
    if (multipart) {
      if (type.k != kind::file && type.k != kind::unknown)
        error(child_pointer(pointer, "type"), "a multipart part must have type \"file\"");
      if (required && !is_required)
        error(child_pointer(pointer, "required"), "a file part is always required");
      is_required = true;
    }
    check_limits(*o, pointer, type);

    member m{
        std::string(json_name), safe_member_name(json_name), label, pointer, is_required, true};
    if (const value* cpp_name = o->if_contains("cppName")) {
      std::string at = child_pointer(pointer, "cppName");
      if (!cpp_name->is_string())
        error(at, "\"cppName\" must be a string, not " + json_kind(*cpp_name));
      else if (!is_usable_name(cpp_name->get_string()))
        error(at,
              "invalid cppName " + quoted(cpp_name->get_string()) +
                  ": it must be an identifier, not a keyword, without a leading \"_\" or \"__\"");
      else
        m.cpp_name = std::string(cpp_name->get_string());
    } else if (m.cpp_name != json_name) {
      warning_at_key(pointer, "JSON name " + quoted(json_name) +
                                  " is not a usable C++ name; the member is named " +
                                  quoted(m.cpp_name) + " (set \"cppName\" to choose)");
    }
    return m;
  }

  // `type` with its `items`/`values`, in a field or a nested element type.
  resolved check_type_of(const object& o, const std::string& pointer, bool allow_file,
                         const std::string& holder, bool through_array) {
    resolved r;
    std::string type_at = child_pointer(pointer, "type");
    if (const value* type = o.if_contains("type"))
      r = resolve_type(*type, type_at, allow_file, holder, through_array);
    struct element_key {
      const char* key;
      kind owner;
      const char* owner_name;
    };
    for (const element_key& e : {element_key{"items", kind::array, "an array"},
                                 element_key{"values", kind::map, "a map"}}) {
      const value* element = o.if_contains(e.key);
      std::string at = child_pointer(pointer, e.key);
      if (r.k == e.owner && !element)
        error(type_at, std::string(e.owner_name) + " needs " + quoted(e.key));
      else if (element && r.k != e.owner && r.k != kind::unknown)
        error_at_key(at, quoted(e.key) + " is only for " +
                             (e.owner == kind::array ? "arrays" : "maps") + " (the type here is " +
                             quoted(o.at("type").get_string()) + ")");
      else if (element)
        check_element(*element, at, holder, through_array || r.k == kind::array);
    }
    return r;
  }

  void check_element(const value& v, const std::string& pointer, const std::string& holder,
                     bool through_array) {
    if (v.is_string()) {
      resolved r = resolve_type(v, pointer, false, holder, through_array);
      if (r.k == kind::array || r.k == kind::map)
        error(pointer, std::string("a nested ") + (r.k == kind::array ? "array" : "map") +
                           " is written {\"type\": " + quoted(r.name) + ", " +
                           (r.k == kind::array ? "\"items\"" : "\"values\"") + ": ...}");
      return;
    }
    if (!v.is_object()) {
      error(pointer, "an element type must be a type name or {\"type\": ...}, not " + json_kind(v));
      return;
    }
    check_keys(v.get_object(), pointer, "an element type", element_keys);
    check_type_of(v.get_object(), pointer, false, holder, through_array);
  }

  resolved resolve_type(const value& type, const std::string& pointer, bool allow_file,
                        const std::string& holder, bool through_array) {
    if (!type.is_string()) {
      error(pointer, "\"type\" must be a string, not " + json_kind(type));
      return {};
    }
    std::string name(type.get_string());
    kind k = kind_of_name(name);
    if (k == kind::unknown) {
      error(pointer, "unknown type " + quoted(name) + did_you_mean(name, type_names_));
      return {};
    }
    if (k == kind::file && !allow_file) {
      error(pointer, "type \"file\" is only allowed in body.multipart");
      return {};
    }
    if (k == kind::structure && !holder.empty() && !through_array) {
      std::string field_at =
          pointer.substr(0, pointer.find("/", holder_fields_prefix(holder).size()));
      edges_[holder].push_back({name, last_segment(field_at), field_at});
    }
    return {k, name};
  }

  // "/types/<holder>/fields/", the prefix of every pointer into the holder's fields.
  static std::string holder_fields_prefix(const std::string& holder) {
    return child_pointer(child_pointer("/types", holder), "fields") + "/";
  }

  // The last segment of a pointer, unescaped.
  static std::string last_segment(const std::string& pointer) {
    std::string raw = pointer.substr(pointer.rfind('/') + 1), out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size())
        out += raw[++i] == '0' ? '~' : '/';
      else
        out += raw[i];
    }
    return out;
  }

  void check_limits(const object& o, const std::string& pointer, const resolved& type) {
    kind k = type.k;
    bool known = k != kind::unknown;
    if (bool_member(o, pointer, "lenient") && known && k != kind::boolean && k != kind::int32 &&
        k != kind::int64 && k != kind::number)
      error_at_key(child_pointer(pointer, "lenient"),
                   "\"lenient\" is only for bool, int32, int64 and double fields");
    for (const char* key : {"maxItems", "maxLength"}) {
      const value* limit = o.if_contains(key);
      if (!limit) continue;
      std::string at = child_pointer(pointer, key);
      bool items = std::string_view(key) == "maxItems";
      if (known && items && k != kind::array && k != kind::map)
        error_at_key(at, "\"maxItems\" is only for arrays and maps");
      else if (known && !items && k != kind::string)
        error_at_key(at, "\"maxLength\" is only for strings");
      else if (!limit->is_int64() || limit->get_int64() < 1 ||
               limit->get_int64() > std::numeric_limits<std::uint32_t>::max())
        error(at, quoted(key) + " must be a whole number from 1 to 4294967295");
    }
    if (const value* aliases = o.if_contains("aliases")) {
      std::string at = child_pointer(pointer, "aliases");
      if (!aliases->is_array()) {
        error(at, "\"aliases\" must be an array of strings, not " + json_kind(*aliases));
      } else {
        for (std::size_t i = 0; i < aliases->get_array().size(); ++i) {
          const value& a = aliases->get_array()[i];
          if (!a.is_string())
            error(child_pointer(at, i), "an alias must be a string, not " + json_kind(a));
          else if (a.get_string().find('|') != boost::json::string::npos)
            error(child_pointer(at, i),
                  "alias " + quoted(a.get_string()) + " cannot contain \"|\"");
        }
      }
    }
    if (const value* def = o.if_contains("default"); def && known)
      check_default(*def, child_pointer(pointer, "default"), type);
  }

  void check_default(const value& def, const std::string& pointer, const resolved& type) {
    auto wrong = [&](const char* expected, const char* field) {
      error(pointer, std::string("\"default\" must be ") + expected + " for " + field +
                         " field, not " + json_kind(def));
    };
    switch (type.k) {
      case kind::string:
        if (!def.is_string()) wrong("a string", "a string");
        return;
      case kind::boolean:
        if (!def.is_bool()) wrong("true or false", "a bool");
        return;
      case kind::number:
        if (!def.is_number()) wrong("a number", "a double");
        return;
      case kind::int32:
      case kind::int64: {
        const char* field = type.k == kind::int32 ? "an int32" : "an int64";
        if (!def.is_int64() && !def.is_uint64()) return wrong("a whole number", field);
        bool fits =
            def.is_int64() && (type.k == kind::int64 ||
                               (def.get_int64() >= std::numeric_limits<std::int32_t>::min() &&
                                def.get_int64() <= std::numeric_limits<std::int32_t>::max()));
        if (!fits)
          error(pointer, "\"default\" " + boost::json::serialize(def) + " is out of range for " +
                             field + " field");
        return;
      }
      case kind::enumeration: {
        if (!def.is_string()) return wrong("a string", "an enum");
        const auto& values = enum_values_[type.name];
        std::string text(def.get_string());
        if (std::find(values.begin(), values.end(), text) == values.end())
          error(pointer, "\"default\" " + quoted(text) + " is not a value of enum " +
                             quoted(type.name) + did_you_mean(text, values));
        return;
      }
      default:
        error(pointer,
              "\"default\" is only for string, bool, int32, int64, double and enum fields");
    }
  }

  // Two members with one C++ name, or a member named like its struct.
  void check_member_names(const std::vector<member>& members, std::string_view struct_name) {
    std::map<std::string, const member*> taken;
    for (const auto& m : members) {
      if (m.cpp_name == struct_name) {
        error_at_key(m.pointer, m.label + " has the C++ name " + quoted(m.cpp_name) +
                                    ", the name of its struct (set \"cppName\" to choose another)");
        continue;
      }
      auto [it, fresh] = taken.emplace(m.cpp_name, &m);
      if (!fresh)
        error_at_key(m.pointer, m.label + " has the C++ name " + quoted(m.cpp_name) +
                                    ", already used by " + it->second->label +
                                    " (set \"cppName\" to choose another)");
    }
  }

  void check_rules(const value& v, const std::string& pointer, const std::vector<member>& members,
                   const char* noun) {
    if (!v.is_array()) {
      error(pointer, "\"rules\" must be an array, not " + json_kind(v));
      return;
    }
    std::vector<std::string> names;
    for (const auto& m : members)
      if (m.body) names.push_back(m.json_name);
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
      std::string at = child_pointer(pointer, i);
      const object* rule = object_at(v.get_array()[i], at, "a rule");
      if (!rule) continue;
      check_keys(*rule, at, "a rule", rule_keys);
      if (rule->contains("exactlyOne") == rule->contains("atLeastOne")) {
        error(at, "a rule needs exactly one of \"exactlyOne\" or \"atLeastOne\"");
        continue;
      }
      const char* key = rule->contains("exactlyOne") ? "exactlyOne" : "atLeastOne";
      std::string list_at = child_pointer(at, key);
      const value& list = rule->at(key);
      if (!list.is_array() || list.get_array().size() < 2) {
        error(list_at, quoted(key) + " must be an array of at least two " + noun + " names");
        continue;
      }
      std::set<std::string> seen;
      for (std::size_t j = 0; j < list.get_array().size(); ++j) {
        const value& name = list.get_array()[j];
        std::string name_at = child_pointer(list_at, j);
        if (!name.is_string()) {
          error(name_at, "a rule member must be a string, not " + json_kind(name));
          continue;
        }
        std::string s(name.get_string());
        auto m = std::find_if(members.begin(), members.end(),
                              [&](const member& x) { return x.body && x.json_name == s; });
        if (m == members.end())
          error(name_at, std::string("rule names unknown ") + noun + " " + quoted(s) +
                             did_you_mean(s, names));
        else if (m->required)
          error(name_at, std::string("rule names required ") + noun + " " + quoted(s) +
                             "; rules are about optional ones");
        else if (!seen.insert(s).second)
          error(name_at, std::string("rule names ") + noun + " " + quoted(s) + " twice");
      }
    }
  }

  // A struct that holds itself other than through an array cannot be declared: depth-first search
  // over the by-value edges, reporting each edge that closes a cycle.
  void check_containment() {
    std::map<std::string, int> state;  // absent: not seen, 1: on the path, 2: done
    std::vector<std::string>
        nodes;  // the current path; edges[i] goes from nodes[i] to nodes[i + 1]
    std::vector<const value_edge*> edges;
    std::function<void(const std::string&)> visit = [&](const std::string& from) {
      state[from] = 1;
      nodes.push_back(from);
      for (const auto& e : edges_[from]) {
        if (state[e.to] == 1) {
          auto start =
              static_cast<std::size_t>(std::find(nodes.begin(), nodes.end(), e.to) - nodes.begin());
          std::string cycle = e.to;
          for (std::size_t i = start; i < edges.size(); ++i)
            cycle += "." + edges[i]->field + " -> " + edges[i]->to;
          cycle += "." + e.field + " -> " + e.to;
          error_at_key(e.pointer, "type " + quoted(e.to) +
                                      " contains itself other than through an array: " + cycle);
        } else if (state[e.to] == 0) {
          edges.push_back(&e);
          visit(e.to);
          edges.pop_back();
        }
      }
      nodes.pop_back();
      state[from] = 2;
    };
    for (const auto& name : type_names_)  // spec order, so reports come out in a stable order
      if (kind_of_name(name) == kind::structure && state[name] == 0) visit(name);
  }

  // ---- operations

  void check_op(std::string_view name, const value& v, const std::string& pointer) {
    std::string me = "operation " + quoted(name);
    check_decl_name(name, pointer, "operation");
    const object* op = object_at(v, pointer, me);
    if (!op) return;
    check_keys(*op, pointer, me, op_keys);
    string_member(*op, pointer, "summary");
    string_member(*op, pointer, "doc");
    bool_member(*op, pointer, "idempotent");
    check_reference(op->if_contains("group"), child_pointer(pointer, "group"), "group", groups_);
    check_reference(op->if_contains("root"), child_pointer(pointer, "root"), "root", roots_);
    check_reference(op->if_contains("auth"), child_pointer(pointer, "auth"), "auth scheme", auths_);
    if (auto method = string_member(*op, pointer, "method")) {
      static const std::vector<std::string> methods = {"GET", "POST", "PUT", "PATCH", "DELETE"};
      if (std::find(methods.begin(), methods.end(), *method) == methods.end())
        error(child_pointer(pointer, "method"),
              "method " + quoted(*method) + " is not one of GET, POST, PUT, PATCH, DELETE");
    }

    std::vector<member> members;
    std::map<std::string, std::string> path_params;  // name -> key pointer
    if (const object* params = object_member(*op, pointer, "params")) {
      std::string params_at = child_pointer(pointer, "params");
      for (const auto& [param, p] : *params) {
        std::string at = child_pointer(params_at, param);
        auto m = check_field(param, p, at, "param " + quoted(param), me, param_keys, false);
        if (!m) continue;
        m->body = false;
        members.push_back(*m);
        check_param(param, p.get_object(), at, *m, path_params);
      }
    }
    if (auto path = string_member(*op, pointer, "path"))
      check_path(*path, child_pointer(pointer, "path"), path_params);

    if (const value* body = op->if_contains("body"))
      check_body(*body, child_pointer(pointer, "body"), me, members);
    check_member_names(members, std::string(name) + "Request");
    if (members.size() > describe_limit)
      error_at_key(pointer,
                   "the request of " + me + " has " + std::to_string(members.size()) +
                       " members (params and body fields); Boost.Describe allows at most 52");
    if (const value* rules = op->if_contains("rules"))
      check_rules(*rules, child_pointer(pointer, "rules"), members, "body field");
    if (const value* response = op->if_contains("response"))
      check_response(*response, child_pointer(pointer, "response"), name);
  }

  void check_param(std::string_view name, const object& p, const std::string& pointer,
                   const member& m, std::map<std::string, std::string>& path_params) {
    auto in = string_member(p, pointer, "in");
    if (!in) return;
    std::string in_at = child_pointer(pointer, "in");
    if (*in != "path" && *in != "query" && *in != "header") {
      error(in_at, "\"in\" must be \"path\", \"query\" or \"header\", not " + quoted(*in));
      return;
    }
    kind k = param_kind(p);
    bool scalar = k == kind::string || k == kind::boolean || k == kind::int32 || k == kind::int64 ||
                  k == kind::number || k == kind::enumeration;
    if (k != kind::unknown && !scalar)
      error(child_pointer(pointer, "type"),
            "a param must be a string, bool, int32, int64, double or enum");
    if (*in == "path") {
      path_params[std::string(name)] = pointer;
      if (!m.required)
        error_at_key(p.contains("required") ? child_pointer(pointer, "required") : pointer,
                     "path param " + quoted(name) + " must be required (\"required\": true)");
    }
  }

  kind kind_of_name(std::string_view name) const {
    for (const auto& [builtin, k] : builtin_types)
      if (builtin == name) return k;
    auto it = named_.find(std::string(name));
    return it == named_.end() ? kind::unknown : it->second;
  }
  kind param_kind(const object& p) const {
    const value* t = p.if_contains("type");
    return t && t->is_string() ? kind_of_name(t->get_string()) : kind::unknown;
  }

  void check_path(const std::string& path, const std::string& pointer,
                  const std::map<std::string, std::string>& params) {
    if (path.empty() || path[0] != '/') error(pointer, "path must start with \"/\"");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '}') {
        error(pointer, "path has a \"}\" without \"{\"");
        return;
      }
      if (path[i] != '{') continue;
      std::size_t close = path.find('}', i);
      if (close == std::string::npos || path.find('{', i + 1) < close) {
        error(pointer, "path has an unclosed \"{\"");
        return;
      }
      std::string name = path.substr(i + 1, close - i - 1);
      i = close;
      if (name.empty()) {
        error(pointer, "path has an empty \"{}\"");
        continue;
      }
      if (!seen.insert(name).second) {
        error(pointer, "path has \"{" + name + "}\" twice");
        continue;
      }
      if (!params.count(name))
        error(pointer, "path has \"{" + name + "}\" but no param " + quoted(name) +
                           " with \"in\": \"path\"");
    }
    for (const auto& [name, at] : params)
      if (!seen.count(name))
        error_at_key(at, "param " + quoted(name) + " is \"in\": \"path\" but the path has no \"{" +
                             name + "}\"");
  }

  void check_body(const value& v, const std::string& pointer, const std::string& op,
                  std::vector<member>& members) {
    std::string me = "body of " + op;
    const object* body = object_at(v, pointer, me);
    if (!body) return;
    check_keys(*body, pointer, me, body_keys);
    if (body->size() != 1 ||
        (!body->contains("fields") && !body->contains("type") && !body->contains("multipart"))) {
      error(pointer, me + " needs exactly one of \"fields\", \"type\" or \"multipart\"");
      return;
    }
    if (const value* type = body->if_contains("type")) {
      std::string at = child_pointer(pointer, "type");
      if (!named_struct(*type, at, "body")) return;
      const object& fields = doc_.root.at("types").at(type->get_string()).at("fields").get_object();
      for (const auto& [json_name, f] : fields) {
        member m{std::string(json_name),
                 safe_member_name(json_name),
                 "field " + quoted(json_name) + " of body type " + quoted(type->get_string()),
                 at,
                 false,
                 true};
        if (const value* req = f.is_object() ? f.get_object().if_contains("required") : nullptr;
            req && req->is_bool())
          m.required = req->get_bool();
        if (const value* c = f.is_object() ? f.get_object().if_contains("cppName") : nullptr;
            c && c->is_string() && is_usable_name(c->get_string()))
          m.cpp_name = std::string(c->get_string());
        members.push_back(m);
      }
      return;
    }
    bool multipart = body->contains("multipart");
    const char* key = multipart ? "multipart" : "fields";
    const object* fields = object_member(*body, pointer, key);
    if (!fields) return;
    std::string fields_at = child_pointer(pointer, key);
    for (const auto& [json_name, f] : *fields) {
      std::string label = (multipart ? "part " : "body field ") + quoted(json_name);
      auto m = check_field(json_name, f, child_pointer(fields_at, json_name), label, op, field_keys,
                           multipart);
      if (m) members.push_back(*m);
    }
  }

  // A `"type": "T"` of a body or response: T must be a declared struct.
  bool named_struct(const value& type, const std::string& pointer, const char* where) {
    if (!type.is_string()) {
      error(pointer, "\"type\" must be a string, not " + json_kind(type));
      return false;
    }
    std::string name(type.get_string());
    auto it = named_.find(name);
    if (it == named_.end()) {
      error(pointer, "unknown type " + quoted(name) + did_you_mean(name, type_names_));
      return false;
    }
    if (it->second != kind::structure) {
      error(pointer,
            std::string(where) + " type " + quoted(name) + " must be a struct, not an enum");
      return false;
    }
    const value& def = doc_.root.at("types").at(name);
    return def.is_object() && def.get_object().contains("fields") &&
           def.get_object().at("fields").is_object();
  }

  void check_response(const value& v, const std::string& pointer, std::string_view op_name) {
    std::string op = "operation " + quoted(op_name);
    std::string me = "response of " + op;
    if (v.is_string() && v.get_string() == "json") return;
    if (!v.is_object()) {
      error(pointer, me + " must be \"json\" or an object with \"fields\" or \"type\"");
      return;
    }
    const object& response = v.get_object();
    check_keys(response, pointer, me, response_keys);
    if (response.contains("fields") == response.contains("type")) {
      error(pointer, me + " needs exactly one of \"fields\" or \"type\"");
      return;
    }
    if (const value* type = response.if_contains("type")) {
      named_struct(*type, child_pointer(pointer, "type"), "response");
      return;
    }
    const object* fields = object_member(response, pointer, "fields");
    if (!fields) return;
    if (fields->size() > describe_limit)
      error(pointer, "the " + me + " has " + std::to_string(fields->size()) +
                         " fields; Boost.Describe allows at most 52");
    std::vector<member> members;
    std::string fields_at = child_pointer(pointer, "fields");
    for (const auto& [json_name, f] : *fields) {
      auto m = check_field(json_name, f, child_pointer(fields_at, json_name),
                           "response field " + quoted(json_name), op, field_keys, false);
      if (m) members.push_back(*m);
    }
    check_member_names(members, std::string(op_name) + "Response");
  }

  const spec_document& doc_;
  std::vector<diagnostic> out_;
  std::vector<std::string> groups_, roots_, auths_, type_names_;
  std::map<std::string, kind> named_;                            // declared type -> struct or enum
  std::map<std::string, std::vector<std::string>> enum_values_;  // enum -> JSON texts
  std::map<std::string, std::string> generated_;                 // <Op>Request/<Op>Response -> what
  std::map<std::string, std::vector<value_edge>> edges_;  // struct -> structs it holds by value
};

}  // namespace

std::vector<diagnostic> validate(const spec_document& doc) { return validator(doc).run(); }

}  // namespace kaizala::codegen
