#include "spec_reader.hpp"

#include <algorithm>
#include <boost/json/stream_parser.hpp>

namespace kaizala::codegen {

source_index::source_index(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

std::size_t source_index::value_offset(const std::string& pointer) const {
  auto it = values.find(pointer);
  return it == values.end() ? 0 : it->second;
}

std::size_t source_index::key_offset(const std::string& pointer) const {
  auto it = keys.find(pointer);
  return it == keys.end() ? value_offset(pointer) : it->second;
}

std::pair<int, int> source_index::line_col(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1: line_starts_[0] == 0
  return {static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
}

std::string child_pointer(const std::string& parent, std::string_view key) {
  std::string out = parent + "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string child_pointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

diagnostic spec_document::at_offset(std::size_t offset, severity level, std::string message) const {
  auto [line, col] = where.line_col(offset);
  return {file_name, line, col, level, std::move(message)};
}

diagnostic spec_document::at_value(const std::string& pointer, severity level,
                                   std::string message) const {
  return at_offset(where.value_offset(pointer), level, std::move(message));
}

diagnostic spec_document::at_key(const std::string& pointer, severity level,
                                 std::string message) const {
  return at_offset(where.key_offset(pointer), level, std::move(message));
}

namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Walks text that Boost.JSON already accepted, so it can skip every check a parser would make.
class location_scanner {
 public:
  location_scanner(std::string_view text, spec_document& doc) : text_(text), doc_(doc) {}

  void value(const std::string& pointer) {
    skip_space();
    doc_.where.values[pointer] = pos_;
    if (text_[pos_] == '{') {
      object(pointer);
    } else if (text_[pos_] == '[') {
      array(pointer);
    } else if (text_[pos_] == '"') {
      string();
    } else {  // number, true, false, null
      while (pos_ < text_.size() &&
             std::string_view(",]} \t\r\n/").find(text_[pos_]) == std::string_view::npos)
        ++pos_;
    }
  }

 private:
  void object(const std::string& pointer) {
    ++pos_;
    std::map<std::string, std::size_t> seen;
    for (;;) {
      skip_space();
      if (text_[pos_] == '}') break;
      std::size_t key_at = pos_;
      std::string key = string();
      std::string member = child_pointer(pointer, key);
      auto [it, fresh] = seen.emplace(key, key_at);
      if (!fresh) {
        auto [line, col] = doc_.where.line_col(it->second);
        doc_.diagnostics.push_back(
            doc_.at_offset(key_at, severity::error,
                           "duplicate key \"" + key + "\" (first at " + std::to_string(line) + ":" +
                               std::to_string(col) + "; the last one would win)"));
      }
      doc_.where.keys[member] = key_at;  // the DOM keeps the last duplicate, so do we
      skip_space();
      ++pos_;  // ':'
      value(member);
      skip_space();
      if (text_[pos_] == ',') ++pos_;
    }
    ++pos_;
  }

  void array(const std::string& pointer) {
    ++pos_;
    for (std::size_t i = 0;; ++i) {
      skip_space();
      if (text_[pos_] == ']') break;
      value(child_pointer(pointer, i));
      skip_space();
      if (text_[pos_] == ',') ++pos_;
    }
    ++pos_;
  }

  // Returns the decoded string, so keys match the DOM's.
  std::string string() {
    std::string out;
    ++pos_;
    while (text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = text_[pos_++];
      switch (e) {
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
          unsigned cp = hex4();
          if (cp >= 0xD800 &&
              cp < 0xDC00) {  // a surrogate pair: Boost.JSON checked the second half is there
            pos_ += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
    ++pos_;
    return out;
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
      } else if (text_.compare(pos_, 2, "//") == 0) {
        pos_ = std::min(text_.find('\n', pos_), text_.size());
      } else if (text_.compare(pos_, 2, "/*") == 0) {
        pos_ = std::min(text_.find("*/", pos_ + 2) + 2, text_.size());
      } else {
        break;
      }
    }
  }

  std::string_view text_;
  spec_document& doc_;
  std::size_t pos_ = 0;
};

}  // namespace

spec_document read_spec(std::string_view text, std::string_view file_name) {
  spec_document doc;
  doc.file_name = std::string(file_name);
  doc.where = source_index(text);

  boost::json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    // write_some stops at the byte it could not take; an unfinished document fails at the end.
    doc.diagnostics.push_back(
        doc.at_offset(consumed, severity::error, "invalid JSON: " + ec.message()));
    return doc;
  }
  doc.root = parser.release();
  location_scanner(text, doc).value("");
  return doc;
}

}  // namespace kaizala::codegen
