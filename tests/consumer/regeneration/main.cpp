// tasks_client after the regeneration test added Task.priority and DeleteTask to tasks.json (see
// extend_spec.cmake): the new field and op exist, and the old op still works, with no step other
// than building again.
#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <tasks/all.hpp>

#include <iostream>
#include <string>

#include "canned_server.hpp"

int main() {
  namespace tasks = acme::tasks;
  int failures = 0;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) {
      std::cerr << "tasks_client (regenerated): FAILED: " << what << '\n';
      ++failures;
    }
  };
  canned_server server;
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_variable("baseUrl", server.base_url()).set_credential("X-Token", "tk-1");

  server.answer("GET", "/api/v2/projects/p/tasks",
                R"({"tasks":[{"id":"t1","title":"Write","state":"done","priority":3}]})");
  tasks::ListTasksRequest list;
  list.project = "p";
  auto page = kaizala::call<tasks::ops::ListTasks>(http, ctx, list);
  expect(page && page->tasks.size() == 1 && page->tasks[0].state == tasks::State::done,
         "the old op ListTasks still works");
  expect(page && page->tasks[0].priority == 3, "the new field Task.priority is decoded");
  expect(server.last().target == "/api/v2/projects/p/tasks?limit=20", "ListTasks: the target");

  server.answer("DELETE", "/api/v2/tasks/t1", R"({"deleted":true})");
  tasks::DeleteTaskRequest del;
  del.taskId = "t1";
  auto deleted = kaizala::call<tasks::ops::DeleteTask>(http, ctx, del);
  expect(deleted && deleted->deleted, "the new op DeleteTask");
  expect(server.last().method == "DELETE" && server.last().header("X-Token") == "tk-1",
         "DeleteTask: method and auth header");

  if (failures == 0) std::cout << "tasks_client (regenerated): ok\n";
  return failures == 0 ? 0 : 1;
}
