// decode_oracles.hpp: what fuzz_decode and fuzz_decode_shapes check on every generated type they
// read from bytes (see fuzz_decode.cpp for the oracles).
// One copy, so both harnesses hold the same promise.
#pragma once

#include <kaizala/json.hpp>

#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz_decode_oracles {

[[noreturn]] inline void finding(const char* what, std::string_view type, const std::string& a,
                                 const std::string& b) {
  std::fprintf(stderr, "fuzz_decode: %s (%.*s)\n  first:  %.2000s\n  second: %.2000s\n", what,
               static_cast<int>(type.size()), type.data(), a.c_str(), b.c_str());
  std::abort();
}

template <class T>
std::string outcome(const kaizala::result<T>& r) {
  return r ? "ok " + kaizala::to_json(*r) : "error " + r.error().message;
}

// The outcome with a syntax error's offset and reason left out: fed in pieces, Boost.JSON 1.81
// counts the bytes of a UTF-8 sequence cut by a piece boundary as read (the offset may differ by up
// to 3), and names a bad surrogate pair differently when a \u escape is cut ("illegal trailing
// surrogate" where the whole text gives "illegal leading surrogate"). Both still refuse the text.
template <class T>
std::string outcome_in_pieces(const kaizala::result<T>& r) {
  std::string s = outcome(r);
  const std::string_view syntax = "error (root): invalid JSON at byte ";
  if (s.compare(0, syntax.size(), syntax) == 0) s.resize(syntax.size());
  return s;
}

template <class T>
kaizala::result<T> streamed(std::string_view text, const kaizala::decode_options& opt,
                            std::size_t piece) {
  kaizala::detail::text_decoder<T> d(opt);
  for (std::size_t at = 0; at < text.size(); at += piece)
    if (!d.write(text.substr(at, piece))) break;
  return d.finish();
}

template <class T>
kaizala::result<T> split_once(std::string_view text, const kaizala::decode_options& opt) {
  kaizala::detail::text_decoder<T> d(opt);
  std::size_t cut = text.size() / 3;
  if (d.write(text.substr(0, cut))) d.write(text.substr(cut));
  return d.finish();
}

template <class T>
void check(std::string_view text, bool case_insensitive) {
  const std::string_view name = kaizala::meta::fields_of<T>::name;
  kaizala::decode_options opt;
  opt.case_insensitive_keys = case_insensitive;

  auto whole = kaizala::from_json<T>(text, opt);
  const std::string expect = outcome(whole);

  const std::string expect_in_pieces = outcome_in_pieces(whole);
  if (auto bytewise = streamed<T>(text, opt, 1); outcome_in_pieces(bytewise) != expect_in_pieces)
    finding("SAX whole and SAX byte by byte disagree", name, expect, outcome(bytewise));
  if (auto pieces = split_once<T>(text, opt); outcome_in_pieces(pieces) != expect_in_pieces)
    finding("SAX whole and SAX in two pieces disagree", name, expect, outcome(pieces));

  if (auto dom = kaizala::parse_json(text)) {
    const std::string replayed = outcome(kaizala::from_json_value<T>(*dom, opt));
    const std::string same_document =
        outcome(kaizala::from_json<T>(boost::json::serialize(*dom), opt));
    if (replayed != same_document)
      finding("SAX and DOM disagree on one document", name, same_document, replayed);
    if (whole && replayed != expect)
      finding("SAX accepts what the DOM reads otherwise", name, expect, replayed);
  } else if (whole) {
    finding("the DOM parser refuses what the SAX decoder accepts", name, expect,
            dom.error().message);
  }

  if (!whole) return;
  (void)kaizala::validate(*whole);
  const std::string once = kaizala::to_json(*whole);
  if (!kaizala::parse_json(once))
    finding("to_json wrote invalid JSON", name, std::string(text), once);
  auto again = kaizala::from_json<T>(once);
  if (!again) finding("the encoding does not decode again", name, once, again.error().message);
  const std::string twice = kaizala::to_json(*again);
  if (twice != once) finding("round trip changed the encoding", name, once, twice);
}

// One fuzzer input: byte 0 picks the type (the order for_each_type visits them, modulo their count)
// and, above the count, case-insensitive keys; the rest is the JSON text.
template <class ForEachType>
void check_input(const std::uint8_t* data, std::size_t size, ForEachType for_each_type) {
  if (size == 0) return;
  std::size_t count = 0;
  for_each_type([&](auto) { ++count; });
  const std::size_t pick = data[0] % count;
  const bool case_insensitive = (data[0] / count) % 2 == 1;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t i = 0;
  for_each_type([&](auto tag) {
    if (i++ == pick) check<typename decltype(tag)::type>(text, case_insensitive);
  });
}

}  // namespace fuzz_decode_oracles
