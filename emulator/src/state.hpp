// The emulator's model (docs/kaizala-api.md §8) and its JSON persistence. Plain described structs,
// so the state file is written and read by Boost.JSON's own conversions.
#pragma once

#include <kaizala/generated/types/ActionType.hpp>
#include <kaizala/generated/types/GroupType.hpp>
#include <kaizala/generated/types/MemberRole.hpp>
#include <kaizala/generated/types/ObjectType.hpp>
#include <kaizala/generated/types/ReactionType.hpp>
#include <kaizala/json.hpp>

#include <boost/describe.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wgnu-zero-variadic-macro-arguments"
#endif

namespace kaizala::emulator::model {

// A spec enum (MemberRole, GroupType, ActionType, ObjectType) held as the generated enum, stored
// in the state file as its JSON text, "" for none: the form of the state files written when the
// model held strings, which still load. A text that is not one of the enum's fails the load.
template <class E>
struct spec_enum : std::optional<E> {
  spec_enum() = default;
  spec_enum(E v) : std::optional<E>(v) {}  // NOLINT: implicit on purpose, like std::optional
  // The JSON text ("Admin"), "" for none.
  std::string_view text() const {
    return this->has_value() ? kaizala::to_string(kaizala::open_enum<E>(**this))
                             : std::string_view();
  }
};

template <class E>
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& v, const spec_enum<E>& e) {
  v = boost::json::string(e.text());
}

template <class E>
spec_enum<E> tag_invoke(const boost::json::value_to_tag<spec_enum<E>>&,
                        const boost::json::value& v) {
  std::string what(kaizala::meta::enum_info<E>::name);
  if (!v.is_string()) throw std::invalid_argument(what + ": expected a string");
  if (v.get_string().empty()) return {};
  auto e = kaizala::from_json_value<kaizala::open_enum<E>>(v);
  if (!e || !e->known())
    throw std::invalid_argument(what + ": unknown value \"" +
                                std::string(v.get_string().subview(0, 40)) + "\"");
  return e->value();
}

struct user {
  std::string id, mobile, name;
  bool provisioned = false;  // signed in through the PIN flow at least once
};
BOOST_DESCRIBE_STRUCT(user, (), (id, mobile, name, provisioned))

struct member {
  std::string user_id;
  spec_enum<MemberRole> role;
};
BOOST_DESCRIBE_STRUCT(member, (), (user_id, role))

struct subscriber {
  std::string id, mobile;
};
BOOST_DESCRIBE_STRUCT(subscriber, (), (id, mobile))

struct message {
  std::string reference_id, sender, text;
  std::vector<std::string> to;  // subscriber numbers; empty = the whole group
  std::int64_t at = 0;
};
BOOST_DESCRIBE_STRUCT(message, (), (reference_id, sender, text, to, at))

struct group {
  std::string id, name, welcome;
  spec_enum<GroupType> type;
  std::string image_url;
  std::vector<member> members;
  std::vector<std::string> parents, children;
  std::vector<subscriber> subscribers;
  std::vector<message> messages;
  std::vector<std::string> actions;  // ids, in posting order
};
BOOST_DESCRIBE_STRUCT(group, (),
                      (id, name, welcome, type, image_url, members, parents, children, subscribers,
                       messages, actions))

struct response {
  std::string id, responder;
  boost::json::value body;  // the actionBody as posted (answers or isCompleted)
  std::int64_t at = 0, updated = 0;
};
BOOST_DESCRIBE_STRUCT(response, (), (id, responder, body, at, updated))

struct action {
  std::string id, reference_id, group_id;
  spec_enum<ActionType> type;  // none for package instances
  std::string package_id, sender;
  boost::json::value body;
  std::vector<std::string> targets;  // subscriber numbers for PostCustomActionSubscriber
  std::int64_t at = 0;
  std::vector<response> responses;
};
BOOST_DESCRIBE_STRUCT(action, (),
                      (id, reference_id, group_id, type, package_id, sender, body, targets, at,
                       responses))

struct media {
  std::string id, filename, content_type, data_base64;
};
BOOST_DESCRIBE_STRUCT(media, (), (id, filename, content_type, data_base64))

struct webhook {
  std::string id, object_id;
  spec_enum<ObjectType> object_type;
  std::string owner_app;
  std::vector<std::string> events;
  std::string url, token, context;
  std::int64_t ts = 0, validity = 0;
  bool active = true;
};
BOOST_DESCRIBE_STRUCT(webhook, (),
                      (id, object_id, object_type, owner_app, events, url, token, context, ts,
                       validity, active))

// A like or comment on a message or action (reactions.cpp).
struct reaction {
  std::string id, group_id;  // group_id: where the message or action was posted (sourceGroupId)
  std::string reference_id, user_id;
  spec_enum<ReactionType> type;
  std::string comment;
  std::int64_t at = 0;  // made or last changed, epoch ms
};
BOOST_DESCRIBE_STRUCT(reaction, (), (id, group_id, reference_id, user_id, type, comment, at))

struct refresh_token {
  std::string app, mobile, successor;  // successor: the rotated token issued from this one
  std::int64_t issued = 0, expiry = 0;
  bool revoked = false;
};
BOOST_DESCRIBE_STRUCT(refresh_token, (), (app, mobile, successor, issued, expiry, revoked))

struct access_token {
  std::string app, mobile;
  std::int64_t expiry = 0;
};
BOOST_DESCRIBE_STRUCT(access_token, (), (app, mobile, expiry))

struct state {
  int version = 1;
  std::map<std::string, user> users;  // by mobile number
  std::map<std::string, group> groups;
  std::map<std::string, action> actions;
  std::map<std::string, media> media_files;
  std::map<std::string, webhook> webhooks;
  std::map<std::string, refresh_token> refresh_tokens;  // by token
  std::map<std::string, access_token> access_tokens;    // by token
  std::map<std::string, reaction> reactions;  // by id; absent from files written before them
};
BOOST_DESCRIBE_STRUCT(state, (),
                      (version, users, groups, actions, media_files, webhooks, refresh_tokens,
                       access_tokens, reactions))

}  // namespace kaizala::emulator::model

#if defined(__clang__)
#pragma clang diagnostic pop
#endif
