// What the command line points at: the --data body, --file contents and their media type.
#pragma once

#include <iosfwd>
#include <string>

namespace kaizala::cli {

// The text of `--data ARG`: ARG itself, the file named after '@' ("@body.json"), or all of `in`
// for "-". Returns false with a message in `error` when the file cannot be read.
bool read_data_argument(const std::string& arg, std::istream& in, std::string& text,
                        std::string& error);

// All bytes of a file. Returns false with a message in `error` when it cannot be read.
bool read_whole_file(const std::string& path, std::string& bytes, std::string& error);

// The extensions kaizala::media_type_for knows, for messages: ".jpg, .jpeg, ...".
std::string known_media_extensions();

}  // namespace kaizala::cli
