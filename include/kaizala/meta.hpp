// kaizala/meta.hpp: the vocabulary generated headers are written in.
//
// The generator describes every struct with BOOST_DESCRIBE_STRUCT and adds,
// per struct, a `fields_of<T>` specialization: one `field` per described
// member, in the same order, saying what Boost.Describe cannot (the JSON
// name, where the member travels in a request, aliases, limits). The JSON
// mapping and `call<Op>()` read nothing else, so a spec for another API
// produces headers that work with this same runtime.
#pragma once

#include <boost/describe.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace kaizala {

// HTTP method of an operation.
enum class http_method : unsigned char { get, post, put, patch, del };

constexpr std::string_view method_name(http_method m) noexcept {
  switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::del: return "DELETE";
  }
  return "GET";
}

// How an operation's request body is sent.
enum class body_kind : unsigned char { none, json, multipart };

// A file sent as one part of a multipart/form-data body (UploadMedia).
struct file_part {
  std::string filename;      // sent as the part's filename="..."
  std::string content_type;  // the part's own Content-Type, e.g. "image/png"
  std::string data;          // the file's bytes
};

// An enum value that stays forward compatible: a value the binding does not
// know decodes without failing and keeps its text, and encodes back as it came.
// E must be described with BOOST_DESCRIBE_ENUM and have enum_info<E>.
template <class E>
class open_enum {
 public:
  open_enum() = default;
  open_enum(E v) : known_(true), value_(v) {}  // NOLINT: implicit on purpose
  static open_enum unknown(std::string text) {
    open_enum e;
    e.text_ = std::move(text);
    return e;
  }

  bool known() const noexcept { return known_; }
  // The value; meaningful only when known().
  E value() const noexcept { return value_; }
  // The text of an unknown value (empty when known()).
  const std::string& unknown_text() const noexcept { return text_; }

  friend bool operator==(const open_enum& a, const open_enum& b) {
    return a.known_ == b.known_ && (a.known_ ? a.value_ == b.value_ : a.text_ == b.text_);
  }
  friend bool operator!=(const open_enum& a, const open_enum& b) { return !(a == b); }
  friend bool operator==(const open_enum& a, E b) { return a.known_ && a.value_ == b; }
  friend bool operator!=(const open_enum& a, E b) { return !(a == b); }

 private:
  bool known_ = false;
  E value_{};
  std::string text_;
};

// Names an operation type as a value; the generated `api::for_each_op` passes one per op.
template <class Op>
struct op_tag {
  using type = Op;
};

// Names a generated struct as a value; the generated `api::for_each_type` passes one per struct.
template <class T>
struct type_tag {
  using type = T;
};

namespace meta {

// Where a request member travels. Response and plain types use `body` only.
enum class location : unsigned char { body, path, query, header, file };

// Extra facts about one described member.
struct field {
  std::string_view json_name;        // the key on the wire (or the parameter/part name)
  location in = location::body;
  std::string_view aliases = {};     // other accepted spellings, '|'-separated
  bool lenient = false;              // scalar also accepted as a string ("true", "42")
  std::uint32_t max_items = 0;       // arrays and maps; 0 = no limit
  std::uint32_t max_length = 0;      // strings, in UTF-8 code points; 0 = no limit
  bool secret = false;               // a credential: never echoed in error text or logs
};

// A rule across members: `members` is a '|'-separated list of JSON names.
enum class rule_kind : unsigned char {
  exactly_one,   // exactly one of the members is present
  at_least_one,  // one or more of the members is present
};
struct rule {
  rule_kind kind;
  std::string_view members;
};

// Specialized by the generator for every struct:
//   static constexpr std::string_view name;        // the spec's type name
//   static constexpr std::array<field, N> fields;   // one per described member, same order
//   static constexpr std::array<std::string_view, N> docs;  // the spec's doc per field ("" if none)
//   static constexpr std::array<rule, M> rules;
template <class T>
struct fields_of;

// Specialized by the generator for every enum:
//   static constexpr std::array<std::string_view, N> names;  // JSON text per described enumerator, same order
//   static constexpr std::array<std::string_view, N> docs;   // the spec's doc per value ("" if none)
template <class E>
struct enum_info;

template <class T, class = void>
struct is_generated_struct : std::false_type {};
template <class T>
struct is_generated_struct<T, std::void_t<decltype(fields_of<T>::fields)>> : std::true_type {};

}  // namespace meta
}  // namespace kaizala
