// Definitions of kaizala/detail/json_decode.hpp (inline unless KAIZALA_SEPARATE_COMPILATION): the
// SAX handler that boost::json::basic_parser drives and the non-template entry points. Only this
// file instantiates basic_parser<sax_decoder>; a separately compiled program compiles it once.
// With KAIZALA_SMALL_DECODER (config.hpp) nothing does: text goes through Boost.JSON's compiled
// parser into a DOM that the same handler reads.
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/json_decode.hpp>

#include <boost/json/stream_parser.hpp>
#if defined(KAIZALA_SMALL_DECODER)
#include <boost/json/monotonic_resource.hpp>
#else
#include <boost/json/basic_parser_impl.hpp>
#endif
#include <boost/json/value_stack.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kaizala {
namespace detail {

// One container being filled. Trivial on purpose: the decoder keeps 65 of them and
// initializes one only when it is pushed. Frame 0 holds the root slot.
struct frame {
  const type_desc* type;      // object, map or array; nullptr for the root
  const struct_desc* fields;  // object: type->fields, one load nearer
  void* obj;
  slot next;            // where the value after the current key (or the current item) goes
  std::uint64_t seen;   // object: one bit per member met
  std::uint64_t exact;  // object: members met under their own name (beats aliases)
  std::size_t index;    // array: index of the current item; object: one past the current member
  // map: the current key (an object names its member through `index`). Two raw fields, since a
  // std::string_view member would make the frame non-trivial.
  const char* segment_data;
  std::size_t segment_size;
  // array near the root: where the first key of item 0 and of item 1 are in the text, to guess
  // how many items follow (reserve_items).
  const char* first_item;
  const char* second_item;
  type_desc::kind_t kind;
  bool marks_item;  // object: its first key tells the array it is in where it starts

  std::string_view segment() const noexcept { return {segment_data, segment_size}; }
  void set_segment(std::string_view s) noexcept {
    segment_data = s.data();
    segment_size = s.size();
  }
};

// One JSON scalar as the parser reported it; only the field of `kind` is meaningful.
struct json_scalar {
  enum kind_t : unsigned char { null, boolean, int64, uint64, dbl, string };
  kind_t kind = null;
  bool b;
  std::int64_t i;
  std::uint64_t u;
  double d;
  std::string_view s;
};

inline std::string_view kind_name(const json_scalar& v) noexcept {
  switch (v.kind) {
    case json_scalar::null:
      return "null";
    case json_scalar::boolean:
      return "bool";
    case json_scalar::string:
      return "string";
    default:
      return "number";
  }
}

// --- the handler basic_parser drives -------------------------------------------

// The events of every object, key and string: inlined into basic_parser<sax_decoder>, which saves a
// call per event (about 5% of decoding FetchMembers-1000). The small decoder, built for size,
// replays a DOM and keeps them as calls.
#if defined(KAIZALA_SMALL_DECODER)
#define KAIZALA_DECODE_EVENT inline
#else
#define KAIZALA_DECODE_EVENT BOOST_FORCEINLINE
#endif

class sax_decoder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  // Frames for typed containers. The parser refuses documents deeper than
  // parse_options::max_depth (32) first; only a replayed DOM can come here.
  static constexpr std::size_t max_frames = 64;

  // The first decode error goes to `failure`. Call set_root() before the first event.
  sax_decoder(const decode_options& opt, maybe_error& failure)
      : any_case_(opt.case_insensitive_keys),
        skip_mask_(opt.read_write_only ? 0 : ~std::uint64_t(0)),
        failure_(failure),
        opt_(opt) {
    top_ = frames_.data();
  }

  // Variants met while reading share `budget` (an attempt at an alternative); by default each
  // variant value starts a budget of its own.
  void set_budget(std::size_t* budget) noexcept { budget_ = budget; }

  // The whole text being read, when it is in one piece: then the item count of a long array can
  // be guessed from its first items (reserve_items).
  void set_text(std::string_view text) noexcept {
    text_begin_ = text.data();
    text_end_ = text.data() + text.size();
  }

  // Where the document goes.
  void set_root(slot root) {
    frame& f = frames_[0];
    f.type = nullptr;
    f.obj = nullptr;
    f.kind = type_desc::object;  // anything but array: take() then reads `next`
    f.marks_item = false;
    // The branch between the two stores keeps GCC from joining them into one 16-byte move that
    // reloads the slot from the stack (a store-forwarding stall on every call).
    f.next.type = root.type;
    if (root.p == nullptr) enter(skip);
    f.next.p = root.p;
  }

  bool failed() const noexcept { return mode_ == failed_; }

  // --- basic_parser events -------------------------------------------------
  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }

  KAIZALA_DECODE_EVENT bool on_object_begin(boost::json::error_code&) {
    if (mode_ != read) return nest(), true;
    slot s = take();
    if (s.p != nullptr && s.type->kind == type_desc::object) {  // the common case: a struct
      const frame& parent = *top_;
      push(s.type, s.p, nullptr);
      if (parent.kind == type_desc::array && parent.index < 2 && &parent <= &frames_[2] &&
          text_end_ != nullptr)
        top_->marks_item = true;
    } else {
      begin_object(s);
    }
    return true;
  }
  KAIZALA_DECODE_EVENT bool on_object_end(std::size_t n, boost::json::error_code&) {
    if (mode_ == read)
      end_frame();
    else if (mode_ == capture)
      capture_->values.push_object(n), end_capture_level();
    else if (mode_ == skip)
      unnest();
    return true;
  }
  bool on_array_begin(boost::json::error_code&) {
    if (mode_ != read) return nest(), true;
    slot s = take();
    if (s.p == nullptr)
      enter(skip);
    else
      begin_array(s);
    return true;
  }
  bool on_array_end(std::size_t n, boost::json::error_code&) {
    if (mode_ == read)
      --top_;  // an array frame never fails at its end
    else if (mode_ == capture)
      capture_->values.push_array(n), end_capture_level();
    else if (mode_ == skip)
      unnest();
    return true;
  }

  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (mode_ == read)
      part_buf_.append(s.data(), s.size());
    else if (mode_ == capture)
      capture_->values.push_chars(s);
    return true;
  }
  KAIZALA_DECODE_EVENT bool on_key(boost::json::string_view s, std::size_t,
                                   boost::json::error_code&) {
    if (mode_ == read) {
      if (part_buf_.empty()) {
        key(std::string_view(s.data(), s.size()));
      } else {
        key(part_buf_.append(s.data(), s.size()));
        part_buf_.clear();
      }
    } else if (mode_ == capture) {
      capture_->values.push_key(s);
    }
    return true;
  }

  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    if (mode_ == read)
      part_buf_.append(s.data(), s.size());
    else if (mode_ == capture)
      capture_->values.push_chars(s);
    return true;
  }
  KAIZALA_DECODE_EVENT bool on_string(boost::json::string_view s, std::size_t,
                                      boost::json::error_code&) {
    if (mode_ == read) {
      if (part_buf_.empty()) {
        string(std::string_view(s.data(), s.size()));
      } else {
        string(part_buf_.append(s.data(), s.size()));
        part_buf_.clear();
      }
    } else if (mode_ == capture) {
      capture_->values.push_string(s);
    }
    return true;
  }

  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    if (mode_ == read) {
      integer(i);
    } else if (mode_ == capture) {
      capture_->values.push_int64(i);
    }
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    if (mode_ == read) {
      json_scalar v;
      v.kind = json_scalar::uint64;
      v.u = u;
      scalar(v);
    } else if (mode_ == capture) {
      capture_->values.push_uint64(u);
    }
    return true;
  }
  bool on_double(double d, boost::json::string_view, boost::json::error_code& ec) {
    // Boost.JSON reads 1e999 as infinity; JSON has no such number: a syntax error in text, a
    // decode error in a replayed DOM (whose error code nobody reads).
    if (!std::isfinite(d)) {
      ec = boost::json::error::exponent_overflow;
      if (mode_ == read || mode_ == capture) fail("number beyond the range of double");
      return false;
    }
    if (mode_ == read) {
      json_scalar v;
      v.kind = json_scalar::dbl;
      v.d = d;
      scalar(v);
    } else if (mode_ == capture) {
      capture_->values.push_double(d);
    }
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    if (mode_ == read) {
      boolean(b);
    } else if (mode_ == capture) {
      capture_->values.push_bool(b);
    }
    return true;
  }
  bool on_null(boost::json::error_code&) {
    if (mode_ == read) {
      json_scalar v;
      v.kind = json_scalar::null;
      scalar(v);
    } else if (mode_ == capture) {
      capture_->values.push_null();
    }
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  // read: typed handling; skip: inside a value nobody wants; capture: inside a `json` member;
  // failed: after the first decode error, nothing more is read.
  enum mode_t : unsigned char { read, skip, capture, failed_ };

  // Ends the typed reading with a decode error at the current path.
  bool fail(std::string_view what);
  json_path current_path() const {
    json_path path;
    for (const frame* f = &frames_[1]; f <= top_; ++f) {
      if (f->kind == type_desc::array)
        path.push_index(f->index);
      else if (f->kind == type_desc::map)
        path.push_key(f->segment());
      else
        path.push_key(f->index == 0 ? std::string_view() : f->fields->keys[f->index - 1].json_name);
    }
    return path;
  }
  bool expected(std::string_view want, std::string_view got);

  void enter(mode_t m) {
    mode_ = m;
    nesting_ = 1;
  }
  void nest() {
    if (mode_ != failed_) ++nesting_;
  }
  void unnest() {
    if (--nesting_ == 0) mode_ = read;
  }
  void end_capture_level() {
    if (--nesting_ == 0) {
      *capture_target_ = capture_->values.release();
      mode_ = read;
      if (variant_slot_.p != nullptr) {
        slot s = variant_slot_;
        variant_slot_ = slot{nullptr, nullptr};
        finish_variant(s, capture_->variant_value);
      }
    }
  }

  // A variant's value is collected whole (bounded like any `json` member), then read by its
  // alternatives (decode_variant).
  void begin_variant(slot s) {
    variant_slot_ = s;
    begin_capture(&capture_state().variant_value);
  }
  void finish_variant(slot s, const boost::json::value& v);
  bool fail_within(const error& inner);

  // The slot of the value that starts now.
  BOOST_FORCEINLINE slot take() {
    frame& f = *top_;
    if (f.kind == type_desc::array) {
      if (f.next.p != nullptr) ++f.index;
      if (f.index == 2 && f.second_item != nullptr) reserve_items(f);
      f.next.p = f.type->emplace(f.obj);
    }
    return f.next;
  }

  // Opens a container frame; its first key or item sets frame::next.
  void push(const type_desc* t, void* obj, const type_desc* items) {
    if (top_ == &frames_[max_frames]) {
      fail("nesting too deep");
      return;
    }
    frame& f = *++top_;
    f.type = t;
    f.fields = t->fields;
    f.obj = obj;
    f.next = slot{nullptr, items};
    f.seen = 0;
    f.exact = 0;
    f.index = 0;
    f.first_item = nullptr;
    f.second_item = nullptr;
    f.kind = t->kind;
    f.marks_item = false;
  }

  // A `json` member that is an object or array: collect it as a DOM.
  void begin_capture(void* out) {
    capture_state().values.reset();
    capture_target_ = static_cast<boost::json::value*>(out);
    enter(capture);
  }

  // A std::optional (other than of a scalar) takes a non-null value into a fresh value.
  static void unwrap(slot& s) {
    while (s.type->kind == type_desc::optional) {
      s.p = s.type->emplace(s.p);
      s.type = s.type->item;
    }
  }

  // What a scalar type wants, for "expected ..., got object/array".
  static std::string_view scalar_want(type_desc::kind_t k) {
    switch (k) {
      case type_desc::boolean:
      case type_desc::opt_boolean:
        return "bool";
      case type_desc::int32:
      case type_desc::int64:
      case type_desc::opt_int32:
      case type_desc::opt_int64:
        return "integer";
      case type_desc::number:
      case type_desc::opt_number:
        return "number";
      default:
        return "string";
    }
  }

  BOOST_NOINLINE void begin_object(slot s) {
    if (s.p == nullptr) return enter(skip);
    unwrap(s);
    switch (s.type->kind) {
      case type_desc::object:
        push(s.type, s.p, nullptr);
        break;
      case type_desc::map:
        s.type->clear(s.p);
        push(s.type, s.p, s.type->item);
        break;
      case type_desc::json:
        begin_capture(s.p);
        break;
      case type_desc::variant:
        begin_variant(s);
        break;
      case type_desc::array:
        expected("array", "object");
        break;
      default:
        expected(scalar_want(s.type->kind), "object");
        break;
    }
  }

  void begin_array(slot s) {
    unwrap(s);
    switch (s.type->kind) {
      case type_desc::array:
        s.type->clear(s.p);
        push(s.type, s.p, s.type->item);
        break;
      case type_desc::json:
        begin_capture(s.p);
        break;
      case type_desc::variant:
        begin_variant(s);
        break;
      case type_desc::object:
      case type_desc::map:
        expected("object", "array");
        break;
      default:
        expected(scalar_want(s.type->kind), "array");
        break;
    }
  }

  BOOST_FORCEINLINE void key(std::string_view k) {
    frame& f = *top_;
    if (BOOST_UNLIKELY(f.marks_item)) mark_item(f, k);
    if (f.kind != type_desc::object) return map_key(f, k);
    // Most keys come in declaration order: try the member after the last one first.
    const struct_desc& sd = *f.fields;
    const std::size_t i = f.index;
    const std::uint64_t bit = std::uint64_t(1) << (i & 63);
    if (i < sd.size && same_text(sd.keys[i].json_name, k) && sd.keys[i].body &&
        !(bit & sd.write_only_mask & skip_mask_)) {
      f.seen |= bit;
      f.exact |= bit;
      f.index = i + 1;
      f.next = slot{sd.member_at(f.obj, i), sd.members[i].type};
      return;
    }
    member_key(f, k);
  }

  // The first key of item 0 or 1 of an array near the root, if it lies in the text (not in
  // part_buf_).
  BOOST_NOINLINE void mark_item(frame& f, std::string_view k) {
    f.marks_item = false;
    frame& items = *(&f - 1);
    const std::less<const char*> before;
    if (before(k.data(), text_begin_) || !before(k.data(), text_end_)) return;
    if (items.index == 0)
      items.first_item = k.data();
    else if (items.first_item != nullptr && before(items.first_item, k.data()))
      items.second_item = k.data();
  }

  // Before the third item: room for as many items as the rest of the text holds if they are as
  // long as the first one, the memory bounded by that text. A long list then grows once, not ten
  // times (the moves were about 8% of reading FetchMembers-1000).
  BOOST_NOINLINE void reserve_items(frame& f) {
    const auto per_item = static_cast<std::size_t>(f.second_item - f.first_item);
    const auto rest = static_cast<std::size_t>(text_end_ - f.second_item);
    f.second_item = nullptr;  // once
    f.type->reserve(f.obj, 2 + rest / per_item, rest);
  }

  BOOST_NOINLINE void map_key(frame& f, std::string_view k) {
    std::string_view stored;
    f.next.p = f.type->insert(f.obj, k, stored);
    f.set_segment(stored);
  }

  BOOST_NOINLINE void member_key(frame& f, std::string_view k) {
    const struct_desc& sd = *f.fields;
    const key_match m = search_member(sd.keys, sd.size, k, any_case_);
    if (m.index < 0) {
      f.next.p = nullptr;  // unknown key: skip its value
      return;
    }
    const auto i = static_cast<std::size_t>(m.index);
    const std::uint64_t bit = std::uint64_t(1) << i;
    if (bit & sd.write_only_mask & skip_mask_) {  // writeOnly: never read from an answer
      f.next.p = nullptr;
      return;
    }
    // The member's own name beats an alias; a case-insensitive match only fills an empty member.
    // A repeated key needs no clearing: every value replaces what the member held (containers
    // are emptied when they begin, a struct's absent members are reset at its end).
    if (m.how != key_match::name &&
        (m.how == key_match::alias ? (f.exact & bit) : (f.seen & bit))) {
      f.next.p = nullptr;
      return;
    }
    f.seen |= bit;
    if (m.how == key_match::name) f.exact |= bit;
    f.index = i + 1;
    f.next = slot{sd.member_at(f.obj, i), sd.members[i].type};
  }

  BOOST_FORCEINLINE void end_frame() {
    if (top_->kind == type_desc::object && !end_object(*top_))
      return;  // the error names the missing member
    --top_;
  }

  bool end_object(frame& f) {
    const struct_desc& sd = *f.fields;
    const std::uint64_t want = sd.body_mask & ~(sd.write_only_mask & skip_mask_);
    if ((f.seen & want) == want) return true;
    for (std::size_t i = 0; i < sd.size; ++i) {
      if (!((want >> i) & 1) || (f.seen >> i) & 1) continue;
      const member_desc& e = sd.members[i];
      if (e.absent_ok) {
        e.type->clear(
            sd.member_at(f.obj, i));  // absent: empty, even where the struct has a default
      } else {
        f.index = i + 1;  // the path names the missing member
        return fail("missing required field");
      }
    }
    return true;
  }

  static BOOST_FORCEINLINE void set_string(std::string& out, std::string_view text) {
    // Constructing and moving in skips the aliasing checks of assign().
    if (out.empty())
      out = std::string(text.data(), text.size());
    else
      out.assign(text.data(), text.size());
  }

  BOOST_FORCEINLINE void string(std::string_view text) {
    slot s = take();
    if (s.p == nullptr) return;
    if (s.type->kind == type_desc::string) return set_string(*static_cast<std::string*>(s.p), text);
    if (s.type->kind == type_desc::opt_string) {
      auto& o = *static_cast<std::optional<std::string>*>(s.p);
      if (o)
        set_string(*o, text);
      else
        o.emplace(text.data(), text.size());
      return;
    }
    if (s.type->kind == type_desc::enumeration && !s.type->values->integer)
      return set_enum(*s.type->values, s.p, text);
    if (s.type->kind == type_desc::optional && s.type->item->kind == type_desc::enumeration &&
        !s.type->item->values->integer)
      return set_enum(*s.type->item->values, s.type->emplace(s.p), text);
    string_slow(s, text);
  }

  // Stores the enumerator named `text`. Forward compatible: a value this binding does not know is
  // kept, not refused.
  static void set_enum(const enum_desc& e, void* out, std::string_view text) {
    // Exact spelling first, then any casing (the service compared case-insensitively).
    std::size_t i = 0;
    while (i < e.size && !same_text(e.names[i], text)) ++i;
    if (i == e.size) {
      i = 0;
      while (i < e.size && !iequals(e.names[i], text)) ++i;
    }
    e.set(out, i, text);  // i == size: unknown
  }

  // The slow paths of string(), boolean() and integer().
  BOOST_NOINLINE void string_slow(slot s, std::string_view text) {
    json_scalar v;
    v.kind = json_scalar::string;
    v.s = text;
    read_scalar(s, v);
  }

  void scalar(const json_scalar& v) {
    slot s = take();
    if (s.p != nullptr) read_scalar(s, v);
  }

  BOOST_FORCEINLINE void boolean(bool b) {
    slot s = take();
    if (s.p == nullptr) return;
    if (s.type->kind == type_desc::boolean)
      *static_cast<bool*>(s.p) = b;
    else if (s.type->kind == type_desc::opt_boolean)
      *static_cast<std::optional<bool>*>(s.p) = b;
    else
      boolean_slow(s, b);
  }

  BOOST_FORCEINLINE void integer(std::int64_t i) {
    slot s = take();
    if (s.p == nullptr) return;
    if (s.type->kind == type_desc::int64)
      *static_cast<std::int64_t*>(s.p) = i;
    else if (s.type->kind == type_desc::opt_int64)
      *static_cast<std::optional<std::int64_t>*>(s.p) = i;
    else
      integer_slow(s, i);
  }

  BOOST_NOINLINE void boolean_slow(slot s, bool b) {
    json_scalar v;
    v.kind = json_scalar::boolean;
    v.b = b;
    read_scalar(s, v);
  }
  BOOST_NOINLINE void integer_slow(slot s, std::int64_t i) {
    json_scalar v;
    v.kind = json_scalar::int64;
    v.i = i;
    read_scalar(s, v);
  }

  BOOST_NOINLINE void read_scalar(slot s, const json_scalar& v) {
    if (s.type->kind == type_desc::optional) {
      if (v.kind == json_scalar::null)  // null empties the optional; a nullable holds null
        return s.type->set_null ? s.type->set_null(s.p) : s.type->clear(s.p);
      unwrap(s);
    }
    const bool lenient = s.type->lenient;
    switch (s.type->kind) {
      case type_desc::string:
        if (v.kind != json_scalar::string)
          expected("string", kind_name(v));
        else
          set_string(*static_cast<std::string*>(s.p), v.s);
        break;
      case type_desc::opt_string:
        read_optional<std::string>(s.p, v, [&](std::string& x) {
          if (v.kind != json_scalar::string) return expected("string", kind_name(v));
          return x.assign(v.s.data(), v.s.size()), true;
        });
        break;
      case type_desc::boolean:
        read_bool(*static_cast<bool*>(s.p), v, lenient);
        break;
      case type_desc::opt_boolean:
        read_optional<bool>(s.p, v, [&](bool& x) { return read_bool(x, v, lenient); });
        break;
      case type_desc::int32:
        read_integer(*static_cast<std::int32_t*>(s.p), v, lenient);
        break;
      case type_desc::opt_int32:
        read_optional<std::int32_t>(s.p, v,
                                    [&](std::int32_t& x) { return read_integer(x, v, lenient); });
        break;
      case type_desc::int64:
        read_integer(*static_cast<std::int64_t*>(s.p), v, lenient);
        break;
      case type_desc::opt_int64:
        read_optional<std::int64_t>(s.p, v,
                                    [&](std::int64_t& x) { return read_integer(x, v, lenient); });
        break;
      case type_desc::number:
        read_double(*static_cast<double*>(s.p), v, lenient);
        break;
      case type_desc::opt_number:
        read_optional<double>(s.p, v, [&](double& x) { return read_double(x, v, lenient); });
        break;
      case type_desc::enumeration:
        if (s.type->values->integer)
          read_enum_number(*s.type->values, s.p, v);
        else if (v.kind != json_scalar::string)
          expected("string", kind_name(v));
        else
          set_enum(*s.type->values, s.p, v.s);
        break;
      case type_desc::json: {  // opaque JSON: scalars are stored as they come
        auto& out = *static_cast<boost::json::value*>(s.p);
        switch (v.kind) {
          case json_scalar::null:
            out = nullptr;
            break;
          case json_scalar::boolean:
            out = v.b;
            break;
          case json_scalar::int64:
            out = v.i;
            break;
          case json_scalar::uint64:
            out = v.u;
            break;
          case json_scalar::dbl:
            out = v.d;
            break;
          case json_scalar::string:
            out = boost::json::string_view(v.s.data(), v.s.size());
            break;
        }
        break;
      }
      case type_desc::variant: {
        boost::json::value x;
        switch (v.kind) {
          case json_scalar::null:
            break;
          case json_scalar::boolean:
            x = v.b;
            break;
          case json_scalar::int64:
            x = v.i;
            break;
          case json_scalar::uint64:
            x = v.u;
            break;
          case json_scalar::dbl:
            x = v.d;
            break;
          case json_scalar::string:
            x = boost::json::string_view(v.s.data(), v.s.size());
            break;
        }
        finish_variant(s, x);
        break;
      }
      case type_desc::array:
        expected("array", kind_name(v));
        break;
      default:
        expected("object", kind_name(v));
        break;  // object, map
    }
  }
  bool read_bool(bool& out, const json_scalar& v, bool lenient);
  bool read_enum_number(const enum_desc& e, void* out, const json_scalar& v);
  template <class I>
  bool read_integer(I& out, const json_scalar& v, bool lenient);
  bool read_double(double& out, const json_scalar& v, bool lenient);

  // null empties the optional; anything else is read into a value then stored.
  template <class V, class Read>
  static void read_optional(void* p, const json_scalar& v, Read read) {
    auto& o = *static_cast<std::optional<V>*>(p);
    if (v.kind == json_scalar::null) return o.reset();
    V x{};
    if (read(x)) o = x;
  }

  mode_t mode_ = read;
  bool any_case_;
  std::uint64_t skip_mask_;  // and-ed with a struct's write_only_mask: the members not read
  frame* top_;               // the innermost container being filled
  std::size_t nesting_ = 0;  // skip, capture: depth inside the value
  const char* text_begin_ = nullptr;  // set_text: the text, when it is read in one piece
  const char* text_end_ = nullptr;
  maybe_error& failure_;
  std::string part_buf_;  // a key or string the parser delivered in parts
  // Made on the first `json` member or variant only: most documents have none, and a
  // boost::json::value costs a call to destroy.
  struct capture_t {
    boost::json::value_stack values;
    boost::json::value variant_value;  // the value of the variant being collected
  };
  capture_t& capture_state() {
    if (!capture_) capture_.emplace();
    return *capture_;
  }
  std::optional<capture_t> capture_;
  boost::json::value* capture_target_ = nullptr;
  slot variant_slot_{nullptr, nullptr};  // the variant whose value is being collected
  std::size_t* budget_ = nullptr;        // shared with the decoder of an enclosing variant, if any
  std::size_t own_budget_ = 0;
  decode_options opt_{};
  std::array<frame, max_frames + 1> frames_;  // only [0, top_] is meaningful
};
#undef KAIZALA_DECODE_EVENT

inline bool sax_decoder::fail(std::string_view what) {
  json_path path = current_path();
  error& e = failure_.emplace();
  e.kind = error_kind::decode;
  e.path = path.str();
  e.message = at_path(path, what);
  mode_ = failed_;
  return false;
}

// Values in a DOM, counted up to `limit` (the cost of replaying it).
inline std::size_t count_values(const boost::json::value& v, std::size_t limit) {
  std::size_t n = 1;
  if (const auto* a = v.if_array()) {
    for (const auto& x : *a)
      if ((n += count_values(x, limit - n)) > limit) break;
  } else if (const auto* o = v.if_object()) {
    for (const auto& kv : *o)
      if ((n += count_values(kv.value(), limit - n)) > limit) break;
  }
  return n;
}

inline void sax_decoder::finish_variant(slot s, const boost::json::value& v) {
  std::size_t* budget = budget_;
  if (budget == nullptr) {
    // Room to try every alternative of a few nested levels; not enough for nested variants that
    // would try alternatives without end.
    own_budget_ = 16 * count_values(v, std::size_t(-1) / 32) + 4096;
    budget = &own_budget_;
  }
  if (maybe_error e = s.type->decode_variant(s.p, v, opt_, *budget)) fail_within(*e);
}

// The error of a variant's value, its path made whole with the path to the value.
inline bool sax_decoder::fail_within(const error& inner) {
  std::string path = current_path().str();
  if (!inner.path.empty()) {
    if (!path.empty() && inner.path[0] != '[') path += '.';
    path += inner.path;
  }
  std::string_view what = inner.message;
  std::string inner_at = (inner.path.empty() ? std::string("(root)") : inner.path) + ": ";
  if (what.substr(0, inner_at.size()) == inner_at) what.remove_prefix(inner_at.size());
  error& e = failure_.emplace();
  e.kind = error_kind::decode;
  e.path = path;
  e.message = path.empty() ? "(root)" : path;
  e.message += ": ";
  e.message += what;
  mode_ = failed_;
  return false;
}

inline bool sax_decoder::expected(std::string_view want, std::string_view got) {
  std::string what = "expected ";
  what += want;
  what += ", got ";
  what += got;
  return fail(what);
}

// --- scalars -------------------------------------------------------------

inline bool sax_decoder::read_bool(bool& out, const json_scalar& v, bool lenient) {
  if (v.kind == json_scalar::boolean) return (out = v.b), true;
  if (lenient && v.kind == json_scalar::string) {
    if (iequals(v.s, "true")) return (out = true), true;
    if (iequals(v.s, "false")) return (out = false), true;
    return fail("expected bool or \"true\"/\"false\", got another string");
  }
  return expected(lenient ? "bool or \"true\"/\"false\"" : "bool", kind_name(v));
}

template <class I>
bool sax_decoder::read_integer(I& out, const json_scalar& v, bool lenient) {
  constexpr std::string_view range =
      sizeof(I) == 4 ? "number out of range for int32" : "number out of range for int64";
  switch (v.kind) {
    case json_scalar::int64:
      if (v.i < std::numeric_limits<I>::min() || v.i > std::numeric_limits<I>::max())
        return fail(range);
      return (out = static_cast<I>(v.i)), true;
    case json_scalar::uint64:
      if (v.u > static_cast<std::uint64_t>(std::numeric_limits<I>::max())) return fail(range);
      return (out = static_cast<I>(v.u)), true;
    case json_scalar::dbl: {
      // 15.0 is an integer written the way some serializers write numbers. The upper bound is
      // exclusive: the largest int64 is not a double, and 2^63 would overflow the cast.
      if (std::trunc(v.d) != v.d) return fail("expected integer, got a number with a fraction");
      constexpr double lo = static_cast<double>(std::numeric_limits<I>::min());
      if (!(v.d >= lo && v.d < -lo)) return fail(range);
      return (out = static_cast<I>(v.d)), true;
    }
    case json_scalar::string:
      if (lenient) {
        I x{};
        auto [end, ec] = std::from_chars(v.s.data(), v.s.data() + v.s.size(), x);
        if (ec == std::errc::result_out_of_range) return fail(range);
        if (ec != std::errc() || end != v.s.data() + v.s.size() || v.s.empty())
          return fail("expected integer or a string holding one, got another string");
        return (out = x), true;
      }
      break;
    default:
      break;
  }
  return expected(lenient ? "integer or a string holding one" : "integer", kind_name(v));
}

// An integer enum's value: a JSON integer (15.0 counts, as for int64 members), stored by its
// decimal text; a number the binding does not know is kept like an unknown string.
inline bool sax_decoder::read_enum_number(const enum_desc& e, void* out, const json_scalar& v) {
  char buf[24];
  std::to_chars_result r{buf, std::errc()};
  switch (v.kind) {
    case json_scalar::int64:
      r = std::to_chars(buf, buf + sizeof buf, v.i);
      break;
    case json_scalar::uint64:
      r = std::to_chars(buf, buf + sizeof buf, v.u);
      break;
    case json_scalar::dbl: {
      if (std::trunc(v.d) != v.d) return fail("expected integer, got a number with a fraction");
      constexpr double lo = static_cast<double>(std::numeric_limits<std::int64_t>::min());
      if (!(v.d >= lo && v.d < -lo)) return fail("number out of range for int64");
      r = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(v.d));
      break;
    }
    default:
      return expected("integer", kind_name(v));
  }
  const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
  std::size_t i = 0;
  while (i < e.size && e.names[i] != text) ++i;
  e.set(out, i, text);  // i == size: unknown
  return true;
}

inline bool sax_decoder::read_double(double& out, const json_scalar& v, bool lenient) {
  switch (v.kind) {
    case json_scalar::dbl:
      return (out = v.d), true;
    case json_scalar::int64:
      return (out = static_cast<double>(v.i)), true;
    case json_scalar::uint64:
      return (out = static_cast<double>(v.u)), true;
    case json_scalar::string:
      if (lenient) {
        double x = 0;
        auto [end, ec] = std::from_chars(v.s.data(), v.s.data() + v.s.size(), x);
        if (ec != std::errc() || end != v.s.data() + v.s.size() || v.s.empty() || !std::isfinite(x))
          return fail("expected number or a string holding one, got another string");
        return (out = x), true;
      }
      break;
    default:
      break;
  }
  return expected(lenient ? "number or a string holding one" : "number", kind_name(v));
}

// Whether `v` holds a number that parsed to infinity (1e999). The depth is bounded by the
// parser's max_depth.
inline bool holds_non_finite(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::double_:
      return !std::isfinite(v.get_double());
    case boost::json::kind::array:
      for (const auto& item : v.get_array())
        if (holds_non_finite(item)) return true;
      return false;
    case boost::json::kind::object:
      for (const auto& kv : v.get_object())
        if (holds_non_finite(kv.value())) return true;
      return false;
    default:
      return false;
  }
}

// Replays a DOM as parser events, so a boost::json::value is read by the same code as text.
inline void replay(const boost::json::value& v, sax_decoder& h) {
  boost::json::error_code ec;
  switch (v.kind()) {
    case boost::json::kind::null:
      h.on_null(ec);
      break;
    case boost::json::kind::bool_:
      h.on_bool(v.get_bool(), ec);
      break;
    case boost::json::kind::int64:
      h.on_int64(v.get_int64(), {}, ec);
      break;
    case boost::json::kind::uint64:
      h.on_uint64(v.get_uint64(), {}, ec);
      break;
    case boost::json::kind::double_:
      h.on_double(v.get_double(), {}, ec);
      break;
    case boost::json::kind::string:
      h.on_string(v.get_string(), v.get_string().size(), ec);
      break;
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
inline error syntax_error(bool blank, std::size_t used, const boost::json::error_code& ec) {
  error e;
  e.kind = error_kind::decode;
  if (blank)
    e.message = "(root): empty body, expected JSON";
  else if (ec == boost::json::error::exponent_overflow)
    e.message = "(root): invalid JSON at byte " + std::to_string(used) +
                ": number beyond the range of double";
  else
    e.message = "(root): invalid JSON at byte " + std::to_string(used) + ": " + ec.message();
  return e;
}

#if defined(KAIZALA_SMALL_DECODER)
// Where the first number that no double holds (1e999) ends: the byte the fast profile names.
// Boost.JSON's parser reads such a number as infinity instead of failing.
inline std::size_t overflowing_number_end(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() &&
             std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos)
        ++end;
      const std::string number(text.substr(i, end - i));
      if (!std::isfinite(std::strtod(number.c_str(), nullptr))) return end;
      i = end - 1;
    }
  }
  return text.size();
}

KAIZALA_DECL error syntax_error_in(std::string_view text) {
  boost::json::stream_parser p;
  boost::json::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) return syntax_error(is_blank(text), used, ec);
  return syntax_error(false, overflowing_number_end(text), boost::json::error::exponent_overflow);
}

KAIZALA_DECL maybe_error decode_into(std::string_view text, const decode_options& opt, slot root) {
  // The DOM lives only while it is read: one arena, released at once, on the stack while it fits.
  unsigned char first_block[1024];
  boost::json::monotonic_resource arena(first_block, sizeof first_block);
  result<boost::json::value> dom = parse_text_to_dom(text, &arena);
  if (!dom) return maybe_error(std::move(dom.error()));
  return decode_dom(*dom, opt, root);
}
#else
KAIZALA_DECL error syntax_error_in(std::string_view text) {
  maybe_error ignored;
  boost::json::basic_parser<sax_decoder> p(boost::json::parse_options{}, decode_options{}, ignored);
  p.handler().set_root(slot{nullptr, nullptr});  // reads nothing
  boost::json::error_code ec;
  std::size_t used = p.write_some(true, text.data(), text.size(), ec);
  if (!ec) p.write_some(false, nullptr, 0, ec);
  if (!ec) ec = boost::json::error::extra_data;  // not reached: the caller saw an error
  return syntax_error(is_blank(text), used, ec);
}

KAIZALA_DECL maybe_error decode_into(std::string_view text, const decode_options& opt, slot root) {
  maybe_error failure;
  boost::json::basic_parser<sax_decoder> p(boost::json::parse_options{}, opt, failure);
  p.handler().set_root(root);
  p.handler().set_text(text);
  boost::json::error_code ec;
  // All the text in one call (more = false): the parser never suspends, so it never allocates.
  std::size_t used = p.write_some(false, text.data(), text.size(), ec);
  if (ec || used != text.size()) failure = syntax_error_in(text);
  return failure;
}

#endif

// parse_json's reading, and the small profile's first step.
KAIZALA_DECL result<boost::json::value> parse_text_to_dom(std::string_view text,
                                                          boost::json::storage_ptr sp) {
  boost::json::stream_parser p(sp);  // its scratch memory and the value's come from `sp`
  p.reset(std::move(sp));
  boost::system::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    error e;
    e.kind = error_kind::decode;
    if (is_blank(text)) {
      e.message = "(root): empty body, expected JSON";
    } else {
      e.message = "(root): invalid JSON at byte " + std::to_string(used) + ": " + ec.message();
    }
    return e;
  }
  boost::json::value v = p.release();
  if (holds_non_finite(v)) return syntax_error_in(text);  // 1e999: not a JSON number
  return v;
}

KAIZALA_DECL maybe_error decode_dom(const boost::json::value& v, const decode_options& opt,
                                    slot root) {
  maybe_error failure;
  sax_decoder h(opt, failure);
  h.set_root(root);
  replay(v, h);
  return failure;
}

KAIZALA_DECL maybe_error decode_dom_within(const boost::json::value& v, const decode_options& opt,
                                           slot root, std::size_t& budget) {
  std::size_t cost = count_values(v, budget);
  if (cost > budget) {
    budget = 0;
    maybe_error e(error{});
    e->kind = error_kind::decode;
    e->message = "(root): too many alternatives to try for the variants in this value";
    return e;
  }
  budget -= cost;
  maybe_error failure;
  sax_decoder h(opt, failure);
  h.set_budget(&budget);
  h.set_root(root);
  replay(v, h);
  return failure;
}

inline std::string_view json_kind_name(const boost::json::value& v) noexcept {
  switch (v.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "bool";
    case boost::json::kind::string:
      return "string";
    case boost::json::kind::array:
      return "array";
    case boost::json::kind::object:
      return "object";
    default:
      return "number";
  }
}

KAIZALA_DECL maybe_error pick_by_tag(const boost::json::value& v, std::string_view key,
                                     const std::string_view* tags, std::size_t size,
                                     std::size_t& pick, std::string_view name, bool any_case) {
  auto failure = [&](bool at_key, std::string_view what) {
    json_path path;
    if (at_key) path.push_key(key);
    maybe_error e(error{});
    e->kind = error_kind::decode;
    e->path = path.str();
    e->message = at_path(path, what);
    return e;
  };
  const auto* o = v.if_object();
  if (o == nullptr) return failure(false, "expected object, got " + std::string(json_kind_name(v)));
  const auto* tag = o->if_contains(boost::json::string_view(key.data(), key.size()));
  if (tag == nullptr && any_case)  // as members are matched: the exact name first, then any casing
    for (const auto& kv : *o)
      if (tag == nullptr && iequals(std::string_view(kv.key().data(), kv.key().size()), key))
        tag = &kv.value();
  if (tag == nullptr) return failure(true, "missing required field (the discriminator)");
  if (!tag->is_string())
    return failure(true, "expected string, got " + std::string(json_kind_name(*tag)));
  std::string_view text(tag->get_string().data(), tag->get_string().size());
  for (std::size_t i = 0; i < size; ++i)
    if (any_of_names(tags[i], [&](std::string_view t) { return t == text; })) {
      pick = i;
      return {};
    }
  return failure(true, "the discriminator names no alternative of " + std::string(name));
}

KAIZALA_DECL maybe_error no_alternative(std::string_view name, const error& first) {
  std::string_view what = first.message;
  std::string first_at = (first.path.empty() ? std::string("(root)") : first.path) + ": ";
  if (what.substr(0, first_at.size()) == first_at) what.remove_prefix(first_at.size());
  maybe_error e(error{});
  e->kind = error_kind::decode;
  e->message = "(root): matches no alternative of " + std::string(name) + " (alternative 1";
  if (!first.path.empty()) e->message += ", at " + first.path;
  e->message += ": ";
  e->message += what;
  e->message += ")";
  return e;
}

#if defined(KAIZALA_SMALL_DECODER)
struct text_parser::state {
  state(const decode_options& o, slot r) : opt(o), root(r) {}
  decode_options opt;
  slot root;
  boost::json::stream_parser parser;
  boost::json::error_code ec;
  std::size_t used = 0;
  bool text_seen = false;
};

KAIZALA_DECL text_parser::text_parser(const decode_options& opt, slot root)
    : state_(new state(opt, root)) {}
KAIZALA_DECL text_parser::~text_parser() = default;

KAIZALA_DECL bool text_parser::write(std::string_view piece) {
  state& s = *state_;
  if (s.ec) return false;
  s.text_seen |= !is_blank(piece);
  std::size_t n = s.parser.write_some(piece.data(), piece.size(), s.ec);
  s.used += n;
  // Text after the document: the error decode_into reports for it.
  if (!s.ec && n < piece.size()) s.ec = boost::json::error::extra_data;
  return !s.ec;
}

KAIZALA_DECL maybe_error text_parser::finish() {
  state& s = *state_;
  if (!s.ec) s.parser.finish(s.ec);
  if (s.ec) return syntax_error(!s.text_seen, s.used, s.ec);
  boost::json::value v = s.parser.release();
  if (holds_non_finite(v)) {
    maybe_error e(error{});
    e->kind = error_kind::decode;
    e->message = "(root): invalid JSON: number beyond the range of double";
    return e;
  }
  return decode_dom(v, s.opt, s.root);
}
#else
struct text_parser::state {
  state(const decode_options& opt, slot root) : parser(boost::json::parse_options{}, opt, failure) {
    parser.handler().set_root(root);
  }
  maybe_error failure;  // the handler keeps a reference
  boost::json::basic_parser<sax_decoder> parser;
  boost::json::error_code ec;
  std::size_t used = 0;
  bool text_seen = false;
  bool stopped = false;  // the parser left text after the document: nothing more is fed
};

KAIZALA_DECL text_parser::text_parser(const decode_options& opt, slot root)
    : state_(new state(opt, root)) {}
KAIZALA_DECL text_parser::~text_parser() = default;

KAIZALA_DECL bool text_parser::write(std::string_view piece) {
  state& s = *state_;
  if (s.ec || s.stopped) return false;
  s.text_seen |= !is_blank(piece);
  std::size_t n = s.parser.write_some(true, piece.data(), piece.size(), s.ec);
  s.used += n;
  // The parser stops before text after the document; feeding it more would start a second one.
  // finish() then reports the text as decode_into does.
  if (!s.ec && n < piece.size()) s.stopped = true;
  return !s.ec && !s.stopped;
}

KAIZALA_DECL maybe_error text_parser::finish() {
  state& s = *state_;
  if (!s.ec) s.parser.write_some(false, nullptr, 0, s.ec);
  if (s.ec) return syntax_error(!s.text_seen, s.used, s.ec);
  return std::move(s.failure);
}

#endif

}  // namespace detail
}  // namespace kaizala
