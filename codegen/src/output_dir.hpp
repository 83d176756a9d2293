// output_dir.hpp: the generated files on disk: writing them, and checking a folder against them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kaizala::codegen {

// Writes each file into `dir` (created if needed) only when its content changed, so build systems
// see unchanged headers as unchanged; removes other `*.hpp` files there and in its `types/` folder
// that carry our banner (left over from a renamed group or a removed type). Throws
// std::filesystem::filesystem_error or std::runtime_error on I/O errors.
void write_output(const std::filesystem::path& dir,
                  const std::map<std::string, std::string>& files);

// One line per file of `dir` (and of its `types/` folder) that is not what `files` says, sorted by
// file name:
// `<dir>/x.hpp: differs from a fresh generation`, `... : missing`, `... : not produced by the
// generator` (for an extra `*.hpp`). Empty when the folder is up to date.
std::vector<std::string> check_output(const std::filesystem::path& dir,
                                      const std::map<std::string, std::string>& files);

}  // namespace kaizala::codegen
