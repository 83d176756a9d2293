// kaizala/server.hpp: the server side of the generated bindings, for mocks and test servers of
// any generated API: read_request<Op> (a typed request from an HTTP request) and
// write_response<Op> / write_error_response (a typed answer as status, headers and body).
// Transport-free: bring any HTTP server. docs/server-side.md shows a mock in 30 lines.
#pragma once

#include <kaizala/server/read_request.hpp>
#include <kaizala/server/write_response.hpp>
