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
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kaizala {

// HTTP method of an operation.
enum class http_method : unsigned char { get, post, put, patch, del, head, options };

constexpr std::string_view method_name(http_method m) noexcept {
  switch (m) {
    case http_method::get:
      return "GET";
    case http_method::post:
      return "POST";
    case http_method::put:
      return "PUT";
    case http_method::patch:
      return "PATCH";
    case http_method::del:
      return "DELETE";
    case http_method::head:
      return "HEAD";
    case http_method::options:
      return "OPTIONS";
  }
  return "GET";
}

// How an operation's request body is sent. json: the request's body members as one JSON object;
// json_value: the request's member `body` (an array, map, scalar or enum) is the whole JSON body;
// multipart: the file and text parts (location file and form) as multipart/form-data; form: the
// form members as application/x-www-form-urlencoded; binary: the request's member `body` (a
// std::string of bytes) as application/octet-stream.
enum class body_kind : unsigned char { none, json, multipart, json_value, form, binary };

// Where an operation's credential goes: a header (the default; `auth_header` names it), or a query
// parameter or cookie of that name (API keys: {"query": "api_key"}, {"cookie": "session"}).
enum class auth_place : unsigned char { header, query, cookie };

// One auth scheme an operation accepts (an op's `auth_schemes` lists its alternatives, any one of
// which suffices): the spec's scheme name (what context::set_credential names), the header, query
// parameter or cookie it travels in, and the text sent before the credential ("Bearer ").
struct auth_scheme {
  std::string_view name;
  std::string_view param;
  auth_place in = auth_place::header;
  std::string_view prefix = {};
};

// A header the API sends with every call (the spec's api "headers", or the generated User-Agent).
struct default_header {
  std::string_view name, value;
};

// A variable of a root's URL template ("https://{region}.example.com"): the value used when the
// user sets none, and the values allowed ('\n'-separated; empty: any value).
struct root_variable {
  std::string_view name;
  std::string_view default_value;
  std::string_view allowed = {};
};

// The response of an operation that answers no body (the spec's "response": "none"): any body
// that comes is ignored.
struct no_content {};

// One entry of an operation's "errors": a body of type T comes with statuses Low..High (one code,
// a class such as 400..499, or 0..999 for "default"). Read it with kaizala::error_body<Op>.
template <int Low, int High, class T>
struct error_case {
  static constexpr int low = Low, high = High;
  using type = T;
};

// An operation's error cases, in match order (codes, classes, default): `using errors = ...` in
// the generated op traits.
template <class... Cases>
struct error_cases {};

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

// A member the spec marks optional and nullable: absent (left out of the JSON), null (sent as
// null) or a value. Decoding a missing key gives absent, a JSON null gives null. For PATCH-style
// requests where "leave unchanged" and "clear" differ.
template <class T>
class nullable {
 public:
  nullable() = default;                              // absent
  nullable(std::nullptr_t) : state_(state::null) {}  // NOLINT: implicit on purpose
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                              !std::is_same_v<std::decay_t<U>, nullable> &&
                                              !std::is_same_v<std::decay_t<U>, std::nullptr_t>>>
  nullable(U&& v)
      : state_(state::value), value_(std::forward<U>(v)) {}  // NOLINT: implicit on purpose
  nullable& operator=(std::nullptr_t) {
    set_null();
    return *this;
  }

  bool absent() const noexcept { return state_ == state::absent; }
  bool is_null() const noexcept { return state_ == state::null; }
  bool has_value() const noexcept { return state_ == state::value; }
  explicit operator bool() const noexcept { return has_value(); }
  // The value; meaningful only when has_value().
  const T& operator*() const noexcept { return value_; }
  T& operator*() noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  T* operator->() noexcept { return &value_; }

  // Holds a fresh T and answers it.
  T& emplace() {
    state_ = state::value;
    value_ = T{};
    return value_;
  }
  void set_null() {
    state_ = state::null;
    value_ = T{};
  }
  void reset() {
    state_ = state::absent;
    value_ = T{};
  }

  friend bool operator==(const nullable& a, const nullable& b) {
    return a.state_ == b.state_ && (a.state_ != state::value || a.value_ == b.value_);
  }
  friend bool operator!=(const nullable& a, const nullable& b) { return !(a == b); }

 private:
  enum class state : unsigned char { absent, null, value };
  state state_ = state::absent;
  T value_{};
};

// The success status an operation documents (the spec's response "status", traits member
// `status`), 200 when it documents none. Informative: call<Op>() accepts any 2xx.
template <class Op, class = void>
struct success_status : std::integral_constant<int, 200> {};
template <class Op>
struct success_status<Op, std::void_t<decltype(Op::status)>>
    : std::integral_constant<int, Op::status> {};

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

// Where a request member travels. Response and plain types use `body` only. form: a field of an
// application/x-www-form-urlencoded body, or a text part of a multipart/form-data body.
enum class location : unsigned char { body, path, query, header, file, cookie, form };

// How a query or cookie parameter that is a list is written (OpenAPI's style): form is
// tag=a&tag=b when exploded, tag=a,b when not; the delimited styles join the items with an
// encoded space or '|'. deep_object: a query parameter that is a map
// or a struct of scalars, sent as name[key]=value per entry or present member.
enum class param_style : unsigned char { form, space_delimited, pipe_delimited, deep_object };

// Extra facts about one described member.
struct field {
  std::string_view json_name;  // the key on the wire (or the parameter/part name)
  location in = location::body;
  std::string_view aliases = {};  // other accepted spellings, '|'-separated
  bool lenient = false;           // scalar also accepted as a string ("true", "42")
  std::uint32_t max_items = 0;    // arrays and maps; 0 = no limit
  std::uint32_t max_length = 0;   // strings, in UTF-8 code points; 0 = no limit
  bool secret = false;            // a credential: never echoed in error text or logs
  bool nullable = false;          // JSON null is a value: a required std::optional member that is
                                  // empty is sent as null (optional ones are kaizala::nullable)
  param_style style = param_style::form;  // query and cookie lists
  bool explode = true;      // query and cookie lists in form style: one name=item each
  bool read_only = false;   // answered by the server, never sent: encoding skips it
  bool write_only = false;  // sent, never answered: decoding an answer skips it
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
//   static constexpr std::array<std::string_view, N> docs;  // the spec's doc per field ("" if
//   none) static constexpr std::array<rule, M> rules;
template <class T>
struct fields_of;

// Specialized by the generator for every enum:
//   static constexpr std::array<std::string_view, N> names;  // JSON text per described enumerator,
//   same order static constexpr std::array<std::string_view, N> docs;   // the spec's doc per value
//   ("" if none) static constexpr bool integer = true;  // only for an integer enum: the values are
//   JSON numbers,
//                                          // names holds their decimal text
template <class E>
struct enum_info;

// An integer enum ({"enum": [1, 2], "type": "int32"}): JSON numbers on the wire. An unknown number
// is kept like an unknown string (open_enum::unknown_text() holds its decimal text).
template <class E, class = void>
struct is_integer_enum : std::false_type {};
template <class E>
struct is_integer_enum<E, std::void_t<decltype(enum_info<E>::integer)>>
    : std::bool_constant<enum_info<E>::integer> {};

template <class T, class = void>
struct is_generated_struct : std::false_type {};
template <class T>
struct is_generated_struct<T, std::void_t<decltype(fields_of<T>::fields)>> : std::true_type {};

// Specialized by the generator for every variant (a spec type with "oneOf"/"anyOf"), a struct
// deriving from std::variant<Alternatives...>:
//   static constexpr std::string_view name;           // the spec's type name
//   static constexpr std::string_view discriminator;  // the property naming the alternative, or ""
//   static constexpr std::array<std::string_view, N> tags;  // per alternative: the property's
//       values choosing it, '|'-separated; the first is the one written ("" without a
//       discriminator)
// Decoding picks the alternative the discriminator names, else the first that decodes; encoding
// writes the alternative held (with the discriminator set to its first tag).
template <class T>
struct variant_info;

template <class T, class = void>
struct is_generated_variant : std::false_type {};
template <class T>
struct is_generated_variant<T, std::void_t<decltype(variant_info<T>::tags)>> : std::true_type {};

}  // namespace meta
}  // namespace kaizala
