// kaizala/kaizala.hpp: the whole client in one include: all 28 operations, the JSON mapping,
// call<Op>(), typed error bodies, the session with its retry policies, and the default transport.
// Not included: the webhook receiver (<kaizala/webhook.hpp>) and the server side
// (<kaizala/server.hpp>: read_request, write_response). A program that uses one group of
// operations can include just that group instead:
//
//   #include <kaizala/generated/messages.hpp>
//   #include <kaizala/call.hpp>
//   #include <kaizala/httplib_transport.hpp>
#pragma once

#include <kaizala/auth.hpp>
#include <kaizala/call.hpp>
#include <kaizala/error_body.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/http.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/multipart.hpp>
#include <kaizala/result.hpp>
#include <kaizala/retry_policy.hpp>
#include <kaizala/session.hpp>
#include <kaizala/url.hpp>
#include <kaizala/version.hpp>
