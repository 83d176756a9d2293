// announce_group: the user code examples/testing/test_announce_group.cpp tests with the testing
// kit. It creates a group and posts a first message in it, through any transport.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/generated/groups.hpp>
#include <kaizala/generated/messages.hpp>

#include <string>
#include <utility>
#include <vector>

namespace example {

// Creates group `name` with `members`, then sends `text` to it. Answers the new group's id, or the
// first error (when creating fails, nothing is sent).
template <class Transport>
kaizala::result<std::string> announce_group(Transport& http, const kaizala::context& ctx,
                                            std::string name, std::vector<std::string> members,
                                            std::string text) {
  kaizala::CreateGroupRequest create;
  create.name = std::move(name);
  create.welcomeMessage = "Welcome to " + create.name;
  create.members = std::move(members);
  auto group = kaizala::call<kaizala::ops::CreateGroup>(http, ctx, create);
  if (!group) return std::move(group).error();

  kaizala::SendMessageRequest message;
  message.groupId = group->groupId;
  message.message = std::move(text);
  auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, message);
  if (!sent) return std::move(sent).error();
  return group->groupId;
}

}  // namespace example
