#include "json_text.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

namespace kaizala::cli {
namespace {

void write(std::string& out, const boost::json::value& v, std::size_t depth) {
  auto newline = [&](std::size_t d) {
    out += '\n';
    out.append(2 * d, ' ');
  };
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      out += boost::json::serialize(boost::json::value(kv.key()));
      out += ": ";
      write(out, kv.value(), depth + 1);
    }
    newline(depth);
    out += '}';
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i != 0) out += ',';
      newline(depth + 1);
      write(out, a[i], depth + 1);
    }
    newline(depth);
    out += ']';
  } else if (v.is_double()) {
    // The shortest text that reads back the same, as the binding's encoder writes numbers
    // (Boost.JSON's serialize would print 2.5 as 2.5E0).
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
    out.append(buf, r.ptr);
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& v) {
  std::string out;
  write(out, v, 0);
  out += '\n';
  return out;
}

}  // namespace kaizala::cli

namespace kaizala::cli {
namespace {

// A scalar as a table cell: strings without quotes, numbers as pretty_json writes them, line
// breaks and tabs as spaces so that columns stay aligned.
std::string cell_text(const boost::json::value& v) {
  std::string text;
  if (v.is_string()) {
    text = std::string(v.get_string());
  } else {
    text = pretty_json(v);
    text.pop_back();  // the final newline
  }
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

bool is_scalar(const boost::json::value& v) { return !v.is_object() && !v.is_array(); }

// The first array holding an object, depth first in member order.
const boost::json::array* first_object_array(const boost::json::value& v) {
  if (v.is_array()) {
    for (const auto& e : v.get_array())
      if (e.is_object()) return &v.get_array();
    for (const auto& e : v.get_array())
      if (const auto* found = first_object_array(e)) return found;
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object())
      if (const auto* found = first_object_array(kv.value())) return found;
  }
  return nullptr;
}

void write_rows(std::string& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line.append(width[i] - r[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
}

}  // namespace

std::string table_text(const boost::json::value& v) {
  std::vector<std::vector<std::string>> rows;
  if (const auto* items = first_object_array(v)) {
    std::vector<std::string> columns;
    for (const auto& e : *items) {
      if (!e.is_object()) continue;
      for (const auto& kv : e.get_object())
        if (is_scalar(kv.value()) &&
            std::find(columns.begin(), columns.end(), kv.key()) == columns.end())
          columns.emplace_back(kv.key());
    }
    rows.push_back(columns);
    for (const auto& e : *items) {
      if (!e.is_object()) continue;
      std::vector<std::string> row;
      for (const auto& c : columns) {
        const auto* m = e.get_object().if_contains(c);
        row.push_back(m != nullptr && is_scalar(*m) ? cell_text(*m) : std::string());
      }
      rows.push_back(std::move(row));
    }
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      std::string value =
          is_scalar(kv.value()) ? cell_text(kv.value()) : boost::json::serialize(kv.value());
      rows.push_back({std::string(kv.key()), std::move(value)});
    }
  } else {
    rows.push_back({cell_text(v)});
  }
  std::string out;
  write_rows(out, rows);
  return out;
}

}  // namespace kaizala::cli
