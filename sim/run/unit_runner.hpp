// The one fan-out: independent units (replication, variant, center) on a boost::asio::thread_pool,
// and, under mpirun, over the ranks of the job.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "sim/run/cluster.hpp"
#include "sim/run/progress.hpp"
#include "sim/run/unit_codec.hpp"

namespace sim::run {

/// How to fan units out: pool size and the progress bar's label (units counted as they end).
struct FanOut {
  unsigned threads = 1;
  bool progress = false;
  std::string label = "units";
  /// Expected work of unit u (any unit; only ratios matter), to balance ranks; null: equal.
  std::function<double(std::size_t)> work = nullptr;
};

namespace detail {

/// Runs the listed units on one pool, each writing only its own slots.
template <class Result, class UnitFn>
void run_on_pool(const std::vector<std::size_t>& mine, unsigned threads, UnitFn& unit,
                 std::vector<Result>& results, std::vector<std::exception_ptr>& errors,
                 Progress& progress) {
  boost::asio::thread_pool pool(std::max(1u, threads));
  for (std::size_t u : mine) {
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

inline std::string message_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace detail

/// Runs unit(u) for u in [0, units), each as an independent task on one thread pool, and
/// returns the results indexed by u. Each task writes only its own slot, so no locking is
/// needed, and the caller reduces the vector in index order: the result does not depend on
/// the number of threads or on which task finished first. If units throw, the exception of
/// the lowest-numbered failing unit is rethrown after every task has ended.
///
/// Under mpirun the units are split over the ranks by expected work (cluster::assign_units);
/// every other rank sends its results, as bytes that rebuild them exactly, to rank 0, which
/// alone returns (the others throw cluster::WorkerDone). The vector rank 0 returns is the one
/// a single process would have returned. A unit that throws on another rank comes back as
/// a std::runtime_error with its message.
///
/// `received(result)` is called on rank 0 for each result that came from another rank, as
/// it arrives (e.g. to move its long tables out of memory).
template <class Result, class UnitFn, class Received = void (*)(Result&)>
std::vector<Result> run_units(
    std::size_t units, const FanOut& fan_out, UnitFn&& unit, Received&& received = [](Result&) {}) {
  std::vector<Result> results(units);
  std::vector<std::exception_ptr> errors(units);
  const int ranks = cluster::ranks();
  std::vector<int> owner(units, 0);
  if (ranks > 1) {
    std::vector<double> work(units, 1.0);
    if (fan_out.work)
      for (std::size_t u = 0; u < units; ++u) work[u] = fan_out.work(u);
    owner = cluster::assign_units(work, ranks);
  }
  std::vector<std::size_t> mine;
  for (std::size_t u = 0; u < units; ++u)
    if (owner[u] == cluster::rank()) mine.push_back(u);
  Progress progress(fan_out.label, units, fan_out.progress && cluster::is_root());
  detail::run_on_pool(mine, fan_out.threads, unit, results, errors, progress);
  if (!cluster::is_root()) {
    bool failed = false;
    std::vector<cluster::Message> batch;
    std::size_t batch_size = 0;
    for (std::size_t u : mine) {
      failed = failed || errors[u] != nullptr;
      batch.push_back(errors[u] ? cluster::Message{u, true, detail::message_of(errors[u])}
                                : cluster::Message{u, false, encode(results[u])});
      results[u] = Result{};  // encoded: no need to hold it
      batch_size += batch.back().bytes.size();
      if (batch_size >= cluster::batch_bytes || u == mine.back()) {
        cluster::send_to_root(batch);
        batch.clear();
        batch_size = 0;
      }
    }
    throw cluster::WorkerDone{failed};
  }
  for (std::size_t done = mine.size(); done < units;) {
    for (const auto& m : cluster::receive_at_root()) {
      if (m.unit >= units || owner[m.unit] == 0 || done == units) cluster::abort_job(3);
      if (m.error) {
        errors[m.unit] = std::make_exception_ptr(std::runtime_error(m.bytes));
      } else {
        decode(m.bytes, results[m.unit]);
        received(results[m.unit]);
      }
      ++done;
      progress.advance();
    }
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

}  // namespace sim::run
