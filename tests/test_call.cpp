// call<Op>() on the fixture ops (tests/fixture.json, generated at build time): the exact bytes on
// the wire (through a real httplib::Server on 127.0.0.1) and every error path.
#include <fixture/all.hpp>
#include "support/recording_server.hpp"

#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>

#include <boost/pfr/core.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <thread>

#include <netdb.h>

using fixture::ops::PutItem;
using fixture::ops::Upload;

namespace {

fixture::PutItemRequest put_request() {
  fixture::PutItemRequest req;
  req.listId = "l@1";
  req.itemId = "a/b?c#d%e f\xC3\xA9";
  req.verbose = true;
  req.limit = 5;
  req.apiVersion = "2";
  req.title = "Hi";
  req.tags = std::vector<std::string>{"x"};
  return req;
}

using test_support::fake_transport;

kaizala::context test_context(const std::string& base) {
  kaizala::context ctx;
  ctx.set_variable("baseUrl", base).set_credential("X-Key", "s3cr3t-key");
  return ctx;
}

}  // namespace

TEST_CASE("PUT: method, encoded path, query, headers and body reach the server exactly") {
  test_support::recording_server server;
  server.respond(200, R"({"id":"a","count":2,"tags":["x"],"unknown":1})");
  kaizala::httplib_transport http;
  auto r = kaizala::call<PutItem>(http, test_context(server.base_url()), put_request());
  REQUIRE(r.has_value());
  CHECK(r->id == "a");
  CHECK(r->count == 2);

  auto got = server.last();
  CHECK(got.method == "PUT");
  CHECK(got.target == "/v1/lists/l@1/items/a%2Fb%3Fc%23d%25e%20f%C3%A9?verbose=true&limit=5");
  CHECK(got.header("X-Key") == "s3cr3t-key");
  CHECK(got.header("api-version") == "2");
  CHECK(got.header("Content-Type") == "application/json");
  CHECK(got.body == R"({"title":"Hi","tags":["x"]})");
}

TEST_CASE("one keep-alive connection serves many calls") {
  test_support::recording_server server;
  server.respond(200, R"({"id":"a","count":2,"tags":[]})");
  kaizala::httplib_transport http;
  auto ctx = test_context(server.base_url());
  for (int i = 0; i < 20; ++i)
    REQUIRE(kaizala::call<PutItem>(http, ctx, put_request()).has_value());
  CHECK(server.requests().size() == 20);
}

TEST_CASE("absent query parameters are left out; an empty path parameter is refused") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, R"({"id":"a","count":1,"tags":[]})"};
  auto req = put_request();
  req.verbose.reset();
  req.limit.reset();
  req.apiVersion.reset();
  req.tags.reset();
  REQUIRE(kaizala::call<PutItem>(t, test_context("http://h"), req).has_value());
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0].origin == "http://h");
  CHECK(t.sent[0].target == "/v1/lists/l@1/items/a%2Fb%3Fc%23d%25e%20f%C3%A9");
  CHECK(t.sent[0].body == R"({"title":"Hi"})");
  CHECK(kaizala::find_header(t.sent[0].headers, "api-version").empty());

  req.itemId.clear();
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(r.error().message == "itemId: path parameter is empty");
  CHECK(t.sent.size() == 1);  // nothing sent
}

TEST_CASE("invalid requests are refused before sending") {
  fake_transport t;
  auto req = put_request();
  req.title = "far too long a title";
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), req);
  CHECK(r.error().message == "title: at most 10 characters allowed, got 20");

  req = put_request();
  req.apiVersion = "1\r\nX-Injected: yes";
  r = kaizala::call<PutItem>(t, test_context("http://h"), req);
  CHECK(r.error().message == "api-version: header value holds a line break or NUL");

  kaizala::context no_key;
  no_key.set_variable("baseUrl", "http://h");
  r = kaizala::call<PutItem>(t, no_key, put_request());
  CHECK(
      r.error().message ==
      R"(no credential for header "X-Key": set it with context::set_credential("fixture", "X-Key", <value>))");

  r = kaizala::call<PutItem>(t, kaizala::context{}, put_request());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(t.sent.empty());
}

TEST_CASE("non-2xx answers become http_status errors with the service's message") {
  fake_transport t;
  t.answer = kaizala::http_response{
      404,
      {{"Retry-After", "7"}},
      R"({"message":"Group not found","errorCode":"GroupNotFound","errorCategoryKey":"ResourceException"})"};
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), put_request());
  REQUIRE_FALSE(r.has_value());
  const kaizala::error& e = r.error();
  CHECK(e.kind == kaizala::error_kind::http_status);
  CHECK(e.http_status == 404);
  CHECK(e.message == "Group not found");
  CHECK(e.service_code == "GroupNotFound");
  CHECK(e.service_category == "ResourceException");
  CHECK(e.retry_after == "7");
  CHECK(e.to_string() == "http_status 404: Group not found (errorCode GroupNotFound)");

  t.answer = kaizala::http_response{308, {{"Location", "https://new.example/v1"}}, ""};
  r = kaizala::call<PutItem>(t, test_context("http://h"), put_request());
  CHECK(r.error().http_status == 308);
  CHECK(r.error().location == "https://new.example/v1");
  CHECK(r.error().message == "HTTP status 308");
}

TEST_CASE("secrets never appear in error text") {
  fake_transport t;
  auto req = put_request();
  req.apiVersion = "header-secret";
  t.answer =
      kaizala::http_response{401, {}, R"({"message":"bad token s3cr3t-key and header-secret"})"};
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "bad token *** and ***");
  CHECK(r.error().body.find("s3cr3t-key") == std::string::npos);
  CHECK(r.error().body.find("header-secret") == std::string::npos);
}

TEST_CASE("a 2xx body that does not fit is a decode error with its path and status") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, R"({"id":"a","count":1,"tags":[7]})"};
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), put_request());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::decode);
  CHECK(r.error().http_status == 200);
  CHECK(r.error().message == "tags[0]: expected string, got number");
  CHECK(r.error().path == "tags[0]");
}

TEST_CASE("a refused connection is a transport error") {
  int port = 0;
  {
    test_support::recording_server gone;  // find a free port, then close it
    port = gone.port();
  }
  kaizala::httplib_transport::options opt;
  opt.connect_timeout = std::chrono::milliseconds(2000);
  kaizala::httplib_transport http(opt);
  auto req = put_request();
  req.apiVersion.reset();  // a secret: "2" would be masked inside "127.0.0.1"
  auto r =
      kaizala::call<PutItem>(http, test_context("http://127.0.0.1:" + std::to_string(port)), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().not_sent);
  // What failed and where, not httplib's "Connection".
  CHECK(r.error().message == "127.0.0.1:" + std::to_string(port) + ": connection refused");
  CHECK(r.error().message.find("s3cr3t-key") == std::string::npos);
}

TEST_CASE("a host name that does not resolve is a transport error saying the lookup failed") {
  // .invalid never resolves (RFC 6761); the resolver answers at once without network. Where it
  // would wait (a resolver that drops queries), the case is skipped rather than made slow.
  auto lookup = std::make_shared<std::promise<void>>();
  std::future<void> looked_up = lookup->get_future();
  std::thread([lookup] {
    addrinfo* found = nullptr;
    if (::getaddrinfo("nonexistent.invalid", "80", nullptr, &found) == 0) ::freeaddrinfo(found);
    lookup->set_value();
  }).detach();
  if (looked_up.wait_for(std::chrono::seconds(3)) != std::future_status::ready) {
    MESSAGE("skipped: the name lookup of nonexistent.invalid does not answer at once here");
    return;
  }
  kaizala::httplib_transport::options opt;
  opt.connect_timeout = std::chrono::milliseconds(2000);
  kaizala::httplib_transport http(opt);
  auto req = put_request();
  req.apiVersion.reset();  // a secret: "2" would be masked in the message
  auto r = kaizala::call<PutItem>(http, test_context("http://nonexistent.invalid:8080"), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().not_sent);
  CHECK(r.error().message.rfind("nonexistent.invalid:8080: name lookup failed", 0) == 0);
}

TEST_CASE(
    "https to a server that does not speak TLS is a transport error saying the handshake failed") {
  test_support::recording_server plain;  // plain HTTP on 127.0.0.1
  kaizala::httplib_transport::options opt;
  opt.connect_timeout = std::chrono::milliseconds(2000);
  opt.read_timeout = std::chrono::milliseconds(5000);
  kaizala::httplib_transport http(opt);
  auto req = put_request();
  req.apiVersion.reset();  // a secret: "2" would be masked inside the port
  auto r = kaizala::call<PutItem>(
      http, test_context("https://127.0.0.1:" + std::to_string(plain.port())), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().message ==
        "127.0.0.1:" + std::to_string(plain.port()) + ": TLS handshake failed");
}

TEST_CASE("multipart upload: one file part with its own content type") {
  fixture::UploadRequest req;
  req.file = {"pic \"1\".png", "image/png", std::string("\x89PNG\r\n\x1a\n\0data", 13)};
  kaizala::context ctx;

  // The exact bytes, as handed to the transport.
  fake_transport t;
  ctx.set_variable("baseUrl", "http://h");
  REQUIRE(kaizala::call<Upload>(t, ctx, req).has_value());
  const kaizala::http_request& sent = t.sent.at(0);
  REQUIRE(sent.content_type.rfind("multipart/form-data; boundary=", 0) == 0);
  std::string boundary =
      sent.content_type.substr(std::string("multipart/form-data; boundary=").size());
  CHECK(sent.body ==
        "--" + boundary + "\r\n" +
            "Content-Disposition: form-data; name=\"FileName\"; filename=\"pic %221%22.png\"\r\n"
            "Content-Type: image/png\r\n\r\n" +
            req.file.data + "\r\n--" + boundary + "--\r\n");

  // What a real server makes of them.
  test_support::recording_server server;
  server.respond(200, R"({"mediaResource":"m1"})");
  kaizala::httplib_transport http;
  ctx.set_variable("baseUrl", server.base_url());
  auto r = kaizala::call<Upload>(http, ctx, req);
  REQUIRE(r.has_value());
  CHECK(r->at("mediaResource").as_string() == "m1");
  auto got = server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/files");
  CHECK(got.header("Content-Type") == sent.content_type);
  REQUIRE(got.files.size() == 1);
  const httplib::MultipartFormData& part = got.files.begin()->second;
  CHECK(part.name == "FileName");
  CHECK(part.filename == "pic %221%22.png");
  CHECK(part.content_type == "image/png");
  CHECK(part.content == req.file.data);

  req.file.content_type.clear();
  auto bad = kaizala::call<Upload>(http, ctx, req);
  CHECK(bad.error().message == "FileName: file part needs a content type");
}

TEST_CASE("an empty 2xx body is JSON null for ops answering any JSON") {
  fake_transport t;
  t.answer = kaizala::http_response{200, {}, ""};
  kaizala::context ctx;
  ctx.set_variable("baseUrl", "http://h");
  fixture::UploadRequest req;
  req.file = {"a.txt", "text/plain", "x"};
  auto r = kaizala::call<Upload>(t, ctx, req);
  REQUIRE(r.has_value());
  CHECK(r->is_null());
}

TEST_CASE("secrets are redacted in JSON-escaped, percent-encoded and base64 forms") {
  const std::vector<std::string_view> secrets = {"a/b+c"};
  auto redacted = [&](std::string text) {
    kaizala::redact(text, secrets);
    return text;
  };
  CHECK(redacted("x a/b+c y") == "x *** y");
  CHECK(redacted(R"(x a\/b+c y)") == "x *** y");
  CHECK(redacted(R"(x a\u002fb\u002Bc y)") == "x *** y");
  CHECK(redacted(R"(x \u0061\u002F\u0062\u002b\u0063 y)") == "x *** y");
  CHECK(redacted("x a%2Fb%2bc y") == "x *** y");
  CHECK(redacted("x %61%2f%62%2B%63 y") == "x *** y");
  CHECK(redacted("a/b+") == "a/b+");  // a prefix is not the secret

  const std::vector<std::string_view> token = {"Bearer tok-0123456789"};
  std::string text = "got Bearer tok-0123456789, then tok-0123456789 alone";
  kaizala::redact(text, token);
  CHECK(text == "got ***, then *** alone");

  // base64 at each alignment, standard and URL-safe:
  // "Basic " + base64("id:" + secret) and the like.
  const std::vector<std::string_view> secret = {"s3cr3t?~>value"};
  for (std::string prefix : {"", "i", "id", "id:"}) {
    static constexpr char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string in = prefix + "s3cr3t?~>value", b64;
    for (std::size_t i = 0; i < in.size(); i += 3) {
      unsigned v = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
      if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
      for (std::size_t k = 0; k < 4; ++k)
        b64 += i + k <= in.size() ? abc[(v >> (18 - 6 * k)) & 63] : '=';
    }
    std::string url_safe = b64;
    for (char& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
    for (std::string form : {b64, url_safe}) {
      CAPTURE(form);
      std::string stable =
          form.substr(prefix.empty() ? 0 : (prefix.size() * 8 + 5) / 6, 16);  // secret-only chars
      std::string out = "Authorization: Basic " + form;
      kaizala::redact(out, secret);
      CHECK(out.find(stable) == std::string::npos);
      CHECK(out.find("***") != std::string::npos);
    }
  }
}

TEST_CASE("masked_target, masked_headers and masked_body mask by name and by value") {
  kaizala::secret_masks m;
  m.names = {"pin", "accessToken"};
  const std::string known = "CANARY-known-1";
  m.values = {known};
  CHECK(kaizala::masked_target("/v1/x?a=1&PIN=4821&b=CANARY-known-1", m) ==
        "/v1/x?a=1&PIN=***&b=***");
  CHECK(kaizala::masked_target("/v1/x", m) == "/v1/x");
  CHECK(kaizala::masked_target("/v1/x?pin", m) == "/v1/x?pin");  // no value: nothing to mask

  kaizala::http_headers h = {{"AccessToken", "t0ken"}, {"X-Echo", "said " + known}, {"A", "b"}};
  auto mh = kaizala::masked_headers(h, m);
  REQUIRE(mh.size() == 3);
  CHECK(mh[0].second == "***");
  CHECK(mh[1].second == "said ***");
  CHECK(mh[2].second == "b");

  // By name at any depth ("" stays: it shows none was set); by value under any key, escaped too.
  CHECK(kaizala::masked_body(R"({"a":[{"Pin":4821,"accessToken":""}],"x":"CANARY\u002dknown-1"})",
                             "application/json; charset=utf-8",
                             m) == R"({"a":[{"Pin":"***","accessToken":""}],"x":"***"})");
  CHECK(kaizala::masked_body("not json CANARY-known-1", "application/json", m) == "not json ***");
  CHECK(kaizala::masked_body("pin=4821&name=a", "application/x-www-form-urlencoded", m) ==
        "pin=***&name=a");
  CHECK(kaizala::masked_body(std::string(40, 'x'), "text/plain", m, 10) ==
        "xxxxxxxxxx... (30 bytes more)");
  CHECK(kaizala::masked_body("\x89PNG", "image/png", m) == "(4 bytes of image/png)");
  // Unlabelled: read as JSON when it parses, as text when printable, else described.
  CHECK(kaizala::masked_body(R"({"pin":1})", "", m) == R"({"pin":"***"})");
  CHECK(kaizala::masked_body("pin is CANARY-known-1", "", m) == "pin is ***");
  CHECK(kaizala::masked_body(std::string("\0\1", 2), "", m) == "(2 bytes of unknown type)");
}

TEST_CASE("every string member of an error is redacted, members added later included") {
  const std::string secret = "s3cr3t-key";
  kaizala::error e;
  std::size_t strings = 0;
  boost::pfr::for_each_field(e, [&](auto& m) {
    if constexpr (std::is_same_v<std::remove_reference_t<decltype(m)>, std::string>) {
      m = "echo " + secret + " and s3cr3t%2Dkey";
      ++strings;
    }
  });
  CHECK(strings >=
        7);  // message, path, service_code, service_category, body, retry_after, location
  kaizala::redact(e, {secret});
  boost::pfr::for_each_field(e, [&](auto& m) {
    if constexpr (std::is_same_v<std::remove_reference_t<decltype(m)>, std::string>)
      CHECK(m == "echo *** and ***");
  });
}

TEST_CASE("a secret echoed in Retry-After or past the 4 KiB body cut is redacted") {
  fake_transport t;
  std::string body = std::string(4090, 'x') + "s3cr3t-key" + std::string(100, 'y');
  t.answer = kaizala::http_response{429, {{"Retry-After", "s3cr3t-key"}}, body};
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), put_request());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().retry_after == "***");
  CHECK(r.error().body.size() == 4096);
  CHECK(r.error().body.find("s3cr") == std::string::npos);
}

TEST_CASE("a response body over max_response_bytes is refused, with or without Content-Length") {
  httplib::Server server;
  const std::size_t limit = 1 << 20;
  server.Put("/v1/lists/l@1/items/big", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(limit + 1, ' '), "application/json");
  });
  server.Put("/v1/lists/l@1/items/exact", [&](const httplib::Request&, httplib::Response& res) {
    std::string body = R"({"id":"a","count":1,"tags":[]})";
    res.set_content(body + std::string(limit - body.size(), ' '), "application/json");
  });
  // Chunked, no Content-Length: a server that would send 64 MiB in 64 KiB pieces, unless stopped.
  std::atomic<int> chunks_sent{0};
  server.Put("/v1/lists/l@1/items/chunked", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [&](std::size_t, httplib::DataSink& sink) {
      if (chunks_sent >= 1024) {
        sink.done();
        return true;
      }
      ++chunks_sent;
      std::string piece(64 * 1024, ' ');
      return sink.write(piece.data(), piece.size());
    });
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread th([&] { server.listen_after_bind(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));

  kaizala::httplib_transport::options opt;
  opt.max_response_bytes = limit;
  kaizala::httplib_transport http(opt);
  auto ctx = test_context("http://127.0.0.1:" + std::to_string(port));
  auto req = put_request();
  req.apiVersion = "version-secret";  // a secret member: "2" would be redacted from the port
  for (const char* item : {"big", "chunked"}) {
    CAPTURE(item);
    req.itemId = item;
    auto r = kaizala::call<PutItem>(http, ctx, req);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == kaizala::error_kind::refused);
    CHECK(r.error().message ==
          "http://127.0.0.1:" + std::to_string(port) +
              ": response body over 1048576 bytes (http.max_response_bytes); not read further");
  }
  CHECK(chunks_sent < 1024);  // stopped early, not read to the end
  req.itemId = "exact";
  auto at_limit = kaizala::call<PutItem>(http, ctx, req);  // also: the transport recovers
  CHECK(at_limit.has_value());
  server.stop();
  th.join();
}

TEST_CASE("a transport error that echoes a secret is redacted") {
  fake_transport t;
  kaizala::error e;
  e.kind = kaizala::error_kind::transport;
  e.message = "proxy said: key s3cr3t-key, version header-secret";
  t.answer = e;
  auto req = put_request();
  req.apiVersion = "header-secret";
  auto r = kaizala::call<PutItem>(t, test_context("http://h"), req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().message == "proxy said: key ***, version ***");
}

TEST_CASE("context: root() reads set_root, per API first; settings with long names are found") {
  kaizala::context ctx;
  CHECK(ctx.root("fixture", "main") == nullptr);
  ctx.set_root("main", "http://every/v1");
  REQUIRE(ctx.root("fixture", "main") != nullptr);
  CHECK(*ctx.root("fixture", "main") == "http://every/v1");
  ctx.set_root("fixture", "main", "http://fixture/v1");
  CHECK(*ctx.root("fixture", "main") == "http://fixture/v1");
  CHECK(*ctx.root("other", "main") == "http://every/v1");
  CHECK(*ctx.root("", "main") == "http://every/v1");
  CHECK(ctx.root("fixture", "auth") == nullptr);

  // Keys longer than the lookup's stack buffer take the heap path, with the same answers.
  const std::string name(300, 'n');
  const std::string api(200, 'a');
  ctx.set_variable(name, "every").set_credential(api, name, "per-api");
  ctx.set_header(api, "X-" + std::string(250, 'H'), "v");
  REQUIRE(ctx.variable(api, name) != nullptr);
  CHECK(*ctx.variable(api, name) == "every");
  const kaizala::auth_scheme scheme{name, name};
  REQUIRE(ctx.credential(api, scheme) != nullptr);
  CHECK(*ctx.credential(api, scheme) == "per-api");
  CHECK(ctx.credential("other", scheme) == nullptr);
  REQUIRE(ctx.header(api, "x-" + std::string(250, 'h')) != nullptr);
  CHECK(*ctx.header(api, "x-" + std::string(250, 'h')) == "v");
  CHECK(ctx.header("other", "X-" + std::string(250, 'H')) == nullptr);
}
