#include "model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "cpp_names.hpp"

namespace kaizala::codegen {
namespace {

using boost::json::object;
using boost::json::value;

std::string text_of(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v ? std::string(v->get_string()) : std::string();
}

class model_builder {
 public:
  explicit model_builder(const object& root) : root_(root) {}

  model run() {
    const object& api = root_.at("api").get_object();
    model m;
    m.api_name = text_of(api, "name");
    m.api_doc = text_of(api, "doc");
    m.ns = text_of(api, "namespace");

    for (const auto& [name, def] : root_.at("types").get_object())
      if (def.get_object().contains("enum"))
        enums_[std::string(name)] = read_enum(name, def.get_object());
    for (const auto& [name, def] : root_.at("types").get_object()) {
      if (auto it = enums_.find(std::string(name)); it != enums_.end())
        m.enums.push_back(it->second);
      else
        structs_.push_back(read_struct(name, def.get_object()));
    }
    m.structs = in_dependency_order(structs_);

    for (const auto& [name, op] : root_.at("operations").get_object())
      m.ops.push_back(read_op(name, op.get_object(), api));
    for (const auto& [name, g] : api.at("groups").get_object()) {
      group out{std::string(name), text_of(g.get_object(), "doc"), {}};
      for (std::size_t i = 0; i < m.ops.size(); ++i)
        if (m.ops[i].group == out.name) out.ops.push_back(i);
      m.groups.push_back(std::move(out));
    }
    return m;
  }

 private:
  type_ref read_type_name(std::string_view name) const {
    static const std::map<std::string_view, type_ref::kind_t> builtins = {
        {"string", type_ref::string}, {"bool", type_ref::boolean},  {"int32", type_ref::int32},
        {"int64", type_ref::int64},   {"double", type_ref::number}, {"json", type_ref::json},
        {"array", type_ref::array},   {"map", type_ref::map},       {"file", type_ref::file}};
    type_ref t;
    if (auto it = builtins.find(name); it != builtins.end()) {
      t.kind = it->second;
    } else {
      t.kind = enums_.count(std::string(name)) ? type_ref::enumeration : type_ref::structure;
      t.name = std::string(name);
    }
    return t;
  }

  // `{"type": ..., "items"/"values": ...}`, or a plain type name for an element.
  type_ref read_type(const value& v) const {
    if (v.is_string()) return read_type_name(v.get_string());
    const object& o = v.get_object();
    type_ref t = read_type_name(o.at("type").get_string());
    if (t.kind == type_ref::array) t.element = std::make_shared<type_ref>(read_type(o.at("items")));
    if (t.kind == type_ref::map) t.element = std::make_shared<type_ref>(read_type(o.at("values")));
    return t;
  }

  field read_field(std::string_view json_name, const object& o, location in) const {
    field f;
    f.json_name = std::string(json_name);
    f.cpp_name = o.contains("cppName") ? text_of(o, "cppName") : safe_member_name(json_name);
    f.doc = text_of(o, "doc");
    f.type = read_type(o);
    f.required = in == location::file || (o.contains("required") && o.at("required").get_bool());
    f.in = in;
    if (const value* aliases = o.if_contains("aliases"))
      for (const auto& a : aliases->get_array()) f.aliases.emplace_back(a.get_string());
    f.lenient = o.contains("lenient") && o.at("lenient").get_bool();
    f.secret = o.contains("secret") && o.at("secret").get_bool();
    if (const value* n = o.if_contains("maxItems"))
      f.max_items = static_cast<std::uint32_t>(n->get_int64());
    if (const value* n = o.if_contains("maxLength"))
      f.max_length = static_cast<std::uint32_t>(n->get_int64());
    if (const value* d = o.if_contains("default")) {
      f.default_value = *d;
      if (f.type.kind == type_ref::enumeration)
        for (const auto& v : enums_.at(f.type.name).values)
          if (v.json_text == d->get_string()) f.default_value = v.cpp_name;
    }
    return f;
  }

  std::vector<field> read_fields(const object& fields, location in) const {
    std::vector<field> out;
    for (const auto& [name, f] : fields) out.push_back(read_field(name, f.get_object(), in));
    return out;
  }

  static std::vector<rule> read_rules(const object& o) {
    std::vector<rule> out;
    if (const value* rules = o.if_contains("rules")) {
      for (const auto& r : rules->get_array()) {
        const object& ro = r.get_object();
        rule x;
        x.exactly_one = ro.contains("exactlyOne");
        for (const auto& name : ro.at(x.exactly_one ? "exactlyOne" : "atLeastOne").get_array())
          x.members.emplace_back(name.get_string());
        out.push_back(std::move(x));
      }
    }
    return out;
  }

  enum_type read_enum(std::string_view name, const object& def) const {
    enum_type e{std::string(name), text_of(def, "doc"), {}};
    for (const auto& v : def.at("enum").get_array()) {
      enum_value out;
      if (v.is_string()) {
        out.json_text = std::string(v.get_string());
      } else {
        out.json_text = text_of(v.get_object(), "value");
        out.doc = text_of(v.get_object(), "doc");
      }
      out.cpp_name = safe_member_name(out.json_text);
      e.values.push_back(std::move(out));
    }
    return e;
  }

  struct_type read_struct(std::string_view name, const object& def) const {
    return {std::string(name),
            text_of(def, "doc"),
            read_fields(def.at("fields").get_object(), location::body),
            read_rules(def),
            {}};
  }

  const struct_type& named_struct(const std::string& name) const {
    return *std::find_if(structs_.begin(), structs_.end(),
                         [&](const struct_type& s) { return s.name == name; });
  }

  operation read_op(std::string_view name, const object& o, const object& api) const {
    operation op;
    op.name = std::string(name);
    op.group = text_of(o, "group");
    op.summary = text_of(o, "summary");
    op.doc = text_of(o, "doc");
    op.method = text_of(o, "method");
    op.path = text_of(o, "path");
    op.root = text_of(o, "root");
    op.root_url = text_of(api.at("roots").at(op.root).get_object(), "url");
    std::string auth = text_of(o, "auth");
    if (auth != "none") op.auth_header = text_of(api.at("auth").at(auth).get_object(), "header");
    op.idempotent = o.at("idempotent").get_bool();

    op.request.name = op.name + "Request";
    if (const value* params = o.if_contains("params")) {
      static const std::map<std::string_view, location> places = {
          {"path", location::path}, {"query", location::query}, {"header", location::header}};
      for (const auto& [param, p] : params->get_object())
        op.request.fields.push_back(
            read_field(param, p.get_object(), places.at(p.get_object().at("in").get_string())));
    }
    if (const value* body = o.if_contains("body")) {
      const object& b = body->get_object();
      std::vector<field> fields;
      if (const value* type = b.if_contains("type")) {
        const struct_type& s = named_struct(std::string(type->get_string()));
        fields = s.fields;
        op.request.rules = s.rules;
        op.body = operation::body_kind::json;
      } else if (const value* multipart = b.if_contains("multipart")) {
        fields = read_fields(multipart->get_object(), location::file);
        op.body = operation::body_kind::multipart;
      } else {
        fields = read_fields(b.at("fields").get_object(), location::body);
        op.body = operation::body_kind::json;
      }
      op.request.fields.insert(op.request.fields.end(), fields.begin(), fields.end());
    }
    for (auto& r : read_rules(o)) op.request.rules.push_back(std::move(r));

    const value& response = o.at("response");
    if (response.is_string()) {
      op.response = operation::response_kind::json;
    } else if (const value* type = response.get_object().if_contains("type")) {
      op.response = operation::response_kind::type;
      op.response_type = std::string(type->get_string());
    } else {
      op.response = operation::response_kind::fields;
      op.response_struct = {
          op.name + "Response",
          "",
          read_fields(response.get_object().at("fields").get_object(), location::body),
          {},
          {}};
    }
    return op;
  }

  // Structs a field needs complete before its struct (held by value, or in a map) and those it
  // holds through an array, which only need a declaration.
  static void collect_needs(const type_ref& t, bool through_array, std::set<std::string>& complete,
                            std::set<std::string>& declared) {
    if (t.kind == type_ref::structure) (through_array ? declared : complete).insert(t.name);
    if (t.element)
      collect_needs(*t.element, through_array || t.kind == type_ref::array, complete, declared);
  }

  // Spec order, except that a struct comes after every struct it needs. A struct held only through
  // an array may come later, behind a forward declaration (validate() rejected cycles of by-value
  // needs).
  static std::vector<struct_type> in_dependency_order(const std::vector<struct_type>& structs) {
    std::vector<std::set<std::string>> complete(structs.size()), declared(structs.size());
    for (std::size_t i = 0; i < structs.size(); ++i) {
      for (const auto& f : structs[i].fields)
        collect_needs(f.type, false, complete[i], declared[i]);
      complete[i].erase(structs[i].name);
      declared[i].erase(structs[i].name);
    }
    std::set<std::string> done, forward;
    std::vector<struct_type> out;
    auto all_done = [&](const std::set<std::string>& names) {
      return std::all_of(names.begin(), names.end(),
                         [&](const std::string& n) { return done.count(n) > 0; });
    };
    while (out.size() < structs.size()) {
      std::size_t pick = structs.size();
      for (std::size_t i = 0; i < structs.size() && pick == structs.size(); ++i)
        if (!done.count(structs[i].name) && all_done(complete[i]) && all_done(declared[i]))
          pick = i;
      for (std::size_t i = 0; i < structs.size() && pick == structs.size(); ++i)
        if (!done.count(structs[i].name) && all_done(complete[i])) pick = i;
      for (std::size_t i = 0; i < structs.size() && pick == structs.size(); ++i)
        if (!done.count(structs[i].name))
          pick = i;  // unreachable after validate(); never loop forever
      struct_type s = structs[pick];
      for (const auto& name : declared[pick])
        if (!done.count(name) && forward.insert(name).second) s.forward_declare.push_back(name);
      done.insert(s.name);
      out.push_back(std::move(s));
    }
    return out;
  }

  const object& root_;
  std::map<std::string, enum_type> enums_;
  std::vector<struct_type> structs_;  // spec order
};

}  // namespace

model build_model(const spec_document& doc) { return model_builder(doc.root.get_object()).run(); }

}  // namespace kaizala::codegen
