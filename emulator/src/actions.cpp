// Media and actions: UploadMedia, the action ops and their responses
// (docs/kaizala-api.md §5, §14, §15).
#include "service.hpp"

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/json.hpp>
#include <kaizala/media_types.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>

namespace kaizala::emulator {

namespace {

constexpr std::int64_t hour_ms = 3'600'000;

// Reads an actionBody member into its generated type the way the service did (any key casing),
// then checks the spec's limits. Errors name the member under "actionBody".
template <class T>
kaizala::result<T> read_body(const boost::json::value& v) {
  decode_options o;
  o.case_insensitive_keys = true;
  auto r = from_json_value<T>(v, o);
  kaizala::maybe_error problem;
  if (!r)
    problem = std::move(r).error();
  else if (auto e = validate(*r))
    problem = std::move(*e);
  if (!problem) return std::move(*r);
  std::string msg = problem->message;
  if (msg.rfind("(root)", 0) == 0)
    msg.erase(0, 6);
  else
    msg = "." + msg;
  return api_error(400, "BadRequest", "actionBody" + msg);
}

kaizala::error action_not_found(const std::string& id) {
  return api_error(404, "ActionNotFound", "action " + quote_id(id) + " not found");
}

// The ActionType named by `text` (any casing), none when it names none.
model::spec_enum<ActionType> action_type_named(std::string_view text) {
  for (std::string_view n : meta::enum_info<ActionType>::names)
    if (detail::iequals(n, text))
      if (auto e = from_json_value<open_enum<ActionType>>(boost::json::value(n)); e && e->known())
        return e->value();
  return {};
}

bool is_media_type(const model::spec_enum<ActionType>& t) {
  return t == ActionType::Image || t == ActionType::Audio || t == ActionType::Document ||
         t == ActionType::Album || t == ActionType::Video;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

}  // namespace

std::string server::impl::media_url(const std::string& media_resource) const {
  auto text = base64_decode(media_resource);
  if (!text) return {};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*text, ec);
  if (ec || !v.is_object()) return {};
  const auto* files = v.get_object().if_contains("Files");
  if (files == nullptr || !files->is_array() || files->get_array().empty()) return {};
  const auto& f = files->get_array()[0];
  if (!f.is_object()) return {};
  const auto* id = f.get_object().if_contains("Id");
  const auto* url = f.get_object().if_contains("Url");
  if (id == nullptr || url == nullptr || !id->is_string() || !url->is_string()) return {};
  if (st.media_files.count(std::string(id->get_string())) == 0) return {};
  return std::string(url->get_string());
}

kaizala::result<UploadMediaResponse> server::impl::handle(ops::UploadMedia,
                                                          const UploadMediaRequest& req,
                                                          call_context& c) {
  std::string type = lower(req.file.content_type.substr(0, req.file.content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type.empty())
    return api_error(415, "UnsupportedMediaType", "FileName: the file part has no Content-Type");
  std::string_view kind = media_kind_of(type);  // kaizala/media_types.hpp
  if (kind.empty())
    return api_error(415, "UnsupportedMediaType",
                     "FileName: " + quote_id(type) +
                         " is not a supported media type (docs/kaizala-api.md §15.2)");
  const std::size_t size = req.file.data.size();
  if (size > opt.max_media_bytes)
    return api_error(413, "PayloadTooLarge",
                     "FileName: the file is larger than the media store (" +
                         std::to_string(opt.max_media_bytes) + " bytes)");
  // The store is bounded: the oldest uploads make room (their URLs then answer 404).
  while (!media_order.empty() &&
         (media_bytes + size > opt.max_media_bytes || media_order.size() >= opt.max_media_files)) {
    st.media_files.erase(media_order.front().first);
    media_bytes -= std::min(media_bytes, media_order.front().second);
    media_order.pop_front();
  }
  if (opt.max_media_files == 0)
    return api_error(413, "PayloadTooLarge",
                     "FileName: the media store takes no files (max_media_files = 0)");
  model::media m;
  m.id = new_guid();
  m.filename = req.file.filename;
  m.content_type = type;
  m.data_base64 = base64_encode(req.file.data);
  st.media_files[m.id] = m;
  media_order.emplace_back(m.id, size);
  media_bytes += size;
  c.changed = true;
  // The samples' form: base64 of {"Thumbnail", "ActionType" (3 = image), "Files": [{Id, Name, Size,
  // Url}]}.
  boost::json::object resource;
  resource["Thumbnail"] = "";
  resource["ActionType"] = kind == "Image" ? 3 : 0;
  resource["Files"] = boost::json::array{
      boost::json::object{{"Id", m.id},
                          {"Name", m.filename},
                          {"Size", static_cast<std::int64_t>(req.file.data.size())},
                          {"Url", base + "/emulator/media/" + m.id}}};
  UploadMediaResponse out;
  out.mediaResource = base64_encode(boost::json::serialize(resource));
  return out;
}

kaizala::result<std::string> server::impl::create_action(const std::string& group_id,
                                                         std::string type, std::string package_id,
                                                         const boost::json::value& body,
                                                         std::vector<std::string> targets,
                                                         call_context& c) {
  model::group* g = find_group(group_id);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(group_id) + " not found");
  if (auto e = need_member(*g, c)) return std::move(*e);
  if (!body.is_object()) return api_error(400, "BadRequest", "actionBody: expected an object");

  model::action a;
  a.id = new_guid();
  a.reference_id = new_guid();
  a.group_id = group_id;
  a.package_id = std::move(package_id);
  a.sender = c.mobile;
  a.at = c.now;
  a.body = body;
  a.targets = std::move(targets);

  ActionCreatedData created;
  created.actionId = a.id;
  created.groupId = group_id;
  std::vector<std::pair<EventType, boost::json::value>> events;
  if (a.package_id.empty()) {
    a.type = action_type_named(type);
    if (!a.type)
      return api_error(400, "BadRequest", "actionType: unknown action type " + quote_id(type));
    created.actionType = *a.type;
    if (a.type == ActionType::Survey) {
      auto s = read_body<SurveyBody>(body);
      if (!s) return std::move(s).error();
      for (std::size_t i = 0; i < s->questions.size(); ++i) {
        const Question& q = s->questions[i];
        bool choice = q.type == QuestionType::SingleOption || q.type == QuestionType::MultiOption;
        if (choice && (!q.options || q.options->empty()))
          return api_error(400, "BadRequest",
                           "actionBody.questions[" + std::to_string(i) +
                               "].options: required for SingleOption and MultiOption");
      }
      if (s->questions.empty())
        return api_error(400, "BadRequest", "actionBody.questions: at least one question");
      created.title = s->title;
      created.questions = s->questions;
      events.emplace_back(EventType::SurveyCreated, boost::json::value());
    } else if (a.type == ActionType::Job) {
      auto j = read_body<JobBody>(body);
      if (!j) return std::move(j).error();
      if (j->assignedTo.empty() || j->assignedTo.size() > opt.max_array_items)
        return api_error(400, "BadRequest",
                         "actionBody.assignedTo: between 1 and " +
                             std::to_string(opt.max_array_items) + " numbers");
      created.title = j->title;
      JobCreatedData d;
      d.actionId = a.id;
      d.groupId = group_id;
      d.title = j->title;
      d.dueDate = iso8601(c.now + j->dueDate.value_or(24) * hour_ms);
      d.assignedTo = j->assignedTo;
      events.emplace_back(EventType::JobCreated, to_json_value(d));
    } else if (a.type == ActionType::Poll) {
      auto p = read_body<PollBody>(body);
      if (!p) return std::move(p).error();
      if (p->choices.empty())
        return api_error(400, "BadRequest", "actionBody.choices: at least one choice");
      for (std::size_t i = 0; i < p->choices.size(); ++i)
        if (p->choices[i].image && media_url(*p->choices[i].image).empty())
          return api_error(400, "BadRequest",
                           "actionBody.choices[" + std::to_string(i) +
                               "].image: not a mediaResource from UploadMedia");
      created.title = p->question;
      events.emplace_back(EventType::PollCreated, boost::json::value());
    } else if (a.type == ActionType::LetsMeet) {
      auto m = read_body<LetsMeetBody>(body);
      if (!m) return std::move(m).error();
      created.title = m->title;
      events.emplace_back(EventType::LetsMeetCreated, boost::json::value());
    } else if (a.type == ActionType::Announcement) {
      auto an = read_body<AnnouncementBody>(body);
      if (!an) return std::move(an).error();
      AnnouncementData d;
      d.title = an->title;
      d.text = an->message;
      std::vector<AnnouncementMedia> media;
      const auto& list = an->mediaResources ? *an->mediaResources : std::vector<std::string>{};
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string url = media_url(list[i]);
        if (url.empty())
          return api_error(400, "BadRequest",
                           "actionBody.mediaResources[" + std::to_string(i) +
                               "]: not a mediaResource from UploadMedia");
        AnnouncementMedia am;
        am.url = url;
        am.fileName = st.media_files[url.substr(url.rfind('/') + 1)].filename;
        media.push_back(am);
      }
      d.media = media;
      created.title = an->title;
      events.emplace_back(EventType::Announcement, to_json_value(d));
    } else if (is_media_type(a.type)) {
      auto m = read_body<MediaActionBody>(body);
      if (!m) return std::move(m).error();
      std::string url = media_url(m->mediaResource);
      if (url.empty())
        return api_error(400, "BadRequest",
                         "actionBody.mediaResource: not a mediaResource from UploadMedia");
      AttachmentCreatedData d;
      AttachmentMedia am;
      am.mediaUrl = url;
      am.mediaFileName = st.media_files[url.substr(url.rfind('/') + 1)].filename;
      d.media = std::vector<AttachmentMedia>{am};
      d.actionType = *created.actionType;
      d.caption = m->caption;
      events.emplace_back(EventType::AttachmentCreated, to_json_value(d));
    } else {
      return api_error(400, "BadRequest",
                       "actionType: " + std::string(a.type.text()) +
                           " cannot be posted (it is only listed by FetchJobs)");
    }
  } else if (const auto* title = body.get_object().if_contains("title");
             title && title->is_string()) {
    created.title = std::string(title->get_string());
  }

  std::string id = a.id;
  st.actions[id] = std::move(a);
  g->actions.push_back(id);
  c.changed = true;
  const model::action& stored = st.actions[id];
  // SurveyCreated, PollCreated and LetsMeetCreated carry ActionCreated's data (null until here).
  for (auto& event : events)
    if (event.second.is_null()) event.second = to_json_value(created);
  emit(EventType::ActionCreated, group_id, id, stored.package_id, to_json_value(created), c);
  for (auto& [type_, data] : events)
    emit(type_, group_id, id, stored.package_id, std::move(data), c);
  return id;
}

kaizala::result<SendSurveyResponse> server::impl::handle(ops::SendSurvey,
                                                         const SendSurveyRequest& req,
                                                         call_context& c) {
  std::string type = req.actionType ? std::string(to_string(*req.actionType)) : "";
  auto id = create_action(req.groupId, type, req.id.value_or(""), req.actionBody, {}, c);
  if (!id) return std::move(id).error();
  SendSurveyResponse out;
  out.referenceId = st.actions[*id].reference_id;
  out.actionId = *id;
  return out;
}

kaizala::result<PostCustomActionSubscriberResponse> server::impl::handle(
    ops::PostCustomActionSubscriber, const PostCustomActionSubscriberRequest& req,
    call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(req.groupId) + " not found");
  if (g->type != GroupType::ConnectGroup)
    return api_error(400, "NotAPublicGroup",
                     "group " + quote_id(g->id) + " is not a ConnectGroup (managed public group)");
  if (req.sendToAllSubscribers.value_or(false))
    if (auto e = need_admin(*g, c)) return std::move(*e);
  std::vector<std::string> to;
  if (req.sendToAllSubscribers.value_or(false)) {
    for (const auto& s : g->subscribers) to.push_back(s.mobile);
  } else {
    to = req.subscribers.value_or(std::vector<std::string>{});
  }
  auto id = create_action(req.groupId, "", req.id, req.actionBody, std::move(to), c);
  if (!id) return std::move(id).error();
  PostCustomActionSubscriberResponse out;
  out.referenceId = st.actions[*id].reference_id;
  out.actionId = *id;
  return out;
}

kaizala::result<std::string> server::impl::add_response(
    const std::string& group_id, const std::string& action_id,
    const std::optional<std::string>& response_id, const boost::json::value& body, bool survey_op,
    call_context& c) {
  model::group* g = find_group(group_id);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(group_id) + " not found");
  if (auto e = need_member(*g, c)) return std::move(*e);
  auto it = st.actions.find(action_id);
  if (it == st.actions.end() || it->second.group_id != group_id) return action_not_found(action_id);
  model::action& a = it->second;
  if (survey_op && a.type != ActionType::Survey)
    return api_error(400, "BadRequest",
                     "surveyId: action " + quote_id(action_id) + " is not a Survey");
  if (!body.is_object()) return api_error(400, "BadRequest", "actionBody: expected an object");

  bool multiple = true;
  std::vector<ResponseWithQuestion> answered;
  bool job_done = false;
  if (a.type == ActionType::Job) {
    auto r = read_body<JobResponseBody>(body);
    if (!r) return std::move(r).error();
    job_done = r->isCompleted;
    multiple = false;  // one completion state per assignee
  } else if (a.type == ActionType::Survey || !a.package_id.empty()) {
    auto r = read_body<SurveyResponseBody>(body);
    if (!r) return std::move(r).error();
    if (a.type == ActionType::Survey) {
      auto s = read_body<SurveyBody>(a.body);
      if (!s) return std::move(s).error();
      multiple = s->acceptMultipleResponses.value_or(false);
      if (r->answers.size() > s->questions.size())
        return api_error(400, "BadRequest",
                         "actionBody.answers: " + std::to_string(r->answers.size()) +
                             " answers for " + std::to_string(s->questions.size()) + " questions");
      for (std::size_t i = 0; i < r->answers.size(); ++i) {
        const Question& q = s->questions[i];
        const boost::json::value& v = r->answers[i];
        bool ok = true;
        std::string_view want;
        if (q.type == QuestionType::Text || q.type == QuestionType::Image) {
          ok = v.is_string(), want = "a string";
        } else if (q.type == QuestionType::SingleOption) {
          ok = v.is_string() && q.options &&
               std::any_of(q.options->begin(), q.options->end(),
                           [&](const QuestionOption& o) { return o.title == v.get_string(); });
          want = "the title of one of the options";
        } else if (q.type == QuestionType::MultiOption || q.type == QuestionType::AttachmentList) {
          ok = v.is_array() && std::all_of(v.get_array().begin(), v.get_array().end(),
                                           [](const auto& x) { return x.is_string(); });
          want = "an array of strings";
        } else if (q.type == QuestionType::Numeric) {
          ok = v.is_number(), want = "a number";
        } else if (q.type == QuestionType::Date || q.type == QuestionType::DateTime) {
          ok = v.is_int64() || v.is_uint64(), want = "an epoch time (integer)";
        } else if (q.type == QuestionType::Location) {
          ok = v.is_object() && v.get_object().contains("lt") && v.get_object().contains("lg");
          want = "a location {lt, lg, n}";
        }
        if (!ok)
          return api_error(400, "BadRequest",
                           "actionBody.answers[" + std::to_string(i) + "]: expected " +
                               std::string(want) + " for question " + quote_id(q.title));
        ResponseWithQuestion rq;
        rq.title = q.title;
        rq.type = q.type;
        rq.options = to_json_value(q.options.value_or(std::vector<QuestionOption>{}));
        rq.answer = v;
        rq.isInvisible = q.isInvisible;
        answered.push_back(std::move(rq));
      }
    }
  }

  // Which response: the one named by responseId, the caller's earlier one when only one is allowed,
  // or a new one.
  model::response* target = nullptr;
  if (response_id && !response_id->empty()) {
    for (auto& r : a.responses)
      if (r.id == *response_id) target = &r;
    if (target == nullptr)
      return api_error(404, "ResponseNotFound",
                       "response " + quote_id(*response_id) + " not found on this action");
    if (target->responder != c.mobile)
      return api_error(403, "Forbidden",
                       "only the responder may update response " + quote_id(*response_id));
  } else if (!multiple) {
    for (auto& r : a.responses)
      if (r.responder == c.mobile) target = &r;
  }
  bool update = target != nullptr;
  if (!update) {
    a.responses.push_back({new_guid(), c.mobile, body, c.now, c.now});
    target = &a.responses.back();
  } else {
    target->body = body;
    target->updated = c.now;
  }
  std::string rid = target->id;
  c.changed = true;

  const model::user& u = user_for(c.mobile);
  if (a.type == ActionType::Job) {
    JobResponseData d;
    d.actionId = a.id;
    d.groupId = group_id;
    d.responseId = rid;
    JobAssigneeResponse ar;
    ar.assignee = c.mobile;
    ar.assigneeName = u.name;
    ar.assigneeProfilePic = "";
    ar.isCompleted = job_done;
    d.responseDetails = JobResponseDetails{ar};
    emit(EventType::JobResponse, group_id, a.id, a.package_id, to_json_value(d), c);
    emit(EventType::ActionResponse, group_id, a.id, a.package_id, to_json_value(d), c);
  } else {
    SurveyResponseData d;
    d.actionId = a.id;
    d.groupId = group_id;
    d.responseId = rid;
    d.isUpdateResponse = update;
    d.responder = c.mobile;
    d.responderName = u.name;
    d.responderProfilePic = "";
    d.isAnonymous = false;
    d.responseDetails = SurveyResponseDetails{answered};
    // The per-kind event: SurveyResponse, and the Postman collection's PollResponse and
    // LetsMeetResponse (docs/kaizala-api.md §16.7).
    if (a.type == ActionType::Survey)
      emit(EventType::SurveyResponse, group_id, a.id, a.package_id, to_json_value(d), c);
    else if (a.type == ActionType::Poll)
      emit(EventType::PollResponse, group_id, a.id, a.package_id, to_json_value(d), c);
    else if (a.type == ActionType::LetsMeet)
      emit(EventType::LetsMeetResponse, group_id, a.id, a.package_id, to_json_value(d), c);
    emit(EventType::ActionResponse, group_id, a.id, a.package_id, to_json_value(d), c);
  }
  return rid;
}

kaizala::result<PostingActionResponseResponse> server::impl::handle(
    ops::PostingActionResponse, const PostingActionResponseRequest& req, call_context& c) {
  auto it = st.actions.find(req.actionId);
  if (it != st.actions.end()) {
    const model::action& a = it->second;
    if (req.actionType && !detail::iequals(to_string(*req.actionType), a.type.text()))
      return api_error(400, "BadRequest",
                       "actionType: the action is " +
                           (!a.type ? "a package instance" : "a " + std::string(a.type.text())));
    if (req.id && *req.id != a.package_id)
      return api_error(400, "BadRequest",
                       "id: the action is not an instance of that Action package");
  }
  auto rid = add_response(req.groupId, req.actionId, req.responseId, req.actionBody, false, c);
  if (!rid) return std::move(rid).error();
  PostingActionResponseResponse out;
  out.responseId = *rid;
  return out;
}

kaizala::result<PostingSurveyResponseResponse> server::impl::handle(
    ops::PostingSurveyResponse, const PostingSurveyResponseRequest& req, call_context& c) {
  if (req.actionType != ActionType::Survey)
    return api_error(400, "BadRequest", "actionType: must be Survey");
  auto rid = add_response(req.groupId, req.surveyId, req.responseId, to_json_value(req.actionBody),
                          true, c);
  if (!rid) return std::move(rid).error();
  PostingSurveyResponseResponse out;
  out.responseId = *rid;
  return out;
}

namespace {

// Assignees whose latest response says completed.
std::int64_t completed_count(const model::action& a) {
  std::int64_t n = 0;
  for (const auto& r : a.responses) {
    const auto* done =
        r.body.is_object() ? r.body.get_object().if_contains("isCompleted") : nullptr;
    if (done == nullptr) {
      for (const auto& kv : r.body.get_object())
        if (detail::iequals(kv.key(), "isCompleted")) done = &kv.value();
    }
    if (done && done->is_bool() && done->get_bool()) ++n;
  }
  return n;
}

std::string str_member(const boost::json::value& body, std::string_view key) {
  if (!body.is_object()) return {};
  for (const auto& kv : body.get_object())
    if (detail::iequals(kv.key(), key) && kv.value().is_string())
      return std::string(kv.value().get_string());
  return {};
}

}  // namespace

kaizala::result<FetchJobsResponse> server::impl::handle(ops::FetchJobs, const FetchJobsRequest& req,
                                                        call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(req.groupId) + " not found");
  if (auto e = need_member(*g, c)) return std::move(*e);
  int count = req.count.value_or(30);
  if (count < 1) return api_error(400, "BadRequest", "count: must be at least 1");
  model::spec_enum<ActionType> want = action_type_named(to_string(req.actionType));
  std::vector<const model::action*> hits;
  for (const auto& id : g->actions) {
    const model::action& a = st.actions[id];
    if (want && a.type && *a.type == *want && a.at >= req.fromDate.value_or(0)) hits.push_back(&a);
  }
  // Newest first; the page is the newest `count`.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto* x, const auto* y) { return x->at > y->at; });
  FetchJobsResponse out;
  out.hasMore = hits.size() > static_cast<std::size_t>(count);
  if (hits.size() > static_cast<std::size_t>(count)) hits.resize(static_cast<std::size_t>(count));
  for (const model::action* a : hits) {
    ActionItem item;
    item.referenceId = a->reference_id;
    item.actionType = req.actionType;
    item.sender = a->sender;
    item.sentAt = iso8601(a->at);
    item.creationTime = a->at / 1000;
    decode_options ci;
    ci.case_insensitive_keys = true;
    if (a->type == ActionType::Job) {
      auto j = from_json_value<JobBody>(a->body, ci);
      JobItemBody b;
      b.actionId = a->id;
      b.title = j ? j->title : "";
      b.assigneeCount = j ? static_cast<std::int64_t>(j->assignedTo.size()) : 0;
      b.responseCount = completed_count(*a);
      b.isCompleted = b.assigneeCount > 0 && *b.responseCount >= *b.assigneeCount;
      item.actionBody = to_json_value(b);
    } else if (a->type == ActionType::Survey) {
      auto s = from_json_value<SurveyBody>(a->body, ci);
      SurveyItemBody b;
      b.actionId = a->id;
      b.title = s ? s->title : "";
      b.responseCount = static_cast<std::int64_t>(a->responses.size());
      b.expiryDate = iso8601(a->at + (s ? s->dueDate.value_or(24) : 24) * hour_ms);
      item.actionBody = to_json_value(b);
    } else if (a->type == ActionType::Poll) {
      auto p = from_json_value<PollBody>(a->body, ci);
      PollItemBody b;
      b.actionId = a->id;
      b.isSenderOnly = false;
      if (p) {
        b.question = p->question;
        b.expiryDate = iso8601(a->at + p->expiryInHours.value_or(720) * hour_ms);
        std::vector<PollChoice> choices = p->choices;
        for (auto& ch : choices)
          if (ch.image)
            ch.image = media_url(*ch.image);  // GET shows the URL inside the mediaResource
        b.choices = choices;
      }
      item.actionBody = to_json_value(b);
    } else if (a->type == ActionType::LetsMeet) {
      auto m = from_json_value<LetsMeetBody>(a->body, ci);
      LetsMeetItemBody b;
      b.actionId = a->id;
      if (m) {
        b.title = m->title;
        b.startingTime = m->startingTime;
        b.agenda = m->agenda.value_or("");
        b.duration = m->duration.value_or(30);
        b.isSenderOnly = m->isSenderOnly.value_or(false);
        b.place = m->place;
      }
      item.actionBody = to_json_value(b);
    } else if (is_media_type(a->type)) {
      boost::json::object b;
      b["actionId"] = a->id;
      b["imageUrl"] = media_url(str_member(a->body, "mediaResource"));
      b["caption"] = str_member(a->body, "caption");
      item.actionBody = std::move(b);
    } else {
      boost::json::object b;
      b["actionId"] = a->id;
      b["title"] = str_member(a->body, "title");
      b["message"] = str_member(a->body, "message");
      item.actionBody = std::move(b);
    }
    out.actions.push_back(std::move(item));
  }
  return out;
}

kaizala::result<FetchingSurveyResponsesResponse> server::impl::handle(
    ops::FetchingSurveyResponses, const FetchingSurveyResponsesRequest& req, call_context& c) {
  model::group* g = find_group(req.groupId);
  if (g == nullptr)
    return api_error(404, "GroupNotFound", "group " + quote_id(req.groupId) + " not found");
  if (auto e = need_member(*g, c)) return std::move(*e);
  auto it = st.actions.find(req.surveyId);
  if (it == st.actions.end() || it->second.group_id != req.groupId)
    return action_not_found(req.surveyId);
  const model::action& a = it->second;
  decode_options ci;
  ci.case_insensitive_keys = true;

  FetchingSurveyResponsesResponse out;
  if (a.type) out.actionType = *a.type;
  out.sender = a.sender;
  out.sentAt = iso8601(a.at);
  ActionDetails details;
  details.actionId = a.id;
  details.title = str_member(a.body, "title");
  details.responseCount = static_cast<std::int64_t>(a.responses.size());
  std::optional<SurveyBody> survey;
  bool anonymous = false;
  if (a.type == ActionType::Survey) {
    if (auto s = from_json_value<SurveyBody>(a.body, ci)) survey = std::move(*s);
    if (survey) anonymous = survey->isAnonymous.value_or(false);
    details.expiryDate = iso8601(a.at + (survey ? survey->dueDate.value_or(24) : 24) * hour_ms);
  } else if (a.type == ActionType::Job) {
    auto j = from_json_value<JobBody>(a.body, ci);
    std::int64_t assignees = j ? static_cast<std::int64_t>(j->assignedTo.size()) : 0;
    details.dueDate = iso8601(a.at + (j ? j->dueDate.value_or(24) : 24) * hour_ms);
    details.assigneeCount = assignees;
    details.responseCount = completed_count(a);
    details.status = assignees > 0 && *details.responseCount >= assignees;
  } else if (a.type == ActionType::Poll) {
    details.title = str_member(a.body, "question");
  }
  if (req.getDetails.value_or(false)) {
    boost::json::array responses;
    for (const auto& r : a.responses) {
      if (a.type == ActionType::Job) {
        JobAssigneeResponse jr;
        jr.assignee = r.responder;
        jr.assigneeName = user_for(r.responder).name;
        const auto* done =
            r.body.is_object() ? r.body.get_object().if_contains("isCompleted") : nullptr;
        jr.isCompleted = done && done->is_bool() && done->get_bool();
        boost::json::value v = to_json_value(jr);
        v.get_object()["responseId"] = r.id;
        responses.push_back(std::move(v));
        continue;
      }
      SurveyResponseData d;
      d.actionId = a.id;
      d.groupId = a.group_id;
      d.responseId = r.id;
      d.isUpdateResponse = r.updated != r.at;
      d.isAnonymous = anonymous;
      if (!anonymous) {
        d.responder = r.responder;
        d.responderName = user_for(r.responder).name;
      }
      std::vector<ResponseWithQuestion> rows;
      auto body = from_json_value<SurveyResponseBody>(r.body, ci);
      if (body) {
        for (std::size_t i = 0; i < body->answers.size(); ++i) {
          ResponseWithQuestion rq;
          if (survey && i < survey->questions.size()) {
            rq.title = survey->questions[i].title;
            rq.type = survey->questions[i].type;
            rq.options =
                to_json_value(survey->questions[i].options.value_or(std::vector<QuestionOption>{}));
            rq.isInvisible = survey->questions[i].isInvisible;
          }
          rq.answer = body->answers[i];
          rows.push_back(std::move(rq));
        }
      }
      d.responseDetails = SurveyResponseDetails{rows};
      responses.push_back(to_json_value(d));
    }
    details.responses = std::move(responses);
  }
  out.actionDetails = details;
  return out;
}

}  // namespace kaizala::emulator
