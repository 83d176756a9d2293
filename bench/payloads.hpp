// The payloads every benchmark reads and writes, made deterministically in process.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace bench {

// Indented like a server's pretty-printed answer (FetchMembers-1000 comes to about 170 KB).
inline void pretty(std::string& out, const boost::json::value& v, int indent = 0) {
  auto newline = [&](int n) {
    out += '\n';
    out.append(static_cast<std::size_t>(n), ' ');
  };
  if (v.is_object()) {
    const auto& o = v.get_object();
    out += '{';
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ',';
      first = false;
      newline(indent + 2);
      out += boost::json::serialize(boost::json::value(kv.key()));
      out += ": ";
      pretty(out, kv.value(), indent + 2);
    }
    if (!o.empty()) newline(indent);
    out += '}';
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    out += '[';
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i != 0) out += ',';
      newline(indent + 2);
      pretty(out, a[i], indent + 2);
    }
    if (!a.empty()) newline(indent);
    out += ']';
  } else {
    out += boost::json::serialize(v);
  }
}

// A GUID-shaped id from a counter.
inline std::string guid(std::uint64_t n) {
  static constexpr char hex[] = "0123456789abcdef";
  std::uint64_t x = n * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
    s += hex[(x >> ((i * 2) % 64)) & 0xF];
    if (i % 8 == 7) x = x * 6364136223846793005ull + 1442695040888963407ull;
  }
  return s;
}

inline std::string fetch_members(int n = 1000) {
  boost::json::array members;
  for (int i = 0; i < n; ++i) {
    members.push_back(boost::json::object{
        {"id", guid(static_cast<std::uint64_t>(i))},
        {"role", i % 10 == 0 ? "Admin" : "Member"},
        {"mobileNumber", "+9196520" + std::to_string(10000 + i)},
        {"isProvisioned", i % 7 != 0},
    });
  }
  std::string out;
  pretty(out, boost::json::object{{"members", std::move(members)}});
  return out;
}

// 200 actions cycling through the kinds FetchJobs returns, each with every ActionItem field.
inline std::string fetch_jobs(int n = 200) {
  static const char* const kinds[] = {
      "Job",         "Survey", "Poll", "LetsMeet", "Image", "ShareLocation", "PhotoWithLocation",
      "Announcement"};
  boost::json::array actions;
  for (int i = 0; i < n; ++i) {
    std::string kind = kinds[i % 8];
    boost::json::object body;
    if (kind == "Job") {
      body = {{"title", "Inspect site " + std::to_string(i)},
              {"dueDate", 1505566877 + i},
              {"assignedTo", boost::json::array{"+919652000001", "+919652000002"}}};
    } else if (kind == "Survey") {
      body = {{"title", "Weekly check-in"},
              {"questions",
               boost::json::array{
                   boost::json::object{
                       {"title", "How was the week?"},
                       {"type", "SingleOption"},
                       {"options", boost::json::array{boost::json::object{{"title", "Good"}},
                                                      boost::json::object{{"title", "Bad"}}}}},
                   boost::json::object{{"title", "Comments"}, {"type", "Text"}}}}};
    } else if (kind == "Poll") {
      body = {{"question", "Lunch at noon?"},
              {"choices", boost::json::array{"Yes", "No", "Maybe"}}};
    } else if (kind == "LetsMeet") {
      body = {{"title", "Standup"},
              {"meetingTime", 1505566877207 + i},
              {"duration", 30},
              {"place",
               boost::json::object{{"name", "Room 4"}, {"latitude", 17.43}, {"longitude", 78.34}}}};
    } else if (kind == "Image") {
      body = {{"imageUrl",
               "https://media.kaiza.la/img/" + guid(static_cast<std::uint64_t>(i)) + ".jpg"}};
    } else if (kind == "Announcement") {
      body = {{"title", "Holiday"},
              {"message", "Office closed on Friday.\nEnjoy \"the\" weekend."}};
    } else {
      body = {{"latitude", 17.4354 + i * 1e-4}, {"longitude", 78.3412}, {"name", "Gachibowli"}};
    }
    actions.push_back(boost::json::object{
        {"referenceId", guid(static_cast<std::uint64_t>(10000 + i))},
        {"actionType", kind},
        {"sender", "+9196520" + std::to_string(20000 + i)},
        {"sentAt", "2017-09-16T12:" + std::to_string(10 + i % 50) + ":00Z"},
        {"creationTime", 1505566877 + i},
        {"actionBody", std::move(body)},
    });
  }
  std::string out;
  pretty(out, boost::json::object{{"actions", std::move(actions)}, {"hasMore", false}});
  return out;
}

inline std::string send_message_response() {
  return R"({"referenceId":"5a1c2b3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"})";
}

}  // namespace bench
