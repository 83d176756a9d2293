// tasks_cli: a client for the task tracker described in tasks.yaml (OpenAPI 3.0), whose headers
// kaizala_generate() makes at build time. Usage: tasks_cli <base-url> <token> [tag...]
// e.g. tasks_cli https://tasks.example.com "$TOKEN" home urgent
#include <kaizala/call.hpp>
#include <kaizala/httplib_transport.hpp>
#include <tasks/all.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: tasks_cli <base-url> <token> [tag...]\n";
    return 2;
  }
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_variable("baseUrl", argv[1])
      .set_credential("Authorization", argv[2]);  // sent as "Bearer <token>"

  tasks::ListTasksRequest req;  // GET /v1/tasks?tag=...&status=open&limit=20
  req.status = tasks::Status::open;
  if (argc > 3) req.tag = std::vector<std::string>(argv + 3, argv + argc);
  auto list = kaizala::call<tasks::ops::ListTasks>(http, ctx, req);
  if (!list) {
    std::cerr << list.error().to_string() << '\n';
    return 1;
  }
  for (const tasks::Task& t : *list) {
    std::cout << t.id << "  " << t.title;
    if (t.due) std::cout << "  (due " << *t.due << ')';
    std::cout << '\n';
  }
}
