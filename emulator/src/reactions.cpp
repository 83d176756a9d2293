// Reactions (docs/kaizala-api.md §17.2): likes and comments on the messages and actions of a group,
// their counts, and the reactions themselves, with .NET-ticks cursors.
#include "service.hpp"

#include <algorithm>
#include <map>

namespace kaizala::emulator {

namespace {

constexpr std::int64_t unix_epoch_ticks = 621'355'968'000'000'000;  // 1970-01-01 in .NET ticks
constexpr std::size_t max_comment_length = 4000;

std::int64_t ticks_of(std::int64_t ms) { return unix_epoch_ticks + ms * 10'000; }
// The epoch ms a cursor stands for; a cursor before 1970 (or absent) lists everything.
std::int64_t ms_of(std::optional<std::int64_t> ticks) {
  if (!ticks || *ticks <= unix_epoch_ticks) return -1;
  return (*ticks - unix_epoch_ticks) / 10'000;
}

// The message or action `reference_id` names in group `g`.
bool holds_reference(const model::group& g, const model::state& st,
                     const std::string& reference_id) {
  for (const auto& m : g.messages)
    if (m.reference_id == reference_id) return true;
  for (const auto& id : g.actions)
    if (auto it = st.actions.find(id);
        it != st.actions.end() && it->second.reference_id == reference_id)
      return true;
  return false;
}

ReactionCounts count_of(const model::state& st, const std::string& source,
                        const std::string& reference_id) {
  std::int64_t likes = 0, comments = 0;
  for (const auto& [id, r] : st.reactions)
    if (r.group_id == source && r.reference_id == reference_id)
      ++(r.type == ReactionType::Like ? likes : comments);
  ReactionCounts out;
  out.like = likes;
  out.comment = comments;
  return out;
}

}  // namespace

// The group the caller reacts in (a member), and the source group (default: the same) that must
// hold the referenced message or action when `reference_id` is given.
static kaizala::result<std::string> reaction_source(server::impl& s, const std::string& group_id,
                                                    const std::optional<std::string>& source_id,
                                                    const std::string* reference_id,
                                                    const call_context& c) {
  model::group* g = s.find_group(group_id);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(group_id) + " not found");
  if (auto e = s.need_member(*g, c)) return std::move(*e);
  std::string source = source_id.value_or("").empty() ? group_id : *source_id;
  model::group* src = s.find_group(source);
  if (src == nullptr)
    return api_error(404, "GroupNotFound",
                     "sourceGroupId: group " + quote_id(source) + " not found");
  if (reference_id != nullptr && !holds_reference(*src, s.st, *reference_id))
    return api_error(404, "ReferenceNotFound",
                     "referenceId: no message or action " + quote_id(*reference_id) + " in group " +
                         quote_id(source));
  return source;
}

kaizala::result<PostReactionResponse> server::impl::handle(ops::PostReaction,
                                                           const PostReactionRequest& req,
                                                           call_context& c) {
  auto source = reaction_source(*this, req.groupId, req.sourceGroupId, &req.referenceId, c);
  if (!source) return std::move(source).error();
  if (!req.reactionType.known())
    return api_error(400, "BadRequest", "reactionType: expected Like or Comment");
  ReactionType type = req.reactionType.value();
  std::string comment = req.comment.value_or("");
  if (type == ReactionType::Comment && comment.empty())
    return api_error(400, "BadRequest", "comment: required for a Comment");
  if (type == ReactionType::Like && !comment.empty())
    return api_error(400, "BadRequest", "comment: only a Comment has one");
  if (comment.size() > max_comment_length)
    return api_error(400, "BadRequest",
                     "comment: at most " + std::to_string(max_comment_length) + " bytes");
  const std::string user_id = user_for(c.mobile).id;

  PostReactionResponse out;
  if (type == ReactionType::Like) {
    for (auto& [id, r] : st.reactions)
      if (r.group_id == *source && r.reference_id == req.referenceId && r.user_id == user_id &&
          r.type == ReactionType::Like) {
        r.at = c.now;  // a repeated like is the same like
        c.changed = true;
        out.reactionId = id;
        return out;
      }
  } else {
    // Comments per message are bounded like the messages of a group: the oldest go first.
    std::vector<std::pair<std::int64_t, std::string>> comments;
    for (const auto& [id, r] : st.reactions)
      if (r.group_id == *source && r.reference_id == req.referenceId &&
          r.type == ReactionType::Comment)
        comments.emplace_back(r.at, id);
    if (comments.size() >= opt.kept_messages_per_group && !comments.empty()) {
      std::sort(comments.begin(), comments.end());
      for (std::size_t i = 0; i + opt.kept_messages_per_group <= comments.size(); ++i)
        st.reactions.erase(comments[i].second);
    }
  }
  model::reaction r;
  r.id = new_guid();
  r.group_id = *source;
  r.reference_id = req.referenceId;
  r.user_id = user_id;
  r.type = type;
  r.comment = comment;
  r.at = c.now;
  out.reactionId = r.id;
  st.reactions[r.id] = std::move(r);
  c.changed = true;
  return out;
}

kaizala::result<GetGroupReactionSummaryResponse> server::impl::handle(
    ops::GetGroupReactionSummary, const GetGroupReactionSummaryRequest& req, call_context& c) {
  auto source = reaction_source(*this, req.groupId, req.sourceGroupId, nullptr, c);
  if (!source) return std::move(source).error();
  std::int64_t after = ms_of(req.cursor);
  std::map<std::string, std::int64_t> changed;  // referenceId -> newest change
  for (const auto& [id, r] : st.reactions)
    if (r.group_id == *source && r.at > after)
      changed[r.reference_id] = std::max(changed[r.reference_id], r.at);
  std::vector<std::pair<std::int64_t, std::string>> order;
  for (const auto& [ref, at] : changed) order.emplace_back(at, ref);
  std::sort(order.begin(), order.end());
  GetGroupReactionSummaryResponse out;
  for (const auto& [at, ref] : order) {
    ReactionSummary s;
    s.referenceId = ref;
    s.reactionsCountMap = count_of(st, *source, ref);
    out.summary.push_back(std::move(s));
  }
  if (!order.empty())
    out.cursor = ticks_of(order.back().first);
  else if (req.cursor)
    out.cursor = *req.cursor;
  return out;
}

kaizala::result<GetActionReactionSummaryResponse> server::impl::handle(
    ops::GetActionReactionSummary, const GetActionReactionSummaryRequest& req, call_context& c) {
  auto source = reaction_source(*this, req.groupId, req.sourceGroupId, &req.referenceId, c);
  if (!source) return std::move(source).error();
  GetActionReactionSummaryResponse out;
  ReactionCounts counts = count_of(st, *source, req.referenceId);
  if (counts.like.value_or(0) + counts.comment.value_or(0) > 0) {
    ReactionSummary s;
    s.referenceId = req.referenceId;
    s.reactionsCountMap = counts;
    out.summary.push_back(std::move(s));
  }
  return out;
}

kaizala::result<GetReactionDetailsResponse> server::impl::handle(
    ops::GetReactionDetails, const GetReactionDetailsRequest& req, call_context& c) {
  auto source = reaction_source(*this, req.groupId, req.sourceGroupId, &req.referenceId, c);
  if (!source) return std::move(source).error();
  if (req.reactionType && !req.reactionType->known())
    return api_error(400, "BadRequest", "reactionType: expected Like or Comment");
  std::int64_t after = ms_of(req.cursor);
  std::vector<const model::reaction*> found;
  for (const auto& [id, r] : st.reactions)
    if (r.group_id == *source && r.reference_id == req.referenceId && r.at > after &&
        (!req.reactionType || r.type == req.reactionType->value()))
      found.push_back(&r);
  std::sort(found.begin(), found.end(), [](const model::reaction* a, const model::reaction* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  });
  GetReactionDetailsResponse out;
  for (const model::reaction* r : found) {
    ReactionDetail d;
    d.reactionId = r->id;
    d.userId = r->user_id;
    d.lastModifiedTime = r->at;
    if (r->type == ReactionType::Comment) d.comment = r->comment;
    out.reactionDetails.push_back(std::move(d));
  }
  if (!found.empty())
    out.cursor = ticks_of(found.back()->at);
  else if (req.cursor)
    out.cursor = *req.cursor;
  return out;
}

}  // namespace kaizala::emulator
