// kaizala-codegen: the command line around generate(),
// the OpenAPI importer and the output folder functions.
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <kaizala/version.hpp>
#include <sstream>
#include <string>

#include "document_reader.hpp"
#include "generate.hpp"
#include "generate_spec.hpp"
#include "openapi_import.hpp"
#include "output_dir.hpp"
#include "spec_reader.hpp"

namespace {

const char* const usage =
    "usage: kaizala-codegen <spec> -o <dir>          write the headers into <dir>\n"
    "       kaizala-codegen <spec> --check <dir>     exit 1 if <dir> differs from a fresh "
    "generation\n"
    "       kaizala-codegen import <openapi> -o <spec.json>\n"
    "                                                write the OpenAPI document as a spec in our "
    "format\n"
    "       kaizala-codegen --version | --help\n"
    "<spec> is a spec in kaizala-cpp's format (spec/README.md) or an OpenAPI 3.0/3.1 or Swagger "
    "2.0\n"
    "document, JSON or YAML (told apart by its \"openapi\"/\"swagger\" key).\n"
    "Options: --namespace <ns>   C++ namespace (replaces api.namespace)\n"
    "         --name <name>      API name for an OpenAPI import (default: info.title)\n"
    "         --overlay <file>   for an OpenAPI document: merged over the imported spec (objects "
    "merge\n"
    "                            key by key, null deletes a key; docs/openapi.md)\n"
    "Exit status: 0 done, 1 errors in the input or files differ, 2 bad command line or I/O "
    "error.\n";

int bad_usage(const std::string& why) {
  std::cerr << "kaizala-codegen: " << why << "\n" << usage;
  return 2;
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  if (!in || !(s << in.rdbuf())) return false;
  text = s.str();
  return true;
}

void print(const std::vector<kaizala::codegen::diagnostic>& ds) {
  for (const auto& d : ds) std::cerr << format(d) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kaizala::codegen;
  std::string spec, dir, mode, ns, name, overlay;
  bool import_mode = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      return 0;
    }
    if (arg == "--version") {
      std::cout << "kaizala-codegen " KAIZALA_VERSION_STRING "\n";
      return 0;
    }
    auto value = [&](std::string& into) {
      if (!into.empty()) return bad_usage("give " + arg + " once");
      if (i + 1 == argc || argv[i + 1][0] == '\0') return bad_usage(arg + " needs a value");
      into = argv[++i];
      return 0;
    };
    if (arg == "-o" || arg == "--check") {
      if (!mode.empty()) return bad_usage("give one of -o or --check, once");
      if (i + 1 == argc) return bad_usage(arg + " needs a folder");
      mode = arg;
      dir = argv[++i];
    } else if (arg == "--namespace") {
      if (int r = value(ns)) return r;
    } else if (arg == "--name") {
      if (int r = value(name)) return r;
    } else if (arg == "--overlay") {
      if (int r = value(overlay)) return r;
    } else if (arg == "import" && i == 1) {
      import_mode = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return bad_usage("unknown option " + arg);
    } else if (spec.empty()) {
      spec = arg;
    } else {
      return bad_usage("more than one input file");
    }
  }
  if (spec.empty()) return bad_usage(import_mode ? "no OpenAPI document" : "no spec file");
  if (mode.empty())
    return bad_usage(import_mode ? "give -o <spec.json>" : "give -o <dir> or --check <dir>");
  if (import_mode && mode != "-o") return bad_usage("import writes a file: give -o <spec.json>");

  std::string text;
  if (!read_file(spec, text)) {
    std::cerr << "kaizala-codegen: cannot read " << spec << "\n";
    return 2;
  }

  // Our spec (JSON with comments) or an OpenAPI/Swagger document, told apart by content.
  std::string spec_text = text;
  import_result imported;
  // A spec is JSON with comments (read_spec); an OpenAPI document is JSON (maybe with raw newlines
  // in strings) or YAML (read_document).
  spec_document as_spec = read_spec(text, spec);
  bool our_spec = !has_errors(as_spec.diagnostics) && !is_openapi(as_spec.root);
  document doc;
  if (!our_spec || import_mode) doc = read_document(text, spec);
  bool openapi = doc.ok() && is_openapi(doc.root);
  bool looks_openapi = text.find("\"swagger\"") != std::string::npos ||
                       text.find("\"openapi\"") != std::string::npos;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  bool json_family = first != std::string::npos && (text[first] == '{' || text[first] == '/');
  if (!openapi && (import_mode || (!our_spec && (!json_family || looks_openapi)))) {
    if (doc.ok()) {
      std::cerr << spec
                << ":1:1: error: not an OpenAPI or Swagger document (no \"openapi\" or \"swagger\" "
                   "key)\n";
    } else {
      print(doc.diagnostics);
    }
    return 1;
  }
  if (openapi) {
    import_options options;
    options.api_name = name;
    options.namespace_ = ns;
    imported = import_openapi(doc, options);
    print(imported.diagnostics);
    if (has_errors(imported.diagnostics)) return 1;
    if (!overlay.empty()) {
      std::string overlay_text;
      if (!read_file(overlay, overlay_text)) {
        std::cerr << "kaizala-codegen: cannot read " << overlay << "\n";
        return 2;
      }
      std::vector<diagnostic> overlay_diagnostics;
      auto o = read_overlay(overlay_text, overlay, overlay_diagnostics);
      print(overlay_diagnostics);
      if (!o) return 1;
      apply_overlay(imported.spec, *o);
    }
    spec_text = pretty_json(imported.spec);
    if (import_mode) {
      // Checked by the generator's stages first, so a spec that would not generate is not written.
      generation check = generate_from_spec(imported.spec, spec, locate_origins(doc, imported), ns);
      print(check.diagnostics);
      if (has_errors(check.diagnostics)) return 1;
      std::string temp = dir + ".tmp";
      {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out || !(out << spec_text) || !out.flush()) {
          std::cerr << "kaizala-codegen: cannot write " << temp << "\n";
          std::remove(temp.c_str());
          return 2;
        }
      }
      if (std::rename(temp.c_str(), dir.c_str()) != 0) {
        std::cerr << "kaizala-codegen: cannot write " << dir << "\n";
        std::remove(temp.c_str());
        return 2;
      }
      return 0;
    }
  } else if (!overlay.empty()) {
    return bad_usage("--overlay applies to OpenAPI documents only (edit your spec directly)");
  } else if (!name.empty()) {
    return bad_usage("--name applies to OpenAPI documents only");
  }

  generation result =
      openapi ? generate_from_spec(imported.spec, spec, locate_origins(doc, imported), ns)
              : kaizala::codegen::generate(spec_text, spec, ns);
  print(result.diagnostics);
  if (has_errors(result.diagnostics)) return 1;

  try {
    if (mode == "-o") {
      write_output(dir, result.files);
      return 0;
    }
    auto problems = check_output(dir, result.files);
    for (const auto& line : problems) std::cout << line << "\n";
    return problems.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "kaizala-codegen: " << e.what() << "\n";
    return 2;
  }
}
