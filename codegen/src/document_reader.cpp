// document_reader.cpp: a JSON reader that records positions (Boost.JSON's DOM keeps none) and a
// yaml-cpp front end that converts YAML nodes to JSON values with their marks.
#include "document_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

namespace kaizala::codegen {

std::string pointer_unescape(std::string_view segment) {
  std::string out;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '~' && i + 1 < segment.size() &&
        (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      out += segment[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += segment[i];
    }
  }
  return out;
}

const boost::json::value* pointer_find(const boost::json::value& root, std::string_view pointer) {
  const boost::json::value* at = &root;
  if (pointer.empty()) return at;
  if (pointer[0] != '/') return nullptr;
  std::size_t pos = 1;
  while (true) {
    std::size_t end = pointer.find('/', pos);
    std::string seg = pointer_unescape(
        pointer.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (const auto* o = at->if_object()) {
      auto it = o->find(seg);
      if (it == o->end()) return nullptr;
      at = &it->value();
    } else if (const auto* a = at->if_array()) {
      std::size_t index = 0;
      auto [p, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), index);
      if (ec != std::errc() || p != seg.data() + seg.size() || index >= a->size()) return nullptr;
      at = &(*a)[index];
    } else {
      return nullptr;
    }
    if (end == std::string_view::npos) return at;
    pos = end + 1;
  }
}

source_position document::position(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    auto it = positions.find(p);
    if (it != positions.end()) return it->second;
    if (p.empty()) return {1, 1};
    auto slash = p.rfind('/');
    p = slash == std::string::npos ? std::string() : p.substr(0, slash);
  }
}

// Printable: keys, $refs and pointers from a document may hold newlines or terminal escapes
// (fuzz/regressions/fuzz_openapi/control-character-in-message).
diagnostic document::at(const std::string& pointer, severity level,
                        const std::string& message) const {
  auto pos = position(pointer);
  return {file_name, pos.line, pos.col, level, printable(message + " (#" + pointer + ")")};
}

namespace {

struct read_failure : std::runtime_error {
  read_failure(source_position p, const std::string& what) : std::runtime_error(what), where(p) {}
  source_position where;
};

// Recursive descent over the text; each value's start is recorded under its pointer.
class json_reader {
 public:
  json_reader(std::string_view text, document& doc, const document_limits& limits)
      : text_(text), doc_(doc), limits_(limits) {}

  boost::json::value read() {
    skip_blank();
    boost::json::value v = value("", 0);
    skip_blank();
    if (pos_ != text_.size()) fail("text after the end of the document");
    return v;
  }

  std::size_t raw_controls = 0;
  source_position first_raw_control;

 private:
  std::string_view text_;
  document& doc_;
  const document_limits& limits_;
  std::size_t pos_ = 0, line_ = 1, line_start_ = 0, nodes_ = 0;

  source_position here() const { return {int(line_), int(pos_ - line_start_ + 1)}; }
  [[noreturn]] void fail(const std::string& why) const { throw read_failure(here(), why); }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  void skip_blank() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      advance();
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  boost::json::value value(const std::string& pointer, std::size_t depth) {
    if (pos_ >= text_.size()) fail("unexpected end of the document");
    if (++nodes_ > limits_.max_nodes)
      fail("more than " + std::to_string(limits_.max_nodes) + " values in the document");
    doc_.positions.emplace(pointer, here());
    char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= limits_.max_depth)
        fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
      advance();
      skip_blank();
      if (c == '[') {
        boost::json::array a;
        if (pos_ < text_.size() && text_[pos_] == ']') {
          advance();
          return a;
        }
        while (true) {
          a.push_back(value(pointer + "/" + std::to_string(a.size()), depth + 1));
          skip_blank();
          if (pos_ < text_.size() && text_[pos_] == ',') {
            advance();
            skip_blank();
          } else if (pos_ < text_.size() && text_[pos_] == ']') {
            advance();
            return a;
          } else {
            fail("expected ',' or ']' in an array");
          }
        }
      }
      boost::json::object o;
      if (pos_ < text_.size() && text_[pos_] == '}') {
        advance();
        return o;
      }
      while (true) {
        if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a key in double quotes");
        source_position key_at = here();
        std::string key = string();
        if (o.contains(key)) throw read_failure(key_at, "duplicate key " + quoted(key));
        skip_blank();
        if (pos_ >= text_.size() || text_[pos_] != ':') fail("expected ':' after a key");
        advance();
        skip_blank();
        auto v = value(child_pointer(pointer, key), depth + 1);
        o.emplace(key, std::move(v));
        skip_blank();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          advance();
          skip_blank();
        } else if (pos_ < text_.size() && text_[pos_] == '}') {
          advance();
          return o;
        } else {
          fail("expected ',' or '}' in an object");
        }
      }
    }
    if (c == '"') return boost::json::value(string());
    if (literal("true")) return true;
    if (literal("false")) return false;
    if (literal("null")) return nullptr;
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    fail(std::string("unexpected character '") + c + "'");
  }

  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }

  std::uint32_t hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    std::uint32_t v = 0;
    auto [p, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, v, 16);
    if (ec != std::errc() || p != text_.data() + pos_ + 4) fail("bad \\u escape");
    pos_ += 4;
    return v;
  }

  std::string string() {
    advance();  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        advance();
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        // Not strict JSON; taken as the escaped character (the Kaizala Swagger needs this).
        if (raw_controls++ == 0) first_raw_control = here();
        out += c;
        advance();
        continue;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          fail(std::string("bad escape \\") + e);
      }
    }
  }

  boost::json::value number() {
    std::size_t start = pos_;
    bool integral = true;
    if (text_[pos_] == '-') ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
        ++pos_;
      } else {
        break;
      }
    }
    std::string_view t = text_.substr(start, pos_ - start);
    if (integral) {
      std::int64_t i = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
      if (ec == std::errc() && p == t.data() + t.size()) return i;
      std::uint64_t u = 0;
      auto [p2, ec2] = std::from_chars(t.data(), t.data() + t.size(), u);
      if (ec2 == std::errc() && p2 == t.data() + t.size()) return u;
    }
    double d = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (ec != std::errc() || p != t.data() + t.size() || t.empty() || t == "-") {
      pos_ = start;
      fail("bad number");
    }
    return d;
  }
};

// YAML: plain scalars are resolved by the YAML 1.2 core schema; quoted and block scalars stay text.
class yaml_converter {
 public:
  yaml_converter(document& doc, const document_limits& limits) : doc_(doc), limits_(limits) {}

  boost::json::value convert(const YAML::Node& node, const std::string& pointer,
                             std::size_t depth) {
    source_position at{node.Mark().line + 1, node.Mark().column + 1};
    if (++nodes_ > limits_.max_nodes)
      throw read_failure(at, "more than " + std::to_string(limits_.max_nodes) +
                                 " values after expanding YAML aliases (an alias bomb?)");
    if (depth > limits_.max_depth)
      throw read_failure(at,
                         "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    doc_.positions.emplace(pointer, at);
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return nullptr;
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence: {
        boost::json::array a;
        for (const auto& item : node)
          a.push_back(convert(item, pointer + "/" + std::to_string(a.size()), depth + 1));
        return a;
      }
      case YAML::NodeType::Map: {
        boost::json::object o;
        for (const auto& kv : node) {
          source_position key_at{kv.first.Mark().line + 1, kv.first.Mark().column + 1};
          if (!kv.first.IsScalar()) throw read_failure(key_at, "a mapping key must be a scalar");
          std::string key = kv.first.Scalar();
          if (o.contains(key)) throw read_failure(key_at, "duplicate key " + quoted(key));
          if (key == "<<") throw read_failure(key_at, "YAML merge keys (<<) are not supported");
          auto v = convert(kv.second, child_pointer(pointer, key), depth + 1);
          o.emplace(key, std::move(v));
        }
        return o;
      }
    }
    return nullptr;
  }

  // The number of values after expanding aliases, counted without expanding them: an alias is the
  // same node as its anchor, and a node is known by its start mark, type and size.
  std::size_t expanded_size(const YAML::Node& node, std::size_t depth) {
    if (depth > limits_.max_depth) return 1;  // convert() reports it
    if (!node.IsSequence() && !node.IsMap()) return 1;
    auto key = std::make_tuple(node.Mark().pos, int(node.Type()), node.size());
    if (auto it = sizes_.find(key); it != sizes_.end()) return it->second;
    sizes_.emplace(key,
                   limits_.max_nodes + 1);  // a node inside itself (a recursive alias) is too big
    std::size_t total = 1;
    for (const auto& item : node) {
      std::size_t add =
          node.IsMap() ? 1 + expanded_size(item.second, depth + 1) : expanded_size(item, depth + 1);
      total = total + add < total || total + add > limits_.max_nodes ? limits_.max_nodes + 1
                                                                     : total + add;
    }
    sizes_[key] = total;
    return total;
  }

 private:
  document& doc_;
  const document_limits& limits_;
  std::size_t nodes_ = 0;
  std::map<std::tuple<std::size_t, int, std::size_t>, std::size_t> sizes_;

  static bool digits(std::string_view s, bool hex = false) {
    if (s.empty()) return false;
    for (char c : s)
      if (!(c >= '0' && c <= '9') && !(hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))))
        return false;
    return true;
  }

  static boost::json::value scalar(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() != "?") {
      if (node.Tag() == "tag:yaml.org,2002:int" || node.Tag() == "tag:yaml.org,2002:float" ||
          node.Tag() == "tag:yaml.org,2002:bool" || node.Tag() == "tag:yaml.org,2002:null")
        return plain(s);
      return boost::json::value(s);  // quoted, block, or !!str
    }
    return plain(s);
  }

  static boost::json::value plain(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    std::string_view body = s;
    bool negative = false;
    if (body[0] == '-' || body[0] == '+') {
      negative = body[0] == '-';
      body.remove_prefix(1);
    }
    if (digits(body)) {
      std::int64_t i = 0;
      auto [p, ec] = std::from_chars(s.data() + (s[0] == '+'), s.data() + s.size(), i);
      if (ec == std::errc() && p == s.data() + s.size()) return i;
      if (!negative) {
        std::uint64_t u = 0;
        auto [p2, ec2] = std::from_chars(body.data(), body.data() + body.size(), u);
        if (ec2 == std::errc() && p2 == body.data() + body.size()) return u;
      }
    }
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o') &&
        digits(std::string_view(s).substr(2), s[1] == 'x')) {
      std::int64_t i = 0;
      auto [p, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), i, s[1] == 'x' ? 16 : 8);
      if (ec == std::errc() && p == s.data() + s.size()) return i;
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    {
      std::size_t i = 0;
      bool mantissa = false;
      while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, mantissa = true;
      if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, mantissa = true;
      }
      bool ok = mantissa;
      if (ok && i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
        ok = i < body.size();
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i;
      }
      if (ok && i == body.size()) {
        double d = 0;
        auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
        if (ec == std::errc()) return negative ? -d : d;
      }
    }
    return boost::json::value(s);
  }
};

// yaml-cpp's marks are not always byte positions in the text: it decodes UTF-16/32 when the first
// bytes look like it (a NUL in them is enough) and counts decoded characters, and an error at the
// end may point past it. Found by fuzz_openapi (regressions/fuzz_openapi/yaml-mark-past-the-end).
source_position clamp_to(std::string_view text, source_position p) {
  const std::size_t want = p.line < 1 ? 1 : std::size_t(p.line);
  std::size_t line = 1, start = 0;
  while (line < want) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
    ++line;
  }
  auto end = text.find('\n', start);
  std::size_t width = (end == std::string_view::npos ? text.size() : end) - start;
  int col = line == want ? p.col : int(width) + 1;
  if (col < 1) col = 1;
  if (std::size_t(col) > width + 1) col = int(width) + 1;
  return {int(line), col};
}

}  // namespace

document read_document(std::string_view text, std::string_view file_name,
                       const document_limits& limits) {
  document doc;
  doc.file_name = std::string(file_name);
  if (text.size() > limits.max_bytes) {
    doc.diagnostics.push_back(
        {doc.file_name, 1, 1, severity::error,
         "the document is larger than " + std::to_string(limits.max_bytes) + " bytes"});
    return doc;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF")
    text.remove_prefix(3);  // BOM (offsets shift by 3 on line 1)
  std::size_t first = text.find_first_not_of(" \t\r\n");
  bool json = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
  doc.yaml = !json;
  try {
    if (json) {
      json_reader reader(text, doc, limits);
      doc.root = reader.read();
      if (reader.raw_controls)
        doc.diagnostics.push_back({doc.file_name, reader.first_raw_control.line,
                                   reader.first_raw_control.col, severity::warning,
                                   std::to_string(reader.raw_controls) +
                                       " raw control character(s) (e.g. newlines) inside strings: "
                                       "not strict JSON; read as "
                                       "if escaped"});
    } else {
      if (first == std::string_view::npos) throw read_failure({1, 1}, "the document is empty");
      YAML::Node node = YAML::Load(std::string(text));
      yaml_converter converter(doc, limits);
      if (converter.expanded_size(node, 0) > limits.max_nodes)
        throw read_failure({node.Mark().line + 1, node.Mark().column + 1},
                           "more than " + std::to_string(limits.max_nodes) +
                               " values after expanding YAML aliases (an alias bomb?)");
      doc.root = converter.convert(node, "", 0);
    }
  } catch (const read_failure& e) {
    doc.positions.clear();
    doc.root = nullptr;
    doc.diagnostics.push_back(
        {doc.file_name, e.where.line, e.where.col, severity::error, printable(e.what())});
  } catch (const YAML::Exception& e) {
    doc.positions.clear();
    doc.root = nullptr;
    doc.diagnostics.push_back({doc.file_name, e.mark.is_null() ? 1 : e.mark.line + 1,
                               e.mark.is_null() ? 1 : e.mark.column + 1, severity::error,
                               "YAML: " + printable(e.msg)});
  }
  if (doc.yaml) {
    for (auto& [pointer, at] : doc.positions) at = clamp_to(text, at);
    for (auto& d : doc.diagnostics) {
      auto at = clamp_to(text, {d.line, d.col});
      d.line = at.line;
      d.col = at.col;
    }
  }
  return doc;
}

}  // namespace kaizala::codegen
