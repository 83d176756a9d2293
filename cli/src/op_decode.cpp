// decode <Op> request|response: a payload read offline by the generated types, then encoded
// again, so it shows what the binding (or, with --lenient, the service) would make of it.
#include "body_keys.hpp"
#include "json_text.hpp"
#include "operations.hpp"

#include <kaizala/generated/all.hpp>
#include <kaizala/json.hpp>

#include <ostream>
#include <type_traits>

namespace kaizala::cli {
namespace {

template <class T>
void note_dropped_keys(const boost::json::value& v, bool any_case, std::ostream& err) {
  for (const auto& k : unknown_key_notes<T>(v, any_case)) {
    err << "note: " << k.path << ": ";
    if (!k.location.empty())
      err << "a " << k.location << " parameter, not a body field; ignored\n";
    else
      err << "not a field of " << k.owner << ", ignored"
          << (k.suggestion.empty() ? "" : " (did you mean \"" + k.suggestion + "\"?)") << '\n';
  }
}

template <class T>
int decode_as(const std::string& text, bool any_case, streams io) {
  auto v = parse_json(text);
  if (!v) {
    io.err << "error: " << v.error().to_string() << '\n';
    return exit_failed;
  }
  if constexpr (std::is_same_v<T, boost::json::value>) {
    io.out << pretty_json(*v);  // the op answers any JSON: nothing to map
  } else {
    note_dropped_keys<T>(*v, any_case, io.err);
    decode_options opt;
    opt.case_insensitive_keys = any_case;
    auto r = from_json_value<T>(*v, opt);
    if (!r) {
      io.err << "error: " << r.error().to_string() << '\n';
      return exit_failed;
    }
    io.out << pretty_json(parse_json(to_json(*r)).value());
  }
  return exit_ok;
}

template <class Op>
int decode_with(bool response, bool any_case, const std::string& text, streams io) {
  if constexpr (std::is_same_v<typename Op::response, no_content>) {
    if (response) {
      io.err << "error: " << Op::name << " answers with no body\n";
      return exit_usage;
    }
  } else {
    if (response) return decode_as<typename Op::response>(text, any_case, io);
  }
  if constexpr (Op::body == body_kind::json) {
    return decode_as<typename Op::request>(text, any_case, io);
  } else {
    io.err << "error: " << Op::name
           << (Op::body == body_kind::none   ? " has no request body"
               : Op::body == body_kind::form ? "'s request is a form, not JSON"
                                             : "'s request is multipart/form-data, not JSON")
           << '\n';
    return exit_usage;
  }
}

using decode_fn = int (*)(bool, bool, const std::string&, streams);

}  // namespace

int decode_op(std::string_view op, bool response, bool any_case, const std::string& text,
              streams io) {
  static const std::vector<std::pair<std::string_view, decode_fn>> table = [] {
    std::vector<std::pair<std::string_view, decode_fn>> t;
    api::for_each_op([&](auto tag) {
      using Op = typename decltype(tag)::type;
      t.emplace_back(Op::name, &decode_with<Op>);
    });
    return t;
  }();
  for (const auto& e : table)
    if (e.first == op) return e.second(response, any_case, text, io);
  io.err << "error: unknown operation \"" << op << "\"\n";
  return exit_usage;
}

}  // namespace kaizala::cli
