// A one-pass reader of Json.NET-style request bodies that writes strict JSON. Every byte is looked
// at once; nesting is bounded by lenient_max_depth, so hostile bodies cost linear time and bounded
// stack.
#include "lenient_json.hpp"

#include <kaizala/result.hpp>

#include <string>

namespace kaizala::emulator {

namespace {

class converter {
 public:
  explicit converter(std::string_view in) : in_(in) { out_.reserve(in.size() + 16); }

  bool run() {
    skip_space();
    if (!value(0)) return false;
    skip_space();
    if (failed_) return false;
    if (at_ != in_.size()) return fail("text after the JSON value");
    return true;
  }

  std::string take_text() { return std::move(out_); }
  const std::optional<std::string>& nonstandard() const { return nonstandard_; }
  const std::string& problem() const { return problem_; }

 private:
  // "line 2, column 5 (byte 17)" for an offset into the body.
  std::string where(std::size_t offset) const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < in_.size(); ++i) {
      if (in_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
           std::to_string(offset) + ")";
  }

  bool fail(std::string_view what) { return fail_at(at_, what); }
  bool fail_at(std::size_t offset, std::string_view what) {
    if (!failed_) {
      failed_ = true;
      problem_ = "(root): invalid JSON at " + where(offset) + ": " + std::string(what);
    }
    return false;
  }
  void note(std::size_t offset, std::string_view form) {
    if (!nonstandard_) nonstandard_ = std::string(form) + " at " + where(offset);
  }

  bool more() const { return at_ < in_.size(); }
  char peek() const { return in_[at_]; }

  // Whitespace and comments; comments are dropped from the output.
  void skip_space() {
    while (more() && !failed_) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        out_ += c;
        ++at_;
      } else if (c == '/' && at_ + 1 < in_.size() && in_[at_ + 1] == '/') {
        note(at_, "a // comment");
        while (more() && peek() != '\n') ++at_;
      } else if (c == '/' && at_ + 1 < in_.size() && in_[at_ + 1] == '*') {
        note(at_, "a /* */ comment");
        std::size_t start = at_;
        std::size_t end = in_.find("*/", at_ + 2);
        if (end == std::string_view::npos) {
          fail_at(start, "a /* comment does not end");
          return;
        }
        at_ = end + 2;
        out_ += ' ';
      } else {
        return;
      }
    }
  }

  // The length of the UTF-8 sequence `s` starts with (RFC 3629: no overlong forms, no surrogates,
  // nothing past U+10FFFF), or 0 when it is not one.
  static std::size_t utf8_length(std::string_view s) {
    auto byte = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
    auto cont = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
    unsigned b0 = byte(0), b1 = byte(1);
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) return 0;
      return cont(1) && cont(2) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) return 0;
      return cont(1) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
  }

  static bool identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
  }

  bool value(std::size_t depth) {
    if (!more()) return fail("the body ends where a value was expected");
    char c = peek();
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
      case '\'':
        return string();
      case 't':
        return word("true");
      case 'f':
        return word("false");
      case 'n':
        return word("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        return fail("a value cannot start with this character");
    }
  }

  bool word(std::string_view w) {
    if (in_.substr(at_, w.size()) != w) return fail("unknown literal (true, false or null?)");
    std::size_t end = at_ + w.size();
    if (end < in_.size() && identifier_char(in_[end]))
      return fail("unknown literal (true, false or null?)");
    out_ += w;
    at_ = end;
    return true;
  }

  // RFC 8259 numbers, copied as they are.
  bool number() {
    std::size_t start = at_;
    auto digits = [&] {
      std::size_t from = at_;
      while (more() && peek() >= '0' && peek() <= '9') ++at_;
      return at_ - from;
    };
    if (peek() == '-') ++at_;
    if (!more()) return fail("a number ends after '-'");
    if (peek() == '0') {
      ++at_;
    } else if (digits() == 0) {
      return fail("a number needs a digit");
    }
    if (more() && peek() == '.') {
      ++at_;
      if (digits() == 0) return fail("a number needs a digit after '.'");
    }
    if (more() && (peek() == 'e' || peek() == 'E')) {
      ++at_;
      if (more() && (peek() == '+' || peek() == '-')) ++at_;
      if (digits() == 0) return fail("a number needs a digit in its exponent");
    }
    if (more() && (identifier_char(peek()) || peek() == '.')) return fail("malformed number");
    out_.append(in_.substr(start, at_ - start));
    return true;
  }

  // A string quoted with " or ', written with ".
  bool string() {
    std::size_t start = at_;
    char quote = peek();
    if (quote == '\'') note(start, "a single-quoted string");
    ++at_;
    out_ += '"';
    while (more()) {
      char c = peek();
      if (c == quote) {
        ++at_;
        out_ += '"';
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("a control character inside a string (escape it)");
      if (c == '\\') {
        if (at_ + 1 >= in_.size()) break;
        char e = in_[at_ + 1];
        if (e == '\'') {
          note(at_, "the escape \\'");
          out_ += '\'';
          at_ += 2;
          continue;
        }
        if (e == 'u') {
          // UTF-16 escapes: a surrogate must come as a high-low pair.
          auto unit = [&](std::size_t from) -> long {
            if (from + 6 > in_.size() || in_[from] != '\\' || in_[from + 1] != 'u') return -1;
            long v = 0;
            for (std::size_t k = from + 2; k < from + 6; ++k) {
              char h = in_[k];
              int d = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
              if (d < 0) return -1;
              v = v * 16 + d;
            }
            return v;
          };
          long u = unit(at_);
          if (u < 0) return fail("\\u needs four hex digits");
          std::size_t n = 6;
          if (u >= 0xDC00 && u <= 0xDFFF) return fail("a \\u escape holds a lone low surrogate");
          if (u >= 0xD800 && u <= 0xDBFF) {
            long low = unit(at_ + 6);
            if (low < 0xDC00 || low > 0xDFFF)
              return fail("a \\u escape holds a high surrogate without its low one");
            n = 12;
          }
          out_.append(in_.substr(at_, n));
          at_ += n;
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
            e != 't')
          return fail("unknown escape in a string");
        out_ += '\\';
        out_ += e;
        at_ += 2;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t n = utf8_length(in_.substr(at_));
        if (n == 0) return fail("a string holds bytes that are not UTF-8");
        out_.append(in_.substr(at_, n));
        at_ += n;
        continue;
      }
      if (c == '"') out_ += '\\';  // a " inside a single-quoted string
      out_ += c;
      ++at_;
    }
    return fail_at(start, "a string does not end");
  }

  bool name() {
    if (!more()) return fail("the body ends where a property name was expected");
    char c = peek();
    if (c == '"' || c == '\'') return string();
    if (!identifier_char(c)) return fail("a property name cannot start with this character");
    note(at_, "an unquoted property name");
    out_ += '"';
    while (more() && identifier_char(peek())) out_ += in_[at_++];
    out_ += '"';
    if (more() && peek() != ':' && peek() != ' ' && peek() != '\t' && peek() != '\r' &&
        peek() != '\n' && peek() != '/')
      return fail("an unquoted property name holds a character other than letters, digits, _, $");
    return true;
  }

  bool object(std::size_t depth) { return container(depth, '}', "an object"); }
  bool array(std::size_t depth) { return container(depth, ']', "an array"); }

  // An object (close '}': members are name ':' value) or an array (close ']': items are values),
  // the opening character at at_. One trailing comma before the close is a Json.NET form.
  bool container(std::size_t depth, char close, std::string_view what) {
    if (depth > lenient_max_depth)
      return fail("nested deeper than " + std::to_string(lenient_max_depth) + " levels");
    const bool members = close == '}';
    out_ += in_[at_++];
    skip_space();
    if (more() && peek() == close) {
      ++at_;
      out_ += close;
      return true;
    }
    for (;;) {
      if (members) {
        if (failed_ || !name()) return false;
        skip_space();
        if (failed_) return false;
        if (!more() || peek() != ':') return fail("expected ':' after a property name");
        ++at_;
        out_ += ':';
        skip_space();
      }
      if (failed_ || !value(depth)) return false;
      skip_space();
      if (failed_) return false;
      if (!more()) return fail("the body ends inside " + std::string(what));
      if (peek() == close) {
        ++at_;
        out_ += close;
        return true;
      }
      if (peek() != ',')
        return fail("expected ',' or '" + std::string(1, close) + "' in " + std::string(what));
      std::size_t comma = at_;
      ++at_;
      std::size_t comma_out = out_.size();
      out_ += ',';
      skip_space();
      if (failed_) return false;
      if (more() && peek() == close) {
        note(comma, "a trailing comma");
        out_[comma_out] = ' ';
        ++at_;
        out_ += close;
        return true;
      }
    }
  }

  std::string_view in_;
  std::size_t at_ = 0;
  std::string out_;
  bool failed_ = false;
  std::string problem_;
  std::optional<std::string> nonstandard_;
};

}  // namespace

kaizala::result<lenient_json> read_lenient_json(std::string_view body) {
  lenient_json out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.text = std::string(body);
    return out;
  }
  converter c(body);
  if (!c.run()) {
    kaizala::error e;
    e.kind = error_kind::invalid_request;
    e.message = c.problem();
    return e;
  }
  out.nonstandard = c.nonstandard();
  // A standard body is passed on byte for byte.
  out.text = out.nonstandard ? c.take_text() : std::string(body);
  return out;
}

}  // namespace kaizala::emulator
