// kaizala/kaizala.hpp: the whole client in one include: all 28 operations, the JSON mapping,
// call<Op>(), typed error bodies, the session with its retry policies, and the default transport.
// Not included: the webhook receiver (<kaizala/webhook.hpp>); the server side
// (<kaizala/server.hpp>, and <kaizala/generated/service.hpp> for the handler interface); the
// testing kit (<kaizala/testing/scripted_transport.hpp>); the rules API that tools use
// (<kaizala/reflect.hpp>, <kaizala/param_text.hpp>, <kaizala/media_types.hpp>). A program that
// uses one group of operations can include just that group instead:
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
