// Timing and allocation counts for the benchmarks, and the RATIO summary lines.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace bench {

extern std::size_t allocations;  // global operator new calls (allocation_counter.cpp)

struct measurement {
  double ns_per_op = 0;
  double allocs_per_op = 0;
};

// Runs f in batches of about 20 ms for about `budget_ms`, keeping the fastest batch: the
// machine is shared, and the minimum is the figure least disturbed by other work.
template <class F>
measurement measure(F&& f, double budget_ms = 300) {
  using clock = std::chrono::steady_clock;
  for (int i = 0; i < 3; ++i) f();  // warm caches and allocator
  std::size_t batch = 1;
  for (;;) {  // size a batch to ~20 ms
    auto t0 = clock::now();
    for (std::size_t i = 0; i < batch; ++i) f();
    double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    if (ms >= 20 || batch >= (std::size_t(1) << 24)) break;
    batch = ms < 1 ? batch * 8 : static_cast<std::size_t>(batch * 22 / ms) + 1;
  }
  measurement best;
  best.ns_per_op = 1e300;
  auto start = clock::now();
  int rounds = 0;
  while (rounds < 3 ||
         std::chrono::duration<double, std::milli>(clock::now() - start).count() < budget_ms) {
    std::size_t a0 = allocations;
    auto t0 = clock::now();
    for (std::size_t i = 0; i < batch; ++i) f();
    double ns = std::chrono::duration<double, std::nano>(clock::now() - t0).count() / batch;
    best.allocs_per_op = double(allocations - a0) / batch;
    best.ns_per_op = std::min(best.ns_per_op, ns);
    ++rounds;
  }
  return best;
}

// One contender of a comparison: its name and its work run n times in a row.
struct contender {
  const char* name;
  std::function<void(std::size_t)> run;
};

// Times contenders against each other round by round: every round runs one batch (~20 ms) of
// each in turn, so a burst of other work on a shared machine lands on all of them alike rather
// than on whichever ran during it. Keeps each one's fastest batch; stops after `budget_ms` and
// at least 5 rounds. One answer per contender, same order.
inline std::vector<measurement> measure_interleaved(const std::vector<contender>& cs,
                                                    double budget_ms = 2000) {
  using clock = std::chrono::steady_clock;
  std::vector<std::size_t> batch(cs.size(), 1);
  for (std::size_t c = 0; c < cs.size(); ++c) {
    cs[c].run(3);  // warm caches and allocator
    for (;;) {     // size a batch to ~20 ms
      auto t0 = clock::now();
      cs[c].run(batch[c]);
      double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
      if (ms >= 20 || batch[c] >= (std::size_t(1) << 24)) break;
      batch[c] = ms < 1 ? batch[c] * 8 : static_cast<std::size_t>(batch[c] * 22 / ms) + 1;
    }
  }
  std::vector<measurement> best(cs.size(), measurement{1e300, 0});
  auto start = clock::now();
  for (int round = 0;
       round < 5 ||
       std::chrono::duration<double, std::milli>(clock::now() - start).count() < budget_ms;
       ++round) {
    for (std::size_t c = 0; c < cs.size(); ++c) {
      std::size_t a0 = allocations;
      auto t0 = clock::now();
      cs[c].run(batch[c]);
      double ns = std::chrono::duration<double, std::nano>(clock::now() - t0).count() / batch[c];
      best[c].allocs_per_op = double(allocations - a0) / batch[c];
      best[c].ns_per_op = std::min(best[c].ns_per_op, ns);
    }
  }
  return best;
}

// The `RATIO <name> <value>` lines, printed together at the end.
struct summary {
  std::string prefix;  // before every name: one source built twice reports under two names
  std::vector<std::pair<std::string, double>> ratios;
  void add(const std::string& name, double value) { ratios.emplace_back(prefix + name, value); }
  void print() const {
    std::printf("\n== summary (value = kaizala time / baseline time, or the named unit)\n");
    for (const auto& r : ratios) std::printf("RATIO %s %.3f\n", r.first.c_str(), r.second);
  }
};

}  // namespace bench
