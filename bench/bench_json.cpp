// Decode and encode through the generated bindings, against hand-written Boost.JSON code,
// Boost.JSON value_to/value_from, nlohmann::json and simdjson ondemand, all in this one run.
// Every competitor fills (or reads) the same generated structs.
#include "measure.hpp"
#include "payloads.hpp"

#include <kaizala/generated/actions.hpp>
#include <kaizala/generated/members.hpp>
#include <kaizala/generated/messages.hpp>
#include <kaizala/json.hpp>

#include <simdjson.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using kaizala::ActionItem;
using kaizala::FetchJobsResponse;
using kaizala::FetchMembersResponse;
using kaizala::Member;
using kaizala::SendMessageRequest;
using kaizala::SendMessageResponse;

// An enum from its exact text, for the hand-written readers.
template <class E>
kaizala::open_enum<E> enum_from(std::string_view s) {
  const auto& names = kaizala::meta::enum_info<E>::names;
  kaizala::open_enum<E> out = kaizala::open_enum<E>::unknown(std::string(s));
  std::size_t i = 0;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (names[i++] == s) out = d.value;
  });
  return out;
}

// ---- hand-written Boost.JSON: parse into a DOM (arena), copy out --------------------------------
namespace hand_boost {
std::string str(const boost::json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
FetchMembersResponse members(std::string_view text) {
  boost::json::monotonic_resource arena;
  boost::json::value v = boost::json::parse(text, &arena);
  FetchMembersResponse out;
  const auto& a = v.as_object().at("members").as_array();
  out.members.reserve(a.size());
  for (const auto& x : a) {
    const auto& o = x.as_object();
    Member m;
    m.id = str(o, "id");
    if (const auto* r = o.if_contains("role"); r && r->is_string())
      m.role = enum_from<kaizala::MemberRole>(r->get_string());
    if (const auto* p = o.if_contains("mobileNumber"); p && p->is_string())
      m.mobileNumber = std::string(p->get_string());
    if (const auto* p = o.if_contains("isProvisioned"); p && p->is_bool())
      m.isProvisioned = p->get_bool();
    out.members.push_back(std::move(m));
  }
  return out;
}
FetchJobsResponse jobs(std::string_view text) {
  boost::json::monotonic_resource arena;
  boost::json::value v = boost::json::parse(text, &arena);
  FetchJobsResponse out;
  const auto& root = v.as_object();
  const auto& a = root.at("actions").as_array();
  out.actions.reserve(a.size());
  for (const auto& x : a) {
    const auto& o = x.as_object();
    ActionItem it;
    if (const auto* p = o.if_contains("referenceId"); p && p->is_string())
      it.referenceId = std::string(p->get_string());
    it.actionType = enum_from<kaizala::ActionType>(o.at("actionType").as_string());
    if (const auto* p = o.if_contains("sender"); p && p->is_string())
      it.sender = std::string(p->get_string());
    if (const auto* p = o.if_contains("sentAt"); p && p->is_string())
      it.sentAt = std::string(p->get_string());
    if (const auto* p = o.if_contains("creationTime"); p && p->is_int64())
      it.creationTime = p->get_int64();
    if (const auto* p = o.if_contains("actionBody")) it.actionBody = boost::json::value(*p, {});
    out.actions.push_back(std::move(it));
  }
  if (const auto* p = root.if_contains("hasMore"); p && p->is_bool()) out.hasMore = p->get_bool();
  return out;
}
SendMessageResponse send(std::string_view text) {
  unsigned char buf[512];
  boost::json::monotonic_resource arena(buf, sizeof buf);
  boost::json::value v = boost::json::parse(text, &arena);
  return SendMessageResponse{str(v.as_object(), "referenceId")};
}
// Encoders: build a DOM, serialize it.
boost::json::value member_value(const Member& m) {
  boost::json::object o;
  o["id"] = m.id;
  if (m.role) o["role"] = kaizala::to_string(*m.role);
  if (m.mobileNumber) o["mobileNumber"] = *m.mobileNumber;
  if (m.isProvisioned) o["isProvisioned"] = *m.isProvisioned;
  return o;
}
std::string encode(const FetchMembersResponse& r) {
  boost::json::array a;
  a.reserve(r.members.size());
  for (const auto& m : r.members) a.push_back(member_value(m));
  return boost::json::serialize(boost::json::object{{"members", std::move(a)}});
}
std::string encode(const FetchJobsResponse& r) {
  boost::json::array a;
  a.reserve(r.actions.size());
  for (const auto& it : r.actions) {
    boost::json::object o;
    if (it.referenceId) o["referenceId"] = *it.referenceId;
    o["actionType"] = kaizala::to_string(it.actionType);
    if (it.sender) o["sender"] = *it.sender;
    if (it.sentAt) o["sentAt"] = *it.sentAt;
    if (it.creationTime) o["creationTime"] = *it.creationTime;
    if (!it.actionBody.is_null()) o["actionBody"] = it.actionBody;
    a.push_back(std::move(o));
  }
  boost::json::object root{{"actions", std::move(a)}};
  if (r.hasMore) root["hasMore"] = *r.hasMore;
  return boost::json::serialize(root);
}
std::string encode(const SendMessageRequest& r) {
  return boost::json::serialize(boost::json::object{{"message", r.message}});
}
}  // namespace hand_boost

// ---- direct string builder: what a careful person writes by hand
// ----------------------------------
namespace hand_text {
void esc(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      if (c == '\n')
        out += "\\n";
      else if (c == '\t')
        out += "\\t";
      else if (c == '\r')
        out += "\\r";
      else
        (out += "\\u00", out += hex[c >> 4], out += hex[c & 15]);
    } else {
      out += ch;
    }
  }
  out += '"';
}
void num(std::string& out, std::int64_t x) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof b, x);
  out.append(b, r.ptr);
}
std::string encode(const FetchMembersResponse& r) {
  std::string out = "{\"members\":[";
  for (std::size_t i = 0; i < r.members.size(); ++i) {
    const Member& m = r.members[i];
    if (i) out += ',';
    out += "{\"id\":";
    esc(out, m.id);
    if (m.role) (out += ",\"role\":", esc(out, kaizala::to_string(*m.role)));
    if (m.mobileNumber) (out += ",\"mobileNumber\":", esc(out, *m.mobileNumber));
    if (m.isProvisioned)
      out += *m.isProvisioned ? ",\"isProvisioned\":true" : ",\"isProvisioned\":false";
    out += '}';
  }
  out += "]}";
  return out;
}
std::string encode(const FetchJobsResponse& r) {
  std::string out = "{\"actions\":[";
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    const ActionItem& it = r.actions[i];
    if (i) out += ',';
    out += '{';
    bool first = true;
    auto key = [&](const char* k) {
      if (!first) out += ',';
      first = false;
      out += k;
    };
    if (it.referenceId) (key("\"referenceId\":"), esc(out, *it.referenceId));
    key("\"actionType\":");
    esc(out, kaizala::to_string(it.actionType));
    if (it.sender) (key("\"sender\":"), esc(out, *it.sender));
    if (it.sentAt) (key("\"sentAt\":"), esc(out, *it.sentAt));
    if (it.creationTime) (key("\"creationTime\":"), num(out, *it.creationTime));
    if (!it.actionBody.is_null())
      (key("\"actionBody\":"), out += boost::json::serialize(it.actionBody));
    out += '}';
  }
  out += ']';
  if (r.hasMore) out += *r.hasMore ? ",\"hasMore\":true" : ",\"hasMore\":false";
  out += '}';
  return out;
}
std::string encode(const SendMessageRequest& r) {
  std::string out = "{\"message\":";
  esc(out, r.message);
  out += '}';
  return out;
}
}  // namespace hand_text

// ---- nlohmann::json: parse into its DOM, copy out
// -------------------------------------------------
namespace nl {
boost::json::value to_boost(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      boost::json::object o;
      for (auto it = j.begin(); it != j.end(); ++it) o[it.key()] = to_boost(it.value());
      return o;
    }
    case nlohmann::json::value_t::array: {
      boost::json::array a;
      for (const auto& x : j) a.push_back(to_boost(x));
      return a;
    }
    case nlohmann::json::value_t::string:
      return boost::json::value(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return j.get<bool>();
    case nlohmann::json::value_t::number_integer:
      return j.get<std::int64_t>();
    case nlohmann::json::value_t::number_unsigned:
      return j.get<std::uint64_t>();
    case nlohmann::json::value_t::number_float:
      return j.get<double>();
    default:
      return nullptr;
  }
}
FetchMembersResponse members(std::string_view text) {
  auto j = nlohmann::json::parse(text);
  FetchMembersResponse out;
  const auto& a = j.at("members");
  out.members.reserve(a.size());
  for (const auto& o : a) {
    Member m;
    m.id = o.at("id").get<std::string>();
    if (auto it = o.find("role"); it != o.end() && it->is_string())
      m.role = enum_from<kaizala::MemberRole>(it->get_ref<const std::string&>());
    if (auto it = o.find("mobileNumber"); it != o.end() && it->is_string())
      m.mobileNumber = it->get<std::string>();
    if (auto it = o.find("isProvisioned"); it != o.end() && it->is_boolean())
      m.isProvisioned = it->get<bool>();
    out.members.push_back(std::move(m));
  }
  return out;
}
FetchJobsResponse jobs(std::string_view text) {
  auto j = nlohmann::json::parse(text);
  FetchJobsResponse out;
  const auto& a = j.at("actions");
  out.actions.reserve(a.size());
  for (const auto& o : a) {
    ActionItem it;
    if (auto f = o.find("referenceId"); f != o.end() && f->is_string())
      it.referenceId = f->get<std::string>();
    it.actionType =
        enum_from<kaizala::ActionType>(o.at("actionType").get_ref<const std::string&>());
    if (auto f = o.find("sender"); f != o.end() && f->is_string())
      it.sender = f->get<std::string>();
    if (auto f = o.find("sentAt"); f != o.end() && f->is_string())
      it.sentAt = f->get<std::string>();
    if (auto f = o.find("creationTime"); f != o.end() && f->is_number_integer())
      it.creationTime = f->get<std::int64_t>();
    if (auto f = o.find("actionBody"); f != o.end()) it.actionBody = to_boost(*f);
    out.actions.push_back(std::move(it));
  }
  if (auto f = j.find("hasMore"); f != j.end() && f->is_boolean()) out.hasMore = f->get<bool>();
  return out;
}
SendMessageResponse send(std::string_view text) {
  auto j = nlohmann::json::parse(text);
  return SendMessageResponse{j.at("referenceId").get<std::string>()};
}
nlohmann::json from_boost(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : v.get_object()) o[std::string(kv.key())] = from_boost(kv.value());
      return o;
    }
    case boost::json::kind::array: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& x : v.get_array()) a.push_back(from_boost(x));
      return a;
    }
    case boost::json::kind::string:
      return std::string(v.get_string());
    case boost::json::kind::bool_:
      return v.get_bool();
    case boost::json::kind::int64:
      return v.get_int64();
    case boost::json::kind::uint64:
      return v.get_uint64();
    case boost::json::kind::double_:
      return v.get_double();
    default:
      return nullptr;
  }
}
std::string encode(const FetchMembersResponse& r) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& m : r.members) {
    nlohmann::json o;
    o["id"] = m.id;
    if (m.role) o["role"] = std::string(kaizala::to_string(*m.role));
    if (m.mobileNumber) o["mobileNumber"] = *m.mobileNumber;
    if (m.isProvisioned) o["isProvisioned"] = *m.isProvisioned;
    a.push_back(std::move(o));
  }
  nlohmann::json root;
  root["members"] = std::move(a);
  return root.dump();
}
std::string encode(const FetchJobsResponse& r) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& it : r.actions) {
    nlohmann::json o;
    if (it.referenceId) o["referenceId"] = *it.referenceId;
    o["actionType"] = std::string(kaizala::to_string(it.actionType));
    if (it.sender) o["sender"] = *it.sender;
    if (it.sentAt) o["sentAt"] = *it.sentAt;
    if (it.creationTime) o["creationTime"] = *it.creationTime;
    if (!it.actionBody.is_null()) o["actionBody"] = from_boost(it.actionBody);
    a.push_back(std::move(o));
  }
  nlohmann::json root;
  root["actions"] = std::move(a);
  if (r.hasMore) root["hasMore"] = *r.hasMore;
  return root.dump();
}
std::string encode(const SendMessageRequest& r) {
  nlohmann::json o;
  o["message"] = r.message;
  return o.dump();
}
}  // namespace nl

// ---- simdjson ondemand: the practical limit (parser reused, input padded once outside the loop)
// --
namespace sj {
namespace od = simdjson::ondemand;
boost::json::value to_boost(od::value v) {
  switch (v.type().value()) {
    case od::json_type::object: {
      boost::json::object o;
      for (auto f : v.get_object()) {
        std::string_view k = f.unescaped_key().value();
        o[k] = to_boost(f.value().value());
      }
      return o;
    }
    case od::json_type::array: {
      boost::json::array a;
      for (auto x : v.get_array()) a.push_back(to_boost(x.value()));
      return a;
    }
    case od::json_type::string:
      return boost::json::string_view(std::string_view(v.get_string().value()));
    case od::json_type::boolean:
      return v.get_bool().value();
    case od::json_type::number: {
      od::number n = v.get_number().value();
      if (n.is_int64()) return n.get_int64();
      if (n.is_uint64()) return n.get_uint64();
      return n.get_double();
    }
    default:
      return nullptr;
  }
}
FetchMembersResponse members(od::parser& p, const simdjson::padded_string& text) {
  od::document doc = p.iterate(text);
  FetchMembersResponse out;
  for (auto x : doc["members"].get_array()) {
    Member m;
    for (auto f : x.get_object()) {
      std::string_view k = f.unescaped_key().value();
      if (k == "id")
        m.id = std::string_view(f.value().get_string().value());
      else if (k == "role")
        m.role = enum_from<kaizala::MemberRole>(f.value().get_string().value());
      else if (k == "mobileNumber")
        m.mobileNumber = std::string(f.value().get_string().value());
      else if (k == "isProvisioned")
        m.isProvisioned = f.value().get_bool().value();
    }
    out.members.push_back(std::move(m));
  }
  return out;
}
FetchJobsResponse jobs(od::parser& p, const simdjson::padded_string& text) {
  od::document doc = p.iterate(text);
  FetchJobsResponse out;
  for (auto rf : doc.get_object()) {
    std::string_view rk = rf.unescaped_key().value();
    if (rk == "hasMore") {
      out.hasMore = rf.value().get_bool().value();
      continue;
    }
    if (rk != "actions") continue;
    for (auto x : rf.value().get_array()) {
      ActionItem it;
      for (auto f : x.get_object()) {
        std::string_view k = f.unescaped_key().value();
        if (k == "referenceId")
          it.referenceId = std::string(f.value().get_string().value());
        else if (k == "actionType")
          it.actionType = enum_from<kaizala::ActionType>(f.value().get_string().value());
        else if (k == "sender")
          it.sender = std::string(f.value().get_string().value());
        else if (k == "sentAt")
          it.sentAt = std::string(f.value().get_string().value());
        else if (k == "creationTime")
          it.creationTime = f.value().get_int64().value();
        else if (k == "actionBody")
          it.actionBody = to_boost(f.value().value());
      }
      out.actions.push_back(std::move(it));
    }
  }
  return out;
}
SendMessageResponse send(od::parser& p, const simdjson::padded_string& text) {
  od::document doc = p.iterate(text);
  return SendMessageResponse{
      std::string(std::string_view(doc["referenceId"].get_string().value()))};
}
}  // namespace sj

}  // namespace

// ---- Boost.JSON value_to / value_from on the described structs
// -----------------------------------
namespace kaizala {
template <class E>
open_enum<E> tag_invoke(boost::json::value_to_tag<open_enum<E>>, const boost::json::value& v) {
  return enum_from<E>(v.as_string());
}
template <class E>
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const open_enum<E>& e) {
  v = boost::json::string_view(to_string(e));
}
}  // namespace kaizala

namespace {

template <class T>
T via_value_to(std::string_view text) {
  boost::json::monotonic_resource arena;
  return boost::json::value_to<T>(boost::json::parse(text, &arena));
}
template <class T>
std::string via_value_from(const T& v) {
  boost::json::monotonic_resource arena;
  return boost::json::serialize(boost::json::value_from(v, &arena));
}

volatile std::size_t sink_bytes = 0;  // keeps results alive so nothing is optimised away

struct row {
  const char* name;
  bench::measurement m;
};

void print_table(const char* title, std::size_t bytes, const std::vector<row>& rows,
                 std::size_t base) {
  std::printf("\n%s (%zu bytes)\n", title, bytes);
  std::printf("  %-24s %12s %10s %12s %10s\n", "", "ns/op", "MB/s", "allocs/op", "ratio");
  for (const row& r : rows) {
    if (r.m.ns_per_op <= 0) {
      std::printf("  %-24s %12s\n", r.name, "n/a");
      continue;
    }
    std::printf("  %-24s %12.0f %10.1f %12.1f %10.2f\n", r.name, r.m.ns_per_op,
                bytes / r.m.ns_per_op * 1e3, r.m.allocs_per_op,
                r.m.ns_per_op / rows[base].m.ns_per_op);
  }
}

// f run n times, its result kept alive.
template <class T, class F>
std::function<void(std::size_t)> each(F f) {
  return [f](std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      T r = f();
      sink_bytes = sink_bytes + sizeof(r);
    }
  };
}

// The contenders timed interleaved (bench::measure_interleaved), one row each.
std::vector<row> compare(const std::vector<bench::contender>& cs) {
  std::vector<bench::measurement> m = bench::measure_interleaved(cs);
  std::vector<row> rows;
  for (std::size_t i = 0; i < cs.size(); ++i) rows.push_back({cs[i].name, m[i]});
  return rows;
}

}  // namespace

int main() {
#if defined(KAIZALA_SMALL_DECODER)  // bench_json_small_decoder: this source with the small decoder
  bench::summary sum{"small_decoder_", {}};
#else
  bench::summary sum;
#endif
  simdjson::ondemand::parser sjp;

  const std::string members_text = bench::fetch_members();
  const std::string jobs_text = bench::fetch_jobs();
  const std::string send_text = bench::send_message_response();

  // Every reader must agree with the binding before it is timed.
  auto members_ref = kaizala::from_json<FetchMembersResponse>(members_text);
  auto jobs_ref = kaizala::from_json<FetchJobsResponse>(jobs_text);
  if (!members_ref || !jobs_ref) {
    std::fprintf(stderr, "bench_json: the binding cannot read its own payloads\n");
    return 1;
  }
  const std::string members_canon = kaizala::to_json(*members_ref);
  const std::string jobs_canon = kaizala::to_json(*jobs_ref);
  simdjson::padded_string members_pad(members_text), jobs_pad(jobs_text), send_pad(send_text);
  auto same = [](const char* who, const std::string& a, const std::string& b) {
    if (a != b && boost::json::parse(a) != boost::json::parse(b)) {  // nlohmann sorts object keys
      std::fprintf(stderr, "bench_json: %s reads the payload differently\n", who);
      std::exit(1);
    }
  };
  same("hand Boost.JSON", kaizala::to_json(hand_boost::members(members_text)), members_canon);
  same("nlohmann", kaizala::to_json(nl::members(members_text)), members_canon);
  same("simdjson", kaizala::to_json(sj::members(sjp, members_pad)), members_canon);
  same("value_to", kaizala::to_json(via_value_to<FetchMembersResponse>(members_text)),
       members_canon);
  same("hand Boost.JSON jobs", kaizala::to_json(hand_boost::jobs(jobs_text)), jobs_canon);
  same("nlohmann jobs", kaizala::to_json(nl::jobs(jobs_text)), jobs_canon);
  same("simdjson jobs", kaizala::to_json(sj::jobs(sjp, jobs_pad)), jobs_canon);
  same("value_to jobs", kaizala::to_json(via_value_to<FetchJobsResponse>(jobs_text)), jobs_canon);
  same("hand text members", hand_text::encode(*members_ref), members_canon);
  same("hand text jobs", hand_text::encode(*jobs_ref), jobs_canon);

  // ---- decode
  {
    std::vector<row> rows = compare({
        {"kaizala::from_json", each<FetchMembersResponse>([&] {
           return *kaizala::from_json<FetchMembersResponse>(members_text);
         })},
        {"simdjson ondemand",
         each<FetchMembersResponse>([&] { return sj::members(sjp, members_pad); })},
        {"hand Boost.JSON DOM",
         each<FetchMembersResponse>([&] { return hand_boost::members(members_text); })},
        {"Boost.JSON value_to", each<FetchMembersResponse>([&] {
           return via_value_to<FetchMembersResponse>(members_text);
         })},
        {"nlohmann::json", each<FetchMembersResponse>([&] { return nl::members(members_text); })},
    });
    print_table("decode FetchMembers-1000", members_text.size(), rows, 1);
    sum.add("decode_fetchmembers_vs_simdjson", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
    sum.add("decode_fetchmembers_vs_boost_hand", rows[0].m.ns_per_op / rows[2].m.ns_per_op);
    sum.add("decode_fetchmembers_vs_value_to", rows[0].m.ns_per_op / rows[3].m.ns_per_op);
    sum.add("decode_fetchmembers_vs_nlohmann", rows[0].m.ns_per_op / rows[4].m.ns_per_op);
  }
  {
    std::vector<row> rows = compare({
        {"kaizala::from_json", each<FetchJobsResponse>([&] {
           return *kaizala::from_json<FetchJobsResponse>(jobs_text);
         })},
        {"simdjson ondemand", each<FetchJobsResponse>([&] { return sj::jobs(sjp, jobs_pad); })},
        {"hand Boost.JSON DOM",
         each<FetchJobsResponse>([&] { return hand_boost::jobs(jobs_text); })},
        {"Boost.JSON value_to",
         each<FetchJobsResponse>([&] { return via_value_to<FetchJobsResponse>(jobs_text); })},
        {"nlohmann::json", each<FetchJobsResponse>([&] { return nl::jobs(jobs_text); })},
    });
    print_table("decode FetchJobs-200 (mixed actions)", jobs_text.size(), rows, 1);
    sum.add("decode_fetchjobs_vs_simdjson", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
    sum.add("decode_fetchjobs_vs_boost_hand", rows[0].m.ns_per_op / rows[2].m.ns_per_op);
    sum.add("decode_fetchjobs_vs_nlohmann", rows[0].m.ns_per_op / rows[4].m.ns_per_op);
  }
  {
    std::vector<row> rows = compare({
        {"kaizala::from_json", each<SendMessageResponse>([&] {
           return *kaizala::from_json<SendMessageResponse>(send_text);
         })},
        {"simdjson ondemand", each<SendMessageResponse>([&] { return sj::send(sjp, send_pad); })},
        {"hand Boost.JSON DOM",
         each<SendMessageResponse>([&] { return hand_boost::send(send_text); })},
        {"Boost.JSON value_to",
         each<SendMessageResponse>([&] { return via_value_to<SendMessageResponse>(send_text); })},
        {"nlohmann::json", each<SendMessageResponse>([&] { return nl::send(send_text); })},
    });
    print_table("decode SendMessage response", send_text.size(), rows, 1);
    sum.add("decode_sendmessage_vs_simdjson", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
    sum.add("decode_sendmessage_vs_boost_hand", rows[0].m.ns_per_op / rows[2].m.ns_per_op);
    sum.add("decode_sendmessage_vs_nlohmann", rows[0].m.ns_per_op / rows[4].m.ns_per_op);
  }

  // ---- encode (simdjson 3.0 has no writer)
  SendMessageRequest send_req{"df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1", "Hello from C++ \"bench\""};
  {
    const auto& r = *members_ref;
    std::vector<row> rows = compare({
        {"kaizala::to_json", each<std::string>([&] { return kaizala::to_json(r); })},
        {"direct string builder", each<std::string>([&] { return hand_text::encode(r); })},
        {"hand Boost.JSON DOM", each<std::string>([&] { return hand_boost::encode(r); })},
        {"Boost.JSON value_from", each<std::string>([&] { return via_value_from(r); })},
        {"nlohmann::json", each<std::string>([&] { return nl::encode(r); })},
    });
    print_table("encode FetchMembers-1000", members_canon.size(), rows, 1);
    sum.add("encode_fetchmembers_vs_direct", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
    sum.add("encode_fetchmembers_vs_boost_hand", rows[0].m.ns_per_op / rows[2].m.ns_per_op);
    sum.add("encode_fetchmembers_vs_nlohmann", rows[0].m.ns_per_op / rows[4].m.ns_per_op);
  }
  {
    const auto& r = *jobs_ref;
    std::vector<row> rows = compare({
        {"kaizala::to_json", each<std::string>([&] { return kaizala::to_json(r); })},
        {"direct string builder", each<std::string>([&] { return hand_text::encode(r); })},
        {"hand Boost.JSON DOM", each<std::string>([&] { return hand_boost::encode(r); })},
        {"Boost.JSON value_from", each<std::string>([&] { return via_value_from(r); })},
        {"nlohmann::json", each<std::string>([&] { return nl::encode(r); })},
    });
    print_table("encode FetchJobs-200", jobs_canon.size(), rows, 1);
    sum.add("encode_fetchjobs_vs_direct", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
    sum.add("encode_fetchjobs_vs_nlohmann", rows[0].m.ns_per_op / rows[4].m.ns_per_op);
  }
  {
    std::vector<row> rows = compare({
        {"kaizala::to_json", each<std::string>([&] { return kaizala::to_json(send_req); })},
        {"direct string builder", each<std::string>([&] { return hand_text::encode(send_req); })},
        {"hand Boost.JSON DOM", each<std::string>([&] { return hand_boost::encode(send_req); })},
        {"nlohmann::json", each<std::string>([&] { return nl::encode(send_req); })},
    });
    print_table("encode SendMessage request", kaizala::to_json(send_req).size(), rows, 1);
    sum.add("encode_sendmessage_vs_direct", rows[0].m.ns_per_op / rows[1].m.ns_per_op);
  }
  sum.print();
  return 0;
}
