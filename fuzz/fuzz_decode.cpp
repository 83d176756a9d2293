// Every generated struct (responses, requests, events, named types) read from arbitrary bytes.
//
// Input: byte 0 picks the type (api::for_each_type order, modulo the count) and, above the count,
// case-insensitive keys (as the emulator reads requests); the rest is the JSON text.
//
// Oracles, beyond "no crash, no leak, no UB":
// - the three decode paths agree: SAX on the whole text (from_json), SAX fed one byte at a time
//   and in two uneven pieces (text_decoder), and DOM then replay (parse_json + from_json_value):
//   same success, same error message, same value (compared through its encoding). A repeated key
//   is where SAX and DOM may part: the DOM keeps only the last value (Boost.JSON), the SAX decoder
//   also type-checks the earlier ones (docs/decisions/0004-json-mapping.md). So the DOM is compared
//   with SAX on the DOM's own serialization always, and with SAX on the input when SAX accepts it;
// - round trip: what to_json writes is valid JSON that decodes again to the same encoding;
// - validate() answers without crashing.
#include <kaizala/generated/all.hpp>

#include <cstddef>
#include <cstdint>

#include "decode_oracles.hpp"

namespace {

std::size_t type_count() {
  std::size_t n = 0;
  kaizala::api::for_each_type([&](auto) { ++n; });
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::size_t count = type_count();
  if (size == 0) return 0;
  const std::size_t pick = data[0] % count;
  const bool case_insensitive = (data[0] / count) % 2 == 1;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t i = 0;
  kaizala::api::for_each_type([&](auto tag) {
    if (i++ == pick) fuzz_decode_oracles::check<typename decltype(tag)::type>(text, case_insensitive);
  });
  return 0;
}
