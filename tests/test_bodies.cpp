// Request bodies other than JSON: form (application/x-www-form-urlencoded), multipart with file and
// text parts, binary (application/octet-stream) with a mediaType, optional bodies, and binary
// responses. The generated headers are the golden output of tests/codegen/bodies.json, so the
// generator's text and the runtime are tested together: the exact bytes on the wire, the server
// side (kaizala::read_request) reading them back, and secrets redacted from what is printed.
#include "codegen/golden/bodies/all.hpp"

#include <kaizala/call.hpp>
#include <kaizala/form.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/read_request.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

namespace {

// Answers {"id":"r1"} unless a case sets another answer.
struct fake_transport : test_support::fake_transport {
  fake_transport() : test_support::fake_transport(R"({"id":"r1"})") {}
};

kaizala::context test_context() {
  kaizala::context ctx;
  ctx.set_variable("base", "http://h").set_credential("X-Key", "k1");
  return ctx;
}

std::string header(const kaizala::http_request& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.first == name) return h.second;
  return {};
}

// The boundary of a multipart request ("" when it has none).
std::string boundary_of(const kaizala::http_request& r) {
  std::string_view prefix = "multipart/form-data; boundary=";
  return r.content_type.rfind(prefix, 0) == 0 ? r.content_type.substr(prefix.size())
                                              : std::string();
}

bodies::LoginRequest login() {
  bodies::LoginRequest req;
  req.user = "ann lee";
  req.password = "p@ss w&rd/\xC3\xA9";
  req.remember = true;
  req.tries = 3;
  req.color = bodies::Color::dark_blue;
  req.scope = std::vector<std::string>{"read", "write x"};
  req.ids = std::vector<std::int64_t>{1, 2};
  return req;
}

}  // namespace

TEST_CASE("form_encode keeps *-._ and alphanumerics, writes a space as +, escapes the rest") {
  CHECK(kaizala::form_encode("aZ09*-._") == "aZ09*-._");
  CHECK(kaizala::form_encode("a b+c&d=e/%~") == "a+b%2Bc%26d%3De%2F%25%7E");
  CHECK(kaizala::form_encode("\xC3\xA9\n") == "%C3%A9%0A");
  auto back = kaizala::decode_form("a+b%2Bc=1&&x&y=%ZZ");
  REQUIRE(back.has_value());
  REQUIRE(back->size() == 3);
  CHECK((*back)[0] == std::pair<std::string, std::string>{"a b+c", "1"});
  CHECK((*back)[1] == std::pair<std::string, std::string>{"x", ""});
  CHECK((*back)[2] == std::pair<std::string, std::string>{"y", "%ZZ"});  // a malformed escape stays
}

TEST_CASE("decode_form and decode_multipart refuse bodies with too many fields or parts") {
  std::string many;
  for (std::size_t i = 0; i <= kaizala::max_form_pairs; ++i) many += "a=1&";
  auto form = kaizala::decode_form(many);
  REQUIRE_FALSE(form.has_value());
  CHECK(form.error().kind == kaizala::error_kind::invalid_request);
  CHECK(form.error().message == "form body: more than 10000 fields");

  std::string body;
  for (std::size_t i = 0; i <= kaizala::max_multipart_parts; ++i)
    body += "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  body += "--B--\r\n";
  auto parts = kaizala::decode_multipart("multipart/form-data; boundary=B", body);
  REQUIRE_FALSE(parts.has_value());
  CHECK(parts.error().message == "multipart body: more than 1000 parts");
}

TEST_CASE("a form body: exact bytes, lists exploded or comma-joined, read back by the server") {
  fake_transport t;
  bodies::LoginRequest req = login();
  auto r = kaizala::call<bodies::ops::Login>(t, test_context(), req);
  REQUIRE(r.has_value());
  CHECK(r->id == "r1");
  REQUIRE(t.sent.size() == 1);
  const auto& sent = t.sent[0];
  CHECK(sent.method == kaizala::http_method::post);
  CHECK(sent.target == "/v2/login");
  CHECK(sent.content_type == "application/x-www-form-urlencoded");
  CHECK(sent.body ==
        "user=ann+lee&password=p%40ss+w%26rd%2F%C3%A9&remember=true&tries=3&color=dark+blue"
        "&scope=read&scope=write+x&ids=1%2C2");
  CHECK(header(sent, "X-Key").empty());  // "auth": "none"

  auto back = kaizala::read_request<bodies::ops::Login>(sent);
  REQUIRE(back.has_value());
  CHECK(back->user == req.user);
  CHECK(back->password == req.password);
  CHECK(back->remember == req.remember);
  CHECK(back->tries == req.tries);
  CHECK(back->color == req.color);
  CHECK(back->scope == req.scope);
  CHECK(back->ids == req.ids);

  SUBCASE("absent members are left out; a list with no items too") {
    bodies::LoginRequest few;
    few.user = "u";
    few.password = "";
    few.scope = std::vector<std::string>{};
    auto b = kaizala::build_request<bodies::ops::Login>(test_context(), few);
    REQUIRE(b.has_value());
    CHECK(b->body == "user=u&password=");
    auto again = kaizala::read_request<bodies::ops::Login>(*b);
    REQUIRE(again.has_value());
    CHECK_FALSE(again->scope.has_value());
    CHECK_FALSE(again->remember.has_value());
  }
  SUBCASE("the server names the field, never the value") {
    kaizala::http_request in = sent;
    in.body = "user=u&password=secret-x&tries=many";
    auto bad = kaizala::read_request<bodies::ops::Login>(in);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "tries: form field must be an integer");
    CHECK(bad.error().path == "tries");
    in.body = "password=secret-x";
    bad = kaizala::read_request<bodies::ops::Login>(in);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "user: missing required form field");
    in.body =
        "user=u&password=p&scope=a&scope=b&scope=c&scope=d&scope=e&scope=f&scope=g&scope=h&scope=i";
    bad = kaizala::read_request<bodies::ops::Login>(in);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().path == "scope");
  }
  SUBCASE("the limits are checked before sending") {
    req.scope = std::vector<std::string>(9, "s");
    auto b = kaizala::build_request<bodies::ops::Login>(test_context(), req);
    REQUIRE_FALSE(b.has_value());
    CHECK(b.error().kind == kaizala::error_kind::invalid_request);
  }
}

TEST_CASE("a secret form field is redacted from a printed request and from an echoing error") {
  bodies::LoginRequest req = login();
  auto secrets = kaizala::detail::secrets_of<bodies::ops::Login>(test_context(), req);
  auto b = kaizala::build_request<bodies::ops::Login>(test_context(), req);
  REQUIRE(b.has_value());
  std::string printed = b->body;
  kaizala::redact(printed, secrets);
  CHECK(printed.find("p%40ss") == std::string::npos);
  CHECK(printed.find("password=***&remember") != std::string::npos);

  fake_transport t;
  t.answer = kaizala::http_response{400, {}, "bad form: " + b->body};
  auto r = kaizala::call<bodies::ops::Login>(t, test_context(), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().http_status == 400);
  CHECK(r.error().body.find("p%40ss") == std::string::npos);
  CHECK(r.error().body.find("password=***") != std::string::npos);
}

TEST_CASE(
    "an optional form body is not sent when every member is absent; mediaType overrides the type") {
  fake_transport t;
  t.answer = kaizala::http_response{204, {}, ""};
  bodies::NoteRequest req;
  req.id = "n 1";
  REQUIRE(kaizala::call<bodies::ops::Note>(t, test_context(), req).has_value());
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].target == "/v2/notes/n%201");
  CHECK(t.sent[0].content_type.empty());
  CHECK(t.sent[0].body.empty());
  auto back = kaizala::read_request<bodies::ops::Note>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK_FALSE(back->text.has_value());

  req.text = "hello world";
  REQUIRE(kaizala::call<bodies::ops::Note>(t, test_context(), req).has_value());
  CHECK(t.sent[1].content_type == "application/x-www-form-urlencoded; charset=utf-8");
  CHECK(t.sent[1].body == "text=hello+world");
  back = kaizala::read_request<bodies::ops::Note>(t.sent[1]);
  REQUIRE(back.has_value());
  CHECK(back->text == "hello world");
}

TEST_CASE("a multipart body: file and text parts in member order, exact bytes, read back") {
  fake_transport t;
  bodies::UploadRequest req;
  req.file = {"a \"b\".png", "image/png", std::string("\x89PNG\0\r\n", 7)};
  req.caption = "hi there";
  req.count = 2;
  req.meta = bodies::Meta{"t", std::vector<std::string>{"x"}};
  req.raw = std::string("\x01\x02", 2);
  auto r = kaizala::call<bodies::ops::Upload>(t, test_context(), req);
  REQUIRE(r.has_value());
  REQUIRE(t.sent.size() == 1);
  const auto& sent = t.sent[0];
  std::string b = boundary_of(sent);
  REQUIRE(b.size() == 24);
  CHECK(b.rfind("kaizala-", 0) == 0);
  std::string d = "--" + b + "\r\nContent-Disposition: form-data; name=";
  CHECK(sent.body == d + "\"file\"; filename=\"a %22b%22.png\"\r\nContent-Type: image/png\r\n\r\n" +
                         std::string("\x89PNG\0\r\n", 7) + "\r\n" +  //
                         d + "\"caption\"\r\n\r\nhi there\r\n" +     //
                         d + "\"count\"\r\n\r\n2\r\n" +              //
                         d +
                         "\"meta\"\r\nContent-Type: "
                         "application/json\r\n\r\n{\"title\":\"t\",\"tags\":[\"x\"]}\r\n" +
                         d + "\"raw\"\r\n\r\n\x01\x02\r\n" +  //
                         "--" + b + "--\r\n");

  auto back = kaizala::read_request<bodies::ops::Upload>(sent);
  REQUIRE(back.has_value());
  CHECK(back->file.filename == req.file.filename);
  CHECK(back->file.content_type == "image/png");
  CHECK(back->file.data == req.file.data);
  CHECK_FALSE(back->thumb.has_value());
  CHECK(back->caption == "hi there");
  CHECK(back->count == 2);
  REQUIRE(back->meta.has_value());
  CHECK(back->meta->title == "t");
  CHECK(back->meta->tags == std::vector<std::string>{"x"});
  CHECK(back->raw == req.raw);

  SUBCASE("an optional file part, when set, is sent") {
    req.thumb = kaizala::file_part{"t.jpg", "image/jpeg", "jpg"};
    auto with = kaizala::build_request<bodies::ops::Upload>(test_context(), req);
    REQUIRE(with.has_value());
    auto again = kaizala::read_request<bodies::ops::Upload>(*with);
    REQUIRE(again.has_value());
    REQUIRE(again->thumb.has_value());
    CHECK(again->thumb->data == "jpg");
    CHECK(again->file.data == req.file.data);  // matched by name, not "the only part"
  }
  SUBCASE("a required text part that did not come is named") {
    kaizala::http_request in = sent;
    in.body = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n" +
              "Content-Type: image/png\r\n\r\nx\r\n--" + b + "--\r\n";
    auto bad = kaizala::read_request<bodies::ops::Upload>(in);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "caption: missing required form field");
  }
}

TEST_CASE("Kaizala's UploadMedia sends the same multipart bytes as before text parts existed") {
  kaizala::context ctx;
  ctx.set_variable("endpointUrl", "http://h").set_credential("accessToken", "tok");
  kaizala::UploadMediaRequest req;
  req.file = {"photo \"1\".jpg", "image/jpeg", std::string("\xff\xd8 jpeg\0bytes", 13)};
  auto b = kaizala::build_request<kaizala::ops::UploadMedia>(ctx, req);
  REQUIRE(b.has_value());
  // Pinned from the encoder before this change (same FNV-1a boundary, same headers).
  CHECK(b->content_type == "multipart/form-data; boundary=kaizala-29de0cbbc4d6db15");
  CHECK(b->body ==
        std::string(
            "--kaizala-29de0cbbc4d6db15\r\n"
            "Content-Disposition: form-data; name=\"FileName\"; filename=\"photo %221%22.jpg\"\r\n"
            "Content-Type: image/jpeg\r\n\r\n") +
            std::string("\xff\xd8 jpeg\0bytes", 13) + "\r\n--kaizala-29de0cbbc4d6db15--\r\n");
}

TEST_CASE(
    "a binary body is the member's bytes with its mediaType; a binary response is the raw body") {
  fake_transport t;
  std::string png("\x89PNG\r\n\x1a\n\0\xff", 10);
  t.answer = kaizala::http_response{200, {{"Content-Type", "image/png"}}, png + "back"};
  bodies::PutBlobRequest req;
  req.name = "a/b";
  req.body = png;
  auto r = kaizala::call<bodies::ops::PutBlob>(t, test_context(), req);
  REQUIRE(r.has_value());
  static_assert(std::is_same_v<std::remove_reference_t<decltype(*r)>, std::string>);
  CHECK(*r == png + "back");
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].target == "/v2/blobs/a%2Fb");
  CHECK(t.sent[0].content_type == "image/png");
  CHECK(t.sent[0].body == png);
  auto back = kaizala::read_request<bodies::ops::PutBlob>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK(back->name == "a/b");
  CHECK(back->body == png);

  SUBCASE("read_response: the same bytes, and an error status is still an error") {
    auto same = kaizala::read_response<bodies::ops::PutBlob>(*t.answer);
    REQUIRE(same.has_value());
    CHECK(*same == png + "back");
    auto err = kaizala::read_response<bodies::ops::PutBlob>(
        kaizala::http_response{404, {}, "{\"message\":\"gone\"}"});
    REQUIRE_FALSE(err.has_value());
    CHECK(err.error().http_status == 404);
    CHECK(err.error().message == "gone");
  }
  SUBCASE("an empty required binary body is still sent, typed") {
    req.body.clear();
    auto b = kaizala::build_request<bodies::ops::PutBlob>(test_context(), req);
    REQUIRE(b.has_value());
    CHECK(b->content_type == "image/png");
    CHECK(b->body.empty());
  }
}

TEST_CASE("an optional binary body: nullopt sends none; declared headers come with raw bytes") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {{"X-Size", "3"}}, "abc"};
  bodies::AppendRequest req;
  req.name = "n";
  auto r = kaizala::call<bodies::ops::Append>(t, test_context(), req);
  REQUIRE(r.has_value());
  CHECK(static_cast<const std::string&>(*r) == "abc");
  CHECK(r->headers.X_Size == 3);
  CHECK(t.sent[0].content_type.empty());
  CHECK(t.sent[0].body.empty());
  auto back = kaizala::read_request<bodies::ops::Append>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK_FALSE(back->body.has_value());

  req.body = std::string("\0z", 2);
  REQUIRE(kaizala::call<bodies::ops::Append>(t, test_context(), req).has_value());
  CHECK(t.sent[1].content_type == "application/octet-stream");
  CHECK(t.sent[1].body == std::string("\0z", 2));
  back = kaizala::read_request<bodies::ops::Append>(t.sent[1]);
  REQUIRE(back.has_value());
  CHECK(back->body == std::string("\0z", 2));
}

TEST_CASE("optional JSON bodies: an empty optional array or an all-absent object sends no body") {
  fake_transport t;
  t.answer = kaizala::http_response{204, {}, ""};
  bodies::TagRequest tag;
  REQUIRE(kaizala::call<bodies::ops::Tag>(t, test_context(), tag).has_value());
  CHECK(t.sent[0].content_type.empty());
  CHECK(t.sent[0].body.empty());
  auto back = kaizala::read_request<bodies::ops::Tag>(t.sent[0]);
  REQUIRE(back.has_value());
  CHECK_FALSE(back->body.has_value());
  tag.body = std::vector<std::string>{};
  REQUIRE(kaizala::call<bodies::ops::Tag>(t, test_context(), tag).has_value());
  CHECK(t.sent[1].content_type == "application/json");
  CHECK(t.sent[1].body == "[]");  // set, though empty: sent
  back = kaizala::read_request<bodies::ops::Tag>(t.sent[1]);
  REQUIRE(back.has_value());
  CHECK(back->body == std::vector<std::string>{});

  bodies::TouchRequest touch;
  REQUIRE(kaizala::call<bodies::ops::Touch>(t, test_context(), touch).has_value());
  CHECK(t.sent[2].content_type.empty());
  CHECK(t.sent[2].body.empty());
  touch.at = 5;
  REQUIRE(kaizala::call<bodies::ops::Touch>(t, test_context(), touch).has_value());
  CHECK(t.sent[3].content_type == "application/json");
  CHECK(t.sent[3].body == R"({"at":5})");
}
