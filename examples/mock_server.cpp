// A mock of Kaizala's SendMessage on 127.0.0.1:8080: typed request in, typed answer out.
#include <kaizala/generated/messages.hpp>
#include <kaizala/generated/types/ServiceError.hpp>
#include <kaizala/server.hpp>

#include <httplib.h>

int main() {
  using Op = kaizala::ops::SendMessage;  // POST {endpointUrl}/v1/groups/{groupId}/messages
  httplib::Server srv;
  srv.Post(R"(/v1/groups/[^/]+/messages)", [](const httplib::Request& hr, httplib::Response& res) {
    kaizala::http_request in;  // what read_request reads: target, headers, body
    in.target = hr.target;     // the raw target: "%2F" in an id stays one segment
    in.content_type = hr.get_header_value("Content-Type");
    in.body = hr.body;
    for (const auto& [name, value] : hr.headers) in.headers.emplace_back(name, value);

    kaizala::http_response out;
    if (auto req = kaizala::read_request<Op>(in)) {  // path, body, limits: all checked
      kaizala::SendMessageResponse answer;
      answer.referenceId = "mock-" + req->groupId;
      out = kaizala::write_response<Op>(answer);  // 200, JSON, as call<Op> reads it
    } else {
      kaizala::ServiceError e;  // "message: at most 4000 characters ..."
      e.message = req.error().message;
      out = kaizala::write_error_response(400, e);
    }
    res.status = out.status;
    for (const auto& [name, value] : out.headers)
      if (name != "Content-Type") res.set_header(name, value);
    res.set_content(out.body, std::string(out.header("Content-Type")));
  });
  srv.listen("127.0.0.1", 8080);
}
