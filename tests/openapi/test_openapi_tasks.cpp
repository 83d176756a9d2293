// examples/openapi-tasks/tasks.yaml, a non-Kaizala API described in OpenAPI and generated at build
// time by kaizala_generate(): every op is called against a recording server on 127.0.0.1, and each
// request's bytes (method, target, headers, body) and each decoded answer are checked.
#include <doctest/doctest.h>

#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <string>
#include <tasks/all.hpp>

#include "support/recording_server.hpp"

namespace {

struct fixture {
  test_support::recording_server server;
  kaizala::httplib_transport http;
  kaizala::context ctx;
  fixture() {
    ctx.set_variable("baseUrl", "http://127.0.0.1:" + std::to_string(server.port()))
        .set_credential("Authorization", "tk-1");  // the scheme adds "Bearer "
  }
};

const char* const task_json =
    R"({"id":"t1","title":"Write","status":"open","tags":["a","b"],"priority":"high","due":null})";

}  // namespace

TEST_CASE_FIXTURE(fixture,
                  "ListTasks: array query parameter, enum, default, bearer auth, array answer") {
  server.respond(200,
                 std::string("[") + task_json + R"(,{"id":"t2","title":"Ship","status":"done"}])",
                 {{"X-Total-Count", "2"}});
  tasks::ListTasksRequest req;
  req.tag = std::vector<std::string>{"a", "b c"};
  req.status = tasks::Status::open;
  auto r = kaizala::call<tasks::ops::ListTasks>(http, ctx, req);
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  auto got = server.last();
  CHECK(got.method == "GET");
  CHECK(got.target == "/v1/tasks?tag=a&tag=b%20c&status=open&limit=20");
  CHECK(got.header("Authorization") == "Bearer tk-1");
  CHECK(got.body.empty());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].id == "t1");
  CHECK(r->headers.X_Total_Count.value_or(0) == 2);  // the declared response header
  CHECK((*r)[0].priority == tasks::Priority::high);
  CHECK(!(*r)[0].due);  // null: no due date
  CHECK((*r)[1].status == tasks::Status::done);
  CHECK(!(*r)[1].tags);
}

TEST_CASE_FIXTURE(fixture, "CreateTask: header parameter, JSON body, 201 answer") {
  server.respond(201, task_json);
  tasks::CreateTaskRequest req;
  req.xRequestId = "req-7";
  req.title = "Write";
  req.tags = std::vector<std::string>{"a", "b"};
  req.priority = tasks::Priority::high;
  auto r = kaizala::call<tasks::ops::CreateTask>(http, ctx, req);
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  auto got = server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/tasks");
  CHECK(got.header("X-Request-Id") == "req-7");
  CHECK(got.header("Content-Type") == "application/json");
  CHECK(got.body == R"({"title":"Write","tags":["a","b"],"priority":"high"})");
  CHECK(r->id == "t1");
  CHECK(r->title == "Write");
}

TEST_CASE_FIXTURE(fixture, "CreateTask: a 400 answer is an http_status error with the body") {
  server.respond(400, R"({"code":12,"message":"title is empty"})");
  tasks::CreateTaskRequest req;
  req.title = "";
  auto r = kaizala::call<tasks::ops::CreateTask>(http, ctx, req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::http_status);
  CHECK(r.error().http_status == 400);
  CHECK(r.error().body == R"({"code":12,"message":"title is empty"})");
  CHECK(server.last().body == R"({"title":""})");
}

TEST_CASE_FIXTURE(fixture, "GetTask: path parameter, typed answer, 404") {
  server.respond(200, task_json);
  auto r = kaizala::call<tasks::ops::GetTask>(http, ctx, {"t/1"});
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  CHECK(server.last().method == "GET");
  CHECK(server.last().target == "/v1/tasks/t%2F1");
  CHECK(r->tags == std::vector<std::string>{"a", "b"});

  server.respond(404, R"({"message":"no task t9"})");
  auto missing = kaizala::call<tasks::ops::GetTask>(http, ctx, {"t9"});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().http_status == 404);
}

TEST_CASE_FIXTURE(fixture, "UpdateTask: PATCH with a nullable member: absent, null and a value") {
  server.respond(200, task_json);
  tasks::UpdateTaskRequest req;
  req.taskId = "t1";
  req.title = "Rewrite";
  req.due = nullptr;  // clear the due date
  auto r = kaizala::call<tasks::ops::UpdateTask>(http, ctx, req);
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  CHECK(server.last().method == "PATCH");
  CHECK(server.last().target == "/v1/tasks/t1");
  CHECK(server.last().body == R"({"title":"Rewrite","due":null})");

  tasks::UpdateTaskRequest only_status;
  only_status.taskId = "t1";
  only_status.status = tasks::Status::done;  // due stays absent: not sent
  REQUIRE(kaizala::call<tasks::ops::UpdateTask>(http, ctx, only_status).has_value());
  CHECK(server.last().body == R"({"status":"done"})");

  tasks::UpdateTaskRequest set_due;
  set_due.taskId = "t1";
  set_due.due = std::string("2026-12-24T18:00:00Z");
  REQUIRE(kaizala::call<tasks::ops::UpdateTask>(http, ctx, set_due).has_value());
  CHECK(server.last().body == R"({"due":"2026-12-24T18:00:00Z"})");
}

TEST_CASE_FIXTURE(fixture, "DeleteTask: 204 and no body") {
  server.respond(204, "");
  auto r = kaizala::call<tasks::ops::DeleteTask>(http, ctx, {"t1"});
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  CHECK(server.last().method == "DELETE");
  CHECK(server.last().target == "/v1/tasks/t1");
  CHECK(server.last().body.empty());
  CHECK(server.requests().size() == 1);
}

TEST_CASE_FIXTURE(fixture, "AddComment: an application/x-www-form-urlencoded body") {
  server.respond(204, "");
  tasks::AddCommentRequest req;
  req.taskId = "t1";
  req.text = "Done? 100% & shipped";
  req.notify = true;
  req.mention = std::vector<std::string>{"ann", "bo b"};
  auto r = kaizala::call<tasks::ops::AddComment>(http, ctx, req);
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  auto got = server.last();
  CHECK(got.method == "POST");
  CHECK(got.target == "/v1/tasks/t1/comments");
  CHECK(got.header("Content-Type") == "application/x-www-form-urlencoded");
  CHECK(got.body == "text=Done%3F+100%25+%26+shipped&notify=true&mention=ann&mention=bo+b");
}

TEST_CASE_FIXTURE(fixture, "PutAttachment and GetAttachment: application/octet-stream both ways") {
  std::string bytes("\x89PNG\r\n\x1a\n\0\xff tail", 15);
  server.respond(204, "");
  tasks::PutAttachmentRequest put;
  put.taskId = "t1";
  put.body = bytes;
  auto stored = kaizala::call<tasks::ops::PutAttachment>(http, ctx, put);
  REQUIRE_MESSAGE(stored.has_value(), stored.error().to_string());
  auto got = server.last();
  CHECK(got.method == "PUT");
  CHECK(got.target == "/v1/tasks/t1/attachment");
  CHECK(got.header("Content-Type") == "application/octet-stream");
  CHECK(got.body == bytes);

  server.respond(200, bytes, {}, "application/octet-stream");
  auto r = kaizala::call<tasks::ops::GetAttachment>(http, ctx, {"t1"});
  REQUIRE_MESSAGE(r.has_value(), r.error().to_string());
  CHECK(server.last().method == "GET");
  CHECK(*r == bytes);  // a std::string, byte for byte
}
