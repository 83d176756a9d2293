// Secrets kaizala-cli needs (the connector secret, a PIN): from the environment, a file, or typed
// at a prompt that does not echo. Never from the command line, where `ps` would show them.
#pragma once

#include <iosfwd>
#include <string>

namespace kaizala::cli {

struct secret_source {
  const char* env = nullptr;          // environment variable, tried first
  const std::string* file = nullptr;  // --*-file PATH, tried next (first line, trailing blanks cut)
  const char* prompt = nullptr;       // asked on the terminal without echo when stdin is one
  std::istream* in = nullptr;         // otherwise one line of this, when set (a pipe)
  bool interactive = false;           // whether `in` is the process's stdin (may prompt)
};

// The secret, or false with `problem` saying what was tried.
bool read_secret(const secret_source& from, std::string& out, std::string& problem);

}  // namespace kaizala::cli
