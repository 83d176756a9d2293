// The generated types of the golden specs (tests/codegen/*.json) read from arbitrary bytes: what
// Kaizala's spec does not use (variants with and without a discriminator, aliases, nullable and
// tri-state members, integer enums, writeOnly members, deepObject structs, cycles) meets the same
// oracles as fuzz_decode (decode_oracles.hpp). The bodies spec is left out: its multipart requests
// hold file parts, which have no JSON form.
//
// Input: byte 0 picks the type (each golden API's for_each_type, in the order below, modulo the
// count) and, above the count, case-insensitive keys; the rest is the JSON text.
#include <cstddef>
#include <cstdint>

// Some golden types are deprecated on purpose; reading them here is not a use to warn about.
#if defined(__clang__) || defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

#include "golden/cycles/all.hpp"
#include "golden/extras/all.hpp"
#include "golden/nullable/all.hpp"
#include "golden/shapes/all.hpp"
#include "golden/variants/all.hpp"

#include "decode_oracles.hpp"

namespace {

// Calls f(type_tag<T>) for every type of every golden API above.
template <class F>
void for_each_golden_type(F&& f) {
  variants::api::for_each_type(f);
  extras::api::for_each_type(f);
  nulls::api::for_each_type(f);
  shapes::api::for_each_type(f);
  cycles::api::for_each_type(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_decode_oracles::check_input(data, size, [](auto&& f) { for_each_golden_type(f); });
  return 0;
}
