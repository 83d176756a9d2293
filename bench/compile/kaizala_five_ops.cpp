// Compile/size probe: five ops through the binding.
#include <kaizala/call.hpp>
#include <kaizala/generated/actions.hpp>
#include <kaizala/generated/members.hpp>
#include <kaizala/generated/messages.hpp>
#include <kaizala/httplib_transport.hpp>

#include <cstdio>

template <class R>
int report(const R& r) {
  if (!r) return std::fprintf(stderr, "%s\n", r.error().to_string().c_str()), 1;
  return 0;
}

int main(int argc, char** argv) {
  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("endpoint", argc > 1 ? argv[1] : "http://127.0.0.1:9/v1")
      .set_credential("accessToken", "tok");
  int bad = 0;
  auto sent = kaizala::call<kaizala::ops::SendMessage>(http, ctx, {"group@1", "Hello"});
  bad += report(sent);
  auto members = kaizala::call<kaizala::ops::FetchMembers>(http, ctx, {"group@1"});
  bad += report(members);
  if (members) std::printf("%zu members\n", members->members.size());
  bad += report(kaizala::call<kaizala::ops::AddMembers>(http, ctx, {"group@1", {"+919652000001"}}));
  bad += report(kaizala::call<kaizala::ops::RemoveMembers>(http, ctx, {"group@1", "m1"}));
  kaizala::FetchJobsRequest jobs;
  jobs.groupId = "group@1";
  jobs.actionType = kaizala::ActionType::Job;
  auto j = kaizala::call<kaizala::ops::FetchJobs>(http, ctx, jobs);
  bad += report(j);
  if (j) std::printf("%zu actions\n", j->actions.size());
  return bad;
}
