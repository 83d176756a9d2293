// The spec's operations as kaizala-cli sees them. Each function walks the generated op table
// (kaizala::api::for_each_op), so no op is written out by hand; they live in separate files
// (op_help.cpp, op_call.cpp, op_decode.cpp) so the three instantiations compile in parallel.
#pragma once

#include "arguments.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::cli {

struct op_summary {
  std::string_view name, group, summary;
};

// Every op, in spec order.
const std::vector<op_summary>& all_ops();

// The op called `name`, or nullptr.
const op_summary* find_op(std::string_view name);

// What --help prints: usage, options, the roots, and the ops by group with their summaries.
void print_usage(std::ostream& out);

// The generated structs by spec name (request, response and nested body types), in spec order,
// then the enums their members hold.
std::vector<std::string_view> type_names();

// What `kaizala-cli help <Type>` prints: for a struct each field with its type, whether it is
// required, its limits, aliases and doc, and the nested types it holds (structs and enums); for an
// enum its values with their docs. False when there is no type `name`.
bool print_type_help(std::string_view name, std::ostream& out);

// What `<Op> --help` prints: method and URL, auth, doc, parameters, body fields, response.
void print_op_help(std::string_view op, std::ostream& out);

// Where kaizala-cli's output goes, and the values that must never appear in it.
struct streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  std::vector<std::string>& secrets;  // the caller removes these from everything written
};

// Exit codes.
constexpr int exit_ok = 0;
constexpr int exit_failed = 1;  // the binding or the service said no; a payload did not decode
constexpr int exit_usage = 2;   // the command line (including --data and --file) could not be read

// Sends op `op` with the parameters and body of `line`, prints the decoded response as JSON.
int call_op(std::string_view op, const command_line& line, streams io);

// Reads a request body or a response of op `op` from `text` and prints it as the binding sees it.
int decode_op(std::string_view op, bool response, bool any_case, const std::string& text,
              streams io);

}  // namespace kaizala::cli

namespace kaizala::cli {

// `kaizala-cli login`: signs in and saves a profile (login.cpp).
int login_command(const command_line& line, streams io);

// `kaizala-cli logout`: deletes the profile.
int logout_command(const command_line& line, streams io);

// The options login and logout take (without "--").
const std::vector<std::string_view>& login_option_names();
const std::vector<std::string_view>& logout_option_names();

// How to create profile `name`, as a command line.
std::string login_hint(const std::string& name);

}  // namespace kaizala::cli

namespace kaizala::cli {

// Header, query and JSON key names whose values are credentials: every op's auth header, every
// field the spec marks secret, and the webhook callback token (op_call.cpp).
const std::vector<std::string>& credential_names();

}  // namespace kaizala::cli
