// Hand-written types in exactly the form kaizala-codegen emits (docs/generated-code.md),
// so the runtime is tested on its own, independent of the generator and of the Kaizala spec.
#pragma once

#include <kaizala/meta.hpp>

#include <boost/describe.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fixture {

enum class Color { Red, DarkBlue };
BOOST_DESCRIBE_ENUM(Color, Red, DarkBlue)

struct Point {
  double x = 0;
  double y = 0;
};
BOOST_DESCRIBE_STRUCT(Point, (), (x, y))

struct Item {
  std::string id;
  std::optional<std::string> note;
  std::int32_t count = 0;
  std::optional<std::int64_t> when;
  std::optional<bool> done;
  std::optional<kaizala::open_enum<Color>> color;
  std::vector<std::string> tags;
  std::optional<std::map<std::string, Point>> places;
  boost::json::value extra;
  std::optional<std::vector<Item>> children;
  std::optional<std::string> class_;
};
BOOST_DESCRIBE_STRUCT(Item, (), (id, note, count, when, done, color, tags, places, extra, children, class_))

struct Choice {
  std::optional<std::string> a;
  std::optional<std::string> b;
  std::optional<std::vector<std::string>> list;
};
BOOST_DESCRIBE_STRUCT(Choice, (), (a, b, list))

struct PutItemRequest {
  std::string listId;
  std::string itemId;
  std::optional<bool> verbose;
  std::optional<std::int32_t> limit;
  std::optional<std::string> apiVersion;
  std::string title;
  std::optional<std::vector<std::string>> tags;
};
BOOST_DESCRIBE_STRUCT(PutItemRequest, (), (listId, itemId, verbose, limit, apiVersion, title, tags))

struct UploadRequest {
  kaizala::file_part file;
};
BOOST_DESCRIBE_STRUCT(UploadRequest, (), (file))

struct Empty {};
BOOST_DESCRIBE_STRUCT(Empty, (), ())

namespace ops {
struct PutItem {
  using request = ::fixture::PutItemRequest;
  using response = ::fixture::Item;
  static constexpr std::string_view name = "PutItem";
  static constexpr std::string_view group = "items";
  static constexpr std::string_view summary = "Replace an item.";
  static constexpr kaizala::http_method method = kaizala::http_method::put;
  static constexpr std::string_view path = "/lists/{listId}/items/{itemId}";
  static constexpr std::string_view root = "main";
  static constexpr std::string_view root_url = "{baseUrl}/v1";
  static constexpr std::string_view auth_header = "X-Key";
  static constexpr kaizala::body_kind body = kaizala::body_kind::json;
  static constexpr bool idempotent = true;
};
struct Upload {
  using request = ::fixture::UploadRequest;
  using response = ::boost::json::value;
  static constexpr std::string_view name = "Upload";
  static constexpr std::string_view group = "items";
  static constexpr std::string_view summary = "Upload a file.";
  static constexpr kaizala::http_method method = kaizala::http_method::post;
  static constexpr std::string_view path = "/files";
  static constexpr std::string_view root = "main";
  static constexpr std::string_view root_url = "{baseUrl}/v1";
  static constexpr std::string_view auth_header = "";
  static constexpr kaizala::body_kind body = kaizala::body_kind::multipart;
  static constexpr bool idempotent = false;
};
}  // namespace ops
}  // namespace fixture

template <>
struct kaizala::meta::enum_info<::fixture::Color> {
  static constexpr std::string_view name = "Color";
  static constexpr std::array<std::string_view, 2> names = {{"Red", "dark-blue"}};
};

template <>
struct kaizala::meta::fields_of<::fixture::Point> {
  static constexpr std::string_view name = "Point";
  static constexpr std::array<kaizala::meta::field, 2> fields = {{{"x"}, {"y"}}};
  static constexpr std::array<kaizala::meta::rule, 0> rules = {};
};

template <>
struct kaizala::meta::fields_of<::fixture::Item> {
  static constexpr std::string_view name = "Item";
  static constexpr std::array<kaizala::meta::field, 11> fields = {{
      {"id"},
      {"note", kaizala::meta::location::body, {}, false, 0, 5},
      {"count", kaizala::meta::location::body, "Count|cnt", true},
      {"when", kaizala::meta::location::body, {}, true},
      {"done", kaizala::meta::location::body, {}, true},
      {"color"},
      {"tags", kaizala::meta::location::body, {}, false, 3},
      {"places"},
      {"extra"},
      {"children"},
      {"class"},
  }};
  static constexpr std::array<kaizala::meta::rule, 0> rules = {};
};

template <>
struct kaizala::meta::fields_of<::fixture::Choice> {
  static constexpr std::string_view name = "Choice";
  static constexpr std::array<kaizala::meta::field, 3> fields = {{{"a"}, {"b"}, {"list"}}};
  static constexpr std::array<kaizala::meta::rule, 2> rules = {{
      {kaizala::meta::rule_kind::exactly_one, "a|b"},
      {kaizala::meta::rule_kind::at_least_one, "b|list"},
  }};
};

template <>
struct kaizala::meta::fields_of<::fixture::PutItemRequest> {
  static constexpr std::string_view name = "PutItemRequest";
  static constexpr std::array<kaizala::meta::field, 7> fields = {{
      {"listId", kaizala::meta::location::path},
      {"itemId", kaizala::meta::location::path},
      {"verbose", kaizala::meta::location::query},
      {"limit", kaizala::meta::location::query},
      {"api-version", kaizala::meta::location::header, {}, false, 0, 0, true},
      {"title", kaizala::meta::location::body, {}, false, 0, 10},
      {"tags"},
  }};
  static constexpr std::array<kaizala::meta::rule, 0> rules = {};
};

template <>
struct kaizala::meta::fields_of<::fixture::UploadRequest> {
  static constexpr std::string_view name = "UploadRequest";
  static constexpr std::array<kaizala::meta::field, 1> fields = {{{"FileName", kaizala::meta::location::file}}};
  static constexpr std::array<kaizala::meta::rule, 0> rules = {};
};

template <>
struct kaizala::meta::fields_of<::fixture::Empty> {
  static constexpr std::string_view name = "Empty";
  static constexpr std::array<kaizala::meta::field, 0> fields = {};
  static constexpr std::array<kaizala::meta::rule, 0> rules = {};
};
