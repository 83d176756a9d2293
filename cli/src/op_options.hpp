// The options `kaizala-cli <Op>` takes, from the generated tables: op_call.cpp checks a command
// line against them and completion.cpp offers them, so the two cannot disagree.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/reflect.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace kaizala::cli {

// A member the command line gives as --<name> VALUE: a path, query or header parameter, or a field
// of a form body (OAuthToken).
inline bool is_option_param(const meta::field& f) {
  return f.in == meta::location::path || f.in == meta::location::query ||
         f.in == meta::location::header || f.in == meta::location::form;
}

// Every option name (without "--") Op takes besides the global ones: its parameters and their
// aliases, the top-level fields of a JSON body and their aliases (each field as a flag), --profile
// and --secret-file when it needs an access token, --data for a JSON body,
// --file and --content-type for an upload.
template <class Op>
std::vector<std::string_view> op_option_names() {
  std::vector<std::string_view> known;
  for (const auto& f : meta::fields_of<typename Op::request>::fields) {
    if (!is_option_param(f)) continue;
    known.push_back(f.json_name);
    for_each_alias(f, [&](std::string_view a) { known.push_back(a); });
  }
  if constexpr (!Op::auth_header.empty()) {
    known.push_back("profile");
    known.push_back("secret-file");
  }
  if constexpr (Op::body == body_kind::json) {
    known.push_back("data");
    auto add = [&](std::string_view n) {
      if (std::find(known.begin(), known.end(), n) == known.end()) known.push_back(n);
    };
    for (const auto& f : meta::fields_of<typename Op::request>::fields) {
      if (f.in != meta::location::body) continue;
      add(f.json_name);
      for_each_alias(f, add);
    }
  }
  if constexpr (Op::body == body_kind::multipart) {
    known.push_back("file");
    known.push_back("content-type");
  }
  return known;
}

}  // namespace kaizala::cli
