// kaizala/read_request.hpp: kept for source compatibility; the server side now lives in
// <kaizala/server/read_request.hpp> (same names, same namespace). New code includes that, or
// <kaizala/server.hpp> for reading requests and writing responses.
#pragma once
#include <kaizala/server/read_request.hpp>  // IWYU pragma: export
