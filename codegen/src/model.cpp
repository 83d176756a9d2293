#include "model.hpp"

#include <cctype>
#include <kaizala/version.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "cpp_names.hpp"

namespace kaizala::codegen {
namespace {

template <class T>
const T* find_named(const std::vector<T>& all, const std::string& name) {
  for (const auto& x : all)
    if (x.name == name) return &x;
  return nullptr;
}

class model_builder {
 public:
  explicit model_builder(const description& spec) : spec_(spec) {}

  // "<api name>/<version> kaizala-cpp/<version>", the name and version made HTTP tokens.
  static std::string default_user_agent(const api_desc& api) {
    auto token = [](std::string s) {
      static const std::string_view marks = "!#$%&'*+-.^_`|~";
      for (char& c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 &&
            marks.find(c) == std::string_view::npos)
          c = '-';
      return s;
    };
    std::string product = token(api.name.value_or("api"));
    if (product.empty()) product = "api";
    if (api.version && !api.version->empty()) product += "/" + token(*api.version);
    return product + " kaizala-cpp/" KAIZALA_VERSION_STRING;
  }

  model run() {
    const api_desc& api = spec_.api;
    model m;
    m.api_name = api.name.value_or("");
    m.api_doc = api.doc.value_or("");
    m.ns = api.ns.value_or("");
    bool user_agent = false;
    for (const auto& h : api.headers) {
      m.default_headers.emplace_back(h.name, h.value.value_or(""));
      std::string lower;
      for (char c : h.name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      user_agent = user_agent || lower == "user-agent";
    }
    if (!user_agent) m.default_headers.emplace_back("User-Agent", default_user_agent(api));

    for (const auto& t : spec_.types) {
      if (t.kind == type_desc::kind_t::enumeration) enums_[t.name] = read_enum(t);
      if (t.kind == type_desc::kind_t::alias) aliases_[t.name] = &t;
      if (t.kind == type_desc::kind_t::variant) variants_.insert(t.name);
    }
    for (const auto& t : spec_.types) {
      if (auto it = enums_.find(t.name); it != enums_.end())
        m.enums.push_back(it->second);
      else if (t.kind == type_desc::kind_t::alias)
        m.aliases.push_back(
            {t.name, with_deprecation(t.deprecated, t.doc), read_type(t.aliased), t.deprecated});
      else if (t.kind == type_desc::kind_t::variant)
        structs_.push_back(read_variant(t));
      else
        structs_.push_back(read_struct(t));
    }
    m.structs = in_dependency_order(structs_);

    for (const auto& op : spec_.operations) m.ops.push_back(read_op(op));
    for (const auto& g : api.groups) {
      group out{g.name, g.doc.value_or(""), {}};
      for (std::size_t i = 0; i < m.ops.size(); ++i)
        if (m.ops[i].group == out.name) out.ops.push_back(i);
      m.groups.push_back(std::move(out));
    }
    std::set<std::string> root_names;
    for (const auto& r : api.roots) {
      std::string cpp = safe_member_name(r.name);
      for (int n = 2; !root_names.insert(cpp).second; ++n)
        cpp = safe_member_name(r.name) + "_" + std::to_string(n);
      m.roots.push_back({r.name, cpp, r.url.value_or(""), r.doc.value_or("")});
    }
    return m;
  }

 private:
  type_ref read_type_name(const std::string& name) const {
    static const std::map<std::string_view, type_ref::kind_t> builtins = {
        {"string", type_ref::string}, {"bool", type_ref::boolean},  {"int32", type_ref::int32},
        {"int64", type_ref::int64},   {"double", type_ref::number}, {"json", type_ref::json},
        {"array", type_ref::array},   {"map", type_ref::map},       {"file", type_ref::file},
        {"float", type_ref::number},  {"bytes", type_ref::string},  {"binary", type_ref::string}};
    type_ref t;
    if (auto it = builtins.find(name); it != builtins.end()) {
      t.kind = it->second;
    } else {
      t.kind = enums_.count(name)      ? type_ref::enumeration
               : variants_.count(name) ? type_ref::variant
                                       : type_ref::structure;
      t.name = name;
    }
    return t;
  }

  // The type an expression means; an alias is expanded (validate() rejected aliases that loop).
  type_ref read_type(const type_expr& e) const {
    if (auto it = aliases_.find(e.name.value_or("")); it != aliases_.end())
      return read_type(it->second->aliased);
    type_ref t = read_type_name(e.name.value_or(""));
    if (t.kind == type_ref::array) t.element = std::make_shared<type_ref>(read_type(*e.items));
    if (t.kind == type_ref::map) t.element = std::make_shared<type_ref>(read_type(*e.values));
    return t;
  }

  field read_field(const field_desc& d, location in) const {
    field f;
    f.json_name = d.json_name;
    f.cpp_name = d.cpp_name ? *d.cpp_name : safe_member_name(d.json_name);
    f.doc = with_deprecation(d.deprecated.value_or(false), d.doc.value_or(""));
    if (d.format) f.doc += (f.doc.empty() ? "Format: " : " Format: ") + *d.format + ".";
    f.type = read_type(d.type);
    f.required =
        d.required.value_or(in == location::file);  // a file part is required unless it says not
    f.in = in;
    if (in == location::form) f.explode = d.explode.value_or(true);
    for (const auto& a : d.aliases) f.aliases.push_back(*a);
    f.lenient = d.lenient.value_or(false);
    f.secret = d.secret.value_or(false);
    f.nullable = d.nullable.value_or(false);
    f.read_only = d.read_only.value_or(false);
    if (f.read_only) f.doc += f.doc.empty() ? "Read-only: never sent." : " Read-only: never sent.";
    f.write_only = d.write_only.value_or(false);
    if (f.write_only)
      f.doc += f.doc.empty() ? "Write-only: never read from an answer."
                             : " Write-only: never read from an answer.";
    if (d.max_items) f.max_items = static_cast<std::uint32_t>(d.max_items->get_int64());
    if (d.max_length) f.max_length = static_cast<std::uint32_t>(d.max_length->get_int64());
    if (d.default_value) {
      f.default_value = *d.default_value;
      if (f.type.kind == type_ref::enumeration)
        for (const auto& v : enums_.at(f.type.name).values)
          if (v.json_text == d.default_value->get_string()) f.default_value = v.cpp_name;
    }
    return f;
  }

  std::vector<field> read_fields(const std::vector<field_desc>& fields, location in) const {
    std::vector<field> out;
    for (const auto& f : fields) out.push_back(read_field(f, in));
    return out;
  }

  static std::vector<rule> read_rules(const std::vector<rule_desc>& rules) {
    std::vector<rule> out;
    for (const auto& r : rules) {
      rule x;
      x.exactly_one = r.exactly_one;
      for (const auto& name : r.members) x.members.push_back(*name);
      out.push_back(std::move(x));
    }
    return out;
  }

  // "Deprecated." ahead of the doc text of an element the spec marks deprecated. Types and ops also
  // get a [[deprecated]] attribute (emit.cpp); members and enum values only this comment: the
  // attribute would fire in Boost.Describe's and the runtime's own uses of every member.
  static std::string with_deprecation(bool deprecated, const std::string& doc) {
    if (!deprecated) return doc;
    return doc.empty() ? "Deprecated." : "Deprecated. " + doc;
  }

  static enum_type read_enum(const type_desc& t) {
    enum_type e{
        t.name, with_deprecation(t.deprecated, t.doc), {}, t.enum_type.value_or(""), t.deprecated};
    if (e.integer_type == "string") e.integer_type.clear();
    for (const auto& v : t.values)
      e.values.push_back({v.text, v.cpp_name ? *v.cpp_name : enum_value_name(v.text, v.is_number),
                          with_deprecation(v.deprecated, v.doc)});
    return e;
  }

  // A variant as a struct_type whose fields are its alternatives (model.hpp).
  struct_type read_variant(const type_desc& t) const {
    struct_type v;
    v.name = t.name;
    v.doc = with_deprecation(t.deprecated, t.doc);
    v.is_variant = true;
    v.deprecated = t.deprecated;
    if (t.discriminator) v.discriminator = t.discriminator->property.value_or("");
    for (const auto& alt : t.alternatives) {
      field f;
      f.type = read_type(alt);
      f.required = true;
      if (t.discriminator && alt.name) {
        for (const auto& m : t.discriminator->mapping)
          if (m.type && *m.type == *alt.name)
            f.json_name += (f.json_name.empty() ? "" : "|") + m.value;
        if (f.json_name.empty()) f.json_name = *alt.name;
      }
      v.fields.push_back(std::move(f));
    }
    return v;
  }

  struct_type read_struct(const type_desc& t) const {
    struct_type s{t.name,
                  with_deprecation(t.deprecated, t.doc),
                  read_fields(t.fields, location::body),
                  read_rules(t.rules),
                  {}};
    s.deprecated = t.deprecated;
    return s;
  }

  // A body or response type naming a struct, whose fields make the body.
  bool names_struct(const type_expr& t) const {
    return read_type(t).kind == type_ref::structure && !t.items && !t.values;
  }

  const struct_type& named_struct(const std::string& name) const {
    return *std::find_if(structs_.begin(), structs_.end(),
                         [&](const struct_type& s) { return s.name == name; });
  }

  operation read_op(const operation_desc& o) const {
    const api_desc& api = spec_.api;
    operation op;
    op.name = o.name;
    op.group = o.group.value_or("");
    op.summary = o.summary.value_or("");
    op.doc = with_deprecation(o.deprecated.value_or(false), o.doc.value_or(""));
    op.method = o.method.value_or("");
    op.path = o.path.value_or("");
    op.root = o.root.value_or("");
    op.root_url = find_named(api.roots, op.root)->url.value_or("");
    std::vector<std::string> auths;
    if (o.auth_is_list) {
      for (const auto& a : o.auth_alternatives) auths.push_back(a.value_or(""));
    } else if (o.auth.value_or("none") != "none") {
      auths.push_back(*o.auth);
    }
    for (const auto& auth : auths) {
      const named_desc* scheme = find_named(api.auth, auth);
      operation::auth_alternative a{auth, scheme->header.value_or(""), "header",
                                    scheme->prefix.value_or("")};
      if (scheme->query) a.param = *scheme->query, a.in = "query";
      if (scheme->cookie) a.param = *scheme->cookie, a.in = "cookie";
      op.auth_schemes.push_back(std::move(a));
    }
    if (!op.auth_schemes.empty()) {
      op.auth_header = op.auth_schemes[0].param;
      op.auth_prefix = op.auth_schemes[0].prefix;
      op.auth_in = op.auth_schemes[0].in;
    }
    for (const auto& v : find_named(api.roots, op.root)->variables) {
      operation::root_var rv{v.name, v.default_value.value_or(""), ""};
      for (const auto& a : v.allowed)
        rv.allowed += (rv.allowed.empty() ? "" : "\n") + a.value_or("");
      op.root_variables.push_back(std::move(rv));
    }
    op.idempotent = o.idempotent.value_or(false);
    op.deprecated = o.deprecated.value_or(false);
    if (o.when && o.when->is_array()) {
      int alternative = 0;
      for (const auto& alt : o.when->get_array()) {
        if (!alt.is_object()) continue;
        for (const auto& [key, test] : alt.get_object()) {
          operation::request_test t{alternative, std::string(key), "", ""};
          if (test.is_object()) {
            t.check = "refers_to";
            t.value = std::string(test.get_object().at("refersTo").get_string());
          } else if (test.is_bool()) {
            t.check = "equals";
            t.value = test.get_bool() ? "true" : "false";
          } else {
            t.check = test == "nonEmpty" ? "non_empty" : "present";
          }
          op.when.push_back(std::move(t));
        }
        ++alternative;
      }
    }
    if (o.response && o.response->status.value && o.response->status.value->is_int64())
      op.status = static_cast<int>(o.response->status.value->get_int64());

    op.request.name = op.name + "Request";
    static const std::map<std::string_view, location> places = {{"path", location::path},
                                                                {"query", location::query},
                                                                {"header", location::header},
                                                                {"cookie", location::cookie}};
    for (const auto& p : o.params) {
      field f = read_field(p, places.at(*p.in));
      std::string style = p.style.value_or("form");
      f.style = style == "spaceDelimited"  ? param_style::space_delimited
                : style == "pipeDelimited" ? param_style::pipe_delimited
                : style == "deepObject"    ? param_style::deep_object
                                           : param_style::form;
      f.explode = p.explode.value_or(f.in == location::query || f.in == location::cookie);
      op.request.fields.push_back(std::move(f));
    }
    if (o.body) {
      const body_desc& b = *o.body;
      std::vector<field> fields;
      if (b.kind == body_desc::kind_t::type && !names_struct(b.expr)) {
        field whole;
        whole.json_name = whole.cpp_name = "body";
        whole.doc = "The request body.";
        whole.type = read_type(b.expr);
        whole.required = b.required.value_or(true);
        fields.push_back(std::move(whole));
        op.body = operation::body_kind::json_value;
      } else if (b.kind == body_desc::kind_t::type) {
        const struct_type& s = named_struct(read_type(b.expr).name);  // an alias: its struct
        fields = s.fields;
        op.request.rules = s.rules;
        op.body = operation::body_kind::json;
      } else if (b.kind == body_desc::kind_t::multipart) {  // file parts, and text parts (form)
        for (const auto& part : b.fields) {
          bool file = part.type.name && read_type_name(*part.type.name).kind == type_ref::file;
          fields.push_back(read_field(part, file ? location::file : location::form));
        }
        op.body = operation::body_kind::multipart;
      } else if (b.kind == body_desc::kind_t::form) {
        fields = read_fields(b.fields, location::form);
        op.body = operation::body_kind::form;
      } else if (b.kind == body_desc::kind_t::binary) {
        field whole;
        whole.json_name = whole.cpp_name = "body";
        whole.doc = "The request body: its bytes.";
        whole.type.kind = type_ref::string;
        whole.required = b.required.value_or(true);
        fields.push_back(std::move(whole));
        op.body = operation::body_kind::binary;
      } else {
        fields = read_fields(b.fields, location::body);
        op.body = operation::body_kind::json;
      }
      op.request.fields.insert(op.request.fields.end(), fields.begin(), fields.end());
      op.media_type = b.media_type.value_or("");
      op.body_optional = !b.required.value_or(true);
    }
    for (auto& r : read_rules(o.rules)) op.request.rules.push_back(std::move(r));

    const response_desc& response = *o.response;
    if (response.kind == response_desc::kind_t::type && !names_struct(response.expr)) {
      op.response = operation::response_kind::value;
      op.response_value = read_type(response.expr);
    } else if (response.kind == response_desc::kind_t::type) {
      op.response = operation::response_kind::type;
      op.response_type = read_type(response.expr).name;
    } else if (response.kind == response_desc::kind_t::none) {
      op.response = operation::response_kind::none;
    } else if (response.kind == response_desc::kind_t::binary) {
      op.response = operation::response_kind::binary;
    } else if (response.kind == response_desc::kind_t::fields) {
      op.response = operation::response_kind::fields;
      op.response_struct = {
          op.name + "Response", "", read_fields(response.fields, location::body), {}, {}};
    } else {
      op.response = operation::response_kind::json;
    }
    if (!response.headers.empty()) {
      op.response_headers = {
          op.name + "ResponseHeaders", "", read_fields(response.headers, location::header), {}, {}};
      for (auto& f : op.response_headers.fields) f.required = false;
    }
    for (const auto& e : o.errors) {
      operation::error_case c;
      if (e.status == "default") {
        c.low = 0;
        c.high = 999;
      } else if (e.status[1] == 'X' || e.status[1] == 'x') {
        c.low = (e.status[0] - '0') * 100;
        c.high = c.low + 99;
      } else {
        c.low = c.high = std::stoi(e.status);
      }
      const response_desc& r = e.response;
      if (r.kind == response_desc::kind_t::type && !names_struct(r.expr)) {
        c.kind = operation::response_kind::value;
        c.value = read_type(r.expr);
      } else if (r.kind == response_desc::kind_t::type) {
        c.kind = operation::response_kind::type;
        c.type_name = read_type(r.expr).name;
      } else if (r.kind == response_desc::kind_t::none) {
        c.kind = operation::response_kind::none;
      }
      op.errors.push_back(std::move(c));
    }
    // Codes before classes before default; spec order among equals.
    std::stable_sort(op.errors.begin(), op.errors.end(),
                     [](const auto& a, const auto& b) { return a.high - a.low < b.high - b.low; });
    return op;
  }
  // Structs a field needs complete before its struct (held by value, or in a map) and those it
  // holds through an array, which only need a declaration.
  static void collect_needs(const type_ref& t, bool through_array, std::set<std::string>& complete,
                            std::set<std::string>& declared) {
    if (t.kind == type_ref::structure || t.kind == type_ref::variant)
      (through_array ? declared : complete).insert(t.name);
    if (t.element)
      collect_needs(*t.element, through_array || t.kind == type_ref::array, complete, declared);
  }

  // Spec order, except that a struct comes after every struct it needs. A struct held only through
  // an array may come later, behind a forward declaration
  // (validate() rejected cycles of by-value needs).
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

  const description& spec_;
  std::map<std::string, enum_type> enums_;
  std::map<std::string, const type_desc*> aliases_;
  std::set<std::string> variants_;
  std::vector<struct_type> structs_;  // spec order
};

}  // namespace

model build_model(const description& spec) { return model_builder(spec).run(); }

}  // namespace kaizala::codegen
