// Reading generated types straight from JSON text: one SAX handler on
// boost::json::basic_parser, driven by tables built from Boost.Describe and fields_of<T>.
//
// No DOM is built. Every C++ type the decoder can fill has a type_desc: constant
// data saying what kind of value it is, plus the few operations that must be
// typed (emplace into an optional, a vector or a map; set an enum). A struct is
// a table of its members (key_entry, member_desc) and one function that finds a
// member's address, so a generated struct or enum adds data, not code: the
// handler, the key lookup (json_key_index.hpp) and the scalar readers are
// written once. Each container being filled is a frame on a fixed stack. `json`
// members are captured as boost::json::value with a value_stack.
//
// Templates only build a slot (address + type_desc) and call decode_into,
// decode_dom or text_parser: basic_parser<sax_decoder> is instantiated in the
// non-template functions of impl/json_decode.ipp only (the handler lives there too).
//
// Rules (docs/decisions/0002, 0003): unknown keys are skipped, absent and null
// optionals are empty, aliases and lenient scalars are accepted, enums keep
// values they do not know, and the first bad value is reported with its JSON
// path. Error text never holds data, only names and JSON kinds.
//
// After the first decode error the handler ignores the rest of the document
// but lets the parser run to the end, so a syntax error anywhere still wins, as
// it did when the whole text was parsed before being read.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/json_key_index.hpp>
#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/result.hpp>

#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kaizala {

// How strictly to read. The defaults are the client's; the emulator reads
// requests the way the real (ASP.NET) service did.
struct decode_options {
  // Match object keys ignoring ASCII case ("Message" for "message").
  bool case_insensitive_keys = false;
  // Read the members a spec marks writeOnly (a server reading a request). An answer never holds
  // them: by default their keys are skipped and a missing one is no error.
  bool read_write_only = false;
};

namespace detail {

// --- what the decoder knows about C++ types ----------------------------------

struct type_desc;

// One member of a struct, beside its key_entry.
struct member_desc {
  const type_desc* type;  // nullptr: not read from JSON (a multipart file)
  bool absent_ok;         // may be missing: std::optional or opaque JSON
};

struct struct_desc {
  const key_entry* keys;
  const member_desc* members;
  std::size_t size;
  std::uint64_t body_mask;                       // one bit per member that travels in the JSON body
  std::uint64_t write_only_mask;                 // one bit per writeOnly member
  void* (*member_at)(void* obj, std::size_t i);  // the address of member i
};

struct enum_desc {
  const std::string_view* names;  // JSON text per enumerator
  std::size_t size;
  // Stores enumerator `index`, or for index == size the unknown `text`.
  void (*set)(void* out, std::size_t index, std::string_view text);
  bool integer;  // an integer enum: the value is a JSON number, `names` hold decimal texts
};

// How one C++ type takes a JSON value.
struct type_desc {
  enum kind_t : unsigned char {
    string,
    boolean,
    int32,
    int64,
    number,  // scalars
    opt_string,
    opt_boolean,
    opt_int32,
    opt_int64,
    opt_number,  // std::optional of a scalar, handled without a call
    enumeration,
    json,
    optional,  // any other std::optional
    array,
    map,
    object,
    variant  // a generated variant: the value is collected, then read by decode_variant
  };
  kind_t kind;
  // A member's fields_of flag: its scalar is also accepted as a string ("true", "42"). Part of the
  // type so that a slot is two words; array items and map values are never lenient.
  bool lenient = false;
  const type_desc* item = nullptr;      // optional, array, map: the type held
  const struct_desc* fields = nullptr;  // object
  const enum_desc* values = nullptr;    // enumeration
  void* (*emplace)(void* v) =
      nullptr;                       // optional (not opt_*): a fresh value; array: a new last item
  void (*clear)(void* v) = nullptr;  // optional: empty; json: null; array, map: no items
  void (*set_null)(void* v) =
      nullptr;  // kaizala::nullable (an optional kind): JSON null, not absent
  // map: the value for `key` (a fresh one when the key
  // repeats); `stored` views the key kept in the map.
  void* (*insert)(void* m, std::string_view key, std::string_view& stored) = nullptr;
  // array: room for about `n` items, at most `bytes` of them (a guess from the text: bounded by
  // it).
  void (*reserve)(void* v, std::size_t n, std::size_t bytes) = nullptr;
  // variant: reads the collected value into the variant at `out`, spending `budget` (values
  // replayed) on the alternatives it tries. Returns the error, paths relative to the value.
  maybe_error (*decode_variant)(void* out, const boost::json::value& v, const decode_options& opt,
                                std::size_t& budget) = nullptr;
};

// Where the next value goes; p == nullptr skips it (unknown key). Trivial, like frame.
struct slot {
  void* p;
  const type_desc* type;
};

// --- type tables -----------------------------------------------------------

// Types whose reading a member's lenient flag changes.
template <class T>
inline constexpr bool takes_lenient_v =
    std::is_same_v<T, bool> || is_integer_v<T> || std::is_same_v<T, double>;
template <class T>
inline constexpr bool takes_lenient_v<std::optional<T>> = takes_lenient_v<T>;

template <class T, bool Lenient>
constexpr type_desc make_type_desc();

// The type_desc of T: constant data, initialized before any code runs.
template <class T, bool Lenient = false>
inline constexpr type_desc type_desc_for = make_type_desc<T, Lenient>();

template <class T>
slot root_slot(T& out) {
  return slot{&out, &type_desc_for<T>};
}
// A response without a body (no_content): read_body ignores whatever comes.
inline slot root_slot(no_content&) { return slot{nullptr, nullptr}; }

template <class O>
struct optional_ops {
  static void* emplace(void* p) { return &static_cast<O*>(p)->emplace(); }
  static void clear(void* p) { static_cast<O*>(p)->reset(); }
};

template <class N>
struct nullable_ops {
  static void* emplace(void* p) { return &static_cast<N*>(p)->emplace(); }
  static void reset(void* p) { static_cast<N*>(p)->reset(); }  // absent
  static void set_null(void* p) { static_cast<N*>(p)->set_null(); }
};

template <class V>
struct vector_ops {
  static_assert(!std::is_same_v<typename V::value_type, bool>,
                "kaizala: std::vector<bool> has no addressable items");
  static void* emplace(void* p) { return &static_cast<V*>(p)->emplace_back(); }
  static void reserve(void* p, std::size_t n, std::size_t bytes) {
    static_cast<V*>(p)->reserve(std::min(n, bytes / sizeof(typename V::value_type)));
  }
  static void clear(void* p) { static_cast<V*>(p)->clear(); }
};

template <class M>
struct map_ops {
  static void* insert(void* p, std::string_view k, std::string_view& stored) {
    auto [it, inserted] = static_cast<M*>(p)->try_emplace(std::string(k));
    if (!inserted) it->second = typename M::mapped_type{};  // a repeated key: the last one counts
    stored = it->first;
    return &it->second;
  }
  static void clear(void* p) { static_cast<M*>(p)->clear(); }
};

inline void clear_json(void* p) { *static_cast<boost::json::value*>(p) = nullptr; }

template <class E>
struct enum_table {
  using enumerators = boost::describe::describe_enumerators<E>;
  static constexpr const auto& names = meta::enum_info<E>::names;
  static_assert(boost::mp11::mp_size<enumerators>::value == names.size(),
                "enum_info<E> must name every described enumerator");

  template <class... D>
  static constexpr std::array<E, sizeof...(D)> make_values(boost::mp11::mp_list<D...>) {
    return {{D::value...}};
  }
  static constexpr std::array<E, names.size()> values =
      make_values(boost::mp11::mp_rename<enumerators, boost::mp11::mp_list>{});

  static void set(void* p, std::size_t i, std::string_view text) {
    *static_cast<open_enum<E>*>(p) =
        i < values.size() ? open_enum<E>(values[i]) : open_enum<E>::unknown(std::string(text));
  }
  static constexpr enum_desc desc = {names.data(), names.size(), &set,
                                     meta::is_integer_enum<E>::value};
};

template <class T>
struct struct_table {
  using described = boost::describe::describe_members<T, boost::describe::mod_public>;
  static constexpr const auto& fields = meta::fields_of<T>::fields;
  static constexpr std::size_t size = fields.size();
  static_assert(boost::mp11::mp_size<described>::value == size,
                "fields_of<T> must list one field per described member");
  static_assert(size <= 64,
                "kaizala: a struct has at most 64 members (one bit each while decoding)");

  template <class D>
  using member_type =
      std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>;

  template <class M, bool Lenient>
  static constexpr member_desc make_member() {
    if constexpr (std::is_same_v<M, file_part>)
      return {nullptr, false};
    else
      return {&type_desc_for < M, Lenient && takes_lenient_v < M >>, is_absent_ok_v<M>};
  }
  template <class... D, std::size_t... I>
  static constexpr std::array<member_desc, size> make_members(boost::mp11::mp_list<D...>,
                                                              std::index_sequence<I...>) {
    return {{make_member<member_type<D>, fields[I].lenient>()...}};
  }
  static constexpr std::array<member_desc, size> members = make_members(
      boost::mp11::mp_rename<described, boost::mp11::mp_list>{}, std::make_index_sequence<size>{});

  template <class... D>
  static constexpr std::array<bool, size> make_is_file(boost::mp11::mp_list<D...>) {
    return {{std::is_same_v<member_type<D>, file_part>...}};
  }
  static constexpr std::array<bool, size> is_file =
      make_is_file(boost::mp11::mp_rename<described, boost::mp11::mp_list>{});

  // A multipart file has no key even where its field says body.
  static constexpr std::array<key_entry, size> keys = [] {
    std::array<key_entry, size> k{};
    for (std::size_t i = 0; i < size; ++i)
      k[i] = {fields[i].json_name, fields[i].aliases,
              fields[i].in == meta::location::body && !is_file[i]};
    return k;
  }();

  static constexpr std::uint64_t body_mask = [] {
    std::uint64_t mask = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (keys[i].body) mask |= std::uint64_t(1) << i;
    return mask;
  }();

  static constexpr std::uint64_t write_only_mask = [] {
    std::uint64_t mask = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (fields[i].write_only) mask |= std::uint64_t(1) << i;
    return mask;
  }();

  // The offsets fold to constants: the function is a table lookup.
  template <class... D>
  static void* member_at_(void* obj, std::size_t i, boost::mp11::mp_list<D...>) {
    if constexpr (sizeof...(D) == 0) {
      return obj;  // not reached: no key names a member
    } else {
      T& t = *static_cast<T*>(obj);
      const std::ptrdiff_t offsets[] = {reinterpret_cast<char*>(&(t.*D::pointer)) -
                                        reinterpret_cast<char*>(&t)...};
      return static_cast<char*>(obj) + offsets[i];
    }
  }
  static void* member_at(void* obj, std::size_t i) {
    return member_at_(obj, i, boost::mp11::mp_rename<described, boost::mp11::mp_list>{});
  }

  static constexpr struct_desc desc = {keys.data(), members.data(),  size,
                                       body_mask,   write_only_mask, &member_at};
};

// Reads `v` into `root` for one attempt at a variant's alternative, spending its size from
// `budget`; fails without reading when the budget is spent (nested variants that would try
// alternatives without end).
KAIZALA_DECL maybe_error decode_dom_within(const boost::json::value& v, const decode_options& opt,
                                           slot root, std::size_t& budget);
// The variant's alternative `pick` by the discriminator `key` of `v`, or the error.
KAIZALA_DECL maybe_error pick_by_tag(const boost::json::value& v, std::string_view key,
                                     const std::string_view* tags, std::size_t size,
                                     std::size_t& pick, std::string_view name, bool any_case);
// "(root): matches no alternative of <name> (alternative 1, at <path>: <first's error>)".
KAIZALA_DECL maybe_error no_alternative(std::string_view name, const error& first);

template <class T>
struct variant_table {
  using V = std_variant_of<T>;
  using info = meta::variant_info<T>;
  static constexpr std::size_t size = std::variant_size_v<V>;

  template <std::size_t I>
  static maybe_error attempt(T& out, const boost::json::value& v, const decode_options& opt,
                             std::size_t& budget) {
    std::variant_alternative_t<I, V> value{};
    if (maybe_error e = decode_dom_within(v, opt, root_slot(value), budget)) return e;
    static_cast<V&>(out).template emplace<I>(std::move(value));
    return {};
  }

  static maybe_error decode(void* p, const boost::json::value& v, const decode_options& opt,
                            std::size_t& budget) {
    T& out = *static_cast<T*>(p);
    maybe_error result;
    if constexpr (!info::discriminator.empty()) {
      std::size_t pick = size;
      if ((result = pick_by_tag(v, info::discriminator, info::tags.data(), size, pick, info::name,
                                opt.case_insensitive_keys)))
        return result;
      boost::mp11::mp_with_index<size>(
          pick, [&](auto i) { result = attempt<decltype(i)::value>(out, v, opt, budget); });
      return result;
    } else {
      bool done = false;
      boost::mp11::mp_for_each<boost::mp11::mp_iota_c<size>>([&](auto i) {
        if (done) return;
        maybe_error e = attempt<decltype(i)::value>(out, v, opt, budget);
        if (!e) {
          done = true;
          result.reset();
        } else if (budget == 0) {  // spent: no alternative more is tried
          done = true;
          result = std::move(e);
        } else if (!result) {
          result = std::move(e);
        }
      });
      if (!result || budget == 0) return result;
      return no_alternative(info::name, *result);
    }
  }
};

template <class T, bool Lenient>
constexpr type_desc make_type_desc() {
  type_desc t{type_desc::object};
  t.lenient = Lenient;
  if constexpr (std::is_same_v<T, std::string>) {
    t.kind = type_desc::string;
  } else if constexpr (std::is_same_v<T, bool>) {
    t.kind = type_desc::boolean;
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    t.kind = type_desc::int32;
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    t.kind = type_desc::int64;
  } else if constexpr (std::is_same_v<T, double>) {
    t.kind = type_desc::number;
  } else if constexpr (is_open_enum<T>::value) {
    t.kind = type_desc::enumeration;
    t.values = &enum_table<decltype(std::declval<T>().value())>::desc;
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    t.kind = type_desc::json;
    t.clear = &clear_json;
  } else if constexpr (is_optional<T>::value) {
    using V = typename T::value_type;
    t.kind = std::is_same_v<V, std::string>    ? type_desc::opt_string
             : std::is_same_v<V, bool>         ? type_desc::opt_boolean
             : std::is_same_v<V, std::int32_t> ? type_desc::opt_int32
             : std::is_same_v<V, std::int64_t> ? type_desc::opt_int64
             : std::is_same_v<V, double>       ? type_desc::opt_number
                                               : type_desc::optional;
    t.item = &type_desc_for<V, Lenient>;
    if (t.kind == type_desc::optional)
      t.emplace = &optional_ops<T>::emplace;  // opt_* kinds need none
    t.clear = &optional_ops<T>::clear;
  } else if constexpr (is_nullable<T>::value) {
    using V = std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<T&>())>>;
    t.kind = type_desc::optional;
    t.item = &type_desc_for<V, Lenient>;
    t.emplace = &nullable_ops<T>::emplace;
    t.clear = &nullable_ops<T>::reset;
    t.set_null = &nullable_ops<T>::set_null;
  } else if constexpr (is_vector<T>::value) {
    t.kind = type_desc::array;
    t.item = &type_desc_for<typename T::value_type>;
    t.emplace = &vector_ops<T>::emplace;
    t.clear = &vector_ops<T>::clear;
    t.reserve = &vector_ops<T>::reserve;
  } else if constexpr (is_string_map<T>::value) {
    t.kind = type_desc::map;
    t.item = &type_desc_for<typename T::mapped_type>;
    t.insert = &map_ops<T>::insert;
    t.clear = &map_ops<T>::clear;
  } else if constexpr (meta::is_generated_variant<T>::value) {
    t.kind = type_desc::variant;
    t.decode_variant = &variant_table<T>::decode;
  } else {
    static_assert(meta::is_generated_struct<T>::value, "kaizala: no JSON mapping for this type");
    t.fields = &struct_table<T>::desc;
  }
  return t;
}

// --- entry points: non-template, every template decodes through them ---------
// They, the handler and basic_parser<sax_decoder> are in impl/json_decode.ipp; templates never
// use the parser, so a separately compiled program compiles it once (decision 0007).

// Reads JSON text into `root`. Returns the syntax error or the first decode error, if any.
KAIZALA_DECL maybe_error decode_into(std::string_view text, const decode_options& opt, slot root);

// Parses JSON text into a DOM whose memory comes from `sp` (kaizala::parse_json, and the first step
// of decode_into with KAIZALA_SMALL_DECODER). A syntax error is a decode error naming the byte.
KAIZALA_DECL result<boost::json::value> parse_text_to_dom(std::string_view text,
                                                          boost::json::storage_ptr sp);

// Reads a parsed DOM into `root`. Returns the first decode error, if any.
KAIZALA_DECL maybe_error decode_dom(const boost::json::value& v, const decode_options& opt,
                                    slot root);

// Reads JSON text fed in one or more pieces into a slot; the parser of text_decoder<T>.
class text_parser {
 public:
  text_parser(const decode_options& opt, slot root);
  text_parser(const text_parser&) = delete;
  text_parser& operator=(const text_parser&) = delete;
  ~text_parser();

  // Feeds the next piece; false once the text is known to be invalid.
  bool write(std::string_view piece);
  // Ends the text; returns the syntax error or the first decode error, if any.
  maybe_error finish();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// --- the typed wrappers ----------------------------------------------------------

// Reads a T from JSON text fed in one or more pieces (write() then finish()).
template <class T>
class text_decoder {
 public:
  explicit text_decoder(const decode_options& opt = {}) : parser_(opt, root_slot(out_)) {}

  // Feeds the next piece; false once the text is known to be invalid.
  bool write(std::string_view piece) { return parser_.write(piece); }

  // Ends the text and returns the value or the first error.
  result<T> finish() {
    if (maybe_error e = parser_.finish()) return std::move(*e);
    return result<T>(std::move(out_));
  }

 private:
  T out_{};
  text_parser parser_;
};

// Both read into the result they return (one named object: no move of T on the way out).
template <class T>
result<T> decode_text(std::string_view text, const decode_options& opt) {
  result<T> out{T{}};
  if (maybe_error e = decode_into(text, opt, root_slot(*out))) out = std::move(*e);
  return out;
}

template <class T>
result<T> decode_value(const boost::json::value& v, const decode_options& opt) {
  result<T> out{T{}};
  if (maybe_error e = decode_dom(v, opt, root_slot(*out))) out = std::move(*e);
  return out;
}

// Whether `text` holds only JSON whitespace (an empty body).
inline bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The syntax error of text the decoder refused, worded and placed (byte offset) exactly as a
// stream_parser fed the whole text and then finished reports it.
KAIZALA_DECL error syntax_error_in(std::string_view text);

}  // namespace detail
}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/json_decode.ipp>
#endif
