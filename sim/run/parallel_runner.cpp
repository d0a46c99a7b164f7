// Runs replications on a boost::asio::thread_pool and returns them in replication order.
#include "sim/run/parallel_runner.hpp"

#include <exception>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "sim/run/progress.hpp"
#include "sim/run/replication.hpp"

namespace sim::run {

std::vector<stats::ReplicationResult> run_replications(const scenario::Scenario& scenario,
                                                       const RunOptions& options) {
  const std::size_t n = options.replications;
  std::vector<stats::ReplicationResult> rows(n);
  std::vector<std::exception_ptr> errors(n);
  Progress progress("replications", n, options.progress);
  {
    boost::asio::thread_pool pool(std::max(1u, options.threads));
    for (std::size_t r = 0; r < n; ++r) {
      // Each task writes only its own slot of rows/errors, so no locking is needed.
      boost::asio::post(pool, [&, r] {
        try {
          rows[r] = run_replication(scenario, options.seed, r, true, options.trace);
        } catch (...) {
          errors[r] = std::current_exception();
        }
        progress.advance();
      });
    }
    pool.join();
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return rows;
}

}  // namespace sim::run
