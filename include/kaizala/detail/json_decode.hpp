// Reading generated types straight from JSON text: one SAX handler on
// boost::json::basic_parser, driven by Boost.Describe and fields_of<T>.
//
// No DOM is built. Each container being filled is a frame on a fixed stack;
// each C++ type has a `sink` (three function pointers) that knows how to take
// a scalar, an object or an array; each struct has a key table
// (json_key_index.hpp) that turns a key into a member. `json` members are
// captured as boost::json::value with a value_stack.
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

#include <kaizala/detail/json_key_index.hpp>
#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/result.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
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
};

namespace detail {

// One JSON scalar as the parser reported it.
struct json_scalar {
  enum kind_t : unsigned char { null, boolean, int64, uint64, dbl, string };
  kind_t kind = null;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string_view s;
};

inline std::string_view kind_name(const json_scalar& v) noexcept {
  switch (v.kind) {
    case json_scalar::null: return "null";
    case json_scalar::boolean: return "bool";
    case json_scalar::string: return "string";
    default: return "number";
  }
}

class sax_decoder;

// How one C++ type takes a JSON value. `lenient` is the member's fields_of flag
// (false for array items and map values).
struct sink {
  bool (*scalar)(sax_decoder&, void* out, const json_scalar&, bool lenient);
  bool (*object)(sax_decoder&, void* out);
  bool (*array)(sax_decoder&, void* out);
};

// Where the next value goes; p == nullptr skips it (unknown key). Trivial, like frame.
struct slot {
  void* p;
  const sink* s;
  bool lenient;
};

struct frame;

// What a container frame does with keys, items and its end.
struct frame_ops {
  void (*key)(sax_decoder&, frame&, std::string_view key, const decode_options&);  // struct, map
  void (*item)(frame&);                                                          // array
  bool (*end)(sax_decoder&, frame&);
};

// One container being filled. Trivial on purpose: the decoder keeps 64 of them and
// initializes one only when it is pushed.
struct frame {
  enum kind_t : unsigned char { struct_, array, map };
  const frame_ops* ops;
  void* obj;
  slot next;                 // where the value after the current key (or the current item) goes
  std::uint64_t seen;        // struct: one bit per member met
  std::uint64_t exact;       // struct: members met under their own name (beats aliases)
  std::size_t index;         // array: index of the current item; struct: member expected next
  // struct: JSON name of the current member; map: the current key. Two raw fields, since a
  // std::string_view member would make the frame non-trivial.
  const char* segment_data;
  std::size_t segment_size;
  kind_t kind;

  std::string_view segment() const noexcept { return {segment_data, segment_size}; }
  void set_segment(std::string_view s) noexcept {
    segment_data = s.data();
    segment_size = s.size();
  }
};

// A fresh frame of `kind` for `obj`; `items` is the sink of array items and map values.
inline frame make_frame(frame::kind_t kind, const frame_ops* ops, void* obj, const sink* items = nullptr) {
  frame f;
  f.ops = ops;
  f.obj = obj;
  f.next = slot{nullptr, items, false};
  f.seen = 0;
  f.exact = 0;
  f.index = 0;
  f.set_segment({});
  f.kind = kind;
  return f;
}

template <class T>
struct sink_of;

template <class T>
inline constexpr sink sink_for = {&sink_of<T>::scalar, &sink_of<T>::object, &sink_of<T>::array};

// The handler basic_parser drives.
class sax_decoder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  // Frames for typed containers. The parser refuses documents deeper than
  // parse_options::max_depth (32) first; only a replayed DOM can come here.
  static constexpr std::size_t max_frames = 64;

  sax_decoder(const decode_options& opt, slot root) : opt_(opt), root_(root) {}

  bool failed() const noexcept { return error_.has_value(); }
  std::optional<error>& failure() noexcept { return error_; }

  // --- basic_parser events -------------------------------------------------
  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }

  bool on_object_begin(boost::json::error_code&) {
    if (quiet()) return true;
    slot s = take();
    if (s.p == nullptr) skip_ = 1;
    else s.s->object(*this, s.p);
    return true;
  }
  bool on_object_end(std::size_t n, boost::json::error_code&) {
    if (capture_depth_ != 0) {
      capture_->push_object(n);
      end_capture_level();
    } else if (skip_ != 0) {
      --skip_;
    } else if (!failed()) {
      end_frame();
    }
    return true;
  }
  bool on_array_begin(boost::json::error_code&) {
    if (quiet()) return true;
    slot s = take();
    if (s.p == nullptr) skip_ = 1;
    else s.s->array(*this, s.p);
    return true;
  }
  bool on_array_end(std::size_t n, boost::json::error_code&) {
    if (capture_depth_ != 0) {
      capture_->push_array(n);
      end_capture_level();
    } else if (skip_ != 0) {
      --skip_;
    } else if (!failed()) {
      end_frame();
    }
    return true;
  }

  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (capture_depth_ != 0) capture_->push_chars(s);
    else if (!failed() && skip_ == 0) key_buf_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (capture_depth_ != 0) {
      capture_->push_key(s);
    } else if (!failed() && skip_ == 0) {
      std::string_view key(s.data(), s.size());
      if (!key_buf_.empty()) key = key_buf_.append(s.data(), s.size());
      frame& f = frames_[depth_ - 1];
      f.ops->key(*this, f, key, opt_);
      key_buf_.clear();
    }
    return true;
  }

  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (capture_depth_ != 0) capture_->push_chars(s);
    else if (!failed() && skip_ == 0) str_buf_.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (capture_depth_ != 0) {
      capture_->push_string(s);
      return true;
    }
    json_scalar v;
    v.kind = json_scalar::string;
    v.s = std::string_view(s.data(), s.size());
    if (!str_buf_.empty()) v.s = str_buf_.append(s.data(), s.size());
    scalar(v);
    str_buf_.clear();
    return true;
  }

  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    if (capture_depth_ != 0) return capture_->push_int64(i), true;
    json_scalar v;
    v.kind = json_scalar::int64;
    v.i = i;
    return scalar(v);
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    if (capture_depth_ != 0) return capture_->push_uint64(u), true;
    json_scalar v;
    v.kind = json_scalar::uint64;
    v.u = u;
    return scalar(v);
  }
  bool on_double(double d, boost::json::string_view, boost::json::error_code&) {
    if (capture_depth_ != 0) return capture_->push_double(d), true;
    json_scalar v;
    v.kind = json_scalar::dbl;
    v.d = d;
    return scalar(v);
  }
  bool on_bool(bool b, boost::json::error_code&) {
    if (capture_depth_ != 0) return capture_->push_bool(b), true;
    json_scalar v;
    v.kind = json_scalar::boolean;
    v.b = b;
    return scalar(v);
  }
  bool on_null(boost::json::error_code&) {
    if (capture_depth_ != 0) return capture_->push_null(), true;
    return scalar(json_scalar{});
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

  // --- used by sinks and frames ----------------------------------------------
  // Opens a container frame; its first key or item sets frame::next.
  void push(const frame& f) {
    if (depth_ == max_frames) {
      fail("nesting too deep");
      return;
    }
    frames_[depth_++] = f;
  }

  // A `json` member that is an object or array: collect it as a DOM.
  void begin_capture(boost::json::value* out) {
    if (!capture_) capture_.emplace();
    capture_->reset();
    capture_target_ = out;
    capture_depth_ = 1;
  }

  bool fail(std::string_view what) {
    json_path path;
    for (std::size_t i = 0; i < depth_; ++i) {
      const frame& f = frames_[i];
      if (f.kind == frame::array) path.push_index(f.index);
      else path.push_key(f.segment());
    }
    error e;
    e.kind = error_kind::decode;
    e.path = path.str();
    e.message = at_path(path, what);
    error_ = std::move(e);
    return false;
  }

  bool expected(std::string_view want, std::string_view got) {
    std::string what = "expected ";
    what += want;
    what += ", got ";
    what += got;
    return fail(what);
  }

 private:
  // True while events need no typed handling: after an error, or inside a skipped or captured value.
  bool quiet() {
    if (capture_depth_ != 0) {
      ++capture_depth_;
      return true;
    }
    if (skip_ != 0) {
      ++skip_;
      return true;
    }
    return failed();
  }

  slot take() {
    if (depth_ == 0) {
      slot s = root_;
      root_ = slot{nullptr, nullptr, false};
      return s;
    }
    frame& f = frames_[depth_ - 1];
    if (f.kind == frame::array) f.ops->item(f);
    return f.next;
  }

  bool scalar(const json_scalar& v) {
    if (failed() || skip_ != 0) return true;
    slot s = take();
    if (s.p != nullptr) s.s->scalar(*this, s.p, v, s.lenient);
    return true;
  }

  void end_frame() {
    frame& f = frames_[depth_ - 1];
    if (f.ops->end(*this, f)) --depth_;
  }

  void end_capture_level() {
    if (--capture_depth_ == 0) *capture_target_ = capture_->release();
  }

  const decode_options& opt_;
  slot root_;
  std::array<frame, max_frames> frames_;  // only [0, depth_) is meaningful
  std::size_t depth_ = 0;
  std::size_t skip_ = 0;  // nesting depth inside a value being skipped
  std::size_t capture_depth_ = 0;
  std::optional<boost::json::value_stack> capture_;
  boost::json::value* capture_target_ = nullptr;
  std::string key_buf_, str_buf_;  // a key or string the parser delivered in parts
  std::optional<error> error_;
};

// --- scalars -------------------------------------------------------------

inline bool read_bool(sax_decoder& d, bool& out, const json_scalar& v, bool lenient) {
  if (v.kind == json_scalar::boolean) return (out = v.b), true;
  if (lenient && v.kind == json_scalar::string) {
    if (iequals(v.s, "true")) return (out = true), true;
    if (iequals(v.s, "false")) return (out = false), true;
    return d.fail("expected bool or \"true\"/\"false\", got another string");
  }
  return d.expected(lenient ? "bool or \"true\"/\"false\"" : "bool", kind_name(v));
}

template <class I>
bool read_integer(sax_decoder& d, I& out, const json_scalar& v, bool lenient) {
  constexpr std::string_view type_name = sizeof(I) == 4 ? "int32" : "int64";
  constexpr std::string_view range = sizeof(I) == 4 ? "number out of range for int32"
                                                     : "number out of range for int64";
  switch (v.kind) {
    case json_scalar::int64:
      if (v.i < std::numeric_limits<I>::min() || v.i > std::numeric_limits<I>::max()) return d.fail(range);
      return (out = static_cast<I>(v.i)), true;
    case json_scalar::uint64:
      if (v.u > static_cast<std::uint64_t>(std::numeric_limits<I>::max())) return d.fail(range);
      return (out = static_cast<I>(v.u)), true;
    case json_scalar::dbl: {
      // 15.0 is an integer written the way some serializers write numbers. The upper bound is
      // exclusive: the largest int64 is not a double, and 2^63 would overflow the cast.
      if (std::trunc(v.d) != v.d) return d.fail("expected integer, got a number with a fraction");
      constexpr double lo = static_cast<double>(std::numeric_limits<I>::min());
      if (!(v.d >= lo && v.d < -lo)) return d.fail(range);
      return (out = static_cast<I>(v.d)), true;
    }
    case json_scalar::string:
      if (lenient) {
        I x{};
        auto [end, ec] = std::from_chars(v.s.data(), v.s.data() + v.s.size(), x);
        if (ec == std::errc::result_out_of_range) return d.fail(range);
        if (ec != std::errc() || end != v.s.data() + v.s.size() || v.s.empty())
          return d.fail("expected integer or a string holding one, got another string");
        return (out = x), true;
      }
      break;
    default: break;
  }
  (void)type_name;
  return d.expected(lenient ? "integer or a string holding one" : "integer", kind_name(v));
}

inline bool read_double(sax_decoder& d, double& out, const json_scalar& v, bool lenient) {
  switch (v.kind) {
    case json_scalar::dbl: return (out = v.d), true;
    case json_scalar::int64: return (out = static_cast<double>(v.i)), true;
    case json_scalar::uint64: return (out = static_cast<double>(v.u)), true;
    case json_scalar::string:
      if (lenient) {
        double x = 0;
        auto [end, ec] = std::from_chars(v.s.data(), v.s.data() + v.s.size(), x);
        if (ec != std::errc() || end != v.s.data() + v.s.size() || v.s.empty() || !std::isfinite(x))
          return d.fail("expected number or a string holding one, got another string");
        return (out = x), true;
      }
      break;
    default: break;
  }
  return d.expected(lenient ? "number or a string holding one" : "number", kind_name(v));
}

template <class E>
bool read_enum(sax_decoder& d, open_enum<E>& out, const json_scalar& v) {
  if (v.kind != json_scalar::string) return d.expected("string", kind_name(v));
  const auto& names = meta::enum_info<E>::names;
  using enumerators = boost::describe::describe_enumerators<E>;
  static_assert(boost::mp11::mp_size<enumerators>::value == names.size(),
                "enum_info<E> must name every described enumerator");
  // Exact spelling first, then any casing (the service compared case-insensitively).
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t i = 0;
    bool found = false;
    boost::mp11::mp_for_each<enumerators>([&](auto e) {
      if (!found && (pass == 0 ? names[i] == v.s : iequals(names[i], v.s))) {
        out = open_enum<E>(e.value);
        found = true;
      }
      ++i;
    });
    if (found) return true;
  }
  // Forward compatible: a value this binding does not know is kept, not refused.
  out = open_enum<E>::unknown(std::string(v.s));
  return true;
}

// --- sinks -----------------------------------------------------------------

// A type that takes only scalars; objects and arrays are type errors.
template <class T>
struct scalar_sink {
  static bool object(sax_decoder& d, void*) { return d.expected(sink_of<T>::want(false), "object"); }
  static bool array(sax_decoder& d, void*) { return d.expected(sink_of<T>::want(false), "array"); }
};

template <>
struct sink_of<std::string> : scalar_sink<std::string> {
  static constexpr std::string_view want(bool) { return "string"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool) {
    if (v.kind != json_scalar::string) return d.expected("string", kind_name(v));
    static_cast<std::string*>(p)->assign(v.s.data(), v.s.size());
    return true;
  }
};

template <>
struct sink_of<bool> : scalar_sink<bool> {
  static constexpr std::string_view want(bool lenient) { return lenient ? "bool or \"true\"/\"false\"" : "bool"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool lenient) {
    return read_bool(d, *static_cast<bool*>(p), v, lenient);
  }
};

template <>
struct sink_of<std::int32_t> : scalar_sink<std::int32_t> {
  static constexpr std::string_view want(bool) { return "integer"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool lenient) {
    return read_integer(d, *static_cast<std::int32_t*>(p), v, lenient);
  }
};

template <>
struct sink_of<std::int64_t> : scalar_sink<std::int64_t> {
  static constexpr std::string_view want(bool) { return "integer"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool lenient) {
    return read_integer(d, *static_cast<std::int64_t*>(p), v, lenient);
  }
};

template <>
struct sink_of<double> : scalar_sink<double> {
  static constexpr std::string_view want(bool) { return "number"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool lenient) {
    return read_double(d, *static_cast<double*>(p), v, lenient);
  }
};

template <class E>
struct sink_of<open_enum<E>> : scalar_sink<open_enum<E>> {
  static constexpr std::string_view want(bool) { return "string"; }
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool) {
    return read_enum(d, *static_cast<open_enum<E>*>(p), v);
  }
};

// Opaque JSON: scalars are stored as they come, objects and arrays are captured.
template <>
struct sink_of<boost::json::value> {
  static bool scalar(sax_decoder&, void* p, const json_scalar& v, bool) {
    auto& out = *static_cast<boost::json::value*>(p);
    switch (v.kind) {
      case json_scalar::null: out = nullptr; break;
      case json_scalar::boolean: out = v.b; break;
      case json_scalar::int64: out = v.i; break;
      case json_scalar::uint64: out = v.u; break;
      case json_scalar::dbl: out = v.d; break;
      case json_scalar::string: out = boost::json::string_view(v.s.data(), v.s.size()); break;
    }
    return true;
  }
  static bool object(sax_decoder& d, void* p) {
    d.begin_capture(static_cast<boost::json::value*>(p));
    return true;
  }
  static bool array(sax_decoder& d, void* p) { return object(d, p); }
};

// null empties the optional; anything else is read into a fresh value.
template <class U>
struct sink_of<std::optional<U>> {
  static bool scalar(sax_decoder& d, void* p, const json_scalar& v, bool lenient) {
    auto& o = *static_cast<std::optional<U>*>(p);
    if (v.kind == json_scalar::null) {
      o.reset();
      return true;
    }
    return sink_of<U>::scalar(d, &o.emplace(), v, lenient);
  }
  static bool object(sax_decoder& d, void* p) {
    return sink_of<U>::object(d, &static_cast<std::optional<U>*>(p)->emplace());
  }
  static bool array(sax_decoder& d, void* p) {
    return sink_of<U>::array(d, &static_cast<std::optional<U>*>(p)->emplace());
  }
};

template <class U, class A>
struct sink_of<std::vector<U, A>> {
  using V = std::vector<U, A>;
  static_assert(!std::is_same_v<U, bool>, "kaizala: std::vector<bool> has no addressable items");
  static_assert(std::is_trivially_default_constructible_v<frame>);
  static bool scalar(sax_decoder& d, void*, const json_scalar& v, bool) {
    return d.expected("array", kind_name(v));
  }
  static bool object(sax_decoder& d, void*) { return d.expected("array", "object"); }
  static void item(frame& f) {
    V& v = *static_cast<V*>(f.obj);
    f.index = v.size();
    f.next.p = &v.emplace_back();
  }
  static bool end(sax_decoder&, frame&) { return true; }
  static constexpr frame_ops ops = {nullptr, &item, &end};
  static bool array(sax_decoder& d, void* p) {
    V& v = *static_cast<V*>(p);
    v.clear();
    d.push(make_frame(frame::array, &ops, p, &sink_for<U>));
    return true;
  }
};

template <class U, class C, class A>
struct sink_of<std::map<std::string, U, C, A>> {
  using M = std::map<std::string, U, C, A>;
  static bool scalar(sax_decoder& d, void*, const json_scalar& v, bool) {
    return d.expected("object", kind_name(v));
  }
  static bool array(sax_decoder& d, void*) { return d.expected("object", "array"); }
  static void key(sax_decoder&, frame& f, std::string_view k, const decode_options&) {
    auto [it, inserted] = static_cast<M*>(f.obj)->try_emplace(std::string(k));
    if (!inserted) it->second = U{};  // a repeated key: the last one counts
    f.set_segment(it->first);
    f.next.p = &it->second;
  }
  static bool end(sax_decoder&, frame&) { return true; }
  static constexpr frame_ops ops = {&key, nullptr, &end};
  static bool object(sax_decoder& d, void* p) {
    static_cast<M*>(p)->clear();
    d.push(make_frame(frame::map, &ops, p, &sink_for<U>));
    return true;
  }
};

// What the decoder needs about one described member, without its type.
struct member_entry {
  std::string_view json_name;
  void* (*address)(void* obj);
  void (*clear)(void* member);  // back to a value-initialized member
  const sink* s;
  bool lenient;
  bool body;       // travels in the JSON body (not a path/query/header/file member)
  bool absent_ok;  // may be missing: std::optional or opaque JSON
};

template <class T, class D>
void* member_address(void* obj) {
  return &(static_cast<T*>(obj)->*D::pointer);
}

template <class M>
void clear_member(void* p) {
  *static_cast<M*>(p) = M{};
}

template <class T, class D, std::size_t I>
constexpr member_entry make_member_entry() {
  using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>;
  constexpr const meta::field& f = meta::fields_of<T>::fields[I];
  if constexpr (std::is_same_v<M, file_part>) {
    return {f.json_name, nullptr, nullptr, nullptr, false, false, true};
  } else {
    return {f.json_name, &member_address<T, D>, &clear_member<M>, &sink_for<M>,
            f.lenient,   f.in == meta::location::body, is_absent_ok_v<M>};
  }
}

template <class T, class... D, std::size_t... I>
constexpr std::array<member_entry, sizeof...(D)> make_member_table(boost::mp11::mp_list<D...>,
                                                                   std::index_sequence<I...>) {
  return {{make_member_entry<T, D, I>()...}};
}

template <class T>
struct member_table {
  using described = boost::describe::describe_members<T, boost::describe::mod_public>;
  static_assert(boost::mp11::mp_size<described>::value == meta::fields_of<T>::fields.size(),
                "fields_of<T> must list one field per described member");
  static constexpr std::array<member_entry, meta::fields_of<T>::fields.size()> members =
      make_member_table<T>(boost::mp11::mp_rename<described, boost::mp11::mp_list>{},
                           std::make_index_sequence<meta::fields_of<T>::fields.size()>{});
};

// A generated struct: keys go through its key table; missing members are checked at the end.
template <class T>
struct struct_sink {
  using table = member_table<T>;
  using keys = key_table<T>;

  static bool scalar(sax_decoder& d, void*, const json_scalar& v, bool) {
    return d.expected("object", kind_name(v));
  }
  static bool array(sax_decoder& d, void*) { return d.expected("object", "array"); }

  static void key(sax_decoder&, frame& f, std::string_view k, const decode_options& opt) {
    key_match m = keys::find(k, f.index, opt.case_insensitive_keys);
    if (m.index < 0) {
      f.next.p = nullptr;  // unknown key: skip its value
      return;
    }
    const std::uint64_t bit = std::uint64_t(1) << m.index;
    // The member's own name beats an alias; a case-insensitive match only fills an empty member.
    bool take = m.how == key_match::name || (m.how == key_match::alias ? !(f.exact & bit) : !(f.seen & bit));
    if (!take) {
      f.next.p = nullptr;
      return;
    }
    const auto& e = table::members[static_cast<std::size_t>(m.index)];
    void* member = e.address(f.obj);
    if (f.seen & bit) e.clear(member);  // a repeated key: the last one counts
    f.seen |= bit;
    if (m.how == key_match::name) f.exact |= bit;
    f.index = static_cast<std::size_t>(m.index) + 1;
    f.set_segment(e.json_name);
    f.next = slot{member, e.s, e.lenient};
  }

  static bool end(sax_decoder& d, frame& f) {
    if ((f.seen & keys::body_mask) == keys::body_mask) return true;
    for (std::size_t i = 0; i < table::members.size(); ++i) {
      const auto& e = table::members[i];
      if (!e.body || (f.seen >> i) & 1) continue;
      if (e.absent_ok) {
        e.clear(e.address(f.obj));  // absent: empty, even where the struct has a default
      } else {
        f.set_segment(e.json_name);
        return d.fail("missing required field");
      }
    }
    return true;
  }

  static constexpr frame_ops ops = {&key, nullptr, &end};

  static bool object(sax_decoder& d, void* p) {
    d.push(make_frame(frame::struct_, &ops, p));
    return true;
  }
};

template <class T>
struct sink_of : struct_sink<T> {
  static_assert(meta::is_generated_struct<T>::value, "kaizala: no JSON mapping for this type");
};

// Replays a DOM as parser events, so a boost::json::value is read by the same code as text.
inline void replay(const boost::json::value& v, sax_decoder& h) {
  boost::json::error_code ec;
  switch (v.kind()) {
    case boost::json::kind::null: h.on_null(ec); break;
    case boost::json::kind::bool_: h.on_bool(v.get_bool(), ec); break;
    case boost::json::kind::int64: h.on_int64(v.get_int64(), {}, ec); break;
    case boost::json::kind::uint64: h.on_uint64(v.get_uint64(), {}, ec); break;
    case boost::json::kind::double_: h.on_double(v.get_double(), {}, ec); break;
    case boost::json::kind::string: h.on_string(v.get_string(), v.get_string().size(), ec); break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      h.on_array_begin(ec);
      for (const auto& x : a) replay(x, h);
      h.on_array_end(a.size(), ec);
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      h.on_object_begin(ec);
      for (const auto& kv : o) {
        h.on_key(kv.key(), kv.key().size(), ec);
        replay(kv.value(), h);
      }
      h.on_object_end(o.size(), ec);
      break;
    }
  }
}

// "(root): invalid JSON at byte N: ..." or "(root): empty body, expected JSON".
inline bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

inline error syntax_error(bool blank, std::size_t used, const boost::json::error_code& ec) {
  error e;
  e.kind = error_kind::decode;
  if (blank)
    e.message = "(root): empty body, expected JSON";
  else
    e.message = "(root): invalid JSON at byte " + std::to_string(used) + ": " + ec.message();
  return e;
}

// The syntax error of invalid text, worded and placed (byte offset) exactly as a
// stream_parser fed the whole text and then finished reports it.
inline error syntax_error_in(std::string_view text) {
  decode_options opt;
  boost::json::basic_parser<sax_decoder> p(boost::json::parse_options{}, opt,
                                           slot{nullptr, nullptr, false});  // reads nothing
  boost::json::error_code ec;
  std::size_t used = p.write_some(true, text.data(), text.size(), ec);
  if (!ec) p.write_some(false, nullptr, 0, ec);
  if (!ec) ec = boost::json::error::extra_data;  // not reached: the caller saw an error
  return syntax_error(is_blank(text), used, ec);
}

// Reads a T from JSON text fed in one or more pieces (write() then finish()).
template <class T>
class text_decoder {
 public:
  explicit text_decoder(const decode_options& opt = {})
      : opt_(opt), parser_(boost::json::parse_options{}, opt_, slot{&out_, &sink_for<T>, false}) {}

  // Feeds the next piece; false once the text is known to be invalid.
  bool write(std::string_view piece) {
    if (ec_) return false;
    text_seen_ |= !is_blank(piece);
    used_ += parser_.write_some(true, piece.data(), piece.size(), ec_);
    return !ec_;
  }

  // Ends the text and returns the value or the first error.
  result<T> finish() {
    if (!ec_) parser_.write_some(false, nullptr, 0, ec_);
    if (ec_) return syntax_error(!text_seen_, used_, ec_);
    if (parser_.handler().failed()) return std::move(*parser_.handler().failure());
    return std::move(out_);
  }

 private:
  T out_{};
  decode_options opt_;  // the handler keeps a reference: it must outlive the parser
  boost::json::basic_parser<sax_decoder> parser_;
  boost::json::error_code ec_;
  std::size_t used_ = 0;
  bool text_seen_ = false;
};

template <class T>
result<T> decode_text(std::string_view text, const decode_options& opt) {
  T out{};
  boost::json::basic_parser<sax_decoder> p(boost::json::parse_options{}, opt,
                                           slot{&out, &sink_for<T>, false});
  boost::json::error_code ec;
  // All the text in one call (more = false): the parser never suspends, so it never allocates.
  std::size_t used = p.write_some(false, text.data(), text.size(), ec);
  if (ec || used != text.size()) return syntax_error_in(text);
  if (p.handler().failed()) return std::move(*p.handler().failure());
  return out;
}

template <class T>
result<T> decode_value(const boost::json::value& v, const decode_options& opt) {
  T out{};
  sax_decoder h(opt, slot{&out, &sink_for<T>, false});
  replay(v, h);
  if (h.failed()) return std::move(*h.failure());
  return out;
}

}  // namespace detail
}  // namespace kaizala
