// Every generated struct (responses, requests, events, named types) read from arbitrary bytes.
//
// Input: byte 0 picks the type (api::for_each_type order, modulo the count) and, above the count,
// case-insensitive keys (as the emulator reads requests); the rest is the JSON text
// (decode_oracles.hpp, check_input).
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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_decode_oracles::check_input(data, size, [](auto&& f) { kaizala::api::for_each_type(f); });
  return 0;
}
