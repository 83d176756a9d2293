// The golden outputs (their service.hpp too) compile warning-free, in one translation unit with
// Kaizala's own generated headers: the generated APIs do not collide, and no spec text escaped a
// comment or string literal (an escape would declare an EVIL_* struct, which this file checks is
// missing by declaring each of those names itself).
#include <kaizala/generated/all.hpp>
#include <kaizala/generated/service.hpp>

#include "golden/bodies/all.hpp"
#include "golden/bodies/service.hpp"
#include "golden/extras/all.hpp"
#include "golden/extras/service.hpp"
#include "golden/hostile/all.hpp"
#include "golden/hostile/service.hpp"
#include "golden/nullable/all.hpp"
#include "golden/nullable/service.hpp"
#include "golden/params/all.hpp"
#include "golden/params/service.hpp"
#include "golden/servers/all.hpp"
#include "golden/servers/service.hpp"
#include "golden/shapes/all.hpp"
#include "golden/shapes/service.hpp"
#include "golden/todo/all.hpp"
#include "golden/todo/service.hpp"
#include "golden/variants/all.hpp"
#include "golden/variants/service.hpp"

namespace hostile {
// Each would be a redefinition if the spec's text had become code.
struct EVIL_name {};
struct EVIL_cr {};
struct EVIL_vt {};
struct EVIL_ff {};
struct EVIL_nel {};
struct EVIL_ls {};
struct EVIL_ps {};
struct EVIL_close {};
struct EVIL_group {};
struct EVIL_enum {};
struct EVIL_value {};
struct EVIL_struct {};
struct EVIL_default {};
struct EVIL_summary {};
struct EVIL_param {};
}  // namespace hostile

static_assert(hostile::ops::DoIt::path == std::string_view("/x/{id}/\"q\"\\?\?/"));
static_assert(hostile::ops::DoIt::auth_header == std::string_view("X-\"Key\"\\"));
static_assert(hostile::ops::DoIt::auth_prefix == std::string_view("?\?/\"\\ "));

// Two APIs with a scheme of the same name in the same header keep their credentials apart: each op
// names its API (tests/test_api_settings.cpp sends both).
static_assert(servers::ops::ListStations::auth_header == todo::v1::ops::GetItem::auth_header);
static_assert(servers::ops::ListStations::api == std::string_view("servers"));
static_assert(todo::v1::ops::GetItem::api == std::string_view("todo::v1"));
static_assert(kaizala::ops::SendMessage::api == std::string_view("kaizala"));
