// The emulator's Json.NET-style body reader (emulator/src/lenient_json.hpp) on arbitrary bytes.
// Oracles besides "no crash, UB or hang": a refusal says where; accepted text is strict JSON that
// Boost.JSON reads; a standard body passes byte for byte; reading the output again names nothing
// non-standard and gives the same text.
#include "../emulator/src/lenient_json.hpp"

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto r = kaizala::emulator::read_lenient_json(in);
  if (!r) {
    if (r.error().message.rfind("(root): invalid JSON at line ", 0) != 0) __builtin_trap();
    return 0;
  }
  if (in.find_first_not_of(" \t\r\n") == std::string_view::npos) return 0;  // blank: read as {}
  if (!r->nonstandard && r->text != in) __builtin_trap();
  boost::json::error_code ec;
  (void)boost::json::parse(r->text, ec);
  // Numbers are copied as written; one past the range of double is the typed reading's 400.
  if (ec && ec != boost::json::error::exponent_overflow) __builtin_trap();
  auto again = kaizala::emulator::read_lenient_json(r->text);
  if (!again || again->nonstandard || again->text != r->text) __builtin_trap();
  return 0;
}
