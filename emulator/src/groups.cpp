// Groups, sub-groups, members, subscribers and messages (docs/kaizala-api.md §5-§8).
#include "service.hpp"

#include <kaizala/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace kaizala::emulator {

namespace {

kaizala::error group_not_found(const std::string& id) {
  return api_error(404, "GroupNotFound", "group " + quote_id(id) + " not found");
}

kaizala::error too_many(std::string_view field, std::size_t max, std::size_t got) {
  return api_error(400, "BadRequest",
                   std::string(field) + ": at most " + std::to_string(max) +
                       " items allowed, got " + std::to_string(got));
}

boost::json::value member_event(const model::user& u, MemberRole role) {
  MemberEventData d;
  d.member = u.mobile;
  d.memberName = u.name;
  d.memberProfilePic = "";
  d.type = role;
  return to_json_value(d);
}

}  // namespace

model::user& server::impl::user_for(const std::string& mobile) {
  auto it = st.users.find(mobile);
  if (it == st.users.end()) {
    model::user u;
    u.id = new_guid();
    u.mobile = mobile;
    u.name = "User " + mobile.substr(mobile.size() > 4 ? mobile.size() - 4 : 0);
    it = st.users.emplace(mobile, u).first;
  }
  return it->second;
}

model::group* server::impl::find_group(const std::string& id) {
  auto it = st.groups.find(id);
  return it == st.groups.end() ? nullptr : &it->second;
}

const model::member* server::impl::membership(const model::group& g,
                                              const std::string& mobile) const {
  auto u = st.users.find(mobile);
  if (u == st.users.end()) return nullptr;
  for (const auto& m : g.members)
    if (m.user_id == u->second.id) return &m;
  return nullptr;
}

kaizala::maybe_error server::impl::need_member(const model::group& g, const call_context& c) const {
  if (membership(g, c.mobile) == nullptr)
    return api_error(403, "Forbidden", "the caller is not a member of group " + quote_id(g.id));
  return std::nullopt;
}

kaizala::maybe_error server::impl::need_admin(const model::group& g, const call_context& c) const {
  const model::member* m = membership(g, c.mobile);
  if (m == nullptr)
    return api_error(403, "Forbidden", "the caller is not a member of group " + quote_id(g.id));
  if (m->role != MemberRole::Admin)
    return api_error(403, "Forbidden", "only an admin of group " + quote_id(g.id) + " may do this");
  return std::nullopt;
}

kaizala::Group server::impl::render_group(const model::group& g, const call_context& c,
                                          bool details) const {
  kaizala::Group out;
  out.groupId = g.id;
  out.groupName = g.name;
  out.groupImageUrl = g.image_url;
  out.hasSubGroups = !g.children.empty();
  out.hasParentGroups = !g.parents.empty();
  out.isMappedToTenant = false;
  out.groupType = g.type.value_or(GroupType::Group);
  out.welcomeMessage = g.welcome;
  if (!details) return out;
  std::int64_t unprovisioned = 0;
  for (const auto& m : g.members)
    for (const auto& [mobile, u] : st.users)
      if (u.id == m.user_id && !u.provisioned) ++unprovisioned;
  // userCount covers the hierarchy below the group (unique users).
  std::set<std::string> everyone;
  std::set<std::string> seen;
  std::function<void(const model::group&)> walk = [&](const model::group& x) {
    if (!seen.insert(x.id).second) return;
    for (const auto& m : x.members) everyone.insert(m.user_id);
    for (const auto& child : x.children)
      if (auto it = st.groups.find(child); it != st.groups.end()) walk(it->second);
  };
  walk(g);
  out.userCount = static_cast<std::int64_t>(everyone.size());
  out.uniqueUserCount = out.userCount;
  out.currentLevelUserCount = static_cast<std::int64_t>(g.members.size());
  out.currentLevelUnProvisionedUserCount = unprovisioned;
  out.unProvisionedUserCount = unprovisioned;
  out.currentLevelSubGroupCount = static_cast<std::int64_t>(g.children.size());
  out.currentLevelParentGroupCount = static_cast<std::int64_t>(g.parents.size());
  if (const model::member* m = membership(g, c.mobile))
    out.callerRole = m->role.value_or(MemberRole::Member);
  out.isEditable = out.callerRole && *out.callerRole == MemberRole::Admin;
  out.isDetailsReadable = true;
  out.isDuplicate = false;
  return out;
}

// --- groups -------------------------------------------------------------------------------

namespace {

// Creates a group with the caller as Admin (unless !add_caller) and `members` as Members.
// Returns the id; `all_added` is false when a number was refused.
std::string make_group(server::impl& s, const std::string& name, const std::string& welcome,
                       GroupType type, std::string image, const std::vector<std::string>& members,
                       bool add_caller, call_context& c, bool& all_added) {
  model::group g;
  g.id = s.new_guid() + "@1";
  g.name = name;
  g.welcome = welcome;
  g.type = type;
  g.image_url = std::move(image);
  std::vector<std::pair<std::string, MemberRole>> added;  // mobile, role
  if (add_caller) {
    g.members.push_back({s.user_for(c.mobile).id, MemberRole::Admin});
    added.emplace_back(c.mobile, MemberRole::Admin);
  }
  all_added = true;
  for (const auto& number : members) {
    if (!is_mobile_number(number)) {
      all_added = false;
      continue;
    }
    const model::user& u = s.user_for(number);
    bool already = std::any_of(g.members.begin(), g.members.end(),
                               [&](const model::member& m) { return m.user_id == u.id; });
    if (already) continue;
    g.members.push_back({u.id, MemberRole::Member});
    added.emplace_back(number, MemberRole::Member);
  }
  std::string id = g.id;
  s.st.groups[id] = std::move(g);
  for (const auto& [mobile, role] : added)
    s.emit(EventType::MemberAdded, id, "", "", member_event(s.user_for(mobile), role), c);
  c.changed = true;
  return id;
}

}  // namespace

kaizala::result<CreateGroupResponse> server::impl::handle(ops::CreateGroup,
                                                          const CreateGroupRequest& req,
                                                          call_context& c) {
  GroupType type = req.groupType && *req.groupType == GroupType::ConnectGroup
                       ? GroupType::ConnectGroup
                       : GroupType::Group;
  if (req.groupType && !req.groupType->known())
    return api_error(400, "BadRequest", "groupType: expected Group or ConnectGroup");
  bool all = true;
  std::string id = make_group(*this, req.name, req.welcomeMessage, type, "",
                              req.members.value_or(std::vector<std::string>{}), true, c, all);
  CreateGroupResponse out;
  out.groupId = id;
  out.groupName = req.name;
  out.membersAdded = all;
  return out;
}

kaizala::result<CreateSubgroupResponse> server::impl::handle(ops::CreateSubgroup,
                                                             const CreateSubgroupRequest& req,
                                                             call_context& c) {
  model::group* parent = find_group(req.groupId);
  if (parent == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*parent, c)) return std::move(*e);
  if (req.members && req.members->size() > opt.max_array_items)
    return too_many("members", opt.max_array_items, req.members->size());
  if (req.groupType && !req.groupType->known())
    return api_error(400, "BadRequest", "groupType: expected Group or ConnectGroup");
  std::string name = req.groupName ? *req.groupName : req.name.value_or("");
  GroupType type = req.groupType && *req.groupType == GroupType::ConnectGroup
                       ? GroupType::ConnectGroup
                       : GroupType::Group;
  bool all = true;
  std::string id = make_group(*this, name, req.welcomeMessage, type, req.groupImageUrl.value_or(""),
                              req.members.value_or(std::vector<std::string>{}),
                              req.addUserToGroup.value_or(true), c, all);
  parent = find_group(req.groupId);  // make_group inserted into the map
  parent->children.push_back(id);
  st.groups[id].parents.push_back(parent->id);
  GroupEventData d;
  d.groupId = id;
  d.groupName = name;
  emit(EventType::GroupAdded, parent->id, "", "", to_json_value(d), c);
  CreateSubgroupResponse out;
  out.groupId = id;
  out.groupName = name;
  return out;
}

kaizala::result<boost::json::value> server::impl::handle(ops::AddSubgroup,
                                                         const AddSubgroupRequest& req,
                                                         call_context& c) {
  model::group* parent = find_group(req.groupId);
  if (parent == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*parent, c)) return std::move(*e);
  if (req.subGroups.size() > opt.max_array_items)
    return too_many("subGroups", opt.max_array_items, req.subGroups.size());
  // All or nothing: check every id before linking any.
  for (std::size_t i = 0; i < req.subGroups.size(); ++i) {
    const std::string& id = req.subGroups[i];
    if (find_group(id) == nullptr)
      return api_error(
          404, "GroupNotFound",
          "subGroups[" + std::to_string(i) + "]: group " + quote_id(id) + " not found");
    // No cycles: the parent must not sit below the new child.
    std::set<std::string> seen;
    std::function<bool(const std::string&)> below = [&](const std::string& g) {
      if (g == parent->id) return true;
      if (!seen.insert(g).second) return false;
      for (const auto& ch : st.groups[g].children)
        if (below(ch)) return true;
      return false;
    };
    if (below(id))
      return api_error(
          400, "BadRequest",
          "subGroups[" + std::to_string(i) + "]: would make a group its own sub-group");
  }
  for (const std::string& id : req.subGroups) {
    if (std::find(parent->children.begin(), parent->children.end(), id) != parent->children.end())
      continue;
    parent->children.push_back(id);
    st.groups[id].parents.push_back(parent->id);
    GroupEventData d;
    d.groupId = id;
    d.groupName = st.groups[id].name;
    emit(EventType::GroupAdded, parent->id, "", "", to_json_value(d), c);
  }
  c.changed = true;
  return boost::json::value{{"result", true}};
}

kaizala::result<GroupOrList> server::impl::handle(ops::FetchGroupDetails,
                                                  const FetchGroupDetailsRequest& req,
                                                  call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_member(*g, c)) return std::move(*e);
  GroupOrList out;
  out.groups = std::vector<Group>{render_group(*g, c, true)};
  return out;
}

kaizala::result<GroupOrList> server::impl::handle(ops::FetchSubgroup,
                                                  const FetchSubgroupRequest& req,
                                                  call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_member(*g, c)) return std::move(*e);
  Group top = render_group(*g, c, false);
  GroupOrList out;
  out.groupId = top.groupId;
  out.groupName = top.groupName;
  out.groupImageUrl = top.groupImageUrl;
  out.hasSubGroups = top.hasSubGroups;
  out.hasParentGroups = top.hasParentGroups;
  out.isMappedToTenant = top.isMappedToTenant;
  out.groupType = top.groupType;
  out.welcomeMessage = top.welcomeMessage;
  std::vector<Group> subs;
  std::set<std::string> seen{g->id};
  std::function<void(const model::group&)> collect = [&](const model::group& x) {
    for (const auto& id : x.children) {
      if (!seen.insert(id).second) continue;
      auto it = st.groups.find(id);
      if (it == st.groups.end()) continue;
      Group item = render_group(it->second, c, false);
      item.isDuplicate = false;
      subs.push_back(std::move(item));
      if (req.fetchAllGroups.value_or(false)) collect(it->second);
    }
  };
  collect(*g);
  out.subGroups = std::move(subs);
  return out;
}

kaizala::result<boost::json::value> server::impl::handle(ops::RemoveGroupAsSubgroup,
                                                         const RemoveGroupAsSubgroupRequest& req,
                                                         call_context& c) {
  model::group* parent = find_group(req.groupId);
  if (parent == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*parent, c)) return std::move(*e);
  auto it = std::find(parent->children.begin(), parent->children.end(), req.subGroupId);
  if (it == parent->children.end())
    return api_error(
        404, "GroupNotFound",
        "group " + quote_id(req.subGroupId) + " is not a sub-group of " + quote_id(req.groupId));
  parent->children.erase(it);
  // Only the link goes; the child group stays (docs/kaizala-api.md §5, RemoveGroupAsSubgroup).
  if (model::group* child = find_group(req.subGroupId)) {
    auto& ps = child->parents;
    ps.erase(std::remove(ps.begin(), ps.end(), parent->id), ps.end());
    GroupEventData d;
    d.groupId = child->id;
    d.groupName = child->name;
    emit(EventType::GroupRemoved, parent->id, "", "", to_json_value(d), c);
  }
  c.changed = true;
  return boost::json::value{{"result", true}};
}

kaizala::result<FetchDirectGroupsResponse> server::impl::handle(ops::FetchDirectGroups,
                                                                const FetchDirectGroupsRequest& req,
                                                                call_context& c) {
  bool details = req.showDetail.value_or(false);
  std::set<std::string> picked;
  std::vector<std::string> order;
  auto add = [&](const std::string& id) {
    if (st.groups.count(id) != 0 && picked.insert(id).second) order.push_back(id);
  };
  for (const auto& [id, g] : st.groups)
    if (membership(g, c.mobile) != nullptr) add(id);
  if (req.fetchAllGroups.value_or(false)) {
    // Parents and sub-groups of the caller's groups, across the hierarchy.
    for (std::size_t i = 0; i < order.size(); ++i) {
      const model::group& g = st.groups[order[i]];
      for (const auto& p : g.parents) add(p);
      for (const auto& ch : g.children) add(ch);
    }
  }
  FetchDirectGroupsResponse out;
  for (const auto& id : order) out.groups.push_back(render_group(st.groups[id], c, details));
  return out;
}

// --- members ------------------------------------------------------------------------------

kaizala::result<AddMembersResponse> server::impl::handle(ops::AddMembers,
                                                         const AddMembersRequest& req,
                                                         call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*g, c)) return std::move(*e);
  if (req.members.size() > opt.max_array_items)
    return too_many("members", opt.max_array_items, req.members.size());
  bool all = true;
  for (const auto& number : req.members) {
    if (!is_mobile_number(number)) {
      all = false;
      continue;
    }
    const model::user& u = user_for(number);
    if (membership(*g, number) != nullptr) continue;  // already in: stays as it is
    g->members.push_back({u.id, MemberRole::Member});
    emit(EventType::MemberAdded, g->id, "", "", member_event(u, MemberRole::Member), c);
  }
  c.changed = true;
  AddMembersResponse out;
  out.result = all;
  return out;
}

kaizala::result<FetchMembersResponse> server::impl::handle(ops::FetchMembers,
                                                           const FetchMembersRequest& req,
                                                           call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_member(*g, c)) return std::move(*e);
  FetchMembersResponse out;
  for (const auto& m : g->members)
    for (const auto& [mobile, u] : st.users)
      if (u.id == m.user_id) {
        Member item;
        item.id = u.id;
        item.role = m.role.value_or(MemberRole::Member);
        item.mobileNumber = mobile;
        item.isProvisioned = u.provisioned;
        out.members.push_back(std::move(item));
      }
  return out;
}

kaizala::result<RemoveMembersResponse> server::impl::handle(ops::RemoveMembers,
                                                            const RemoveMembersRequest& req,
                                                            call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*g, c)) return std::move(*e);
  auto it = std::find_if(g->members.begin(), g->members.end(),
                         [&](const model::member& m) { return m.user_id == req.memberId; });
  if (it == g->members.end())
    return api_error(
        404, "MemberNotFound",
        "member " + quote_id(req.memberId) + " is not in group " + quote_id(req.groupId));
  MemberRole role = it->role.value_or(MemberRole::Member);
  g->members.erase(it);
  for (const auto& [mobile, u] : st.users)
    if (u.id == req.memberId)
      emit(EventType::MemberRemoved, g->id, "", "", member_event(u, role), c);
  c.changed = true;
  RemoveMembersResponse out;
  out.result = true;
  return out;
}

// PUT on RemoveMembers' path, body {"role": "Admin"} (the FAQ; docs/kaizala-api.md §17.4).
kaizala::result<boost::json::value> server::impl::handle(ops::SetMemberRole,
                                                         const SetMemberRoleRequest& req,
                                                         call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_admin(*g, c)) return std::move(*e);
  if (!req.role.known()) return api_error(400, "BadRequest", "role: expected Admin or Member");
  auto it = std::find_if(g->members.begin(), g->members.end(),
                         [&](const model::member& m) { return m.user_id == req.memberId; });
  if (it == g->members.end())
    return api_error(
        404, "MemberNotFound",
        "member " + quote_id(req.memberId) + " is not in group " + quote_id(req.groupId));
  MemberRole role = req.role.value();
  if (role == MemberRole::Member && it->role == MemberRole::Admin &&
      std::count_if(g->members.begin(), g->members.end(),
                    [](const model::member& m) { return m.role == MemberRole::Admin; }) == 1)
    return api_error(400, "LastAdmin",
                     "role: member " + quote_id(req.memberId) + " is the last admin of group " +
                         quote_id(req.groupId));
  it->role = role;
  c.changed = true;
  return boost::json::value{{"result", true}};
}

// --- subscribers (ConnectGroup only) -------------------------------------------------------

namespace {
kaizala::maybe_error need_connect_group(const model::group& g) {
  if (g.type != GroupType::ConnectGroup)
    return api_error(400, "NotAPublicGroup",
                     "group " + quote_id(g.id) + " is not a ConnectGroup (managed public group)");
  return std::nullopt;
}
}  // namespace

kaizala::result<AddSubscribersResponse> server::impl::handle(ops::AddSubscribers,
                                                             const AddSubscribersRequest& req,
                                                             call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_connect_group(*g)) return std::move(*e);
  if (auto e = need_admin(*g, c)) return std::move(*e);
  if (req.subscribers.size() > opt.max_array_items)
    return too_many("subscribers", opt.max_array_items, req.subscribers.size());
  AddSubscribersResponse out;
  for (const auto& number : req.subscribers) {
    SubscriberResult r;
    if (!is_mobile_number(number)) {
      r.isAdded = false;
      r.reason = "not a mobile number with country code";
    } else if (std::any_of(g->subscribers.begin(), g->subscribers.end(),
                           [&](const model::subscriber& s) { return s.mobile == number; })) {
      r.isAdded = false;
      r.reason = "already a subscriber";
    } else {
      g->subscribers.push_back({user_for(number).id, number});
      r.isAdded = true;
    }
    out.result[number] = r;
  }
  c.changed = true;
  return out;
}

kaizala::result<GetSubscribersResponse> server::impl::handle(ops::GetSubscribers,
                                                             const GetSubscribersRequest& req,
                                                             call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_connect_group(*g)) return std::move(*e);
  if (auto e = need_member(*g, c)) return std::move(*e);
  int count = req.count.value_or(50);
  if (count < 1) return api_error(400, "BadRequest", "count: must be between 1 and 50");
  count = std::min(count, 50);  // documented maximum: larger pages are clamped, not refused
  std::size_t from = 0;
  if (req.cursor && !req.cursor->empty()) {
    // Opaque to clients: base64 of "offset:<n>".
    auto text = base64_decode(*req.cursor);
    std::size_t n = 0;
    bool ok = text && text->rfind("offset:", 0) == 0;
    if (ok) {
      auto [end, ec] = std::from_chars(text->data() + 7, text->data() + text->size(), n);
      ok = ec == std::errc() && end == text->data() + text->size() && n <= g->subscribers.size();
    }
    if (!ok) return api_error(400, "BadRequest", "cursor: not a cursor this group handed out");
    from = n;
  }
  GetSubscribersResponse out;
  std::size_t end = std::min(g->subscribers.size(), from + static_cast<std::size_t>(count));
  for (std::size_t i = from; i < end; ++i) {
    const auto& s = g->subscribers[i];
    const model::user& u = user_for(s.mobile);
    Subscriber item;
    item.id = s.id;
    item.mobileNumber = s.mobile;
    item.name = u.provisioned ? u.name : "";
    item.profilePic = "";
    item.isProvisioned = u.provisioned;
    out.subscribers.push_back(std::move(item));
  }
  if (end < g->subscribers.size()) out.cursor = base64_encode("offset:" + std::to_string(end));
  return out;
}

kaizala::result<RemoveSubscribersResponse> server::impl::handle(ops::RemoveSubscribers,
                                                                const RemoveSubscribersRequest& req,
                                                                call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_connect_group(*g)) return std::move(*e);
  if (auto e = need_admin(*g, c)) return std::move(*e);
  if (req.subscribers.size() > opt.max_array_items)
    return too_many("subscribers", opt.max_array_items, req.subscribers.size());
  RemoveSubscribersResponse out;
  for (const auto& number : req.subscribers) {
    SubscriberResult r;
    auto it = std::find_if(g->subscribers.begin(), g->subscribers.end(),
                           [&](const model::subscriber& s) { return s.mobile == number; });
    if (it == g->subscribers.end()) {
      r.isRemoved = false;
      r.reason = "not a subscriber";
    } else {
      g->subscribers.erase(it);
      r.isRemoved = true;
    }
    out.result[number] = r;
  }
  c.changed = true;
  return out;
}

// --- messages -----------------------------------------------------------------------------

namespace {
std::string store_message(server::impl& s, model::group& g, const std::string& text,
                          std::vector<std::string> to, call_context& c) {
  model::message m;
  m.reference_id = s.new_guid();
  m.sender = c.mobile;
  m.text = text;
  m.to = std::move(to);
  m.at = c.now;
  g.messages.push_back(m);
  // No op reads messages back: the newest ones are kept, so a chatty client cannot grow the state.
  std::size_t kept = s.opt.kept_messages_per_group;
  if (g.messages.size() > kept)
    g.messages.erase(g.messages.begin(), g.messages.end() - static_cast<std::ptrdiff_t>(kept));
  TextMessageCreatedData d;
  d.text = text;
  s.emit(EventType::TextMessageCreated, g.id, "", "", to_json_value(d), c);
  c.changed = true;
  return m.reference_id;
}
}  // namespace

kaizala::result<SendMessageResponse> server::impl::handle(ops::SendMessage,
                                                          const SendMessageRequest& req,
                                                          call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_member(*g, c)) return std::move(*e);
  if (req.message.empty()) return api_error(400, "BadRequest", "message: must not be empty");
  SendMessageResponse out;
  out.referenceId = store_message(*this, *g, req.message, {}, c);
  return out;
}

kaizala::result<SendMessageToSubscriberResponse> server::impl::handle(
    ops::SendMessageToSubscriber, const SendMessageToSubscriberRequest& req, call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr) return group_not_found(req.groupId);
  if (auto e = need_connect_group(*g)) return std::move(*e);
  if (req.sendToAllSubscribers.value_or(false)) {
    if (auto e = need_admin(*g, c)) return std::move(*e);
  } else if (auto e = need_member(*g, c)) {
    return std::move(*e);
  }
  if (req.message.empty()) return api_error(400, "BadRequest", "message: must not be empty");
  std::vector<std::string> to;
  if (req.sendToAllSubscribers.value_or(false)) {
    for (const auto& s : g->subscribers) to.push_back(s.mobile);
  } else {
    // Numbers that are not subscribers are skipped, as a broadcast would.
    for (const auto& number : req.subscribers.value_or(std::vector<std::string>{}))
      if (std::any_of(g->subscribers.begin(), g->subscribers.end(),
                      [&](const model::subscriber& s) { return s.mobile == number; }))
        to.push_back(number);
  }
  SendMessageToSubscriberResponse out;
  out.referenceId = store_message(*this, *g, req.message, std::move(to), c);
  return out;
}

}  // namespace kaizala::emulator
