// Keys of a JSON document that a generated type does not read, worded for kaizala-cli.
//
// The binding ignores unknown keys (the service adds fields). On the command line a typo would
// then be dropped without a word, so kaizala-cli looks for them first with kaizala::unknown_keys,
// which matches keys as the decoder does (kaizala::key_matches).
#pragma once

#include "suggest.hpp"

#include <kaizala/reflect.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace kaizala::cli {

struct unknown_key_note {
  std::string path;        // "members[0].nmae"
  std::string owner;       // the type whose object holds it: "Member"
  std::string suggestion;  // a near field name, or ""
  std::string location;    // a request parameter of that name: "path", "query", "header"; else ""
};

// Every key of `v`, at any depth, that reading it as a T would drop. For a request struct only
// body fields count: a parameter's name is reported, with `location` saying where it belongs.
template <class T>
std::vector<unknown_key_note> unknown_key_notes(const boost::json::value& v, bool any_case) {
  std::vector<unknown_key_note> out;
  for (auto& k : unknown_keys<T>(v, any_case)) {
    unknown_key_note n;
    n.path = std::move(k.path);
    n.owner = std::string(k.owner);
    if (k.param)
      n.location = std::string(location_name(*k.param));
    else
      n.suggestion = nearest_name(k.key, k.names);
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace kaizala::cli
