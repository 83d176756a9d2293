// --help and <Op> --help, written from the generated data: op traits (summary, doc, method, path,
// root), fields_of<T> (names, locations, limits, docs) and enum_info<E> (values).
#include "operations.hpp"
#include "param_values.hpp"

#include <kaizala/call.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/version.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <type_traits>

namespace kaizala::cli {
namespace {

constexpr std::size_t columns = 100;

// `text` wrapped at 100 columns: the first line starts with `first`, the others with `indent`.
void write_wrapped(std::ostream& out, const std::string& indent, std::string_view text,
                   std::string first = {}) {
  if (first.empty()) first = indent;
  std::string line = first;
  std::size_t start = first.size();  // where this line's words begin
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of(" \n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    if (line.size() > start && line.size() + 1 + word.size() > columns) {
      out << line << '\n';
      line = indent;
      start = indent.size();
    }
    if (!word.empty()) line += (line.size() > start ? " " : "") + std::string(word);
    if (end < text.size() && text[end] == '\n') {
      out << line << '\n';
      line = indent;
      start = indent.size();
    }
    pos = end + 1;
  }
  if (line.size() > start) out << line << '\n';
}

struct help_entry {
  op_summary summary;
  void (*print)(std::ostream&);
};

const char* location_text(meta::location in) {
  switch (in) {
    case meta::location::path:
      return "path";
    case meta::location::query:
      return "query";
    case meta::location::header:
      return "header";
    case meta::location::cookie:
      return "cookie";
    case meta::location::file:
      return "file part";
    case meta::location::form:
      return "form field";
    case meta::location::body:
      break;
  }
  return "body";
}

// One line per member of T that `wanted` accepts (name, then its facts), its doc below.
template <class T, class Wanted>
void print_fields(std::ostream& out, Wanted&& wanted, bool as_options) {
  const T defaults{};
  for_each_field<T>([&](auto d, const meta::field& f) {
    if (!wanted(f)) return;
    const auto& m = defaults.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    std::string facts;
    auto add = [&](const std::string& s) { facts += (facts.empty() ? "" : ", ") + s; };
    if (f.in != meta::location::body && f.in != meta::location::file) add(location_text(f.in));
    add(type_name<M>());
    add(is_required_v<M> ? "required" : "optional");
    if constexpr (is_param_type_v<M>) {
      std::string text;
      if (has_value(m) && param_to_text(m, text)) add("default " + text);
    }
    if (std::string choices = enum_choices<M>(); !choices.empty()) add("one of: " + choices);
    if (f.max_length != 0) add("at most " + std::to_string(f.max_length) + " characters");
    if (f.max_items != 0) add("at most " + std::to_string(f.max_items) + " items");
    if (!f.aliases.empty()) {
      std::string aliases(f.aliases);
      for (char& c : aliases)
        if (c == '|') c = ' ';
      add("also read as: " + aliases);
    }
    if (f.lenient) add("also read from a string");
    if (f.secret) add("secret, never printed");
    std::string name = (as_options ? "--" : "") + std::string(f.json_name);
    write_wrapped(out, "        ", facts, "  " + name + "  ");
    std::string_view doc = field_doc<T>(f);
    if (!doc.empty()) write_wrapped(out, "      ", doc);
  });
}

template <class T>
void print_rules(std::ostream& out) {
  for (const auto& r : meta::fields_of<T>::rules) {
    std::string members(r.members);
    for (std::size_t at = members.find('|'); at != std::string::npos; at = members.find('|'))
      members.replace(at, 1, ", ");
    out << "  rule: " << (r.kind == meta::rule_kind::exactly_one ? "exactly one" : "at least one")
        << " of " << members << '\n';
  }
}

// kaizala::nullable<T> (a member that may be null), without kaizala::detail.
template <class M>
struct is_nullable_member : std::false_type {};
template <class T>
struct is_nullable_member<nullable<T>> : std::true_type {};

// An example value of type M for a usage example: "<name>" for text (the member's name), 1, 1.5,
// true, an enum's first value, one element or entry, a struct's required members.
template <class M>
boost::json::value example_value(std::string_view name) {
  if constexpr (is_optional_v<M> || is_nullable_member<M>::value) {
    return example_value<std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<M&>())>>>(
        name);
  } else if constexpr (std::is_same_v<M, std::string>) {
    return boost::json::value("<" + std::string(name) + ">");
  } else if constexpr (std::is_same_v<M, bool>) {
    return boost::json::value(true);
  } else if constexpr (std::is_integral_v<M>) {
    return boost::json::value(1);
  } else if constexpr (std::is_floating_point_v<M>) {
    return boost::json::value(1.5);
  } else if constexpr (is_enum_v<M>) {
    auto names = enum_names<M>();
    return boost::json::value(names.empty() ? std::string_view("<value>") : names.front());
  } else if constexpr (is_list_v<M>) {
    return boost::json::array{example_value<typename M::value_type>(name)};
  } else if constexpr (is_map_v<M>) {
    return boost::json::object{{"<key>", example_value<typename M::mapped_type>(name)}};
  } else if constexpr (meta::is_generated_struct<M>::value) {
    boost::json::object o;
    for_each_field<M>([&](auto d, const meta::field& f) {
      using F = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<M&>().*d.pointer)>>;
      if (is_required_v<F>) o[f.json_name] = example_value<F>(f.json_name);
    });
    return o;
  } else {
    return boost::json::object{};  // any JSON, or one of a variant's shapes: left to the doc
  }
}

// A shell word: single-quoted unless it is plain.
std::string shell_word(const std::string& text) {
  bool plain = !text.empty();
  for (char c : text)
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                      c == '.' || c == '+' || c == '/' || c == ':' || c == '@');
  if (plain) return text;
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `kaizala-cli <Op> ...` with each required parameter and body field (those without a spec
// default), and the first member of each of its rules, as a flag holding an example of its type;
// --file for an upload.
template <class Op>
std::string example_command() {
  using Req = typename Op::request;
  std::string line = "kaizala-cli " + std::string(Op::name);
  // A rule's first member stands for it ("exactly one of actionType, id": actionType).
  std::vector<std::string_view> chosen;
  for (const auto& r : meta::fields_of<Req>::rules)
    chosen.push_back(r.members.substr(0, r.members.find('|')));
  const Req defaults{};
  for_each_field<Req>([&](auto d, const meta::field& f) {
    const auto& m = defaults.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if constexpr (std::is_same_v<M, file_part>) {
      line += " --file photo.jpg";
    } else {
      const bool wanted =
          is_required_v<M> || std::find(chosen.begin(), chosen.end(), f.json_name) != chosen.end();
      if (!wanted || f.in == meta::location::cookie) return;  // form fields are --options too
      if (f.in == meta::location::body && Op::body != body_kind::json) return;
      if constexpr (is_param_type_v<M>) {
        if (has_value(m)) return;  // the spec's default is sent
      }
      boost::json::value v = example_value<M>(f.json_name);
      std::string text = v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v);
      line += " --" + std::string(f.json_name) + " " + shell_word(text);
    }
  });
  return line;
}

template <class Op>
void print_help_of(std::ostream& out) {
  using Req = typename Op::request;
  using Resp = typename Op::response;
  out << Op::name << ": " << Op::summary << "\n\n";
  out << "  " << method_name(Op::method) << ' ' << Op::root_url << Op::path << "   (root \""
      << Op::root << "\", " << (Op::idempotent ? "idempotent" : "not idempotent") << ")\n";
  if (!Op::auth_header.empty())
    out << "  auth: the " << Op::auth_header << " header, from --token or KAIZALA_ACCESS_TOKEN\n";
  else
    out << "  auth: none\n";
  if (!Op::doc.empty()) {
    out << '\n';
    write_wrapped(out, "  ", Op::doc);
  }

  auto is_param = [](const meta::field& f) {  // given as --name options; form fields too
    return f.in == meta::location::path || f.in == meta::location::query ||
           f.in == meta::location::header || f.in == meta::location::form;
  };
  std::string usage = "kaizala-cli " + std::string(Op::name);
  bool any_param = false;
  for (const auto& f : meta::fields_of<Req>::fields) any_param = any_param || is_param(f);
  if (any_param) {
    out << "\nParameters:\n";
    print_fields<Req>(out, is_param, true);
    usage += " [--<param> VALUE ...]";
  }
  if constexpr (Op::body == body_kind::json) {
    out << "\nBody fields (each as --<field> VALUE: scalars as text, arrays as JSON or one flag\n"
           "per element, objects as JSON; or all as --data JSON|@file|-, a JSON object; a field\n"
           "given both ways is refused, and so are unknown keys):\n";
    print_fields<Req>(
        out, [](const meta::field& f) { return f.in == meta::location::body; }, true);
    print_rules<Req>(out);
    usage += " [--<field> VALUE ...] [--data JSON|@file|-]";
  } else if constexpr (Op::body == body_kind::multipart) {
    out << "\nUpload (multipart/form-data): --file PATH [--content-type TYPE], the type from "
           "the extension\nwhen --content-type is not given:\n";
    print_fields<Req>(
        out, [](const meta::field& f) { return f.in == meta::location::file; }, false);
    usage += " --file PATH [--content-type TYPE]";
  }
  if constexpr (std::is_same_v<Resp, boost::json::value>) {
    out << "\nResponse: any JSON (printed as it came)\n";
  } else if constexpr (std::is_same_v<Resp, no_content>) {
    out << "\nResponse: none (no body)\n";
  } else {
    out << "\nResponse (" << meta::fields_of<Resp>::name << "):\n";
    print_fields<Resp>(
        out, [](const meta::field&) { return true; }, false);
  }
  out << "\nUsage: " << usage << '\n';
  out << "\nExample (required parameters and fields, placeholder values of their types):\n  "
      << example_command<Op>() << '\n';
}

const std::vector<help_entry>& help_table() {
  static const std::vector<help_entry> table = [] {
    std::vector<help_entry> t;
    api::for_each_op([&](auto tag) {
      using Op = typename decltype(tag)::type;
      t.push_back({{Op::name, Op::group, Op::summary}, &print_help_of<Op>});
    });
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<op_summary>& all_ops() {
  static const std::vector<op_summary> ops = [] {
    std::vector<op_summary> o;
    for (const auto& e : help_table()) o.push_back(e.summary);
    return o;
  }();
  return ops;
}

const op_summary* find_op(std::string_view name) {
  for (const auto& o : all_ops())
    if (o.name == name) return &o;
  return nullptr;
}

void print_usage(std::ostream& out) {
  out << "kaizala-cli " KAIZALA_VERSION_STRING ": every " << api::name
      << " operation from the shell.\n\n"
         "Usage:\n"
         "  kaizala-cli [--base URL] [--auth-base URL] [--token T] [--timeout SECONDS]\n"
         "              [--header 'Name: value' ...] [--debug] [--output json|table|raw] [--all]\n"
         "              <Op> [--<param> VALUE ...] [--<field> VALUE ...] [--data JSON|@file|-]\n"
         "              [--file PATH [--content-type TYPE]]\n"
         "  kaizala-cli [--base URL] login --mobileNumber N --applicationId ID [--profile NAME]\n"
         "              [--secret-file FILE] [--pin-file FILE]\n"
         "  kaizala-cli logout [--profile NAME]\n"
         "  kaizala-cli <Op> --help\n"
         "  kaizala-cli help <Op>|<Type>\n"
         "  kaizala-cli decode <Op> request|response [--lenient] [--data JSON|@file|-] "
         "[< file.json]\n"
         "  kaizala-cli completion bash|zsh\n"
         "  kaizala-cli --help | --version\n\n"
         "Options:\n"
         "  --base URL          the endpoint root's base: the endpointUrl GenerateAccessToken "
         "returned\n"
         "                      (\"/v1\" is added unless it ends with it)\n"
         "  --auth-base URL     the auth root's base (default the spec's; --base when only --base "
         "is given)\n"
         "  --token T           the access token (default: $KAIZALA_ACCESS_TOKEN, else the "
         "profile's);\n"
         "                      never printed\n"
         "  --profile NAME      the profile login saved (default: $KAIZALA_PROFILE, else default)\n"
         "  --secret-file FILE  the connector secret, to log in or renew a profile's token "
         "(default:\n"
         "                      $KAIZALA_APPLICATION_SECRET, else asked on the terminal)\n"
         "  --timeout SECONDS   the most the call may take (default: 10 s to connect, 60 s to "
         "read)\n"
         "  --header 'N: V'     adds header N (or replaces the one the call would send); "
         "repeatable\n"
         "  --debug             each request and response (method, URL, headers, body, status,\n"
         "                      time) on stderr, credentials shown as ***\n"
         "  --<field> VALUE     one body field (arrays: JSON, or the flag once per element;\n"
         "                      objects: JSON); not also in --data\n"
         "  --data JSON|@file|- the request body: JSON text, a file, or standard input\n"
         "  --output FORMAT     json (indented, the default), table (the first array of objects\n"
         "                      as columns, else name/value lines) or raw (the body as received)\n"
         "  --all               ops whose answer has a cursor: every page, printed as one answer\n"
         "  --lenient           decode: read keys in any case, as the service did\n\n"
         "Roots:\n";
  std::vector<std::pair<std::string_view, std::string_view>> roots;
  api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    for (const auto& r : roots)
      if (r.first == Op::root) return;
    roots.emplace_back(Op::root, Op::root_url);
  });
  for (const auto& r : roots)
    out << "  " << r.first << "  " << r.second
        << (r.second.find('{') == std::string_view::npos ? "   (--auth-base)" : "   (--base)")
        << '\n';
  out << "\nExit status: 0 done, 1 the call failed or a payload did not decode, 2 usage error.\n";
  out << "\nOperations (kaizala-cli <Op> --help for one):\n";
  std::vector<std::string_view> groups;
  for (const auto& o : all_ops()) {
    bool seen = false;
    for (auto g : groups) seen = seen || g == o.group;
    if (!seen) groups.push_back(o.group);
  }
  std::size_t width = 0;
  for (const auto& o : all_ops()) width = std::max(width, o.name.size());
  for (auto g : groups) {
    out << "\n  " << g << '\n';
    for (const auto& o : all_ops()) {
      if (o.group != g) continue;
      std::string head = "    " + std::string(o.name) + std::string(width - o.name.size() + 2, ' ');
      std::string text = head + std::string(o.summary);
      if (text.size() <= columns) {
        out << text << '\n';
      } else {
        write_wrapped(out, std::string(head.size(), ' '), o.summary, head);
      }
    }
  }
}

void print_op_help(std::string_view op, std::ostream& out) {
  for (const auto& e : help_table())
    if (e.summary.name == op) e.print(out);
}

}  // namespace kaizala::cli

namespace kaizala::cli {
namespace {

struct type_entry {
  std::string_view name;
  void (*print)(std::ostream&);
};

const std::vector<type_entry>& type_table();

// The generated structs a type's members hold (through optional, array or map), by name.
template <class T>
std::vector<std::string> nested_type_names() {
  std::vector<std::string> names;
  for_each_field<T>([&](auto d, const meta::field&) {
    using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*d.pointer)>>;
    std::string name = type_name<M>();
    for (std::string_view prefix : {"array of ", "map of "})
      while (name.compare(0, prefix.size(), prefix) == 0) name.erase(0, prefix.size());
    bool known = false;
    for (const auto& e : type_table()) known = known || e.name == name;
    if (known && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(std::move(name));
  });
  return names;
}

template <class T>
void print_type_of(std::ostream& out) {
  out << meta::fields_of<T>::name << " (a JSON object)\n\nFields:\n";
  print_fields<T>(
      out, [](const meta::field&) { return true; }, false);
  print_rules<T>(out);
  std::string nested;
  for (const auto& n : nested_type_names<T>()) nested += (nested.empty() ? "" : ", ") + n;
  if (!nested.empty()) out << "\nNested types (kaizala-cli help <Type>): " << nested << '\n';
}

template <class E>
void print_enum_of(std::ostream& out) {
  using info = meta::enum_info<E>;
  out << info::name << " (an enum: one of these values)\n\nValues:\n";
  for (std::size_t i = 0; i < info::names.size(); ++i) {
    out << "  " << info::names[i] << '\n';
    if (i < info::docs.size() && !info::docs[i].empty())
      write_wrapped(out, "      ", info::docs[i]);
  }
}

// The enum a member of type M holds (itself, or through optional, array or map), once.
template <class M>
void add_enum_entry(std::vector<type_entry>& t) {
  if constexpr (is_optional_v<M> || is_list_v<M>) {
    add_enum_entry<typename M::value_type>(t);
  } else if constexpr (is_map_v<M>) {
    add_enum_entry<typename M::mapped_type>(t);
  } else if constexpr (is_enum_v<M>) {
    using E = typename enum_of<M>::type;
    for (const auto& e : t)
      if (e.name == meta::enum_info<E>::name) return;
    t.push_back({meta::enum_info<E>::name, &print_enum_of<E>});
  }
}

const std::vector<type_entry>& type_table() {
  static const std::vector<type_entry> table = [] {
    std::vector<type_entry> t;
    api::for_each_type([&](auto tag) {
      using T = typename decltype(tag)::type;
      t.push_back({meta::fields_of<T>::name, &print_type_of<T>});
    });
    api::for_each_type([&](auto tag) {  // then the enums their members hold
      using T = typename decltype(tag)::type;
      for_each_field<T>([&](auto d, const meta::field&) {
        add_enum_entry<
            std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*d.pointer)>>>(t);
      });
    });
    return t;
  }();
  return table;
}

}  // namespace

std::vector<std::string_view> type_names() {
  std::vector<std::string_view> names;
  for (const auto& e : type_table()) names.push_back(e.name);
  return names;
}

bool print_type_help(std::string_view name, std::ostream& out) {
  for (const auto& e : type_table())
    if (e.name == name) {
      e.print(out);
      return true;
    }
  return false;
}

}  // namespace kaizala::cli
