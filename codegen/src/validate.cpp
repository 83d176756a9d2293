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
    {"array", kind::array},   {"map", kind::map},       {"file", kind::file},
    {"float", kind::number},  {"bytes", kind::string}};

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
  std::string field;  // JSON name
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
      if (is_enum) {
        auto& texts = enum_values_[t.name];
        for (const auto& v : t.values) texts.push_back(v.text);
      } else {
        struct_names_.push_back(t.name);
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
      int places = (a.header.present ? 1 : 0) + (a.query.present ? 1 : 0) + (a.cookie.present ? 1 : 0);
      if (places != 1)
        error(a.at, "auth scheme " + quoted(a.name) + " needs exactly one of \"header\", \"query\" or \"cookie\"");
      else if (a.prefix.present && !a.header.present)
        error_at_key(a.prefix.at, "auth scheme " + quoted(a.name) + ": \"prefix\" is only for a \"header\"");
      for (const auto* name : {&a.header, &a.query, &a.cookie})
        if (*name && (*name)->empty()) error(name->at, "auth scheme " + quoted(a.name) + ": the name is empty");
    }
    for (const auto& a : api.auth)
      for (const auto* text : {&a.header, &a.prefix, &a.query, &a.cookie})
        if (*text && (*text)->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
          error(text->at, "auth scheme " + quoted(a.name) + ": a header name or prefix cannot hold "
                          "a line break or NUL");
    for (const auto& a : api.auth)
      if (a.name == "none")
        error_at_key(
            a.at,
            "auth scheme \"none\" is reserved: operations write \"auth\": \"none\" for no auth");
    for (const auto& g : api.groups) check_group_name(g);
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
    else if (name == "types" || name == "all")
      error_at_key(g.at, "group name " + quoted(name) + " would overwrite the generated " + name +
                             ".hpp");
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
    std::map<std::string, const enum_value_desc*> texts;  // lower-case text -> first one
    std::map<std::string, std::string> cpp_names;         // C++ name -> text, first one
    for (const auto& v : t.values) {
      auto [first, fresh] = texts.emplace(lower(v.text), &v);
      if (!fresh) {
        error(v.at, "duplicate enum value " + quoted(v.text) +
                        " (values compare case-insensitively; first at " +
                        where_text(first->second->at) + ")");
        continue;
      }
      std::string cpp = safe_member_name(v.text);
      if (cpp != v.text)
        warning(v.at, "enum value " + quoted(v.text) +
                          " is not a usable C++ name; the enumerator is named " + quoted(cpp));
      auto [taken, free] = cpp_names.emplace(cpp, v.text);
      if (!free)
        error(v.at, "enum value " + quoted(v.text) + " has the C++ name " + quoted(cpp) +
                        ", already used by enum value " + quoted(taken->second));
    }
  }

  // ---- fields

  // A field's type as far as checks care: its kind, and the type's name for enums and structs.
  struct resolved {
    kind k = kind::unknown;
    std::string name;
  };

  // Checks one field (or param, or multipart part); returns it as a member. `holder` is the
  // struct it sits in, for the self-containment check ("" for requests and responses, which no
  // type can hold).
  std::optional<member> check_field(const field_desc& f, const std::string& label, bool multipart,
                                    const std::string& holder = "") {
    bool is_required = f.required.value_or(false);
    current_field_ = &f;
    resolved type = check_type_of(f.type, multipart, holder, false);
    if (f.read_only.value_or(false) && (multipart || f.in.present))
      error_at_key(f.read_only.at, std::string("\"readOnly\" is only for JSON fields, not ") +
                                       (multipart ? "multipart parts" : "params"));
    if (f.nullable.value_or(false) && (multipart || f.in.present))
      error_at_key(f.nullable.at, std::string("\"nullable\" is only for JSON fields, not ") +
                                      (multipart ? "multipart parts" : "params"));
    if (multipart) {
      if (type.k != kind::file && type.k != kind::unknown)
        error(f.type.name_at, "a multipart part must have type \"file\"");
      if (f.required && !*f.required)
        error(f.required.at, "a file part is always required");
      is_required = true;
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
      if (r.k == kind::array || r.k == kind::map)
        error(e.at, std::string("a nested ") + (r.k == kind::array ? "array" : "map") +
                        " is written {\"type\": " + quoted(r.name) + ", " +
                        (r.k == kind::array ? "\"items\"" : "\"values\"") + ": ...}");
      return;
    }
    check_type_of(e, false, holder, through_array);
  }

  kind kind_of_name(const std::string& name) const {
    for (const auto& [builtin, k] : builtin_types)
      if (builtin == name) return k;
    auto it = named_.find(name);
    return it == named_.end() ? kind::unknown : it->second;
  }

  resolved resolve_type(const std::string& name, const source_ref& at, bool allow_file,
                        const std::string& holder, bool through_array) {
    kind k = kind_of_name(name);
    if (k == kind::unknown) {
      error(at, "unknown type " + quoted(name) + did_you_mean(name, type_names_));
      return {};
    }
    if (k == kind::file && !allow_file) {
      error(at, "type \"file\" is only allowed in body.multipart");
      return {};
    }
    if (k == kind::structure && !holder.empty() && !through_array && current_field_)
      edges_[holder].push_back({name, current_field_->json_name, current_field_->at});
    return {k, name};
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
      error(at, std::string("\"default\" must be ") + expected + " for " + field +
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
          error(at, "\"default\" " + boost::json::serialize(def) + " is out of range for " +
                        field + " field");
        return;
      }
      case kind::enumeration: {
        if (!def.is_string()) return wrong("a string", "an enum");
        const auto& values = enum_values_[type.name];
        std::string text(def.get_string());
        if (std::find(values.begin(), values.end(), text) == values.end())
          error(at, "\"default\" " + quoted(text) + " is not a value of enum " +
                        quoted(type.name) + did_you_mean(text, values));
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
    std::vector<std::string> nodes;    // the current path; edges[i] goes from nodes[i] to nodes[i + 1]
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
    for (const auto& name : struct_names_)  // spec order, so reports come out in a stable order
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
      error_at_key(op.at, "the request of " + me + " has " + std::to_string(members.size()) +
                              " members (params and body fields); Boost.Describe allows at most 52");
    check_rules(op.rules, members, "body field");
    if (op.response) check_response(*op.response, op.name);
    for (const auto& e : op.errors) check_error(e, op.name);
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
    if (!e.response.headers_at.pointer.empty())
      error(e.response.headers_at, "error " + quoted(s) + " of operation " + quoted(op_name) +
                                       " cannot declare \"headers\": they are read for 2xx answers only");
    if (e.response.kind == response_desc::kind_t::fields)
      error(e.at, "error " + quoted(s) + " of operation " + quoted(op_name) +
                      " cannot declare \"fields\": declare a type in \"types\" and write {\"type\": \"Name\"}");
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
    kind k = p.type.name ? kind_of_name(*p.type.name) : kind::unknown;
    kind item = k == kind::array && p.type.items && p.type.items->name
                    ? kind_of_name(*p.type.items->name)
                    : kind::unknown;
    bool list_of_scalars = k == kind::array && (item == kind::unknown || is_scalar(item)) &&
                           !(p.type.items && p.type.items->items);
    if (k != kind::unknown && !is_scalar(k) && !list_of_scalars)
      error(p.type.name_at,
            "a param must be a string, bool, int32, int64, double or enum, or an array of those");
    if (p.style) {
      const std::string& style = *p.style;
      std::vector<std::string> allowed =
          in == "query"    ? std::vector<std::string>{"form", "spaceDelimited", "pipeDelimited"}
          : in == "cookie" ? std::vector<std::string>{"form"}
                           : std::vector<std::string>{"simple"};
      if (style == "deepObject")
        error(p.style.at,
              "style \"deepObject\" (a map or struct as query params) is not supported yet");
      else if (std::find(allowed.begin(), allowed.end(), style) == allowed.end()) {
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
        error_at_key(p.required.present ? p.required.at : p.at,
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
        error_at_key(param, "param " + quoted(name) + " is \"in\": \"path\" but the path has no \"{" +
                                name + "}\"");
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
    bool multipart = body.kind == body_desc::kind_t::multipart;
    for (const auto& f : body.fields)
      if (auto m =
              check_field(f, (multipart ? "part " : "body field ") + quoted(f.json_name), multipart))
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
    const type_desc* t = spec_.find_type(name);
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
      if (t.k != kind::unknown && t.k != kind::string && t.k != kind::boolean && t.k != kind::int32 &&
          t.k != kind::int64 && t.k != kind::number && t.k != kind::enumeration)
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
                              std::to_string(r.headers.size()) + " headers; Boost.Describe allows at most 52");
    check_member_names(members, op_name + "ResponseHeaders");
  }

  void check_response(const response_desc& r, const std::string& op_name) {
    std::string me = "response of operation " + quoted(op_name);
    check_response_headers(r, op_name);
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
  std::map<std::string, std::string> generated_;  // <Op>Request/<Op>Response -> what
  std::map<std::string, std::vector<value_edge>> edges_;  // struct -> structs it holds by value
  const field_desc* current_field_ = nullptr;             // the field whose type is being resolved
};

}  // namespace

std::vector<diagnostic> validate(const description& spec) { return validator(spec).run(); }

}  // namespace kaizala::codegen
