#include "validate.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "cpp_names.hpp"
#include "json_text.hpp"

namespace kaizala::codegen {
namespace {

using boost::json::value;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "3:16", or the spec pointer when the spec has no text positions.
std::string where_text(const source_ref& at) {
  if (at.value.line > 0) return std::to_string(at.value.line) + ":" + std::to_string(at.value.col);
  return at.pointer;
}

constexpr std::size_t describe_limit = 52;  // BOOST_DESCRIBE_STRUCT/ENUM take at most 52 members
const std::set<std::string> reserved_names = {"std", "boost", "kaizala", "ops",
                                              "api", "roots", "service"};

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
  enumeration,
  variant
};

const std::vector<std::pair<std::string, kind>> builtin_types = {
    {"string", kind::string}, {"bool", kind::boolean},  {"int32", kind::int32},
    {"int64", kind::int64},   {"double", kind::number}, {"json", kind::json},
    {"array", kind::array},   {"map", kind::map},       {"file", kind::file},
    {"float", kind::number},  {"bytes", kind::string},  {"binary", kind::string}};

// A struct member as the C++ name checks see it.
struct member {
  std::string json_name;
  std::string cpp_name;
  std::string label;  // `field "id"`
  source_ref at;      // where to report (a key)
  bool required = false;
  bool body = true;  // false for params
};

// A struct held by value (not through an array) by a field, for the self-containment check.
struct value_edge {
  std::string to;
  std::string field;  // ".name" of a field, "<oneOf[1]>" of a variant's alternative
  source_ref at;      // the field
};

class validator {
 public:
  explicit validator(const description& spec) : spec_(spec) {}

  std::vector<diagnostic> run() {
    if (!spec_.is_object) return std::move(out_);
    collect_names();
    check_api();
    for (const auto& t : spec_.types) check_type(t);
    for (const auto& t : spec_.types)
      if (t.kind == type_desc::kind_t::variant) check_variant(t);
    check_containment();
    for (const auto& op : spec_.operations) check_op(op);
    return std::move(out_);
  }

 private:
  // ---- reporting

  void error(const source_ref& at, std::string message) {
    out_.push_back(report_at_value(spec_, at, severity::error, std::move(message)));
  }
  void error_at_key(const source_ref& at, std::string message) {
    out_.push_back(report_at_key(spec_, at, severity::error, std::move(message)));
  }
  void warning(const source_ref& at, std::string message) {
    out_.push_back(report_at_value(spec_, at, severity::warning, std::move(message)));
  }
  void warning_at_key(const source_ref& at, std::string message) {
    out_.push_back(report_at_key(spec_, at, severity::warning, std::move(message)));
  }

  // Checks a reference against declared names; true when it resolves.
  bool check_reference(const located<std::string>& ref, const std::string& what,
                       const std::vector<std::string>& names) {
    if (!ref) return false;
    if (std::find(names.begin(), names.end(), *ref) != names.end()) return true;
    error(ref.at, "unknown " + what + " " + quoted(*ref) + did_you_mean(*ref, names));
    return false;
  }

  // ---- names declared anywhere, gathered first so references can be checked in any order

  void collect_names() {
    for (const auto& g : spec_.api.groups) groups_.push_back(g.name);
    for (const auto& r : spec_.api.roots) roots_.push_back(r.name);
    for (const auto& a : spec_.api.auth) auths_.push_back(a.name);
    auths_.emplace_back("none");
    for (const auto& [name, k] : builtin_types) type_names_.push_back(name);
    for (const auto& t : spec_.types) {
      type_names_.push_back(t.name);
      bool is_enum = t.kind == type_desc::kind_t::enumeration;
      named_[t.name] = is_enum ? kind::enumeration : kind::structure;
      if (t.kind == type_desc::kind_t::variant) {
        named_[t.name] = kind::variant;
        holders_.push_back(t.name);
      } else if (t.kind == type_desc::kind_t::alias) {
        aliases_[t.name] = &t;
      } else if (is_enum) {
        auto& texts = enum_values_[t.name];
        for (const auto& v : t.values) texts.push_back(v.text);
      } else {
        struct_names_.push_back(t.name);
        holders_.push_back(t.name);
      }
    }
    for (const auto& op : spec_.operations) {
      generated_[op.name + "Request"] =
          "the request struct generated for operation " + quoted(op.name);
      if (op.response && op.response->kind == response_desc::kind_t::fields)
        generated_[op.name + "Response"] =
            "the response struct generated for operation " + quoted(op.name);
      if (op.response && !op.response->headers.empty())
        generated_[op.name + "ResponseHeaders"] =
            "the response headers struct generated for operation " + quoted(op.name);
    }
  }

  // ---- api

  void check_api() {
    const api_desc& api = spec_.api;
    if (api.ns) check_namespace(api.ns);
    for (const auto& a : api.auth) {
      int places =
          (a.header.present ? 1 : 0) + (a.query.present ? 1 : 0) + (a.cookie.present ? 1 : 0);
      if (places != 1)
        error(a.at, "auth scheme " + quoted(a.name) +
                        " needs exactly one of \"header\", \"query\" or \"cookie\"");
      else if (a.prefix.present && !a.header.present)
        error_at_key(a.prefix.at,
                     "auth scheme " + quoted(a.name) + ": \"prefix\" is only for a \"header\"");
      for (const auto* name : {&a.header, &a.query, &a.cookie})
        if (*name && (*name)->empty())
          error(name->at, "auth scheme " + quoted(a.name) + ": the name is empty");
    }
    for (const auto& a : api.auth)
      for (const auto* text : {&a.header, &a.prefix, &a.query, &a.cookie})
        if (*text && (*text)->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
          error(text->at, "auth scheme " + quoted(a.name) +
                              ": a header name or prefix cannot hold "
                              "a line break or NUL");
    for (const auto& a : api.auth)
      if (a.name == "none")
        error_at_key(
            a.at,
            "auth scheme \"none\" is reserved: operations write \"auth\": \"none\" for no auth");
    for (const auto& g : api.groups) check_group_name(g);
    check_api_headers(api);
    for (const auto& r : api.roots) check_root_variables(r);
  }

  static bool has_control(std::string_view s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
    return false;
  }

  // api "headers": header names are HTTP tokens, values one line, each name once (any case).
  void check_api_headers(const api_desc& api) {
    static const std::string_view token_marks = "!#$%&'*+-.^_`|~";
    std::set<std::string> seen;
    for (const auto& h : api.headers) {
      bool token = !h.name.empty();
      std::string lower;
      for (char c : h.name) {
        token = token && (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                          token_marks.find(c) != std::string_view::npos);
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (!token)
        error_at_key(h.value.at, "header " + quoted(h.name) +
                                     " of \"api\": a header name is letters, digits and "
                                     "!#$%&'*+-.^_`|~ only");
      else if (!seen.insert(lower).second)
        error_at_key(h.value.at, "header " + quoted(h.name) +
                                     " of \"api\" is written twice (names ignore case)");
      if (h.value && has_control(*h.value))
        error(h.value.at,
              "header " + quoted(h.name) + " of \"api\": the value cannot hold control characters");
    }
  }

  // A root's "variables": each is a {name} of its url, with a default that is one of its "enum".
  void check_root_variables(const named_desc& r) {
    for (const auto& v : r.variables) {
      std::string me = "variable " + quoted(v.name) + " of root " + quoted(r.name);
      if (r.url && r.url->find("{" + v.name + "}") == std::string::npos)
        error_at_key(v.at,
                     me + " is not used: the url " + quoted(*r.url) + " has no {" + v.name + "}");
      if (v.default_value && has_control(*v.default_value))
        error(v.default_value.at, me + ": the default cannot hold control characters");
      if (!v.allowed_at.pointer.empty() && v.allowed.empty())
        error(v.allowed_at, me + ": \"enum\" is empty, so no value would be allowed");
      std::set<std::string> seen;
      for (const auto& a : v.allowed) {
        if (!a) continue;
        if (has_control(*a))
          error(a.at, me + ": an \"enum\" value cannot hold control characters");
        else if (!seen.insert(*a).second)
          error(a.at, me + ": " + quoted(*a) + " is in \"enum\" twice");
      }
      if (v.default_value && !v.allowed.empty() && !seen.count(*v.default_value))
        error(v.default_value.at,
              me + ": the default " + quoted(*v.default_value) + " is not one of \"enum\"");
    }
  }

  void check_namespace(const located<std::string>& where) {
    const std::string& ns = *where;
    std::size_t start = 0;
    bool first = true;
    for (;;) {
      std::size_t end = ns.find("::", start);
      std::string part =
          ns.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!is_usable_name(part)) {
        error(where.at,
              "namespace " + quoted(ns) + " is not a \"::\"-separated list of usable C++ names (" +
                  quoted(part) +
                  " is not: an identifier, not a keyword, without a leading \"_\" or \"__\")");
        return;
      }
      if (part == "std" || part == "boost" || (part == "kaizala" && !first)) {
        error(where.at, "namespace " + quoted(ns) + " would hide the namespace " + quoted(part) +
                            " that the generated code uses");
        return;
      }
      if (end == std::string::npos) return;
      start = end + 2;
      first = false;
    }
  }

  void check_group_name(const named_desc& g) {
    const std::string& name = g.name;
    bool lower_ident = !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                       });
    if (!lower_ident || !is_usable_name(name))
      error_at_key(g.at, "group name " + quoted(name) +
                             " must be a lower-case identifier ([a-z][a-z0-9_]*, not a keyword): "
                             "it names a header");
    else if (name == "types" || name == "all" || name == "roots" || name == "service")
      error_at_key(
          g.at, "group name " + quoted(name) + " would overwrite the generated " + name + ".hpp");
  }

  // A type or operation name: it becomes a C++ struct (or enum) name.
  bool check_decl_name(const std::string& name, const source_ref& at, const std::string& what) {
    if (!is_usable_name(name)) {
      error_at_key(at, what + " name " + quoted(name) +
                           " is not a usable C++ name (an identifier, not a keyword, without "
                           "a leading \"_\" or \"__\")");
      return false;
    }
    if (reserved_names.count(name)) {
      error_at_key(at, what + " name " + quoted(name) +
                           " is reserved: the generated code declares or uses it");
      return false;
    }
    return true;
  }

  // ---- types

  void check_type(const type_desc& t) {
    std::string me = "type " + quoted(t.name);
    check_decl_name(t.name, t.at, "type");
    if (auto it = generated_.find(t.name); it != generated_.end())
      error_at_key(t.at, me + " has the name of " + it->second);
    if (t.kind == type_desc::kind_t::enumeration) {
      check_enum(t);
      return;
    }
    if (t.kind == type_desc::kind_t::alias) {
      check_alias(t);
      return;
    }
    if (t.kind != type_desc::kind_t::structure) return;
    if (t.fields.size() > describe_limit)
      error_at_key(t.at, me + " has " + std::to_string(t.fields.size()) +
                             " fields; Boost.Describe allows at most 52");
    std::vector<member> members;
    for (const auto& f : t.fields)
      if (auto m = check_field(f, "field " + quoted(f.json_name), false, t.name))
        members.push_back(*m);
    check_member_names(members, t.name);
    check_rules(t.rules, members, "field");
  }

  void check_enum(const type_desc& t) {
    std::string me = "enum " + quoted(t.name);
    if (t.values.empty()) error(t.enum_at, me + " has no values");
    if (t.values.size() > describe_limit)
      error(t.enum_at, me + " has " + std::to_string(t.values.size()) +
                           " values; Boost.Describe allows at most 52");
    // "type": "int32" or "int64" makes an integer enum (values are JSON numbers).
    std::string base = t.enum_type.value_or("string");
    bool integer = base == "int32" || base == "int64";
    if (!integer && base != "string") {
      error(t.enum_type.at, me +
                                ": \"type\" must be \"int32\" or \"int64\" (an integer enum), or "
                                "\"string\" or left out "
                                "(a string enum), not " +
                                quoted(base));
      return;
    }
    std::map<std::string, const enum_value_desc*> texts;  // lower-case text -> first one
    std::map<std::string, std::string> cpp_names;         // C++ name -> text, first one
    for (const auto& v : t.values) {
      if (integer != v.is_number) {
        error(v.at, integer ? "a value of integer " + me + " must be an integer, not a string"
                            : "a value of " + me +
                                  " is an integer: say \"type\": \"int32\" or \"int64\"");
        continue;
      }
      if (base == "int32" && (v.text.size() > 11 || std::stoll(v.text) < INT32_MIN ||
                              std::stoll(v.text) > INT32_MAX)) {
        error(v.at, "value " + v.text + " of " + me + " is out of range for int32");
        continue;
      }
      if (base == "int64" && v.text[0] != '-' &&
          (v.text.size() > 19 || std::stoull(v.text) > INT64_MAX)) {
        error(v.at, "value " + v.text + " of " + me + " is out of range for int64");
        continue;
      }
      auto [first, fresh] = texts.emplace(lower(v.text), &v);
      if (!fresh) {
        error(v.at, "duplicate enum value " + quoted(v.text) +
                        " (values compare case-insensitively; first at " +
                        where_text(first->second->at) + ")");
        continue;
      }
      std::string cpp = enum_value_name(v.text, v.is_number);
      if (v.cpp_name) {
        cpp = *v.cpp_name;
        if (!is_usable_name(cpp))
          error(v.cpp_name.at, "\"cppName\" " + quoted(cpp) + " is not a usable C++ name");
      } else if (cpp != v.text && !v.is_number) {
        warning(v.at, "enum value " + quoted(v.text) +
                          " is not a usable C++ name; the enumerator is named " + quoted(cpp));
      }
      auto [taken, free] = cpp_names.emplace(cpp, v.text);
      if (!free)
        error(v.cpp_name ? v.cpp_name.at : v.at,
              "enum value " + quoted(v.text) + " has the C++ name " + quoted(cpp) +
                  ", already used by enum value " + quoted(taken->second));
    }
  }

  // ---- fields

  // A field's type as far as checks care: its kind, and the type's name for enums and structs.
  struct resolved {
    kind k = kind::unknown;
    std::string name;
    bool alias = false;  // `name` is an alias (of a type of kind k)
  };

  // Checks one field (or param, or multipart part); returns it as a member. `holder` is the
  // struct it sits in, for the self-containment check ("" for requests and responses, which no
  // type can hold).
  std::optional<member> check_field(const field_desc& f, const std::string& label, bool multipart,
                                    const std::string& holder = "", bool form = false) {
    bool is_required = f.required.value_or(false);
    current_field_ = &f;
    edge_name_ = "." + f.json_name;
    edge_at_ = f.at;
    resolved type = check_type_of(f.type, multipart, holder, false);
    const char* not_json = multipart ? "multipart parts" : form ? "form fields" : "params";
    if (f.read_only.value_or(false) && (multipart || form || f.in.present))
      error_at_key(f.read_only.at,
                   std::string("\"readOnly\" is only for JSON fields, not ") + not_json);
    if (f.write_only.value_or(false) && (multipart || form || f.in.present))
      error_at_key(f.write_only.at,
                   std::string("\"writeOnly\" is only for JSON fields, not ") + not_json);
    if (f.write_only.value_or(false) && f.read_only.value_or(false))
      error_at_key(f.write_only.at, "a field cannot be both \"readOnly\" and \"writeOnly\"");
    if (f.nullable.value_or(false) && (multipart || form || f.in.present))
      error_at_key(f.nullable.at,
                   std::string("\"nullable\" is only for JSON fields, not ") + not_json);
    // A file part is required unless it says "required": false (std::optional<kaizala::file_part>);
    // any other part is a text part: scalars and enums as text, the rest as JSON.
    if (multipart && type.k == kind::file) is_required = f.required.value_or(true);
    if (form && type.k != kind::unknown) {  // form fields: text, or lists of texts
      bool list = type.k == kind::array;
      kind item = type.k;
      if (list && f.type.items && f.type.items->name) item = kind_of_name(*f.type.items->name);
      bool text = item == kind::string || item == kind::boolean || item == kind::int32 ||
                  item == kind::int64 || item == kind::number || item == kind::enumeration;
      if (list && f.type.items && (f.type.items->items || f.type.items->values)) text = false;
      if (!text && item != kind::unknown)
        error(f.type.name_at,
              label + " must be a scalar, an enum or an array of those (a form body is text)");
      if (f.explode.present && !list)
        error_at_key(f.explode.at, "\"explode\" is only for form fields that are arrays");
    }
    check_limits(f, type);

    member m{f.json_name, safe_member_name(f.json_name), label, f.at, is_required, true};
    if (f.cpp_name.present) {
      if (f.cpp_name && !is_usable_name(*f.cpp_name))
        error(f.cpp_name.at,
              "invalid cppName " + quoted(*f.cpp_name) +
                  ": it must be an identifier, not a keyword, without a leading \"_\" or \"__\"");
      else if (f.cpp_name)
        m.cpp_name = *f.cpp_name;
    } else if (m.cpp_name != f.json_name) {
      warning_at_key(f.at, "JSON name " + quoted(f.json_name) +
                               " is not a usable C++ name; the member is named " +
                               quoted(m.cpp_name) + " (set \"cppName\" to choose)");
    }
    return m;
  }

  // `type` with its `items`/`values`, in a field or a nested element type.
  resolved check_type_of(const type_expr& t, bool allow_file, const std::string& holder,
                         bool through_array) {
    resolved r;
    if (t.name) r = resolve_type(*t.name, t.name_at, allow_file, holder, through_array);
    if (r.alias) {  // an alias names a whole type: its items or values are in its definition
      for (const auto* e : {&t.items, &t.values})
        if (*e)
          error_at_key((*e)->at, quoted(e == &t.items ? "items" : "values") + " is not for " +
                                     quoted(*t.name) +
                                     ", an alias: its definition says what it holds");
      return r;
    }
    struct element_key {
      const char* key;
      const std::shared_ptr<const type_expr>& element;
      kind owner;
      const char* owner_name;
    };
    for (const element_key& e : {element_key{"items", t.items, kind::array, "an array"},
                                 element_key{"values", t.values, kind::map, "a map"}}) {
      if (r.k == e.owner && !e.element)
        error(t.name_at, std::string(e.owner_name) + " needs " + quoted(e.key));
      else if (e.element && r.k != e.owner && r.k != kind::unknown)
        error_at_key(e.element->at, quoted(e.key) + " is only for " +
                                        (e.owner == kind::array ? "arrays" : "maps") +
                                        " (the type here is " + quoted(*t.name) + ")");
      else if (e.element)
        check_element(*e.element, holder, through_array || r.k == kind::array);
    }
    return r;
  }

  void check_element(const type_expr& e, const std::string& holder, bool through_array) {
    if (e.written_as_name) {
      resolved r = resolve_type(*e.name, e.at, false, holder, through_array);
      if (!r.alias && (r.k == kind::array || r.k == kind::map))
        error(e.at, std::string("a nested ") + (r.k == kind::array ? "array" : "map") +
                        " is written {\"type\": " + quoted(r.name) + ", " +
                        (r.k == kind::array ? "\"items\"" : "\"values\"") + ": ...}");
      return;
    }
    check_type_of(e, false, holder, through_array);
  }

  // The kind of a type name; an alias answers the kind of what it names (unknown for an alias
  // that names itself, which check_alias reports).
  kind kind_of_name(const std::string& name) const {
    for (const auto& [builtin, k] : builtin_types)
      if (builtin == name) return k;
    if (const type_expr* e = alias_target(name))
      return e->name ? kind_of_name(*e->name) : kind::unknown;
    if (aliases_.count(name)) return kind::unknown;
    auto it = named_.find(name);
    return it == named_.end() ? kind::unknown : it->second;
  }

  // The type expression an alias finally names (through aliases of aliases); nullptr when `name`
  // is not an alias or its chain loops.
  const type_expr* alias_target(const std::string& name) const {
    const type_expr* e = nullptr;
    std::string at = name;
    for (std::size_t hops = 0; hops <= aliases_.size(); ++hops) {
      auto it = aliases_.find(at);
      if (it == aliases_.end()) return e;
      e = &it->second->aliased;
      if (!e->name) return e;
      at = *e->name;
    }
    return nullptr;
  }

  // `t`, or for an alias the expression it finally names.
  const type_expr& expanded(const type_expr& t) const {
    const type_expr* e = t.name ? alias_target(*t.name) : nullptr;
    return e ? *e : t;
  }

  // The declared type a name finally means (through aliases), or nullptr.
  const type_desc* final_type(const std::string& name) const {
    const type_expr* e = alias_target(name);
    if (e && (!e->name || e->items || e->values)) return nullptr;
    return spec_.find_type(e ? *e->name : name);
  }

  resolved resolve_type(const std::string& name, const source_ref& at, bool allow_file,
                        const std::string& holder, bool through_array) {
    bool is_alias = aliases_.count(name) > 0;
    kind k = kind_of_name(name);
    if (k == kind::unknown) {
      if (!is_alias)  // an alias that loops is reported once, at the alias
        error(at, "unknown type " + quoted(name) + did_you_mean(name, type_names_));
      return {};
    }
    if (k == kind::file && !allow_file) {
      error(at, "type \"file\" is only allowed in body.multipart");
      return {};
    }
    if (!holder.empty()) {
      if (is_alias)
        add_alias_edges(aliases_.at(name)->aliased, holder, through_array, 0);
      else if ((k == kind::structure || k == kind::variant) && !through_array)
        edges_[holder].push_back({name, edge_name_, edge_at_});
    }
    resolved r{k, name};
    r.alias = is_alias;
    return r;
  }

  // The structs and variants an alias holds by value, as edges of `holder` (the alias itself is
  // no C++ object: its user holds them).
  void add_alias_edges(const type_expr& e, const std::string& holder, bool through_array,
                       int depth) {
    if (depth > 64 || !e.name) return;
    if (auto it = aliases_.find(*e.name); it != aliases_.end()) {
      add_alias_edges(it->second->aliased, holder, through_array, depth + 1);
      return;
    }
    kind k = kind_of_name(*e.name);
    if ((k == kind::structure || k == kind::variant) && !through_array)
      edges_[holder].push_back({*e.name, edge_name_, edge_at_});
    if (e.items) add_alias_edges(*e.items, holder, true, depth + 1);
    if (e.values) add_alias_edges(*e.values, holder, through_array, depth + 1);
  }

  // ---- aliases and variants

  // An alias may name any type, but not itself other than through a struct or variant (C++ has no
  // recursive aliases).
  void check_alias(const type_desc& t) {
    std::function<bool(const type_expr&, int)> reaches = [&](const type_expr& e,
                                                             int depth) -> bool {
      if (depth > 64) return true;
      if (e.name && *e.name == t.name) return true;
      if (e.name)
        if (auto it = aliases_.find(*e.name); it != aliases_.end())
          if (reaches(it->second->aliased, depth + 1)) return true;
      return (e.items && reaches(*e.items, depth + 1)) ||
             (e.values && reaches(*e.values, depth + 1));
    };
    if (reaches(t.aliased, 0)) {
      error_at_key(t.at, "alias " + quoted(t.name) +
                             " names itself (through aliases, arrays or maps); C++ aliases cannot "
                             "recurse: make one of the types a struct or a variant");
      return;
    }
    current_field_ = nullptr;
    check_type_of(t.aliased, false, "", false);
  }

  // The C++ type an expression becomes, for telling alternatives apart ("" when unknown).
  std::string cpp_identity(const type_expr& t, int depth = 0) const {
    if (!t.name || depth > 64) return "";
    if (auto it = aliases_.find(*t.name); it != aliases_.end())
      return cpp_identity(it->second->aliased, depth + 1);
    const std::string& n = *t.name;
    if (n == "bytes") return "string";
    if (n == "float") return "double";
    std::string inner;
    if (n == "array" || n == "map") {
      const auto& element = n == "array" ? t.items : t.values;
      if (!element) return "";
      inner = cpp_identity(*element, depth + 1);
      if (inner.empty()) return "";
      return n + "<" + inner + ">";
    }
    return kind_of_name(n) == kind::unknown ? "" : n;
  }

  void check_variant(const type_desc& t) {
    std::string me = "variant " + quoted(t.name);
    std::map<std::string, std::size_t> identities;  // C++ type -> first alternative
    std::vector<const type_desc*> structs(t.alternatives.size(), nullptr);
    std::vector<std::string> written;  // the alternatives' type names as written
    for (std::size_t i = 0; i < t.alternatives.size(); ++i) {
      const type_expr& alt = t.alternatives[i];
      std::string label = "alternative " + std::to_string(i + 1) + " of " + me;
      edge_name_ = " (alternative " + std::to_string(i + 1) + ")";
      edge_at_ = alt.at;
      current_field_ = nullptr;
      check_element(alt, t.name, false);
      if (alt.name) written.push_back(*alt.name);
      std::string id = cpp_identity(alt);
      if (id.empty()) continue;
      if (id == "json" && t.alternatives.size() > 1 && i + 1 < t.alternatives.size())
        warning(
            alt.at,
            label +
                " is \"json\", which takes any value: the alternatives after it are never chosen");
      auto [first, fresh] = identities.emplace(id, i);
      if (!fresh)
        error(alt.at, label + " is the same C++ type as alternative " +
                          std::to_string(first->second + 1) + " (" + id +
                          "): a variant's alternatives must be told apart by their C++ types");
      if (alt.name && !alt.items && !alt.values) structs[i] = final_type(*alt.name);
      if (structs[i] && structs[i]->kind != type_desc::kind_t::structure) structs[i] = nullptr;
    }
    if (!t.discriminator) return;
    const discriminator_desc& d = *t.discriminator;
    if (!d.property) return;  // the reader reported it
    const std::string& property = *d.property;
    if (property.empty()) error(d.property.at, me + ": the discriminator property is empty");
    for (std::size_t i = 0; i < t.alternatives.size(); ++i) {
      const type_expr& alt = t.alternatives[i];
      std::string label = "alternative " + std::to_string(i + 1) + " of " + me;
      if (!structs[i]) {
        if (!cpp_identity(alt).empty())
          error(alt.at, label +
                            " is not a struct: with a \"discriminator\" every alternative is a "
                            "struct that holds the property " +
                            quoted(property));
        continue;
      }
      auto f = std::find_if(structs[i]->fields.begin(), structs[i]->fields.end(),
                            [&](const field_desc& x) { return x.json_name == property; });
      if (f == structs[i]->fields.end()) {
        error(alt.at, label + ", struct " + quoted(structs[i]->name) + ", has no field " +
                          quoted(property) + " (the discriminator property)");
        continue;
      }
      kind k = f->type.name ? kind_of_name(*f->type.name) : kind::unknown;
      if (k != kind::unknown && k != kind::string && k != kind::enumeration)
        error_at_key(f->at, "field " + quoted(property) + " of type " + quoted(structs[i]->name) +
                                " is the discriminator of " + me +
                                " and must be a string or an enum");
    }
    std::map<std::string, std::string> tag_owner;  // discriminator value -> alternative
    std::set<std::string> mapped;
    for (const auto& m : d.mapping) {
      if (m.value.find('|') != std::string::npos)
        error_at_key(m.type.at,
                     me + ": the discriminator value " + quoted(m.value) + " cannot contain \"|\"");
      if (!m.type) continue;
      if (std::find(written.begin(), written.end(), *m.type) == written.end()) {
        error(m.type.at, me + ": the discriminator value " + quoted(m.value) + " maps to " +
                             quoted(*m.type) + ", which is not one of its alternatives" +
                             did_you_mean(*m.type, written));
        continue;
      }
      tag_owner[m.value] = *m.type;
      mapped.insert(*m.type);
    }
    for (std::size_t i = 0; i < t.alternatives.size(); ++i) {
      const type_expr& alt = t.alternatives[i];
      if (!alt.name || mapped.count(*alt.name) || !structs[i]) continue;
      auto [owner, fresh] = tag_owner.emplace(*alt.name, *alt.name);
      if (!fresh && owner->second != *alt.name)
        error(alt.at, "alternative " + std::to_string(i + 1) + " of " + me +
                          " is named by the "
                          "discriminator value " +
                          quoted(*alt.name) +
                          " (its type name), which the "
                          "mapping gives to " +
                          quoted(owner->second));
    }
  }

  void check_limits(const field_desc& f, const resolved& type) {
    kind k = type.k;
    bool known = k != kind::unknown;
    if (f.lenient && known && k != kind::boolean && k != kind::int32 && k != kind::int64 &&
        k != kind::number)
      error_at_key(f.lenient.at, "\"lenient\" is only for bool, int32, int64 and double fields");
    for (const auto* limit : {&f.max_items, &f.max_length}) {
      if (!*limit) continue;
      bool items = limit == &f.max_items;
      const char* key = items ? "maxItems" : "maxLength";
      const value& n = **limit;
      if (known && items && k != kind::array && k != kind::map)
        error_at_key(limit->at, "\"maxItems\" is only for arrays and maps");
      else if (known && !items && k != kind::string)
        error_at_key(limit->at, "\"maxLength\" is only for strings");
      else if (!n.is_int64() || n.get_int64() < 1 ||
               n.get_int64() > std::numeric_limits<std::uint32_t>::max())
        error(limit->at, quoted(key) + " must be a whole number from 1 to 4294967295");
    }
    for (const auto& a : f.aliases)
      if (a->find('|') != std::string::npos)
        error(a.at, "alias " + quoted(*a) + " cannot contain \"|\"");
    if (f.default_value && known) check_default(*f.default_value, f.default_value.at, type);
  }

  void check_default(const value& def, const source_ref& at, const resolved& type) {
    auto wrong = [&](const char* expected, const char* field) {
      error(at, std::string("\"default\" must be ") + expected + " for " + field + " field, not " +
                    json_kind(def));
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
          error(at, "\"default\" " + boost::json::serialize(def) + " is out of range for " + field +
                        " field");
        return;
      }
      case kind::enumeration: {
        if (!def.is_string()) return wrong("a string", "an enum");
        const auto& values = enum_values_[type.name];
        std::string text(def.get_string());
        if (std::find(values.begin(), values.end(), text) == values.end())
          error(at, "\"default\" " + quoted(text) + " is not a value of enum " + quoted(type.name) +
                        did_you_mean(text, values));
        return;
      }
      default:
        error(at, "\"default\" is only for string, bool, int32, int64, double and enum fields");
    }
  }

  // Two members with one C++ name, or a member named like its struct.
  void check_member_names(const std::vector<member>& members, const std::string& struct_name) {
    std::map<std::string, const member*> taken;
    for (const auto& m : members) {
      if (m.cpp_name == struct_name) {
        error_at_key(m.at, m.label + " has the C++ name " + quoted(m.cpp_name) +
                               ", the name of its struct (set \"cppName\" to choose another)");
        continue;
      }
      auto [it, fresh] = taken.emplace(m.cpp_name, &m);
      if (!fresh)
        error_at_key(m.at, m.label + " has the C++ name " + quoted(m.cpp_name) +
                               ", already used by " + it->second->label +
                               " (set \"cppName\" to choose another)");
    }
  }

  void check_rules(const std::vector<rule_desc>& rules, const std::vector<member>& members,
                   const char* noun) {
    std::vector<std::string> names;
    for (const auto& m : members)
      if (m.body) names.push_back(m.json_name);
    for (const auto& rule : rules) {
      std::set<std::string> seen;
      for (const auto& name : rule.members) {
        const std::string& s = *name;
        auto m = std::find_if(members.begin(), members.end(),
                              [&](const member& x) { return x.body && x.json_name == s; });
        if (m == members.end())
          error(name.at, std::string("rule names unknown ") + noun + " " + quoted(s) +
                             did_you_mean(s, names));
        else if (m->required)
          error(name.at, std::string("rule names required ") + noun + " " + quoted(s) +
                             "; rules are about optional ones");
        else if (!seen.insert(s).second)
          error(name.at, std::string("rule names ") + noun + " " + quoted(s) + " twice");
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
            cycle += edges[i]->field + " -> " + edges[i]->to;
          cycle += e.field + " -> " + e.to;
          error_at_key(e.at, "type " + quoted(e.to) +
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
    for (const auto& name : holders_)  // spec order, so reports come out in a stable order
      if (state[name] == 0) visit(name);
  }

  // ---- operations

  void check_op(const operation_desc& op) {
    std::string me = "operation " + quoted(op.name);
    current_field_ = nullptr;
    check_decl_name(op.name, op.at, "operation");
    check_reference(op.group, "group", groups_);
    check_reference(op.root, "root", roots_);
    check_reference(op.auth, "auth scheme", auths_);
    if (op.auth_is_list) {
      if (op.auth_alternatives.empty())
        error(op.auth.at, me + ": \"auth\" is an empty list (write \"none\" for no auth)");
      std::set<std::string> seen;
      for (const auto& a : op.auth_alternatives) {
        if (!a) continue;
        if (*a == "none")
          error(a.at, me + ": \"none\" cannot be one of several auth alternatives (write \"auth\": "
                           "\"none\")");
        else if (check_reference(a, "auth scheme", auths_) && !seen.insert(*a).second)
          error(a.at, me + ": auth scheme " + quoted(*a) + " is listed twice");
      }
    }
    if (op.method) {
      static const std::vector<std::string> methods = {"GET",    "POST", "PUT",    "PATCH",
                                                       "DELETE", "HEAD", "OPTIONS"};
      if (std::find(methods.begin(), methods.end(), *op.method) == methods.end())
        error(op.method.at, "method " + quoted(*op.method) +
                                " is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    }

    std::vector<member> members;
    std::map<std::string, source_ref> path_params;  // name -> the param
    for (const auto& p : op.params) {
      auto m = check_field(p, "param " + quoted(p.json_name), false);
      if (!m) continue;
      m->body = false;
      members.push_back(*m);
      check_param(p, *m, path_params);
    }
    if (op.path) check_path(*op.path, op.path.at, path_params);

    if (op.body) check_body(*op.body, members);
    check_member_names(members, op.name + "Request");
    if (members.size() > describe_limit)
      error_at_key(op.at,
                   "the request of " + me + " has " + std::to_string(members.size()) +
                       " members (params and body fields); Boost.Describe allows at most 52");
    check_rules(op.rules, members, "body field");
    check_when(op.when, members, path_params, me);
    if (op.response) check_response(*op.response, op.name);
    for (const auto& e : op.errors) check_error(e, op.name);
  }

  // "when": [{<name>: <test>, ...}, ...]: alternatives, each a set of tests that must all hold. A
  // body field takes "present", "nonEmpty", true or false; a path param {"refersTo": "<kind>"}.
  void check_when(const located<boost::json::value>& when, const std::vector<member>& members,
                  const std::map<std::string, source_ref>& path_params, const std::string& me) {
    if (!when) return;
    const std::string where = me + ": \"when\"";
    if (!when->is_array() || when->get_array().empty()) {
      error(when.at, where + " must be a non-empty array of objects (alternatives)");
      return;
    }
    for (const auto& alternative : when->get_array()) {
      if (!alternative.is_object() || alternative.get_object().empty()) {
        error(when.at, where + ": each alternative must be a non-empty object of tests");
        continue;
      }
      for (const auto& [key, test] : alternative.get_object()) {
        std::string name(key);
        bool is_path = path_params.count(name) > 0;
        bool is_body = std::any_of(members.begin(), members.end(),
                                   [&](const member& m) { return m.body && m.json_name == name; });
        bool refers = test.is_object() && test.get_object().size() == 1 &&
                      test.get_object().contains("refersTo") &&
                      test.get_object().at("refersTo").is_string() &&
                      !test.get_object().at("refersTo").get_string().empty();
        bool body_test = test.is_bool() || test == "present" || test == "nonEmpty";
        if (!is_path && !is_body)
          error(when.at, where + " tests " + quoted(name) +
                             ", which is neither a body field nor a path param");
        else if (is_path && !refers)
          error(when.at,
                where + ": path param " + quoted(name) + " takes {\"refersTo\": \"<kind>\"}");
        else if (is_body && !body_test)
          error(when.at, where + ": body field " + quoted(name) +
                             " takes \"present\", \"nonEmpty\", true or false");
      }
    }
  }

  // An "errors" entry: the key is "default", a status 100..599 or a class "1XX".."5XX"; the body is
  // "json", "none" or {"type": ...} (a generated struct per error would need a name).
  void check_error(const operation_desc::error_desc& e, const std::string& op_name) {
    const std::string& s = e.status;
    bool digits = s.size() == 3 && s[0] >= '1' && s[0] <= '5';
    bool code = digits && std::isdigit(static_cast<unsigned char>(s[1])) &&
                std::isdigit(static_cast<unsigned char>(s[2]));
    bool range = digits && (s[1] == 'X' || s[1] == 'x') && (s[2] == 'X' || s[2] == 'x');
    if (s != "default" && !code && !range)
      error_at_key(e.at, "error status " + quoted(s) + " of operation " + quoted(op_name) +
                             " must be \"default\", a status 100..599 or a class \"1XX\"..\"5XX\"");
    if (e.response.status.present)
      error(e.response.status.at, "error " + quoted(s) + " of operation " + quoted(op_name) +
                                      " cannot have a \"status\": its key is the status");
    if (!e.response.headers_at.pointer.empty())
      error(e.response.headers_at,
            "error " + quoted(s) + " of operation " + quoted(op_name) +
                " cannot declare \"headers\": they are read for 2xx answers only");
    if (e.response.kind == response_desc::kind_t::fields)
      error(e.at, "error " + quoted(s) + " of operation " + quoted(op_name) +
                      " cannot declare \"fields\": declare a type in \"types\" and write "
                      "{\"type\": \"Name\"}");
    if (e.response.kind == response_desc::kind_t::type && e.response.type) {
      current_field_ = nullptr;
      check_type_of(e.response.expr, false, "", false);
    }
  }

  void check_param(const field_desc& p, const member& m,
                   std::map<std::string, source_ref>& path_params) {
    if (!p.in) return;
    const std::string& in = *p.in;
    if (in != "path" && in != "query" && in != "header" && in != "cookie") {
      error(p.in.at,
            "\"in\" must be \"path\", \"query\", \"header\" or \"cookie\", not " + quoted(in));
      return;
    }
    auto is_scalar = [](kind k) {
      return k == kind::string || k == kind::boolean || k == kind::int32 || k == kind::int64 ||
             k == kind::number || k == kind::enumeration;
    };
    const type_expr& type = expanded(p.type);  // an alias: what it names
    kind k = type.name ? kind_of_name(*type.name) : kind::unknown;
    kind item = k == kind::array && type.items && type.items->name ? kind_of_name(*type.items->name)
                                                                   : kind::unknown;
    bool list_of_scalars = k == kind::array && (item == kind::unknown || is_scalar(item)) &&
                           !(type.items && type.items->items) &&
                           !(type.items && type.items->name && aliases_.count(*type.items->name) &&
                             expanded(*type.items).items);
    // deepObject (query only): a map of scalars or a struct of scalar fields, as name[key]=value.
    bool deep = p.style && *p.style == "deepObject";
    if (deep) {
      const type_desc* s = k == kind::structure && type.name ? final_type(*type.name) : nullptr;
      kind value = k == kind::map && type.values && type.values->name
                       ? kind_of_name(*type.values->name)
                       : kind::unknown;
      bool fits = (k == kind::map && (value == kind::unknown || is_scalar(value)) &&
                   !(type.values && (type.values->items || type.values->values))) ||
                  (s && s->kind == type_desc::kind_t::structure &&
                   std::all_of(s->fields.begin(), s->fields.end(), [&](const field_desc& f) {
                     const type_expr& ft = expanded(f.type);
                     kind fk = ft.name ? kind_of_name(*ft.name) : kind::unknown;
                     return fk == kind::unknown || is_scalar(fk);
                   }));
      if (in != "query")
        error(p.style.at, "style \"deepObject\" is only for query params");
      else if (k != kind::unknown && !fits)
        error(p.type.name_at,
              "a deepObject param must be a map of scalars or enums, or a struct whose "
              "fields are all scalars or enums");
      if (p.explode && !*p.explode)
        error_at_key(p.explode.at, "a deepObject param is always exploded (name[key]=value)");
    } else if (k != kind::unknown && !is_scalar(k) && !list_of_scalars)
      error(p.type.name_at,
            "a param must be a string, bool, int32, int64, double or enum, or an array of those");
    if (p.style) {
      const std::string& style = *p.style;
      std::vector<std::string> allowed =
          in == "query"    ? std::vector<std::string>{"form", "spaceDelimited", "pipeDelimited"}
          : in == "cookie" ? std::vector<std::string>{"form"}
                           : std::vector<std::string>{"simple"};
      if (style != "deepObject" &&
          std::find(allowed.begin(), allowed.end(), style) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(p.style.at, "style " + quoted(style) + " is not allowed for a " + in +
                              " param; allowed: " + list + did_you_mean(style, allowed));
      }
    }
    if ((in == "header" || in == "cookie") &&
        std::any_of(p.json_name.begin(), p.json_name.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      error_at_key(p.at, in + " param " + quoted(p.json_name) +
                             ": the name is sent as is and cannot hold control characters");
    if (in == "path") {
      path_params[p.json_name] = p.at;
      if (!m.required)
        error_at_key(
            p.required.present ? p.required.at : p.at,
            "path param " + quoted(p.json_name) + " must be required (\"required\": true)");
    }
  }

  void check_path(const std::string& path, const source_ref& at,
                  const std::map<std::string, source_ref>& params) {
    if (path.empty() || path[0] != '/') error(at, "path must start with \"/\"");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '}') {
        error(at, "path has a \"}\" without \"{\"");
        return;
      }
      if (path[i] != '{') continue;
      std::size_t close = path.find('}', i);
      if (close == std::string::npos || path.find('{', i + 1) < close) {
        error(at, "path has an unclosed \"{\"");
        return;
      }
      std::string name = path.substr(i + 1, close - i - 1);
      i = close;
      if (name.empty()) {
        error(at, "path has an empty \"{}\"");
        continue;
      }
      if (!seen.insert(name).second) {
        error(at, "path has \"{" + name + "}\" twice");
        continue;
      }
      if (!params.count(name))
        error(at, "path has \"{" + name + "}\" but no param " + quoted(name) +
                      " with \"in\": \"path\"");
    }
    for (const auto& [name, param] : params)
      if (!seen.count(name))
        error_at_key(param, "param " + quoted(name) +
                                " is \"in\": \"path\" but the path has no \"{" + name + "}\"");
  }

  void check_body(const body_desc& body, std::vector<member>& members) {
    if (body.kind == body_desc::kind_t::type) {
      if (!body.type) return;
      if (!names_struct(body.expr)) {  // a top-level array, map, scalar or enum: member `body`
        current_field_ = nullptr;
        check_type_of(body.expr, false, "", false);
        members.push_back({"body", "body", "the body", body.type.at, true, true});
        return;
      }
      const type_desc* t = named_struct(body.type, "body");
      if (!t) return;
      for (const auto& f : t->fields) {
        member m{f.json_name,
                 safe_member_name(f.json_name),
                 "field " + quoted(f.json_name) + " of body type " + quoted(t->name),
                 body.type.at,
                 f.required.value_or(false),
                 true};
        if (f.cpp_name && is_usable_name(*f.cpp_name)) m.cpp_name = *f.cpp_name;
        members.push_back(m);
      }
      return;
    }
    if (body.media_type) {
      const std::string& mt = *body.media_type;
      if (body.kind == body_desc::kind_t::multipart)
        error(body.media_type.at,
              "\"mediaType\" is not for multipart bodies (the boundary is part of it)");
      else if (mt.find('/') == std::string::npos || std::any_of(mt.begin(), mt.end(), [](char c) {
                 return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
               }))
        error(
            body.media_type.at,
            "\"mediaType\" must be a media type such as \"image/png\", without control characters");
    }
    if (body.kind == body_desc::kind_t::binary) {  // member `body`: the bytes
      members.push_back({"body", "body", "the body", body.at, body.required.value_or(true), true});
      return;
    }
    bool multipart = body.kind == body_desc::kind_t::multipart;
    bool form = body.kind == body_desc::kind_t::form;
    for (const auto& f : body.fields)
      if (auto m = check_field(f,
                               (multipart ? "part "
                                : form    ? "form field "
                                          : "body field ") +
                                   quoted(f.json_name),
                               multipart, "", form))
        members.push_back(*m);
  }

  // A body's or response's `"type": "T"` naming a declared struct (whose fields make the body),
  // not an array, map, scalar or enum (which is the body as a whole).
  bool names_struct(const type_expr& t) const {
    return t.name && kind_of_name(*t.name) == kind::structure && !t.items && !t.values;
  }

  // A `"type": "T"` of a body or response: T must be a declared struct.
  const type_desc* named_struct(const located<std::string>& type, const char* where) {
    if (!type) return nullptr;
    const std::string& name = *type;
    kind k = kind_of_name(name);
    if (k == kind::unknown) {
      error(type.at, "unknown type " + quoted(name) + did_you_mean(name, struct_names_));
      return nullptr;
    }
    if (k == kind::enumeration) {
      error(type.at,
            std::string(where) + " type " + quoted(name) + " must be a struct, not an enum");
      return nullptr;
    }
    if (k != kind::structure) {
      error(type.at, std::string(where) + " type " + quoted(name) +
                         " must be a struct declared in \"types\", not a builtin type");
      return nullptr;
    }
    const type_desc* t = final_type(name);  // an alias of a struct is that struct
    return t && t->kind == type_desc::kind_t::structure ? t : nullptr;
  }

  // Declared response headers: scalars or enums, read from the header's text into one
  // std::optional member each of <Op>ResponseHeaders. Header names are rarely C++ names
  // ("X-Rate-Limit"): the safe name is taken without a warning.
  void check_response_headers(const response_desc& r, const std::string& op_name) {
    std::vector<member> members;
    for (const auto& h : r.headers) {
      std::string label = "response header " + quoted(h.json_name);
      current_field_ = &h;
      resolved t = check_type_of(h.type, false, "", false);
      if (t.k != kind::unknown && t.k != kind::string && t.k != kind::boolean &&
          t.k != kind::int32 && t.k != kind::int64 && t.k != kind::number &&
          t.k != kind::enumeration)
        error(h.type.name_at, label + " of operation " + quoted(op_name) +
                                  " must be a string, bool, int32, int64, double, float or enum");
      member m{h.json_name, safe_member_name(h.json_name), label, h.at, false, true};
      if (h.cpp_name && !is_usable_name(*h.cpp_name))
        error(h.cpp_name.at,
              "invalid cppName " + quoted(*h.cpp_name) +
                  ": it must be an identifier, not a keyword, without a leading \"_\" or \"__\"");
      else if (h.cpp_name)
        m.cpp_name = *h.cpp_name;
      members.push_back(m);
    }
    if (r.headers.size() > describe_limit)
      error(r.headers_at, "the response of operation " + quoted(op_name) + " declares " +
                              std::to_string(r.headers.size()) +
                              " headers; Boost.Describe allows at most 52");
    check_member_names(members, op_name + "ResponseHeaders");
  }

  void check_response(const response_desc& r, const std::string& op_name) {
    std::string me = "response of operation " + quoted(op_name);
    check_response_headers(r, op_name);
    if (r.status.present && r.status.value) {
      const boost::json::value& s = *r.status.value;
      if (!s.is_int64() || s.get_int64() < 200 || s.get_int64() > 299)
        error(r.status.at,
              "\"status\" of the " + me + " must be the success status, an integer 200..299");
    }
    if (r.kind == response_desc::kind_t::type) {
      if (!r.type) return;
      if (names_struct(r.expr)) {
        named_struct(r.type, "response");
      } else {  // a top-level array, map, scalar or enum
        current_field_ = nullptr;
        check_type_of(r.expr, false, "", false);
      }
      return;
    }
    if (r.kind != response_desc::kind_t::fields) return;
    if (r.fields.size() > describe_limit)
      error(r.at, "the " + me + " has " + std::to_string(r.fields.size()) +
                      " fields; Boost.Describe allows at most 52");
    std::vector<member> members;
    for (const auto& f : r.fields)
      if (auto m = check_field(f, "response field " + quoted(f.json_name), false))
        members.push_back(*m);
    check_member_names(members, op_name + "Response");
  }

  const description& spec_;
  std::vector<diagnostic> out_;
  std::vector<std::string> groups_, roots_, auths_, type_names_, struct_names_;
  std::map<std::string, kind> named_;                            // declared type -> struct or enum
  std::map<std::string, std::vector<std::string>> enum_values_;  // enum -> JSON texts
  std::map<std::string, std::string> generated_;                 // <Op>Request/<Op>Response -> what
  std::map<std::string, std::vector<value_edge>> edges_;  // struct -> structs it holds by value
  const field_desc* current_field_ = nullptr;             // the field whose type is being resolved
  std::string edge_name_;  // how an edge names the member being resolved: ".field", "<oneOf[0]>"
  source_ref edge_at_;
  std::vector<std::string> holders_;  // structs and variants, spec order
  std::map<std::string, const type_desc*> aliases_;
};

}  // namespace

std::vector<diagnostic> validate(const description& spec) { return validator(spec).run(); }

}  // namespace kaizala::codegen
