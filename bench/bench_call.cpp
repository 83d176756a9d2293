// call<SendMessage> over a keep-alive connection to an in-process httplib::Server on 127.0.0.1,
// against the same request built and read by hand with raw httplib and Boost.JSON.
#include "measure.hpp"

#include <kaizala/call.hpp>
#include <kaizala/generated/messages.hpp>
#include <kaizala/httplib_transport.hpp>

#include <httplib.h>
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

int main() {
  httplib::Server server;
  server.Post(R"(/v1/groups/([^/]+)/messages)",
              [](const httplib::Request& req, httplib::Response& res) {
                res.set_content(req.has_header("accessToken")
                                    ? R"({"referenceId":"5a1c2b3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"})"
                                    : "{}",
                                "application/json");
              });
  server.set_tcp_nodelay(true);  // else delayed ACKs hold some answers ~40 ms on loopback
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));

  kaizala::httplib_transport transport;
  kaizala::context ctx;
  ctx.set_root("endpoint", "http://127.0.0.1:" + std::to_string(port) + "/v1")
      .set_credential("accessToken", "tok");
  kaizala::SendMessageRequest req{"df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62@1", "Hello from C++"};

  httplib::Client raw("127.0.0.1", port);
  raw.set_keep_alive(true);
  raw.set_tcp_nodelay(true);
  raw.set_connection_timeout(std::chrono::seconds(10));
  raw.set_read_timeout(std::chrono::seconds(60));
  raw.set_write_timeout(std::chrono::seconds(60));
  raw.set_url_encode(false);

  std::size_t bad = 0;
  auto via_call = [&] {
    auto r = kaizala::call<kaizala::ops::SendMessage>(transport, ctx, req);
    bad += !r || r->referenceId.empty();
  };
  auto via_raw = [&] {
    std::string body =
        "{\"message\":" + boost::json::serialize(boost::json::string(req.message)) + '}';
    auto res = raw.Post("/v1/groups/df91cb37-97bf-4ccd-a8c2-b2a3ba5eac62%401/messages",
                        httplib::Headers{{"accessToken", "tok"}}, body, "application/json");
    if (!res || res->status != 200) return void(++bad);
    boost::json::value v = boost::json::parse(res->body);
    bad += v.as_object().at("referenceId").as_string().empty();
  };

  // Interleaved rounds, fastest of each: loopback latency on a shared machine is noisy.
  constexpr int calls = 400;
  double best_call = 1e300, best_raw = 1e300;
  for (int round = 0; round < 7; ++round) {
    best_call = std::min(best_call, bench::measure(via_call, 0).ns_per_op);
    best_raw = std::min(best_raw, bench::measure(via_raw, 0).ns_per_op);
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) via_call();
    best_call = std::min(
        best_call,
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
            calls);
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) via_raw();
    best_raw = std::min(
        best_raw,
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
            calls);
  }
  // Allocations per call, all threads (the server's included), averaged over many calls: the
  // server thread's own allocations do not always fall inside one call's window.
  constexpr int counted = 200;
  std::size_t a0 = bench::allocations;
  for (int i = 0; i < counted; ++i) via_call();
  const double call_allocs = double(bench::allocations - a0) / counted;
  a0 = bench::allocations;
  for (int i = 0; i < counted; ++i) via_raw();
  const double raw_allocs = double(bench::allocations - a0) / counted;

  server.stop();
  serving.join();
  if (bad != 0) {
    std::fprintf(stderr, "bench_call: %zu calls failed\n", bad);
    return 1;
  }
  std::printf(
      "\ncall<SendMessage> vs raw httplib, keep-alive over 127.0.0.1 (best of 7 interleaved "
      "rounds)\n");
  std::printf("  %-24s %12s %12s\n", "", "us/call", "allocs/call");
  std::printf("  %-24s %12.1f %12.1f\n", "kaizala::call<Op>", best_call / 1e3, call_allocs);
  std::printf("  %-24s %12.1f %12.1f\n", "raw httplib + Boost.JSON", best_raw / 1e3, raw_allocs);
  bench::summary sum;
  sum.add("call_sendmessage_vs_raw_httplib", best_call / best_raw);
  sum.add("call_allocations_vs_raw_httplib", call_allocs / raw_allocs);
  sum.print();
  return 0;
}
