// Runs from the page, a bounded number at a time; the others wait in a bounded queue. A run
// whose client stops asking about it (closed tab, lost connection) is cancelled.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/serve/model_gateway.hpp"
#include "sim/serve/toml_json.hpp"

namespace sim::serve {

struct QueueLimits {
  std::size_t workers = 1;      ///< runs at the same time
  std::size_t max_waiting = 8;  ///< runs waiting for a worker; more are refused
  /// A run nobody asked about for this long is cancelled (its client went away).
  std::chrono::milliseconds lease{15000};
  std::size_t keep_finished = 16;  ///< finished runs kept for their downloads
};

class RunQueue {
 public:
  /// A job: gets its id (to name its files) and the hooks to report progress and stop.
  using Task = std::function<Json(const std::string& id, const RunHooks& hooks)>;

  explicit RunQueue(QueueLimits limits);
  /// Cancels every run and waits for the workers.
  ~RunQueue();
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  /// Queues a task; nullopt when the queue is full. `cleanup(id)` runs when the job is forgotten.
  std::optional<std::string> submit(Task task,
                                    std::function<void(const std::string&)> cleanup = {});
  /// {state: waiting|running|done|failed|cancelled, position, done, total, result|error};
  /// asking renews the run's lease. nullopt for an unknown id.
  std::optional<Json> status(const std::string& id);
  /// The result of a finished run; nullopt unless it is done.
  std::optional<Json> result(const std::string& id);
  bool cancel(const std::string& id);
  /// Counts for the page and the tests: {running, waiting, finished, cancelled, limits}.
  Json overview();

 private:
  struct Job;
  void work();
  bool expired(const Job& job) const;
  void forget_old();

  QueueLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> waiting_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> finished_order_;
  std::size_t cancelled_total_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sim::serve
