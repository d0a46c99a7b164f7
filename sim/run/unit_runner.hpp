// The one fan-out: independent units (replication, variant, center) on a boost::asio::thread_pool.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "sim/run/progress.hpp"

namespace sim::run {

/// How to fan units out: pool size and the progress bar's label (units counted as they end).
struct FanOut {
  unsigned threads = 1;
  bool progress = false;
  std::string label = "units";
};

/// Runs unit(u) for u in [0, units), each as an independent task on one thread pool, and
/// returns the results indexed by u. Each task writes only its own slot, so no locking is
/// needed, and the caller reduces the vector in index order: the result does not depend on
/// the number of threads or on which task finished first. If units throw, the exception of
/// the lowest-numbered failing unit is rethrown after every task has ended.
template <class Result, class UnitFn>
std::vector<Result> run_units(std::size_t units, const FanOut& fan_out, UnitFn&& unit) {
  std::vector<Result> results(units);
  std::vector<std::exception_ptr> errors(units);
  Progress progress(fan_out.label, units, fan_out.progress);
  {
    boost::asio::thread_pool pool(std::max(1u, fan_out.threads));
    for (std::size_t u = 0; u < units; ++u) {
      boost::asio::post(pool, [&, u] {
        try {
          results[u] = unit(u);
        } catch (...) {
          errors[u] = std::current_exception();
        }
        progress.advance();
      });
    }
    pool.join();
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

}  // namespace sim::run
