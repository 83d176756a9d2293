// tasks_client: calls a made-up task tracker (tasks.json, made into headers by kaizala_generate at
// build time, in namespace acme::tasks) against canned_server. The generator and call<Op> know
// nothing of Kaizala: path, query and header params, nested types, enums and optionals all work.
#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <tasks/all.hpp>

#include <iostream>
#include <string>

#include "canned_server.hpp"

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "tasks_client: FAILED: " << what << '\n';
    ++failures;
  }
}

}  // namespace

int main() {
  namespace tasks = acme::tasks;
  canned_server server;
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_variable("baseUrl", server.base_url()).set_credential("X-Token", "tk-1");

  server.answer("GET", "/api/v2/projects/home work/tasks",
                R"({"tasks":[{"id":"t1","title":"Write","state":"doing",)"
                R"("owner":{"name":"Ann"},"labels":["a","b"]},)"
                R"({"id":"t2","title":"Ship","state":"later"}],"next":"p2"})");
  tasks::ListTasksRequest list;
  list.project = "home work";
  list.state = tasks::State::doing;
  list.traceId = "trace-7";
  auto page = kaizala::call<tasks::ops::ListTasks>(http, ctx, list);
  expect(page.has_value(), "ListTasks: " + (page ? std::string() : page.error().to_string()));
  if (page) {
    expect(page->tasks.size() == 2 && page->next == "p2", "ListTasks: two tasks and a next page");
    const tasks::Task& first = page->tasks.at(0);
    expect(first.state == tasks::State::doing, "the enum decoded");
    expect(first.owner && first.owner->name == "Ann" && !first.owner->email, "the nested type");
    expect(first.labels && first.labels->size() == 2, "the array");
    expect(!first.estimateHours, "an absent optional stays empty");
    expect(!page->tasks.at(1).state.known() && page->tasks.at(1).state.unknown_text() == "later",
           "an unknown enum value is kept");
  }
  canned_server::seen got = server.last();
  expect(got.method == "GET", "ListTasks: method " + got.method);
  expect(got.target == "/api/v2/projects/home%20work/tasks?state=doing&limit=20",
         "ListTasks: path and query (with the default limit), got " + got.target);
  expect(got.header("X-Token") == "tk-1", "ListTasks: the auth header");
  expect(got.header("X-Trace-Id") == "trace-7", "ListTasks: the header param");

  server.answer("POST", "/api/v2/projects/p/tasks",
                R"({"id":"t3","title":"Test","state":"todo","estimateHours":1.5})");
  tasks::CreateTaskRequest create;
  create.project = "p";
  create.title = "Test";
  create.owner = tasks::Person{"Bo", "bo@example.com"};
  auto created = kaizala::call<tasks::ops::CreateTask>(http, ctx, create);
  expect(created && created->id == "t3" && created->estimateHours == 1.5, "CreateTask: the answer");
  got = server.last();
  expect(got.body == R"({"title":"Test","owner":{"name":"Bo","email":"bo@example.com"}})",
         "CreateTask: the body, got " + got.body);

  create.title = std::string(101, 'x');  // maxLength 100: refused before anything is sent
  auto refused = kaizala::call<tasks::ops::CreateTask>(http, ctx, create);
  expect(!refused && refused.error().kind == kaizala::error_kind::invalid_request,
         "CreateTask: a too-long title is an invalid request");

  if (failures == 0) std::cout << "tasks_client: ok\n";
  return failures == 0 ? 0 : 1;
}
