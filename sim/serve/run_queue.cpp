// Runs from the page, a bounded number at a time; the others wait in a bounded queue. A run
// whose client stops asking about it (closed tab, lost connection) is cancelled.
#include "sim/serve/run_queue.hpp"

#include <atomic>
#include <exception>
#include <random>

namespace sim::serve {

using Clock = std::chrono::steady_clock;

struct RunQueue::Job {
  std::string id;
  Task task;
  std::function<void(const std::string&)> cleanup;
  std::string state = "waiting";
  std::size_t done = 0, total = 0;
  Json result;
  std::string error;
  Clock::time_point last_seen = Clock::now();
  std::atomic<bool> cancel{false};
};

namespace {

/// Unguessable ids: a client can only see the runs it started.
std::string new_id() {
  static std::mutex mutex;
  static std::random_device device;
  std::lock_guard lock(mutex);
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string id;
  for (int i = 0; i < 20; ++i) id += "0123456789abcdef"[digit(device)];
  return id;
}

}  // namespace

RunQueue::RunQueue(QueueLimits limits) : limits_(limits) {
  for (std::size_t w = 0; w < std::max<std::size_t>(limits_.workers, 1); ++w)
    workers_.emplace_back([this] { work(); });
}

RunQueue::~RunQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
  for (auto& [id, job] : jobs_)
    if (job->cleanup) job->cleanup(id);
}

bool RunQueue::expired(const Job& job) const {
  return job.cancel || Clock::now() - job.last_seen > limits_.lease;
}

std::optional<std::string> RunQueue::submit(Task task,
                                            std::function<void(const std::string&)> cleanup) {
  std::lock_guard lock(mutex_);
  if (waiting_.size() >= limits_.max_waiting) return std::nullopt;
  auto job = std::make_shared<Job>();
  job->id = new_id();
  job->task = std::move(task);
  job->cleanup = std::move(cleanup);
  jobs_[job->id] = job;
  waiting_.push_back(job);
  wake_.notify_one();
  return job->id;
}

void RunQueue::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = waiting_.front();
      waiting_.pop_front();
      if (expired(*job)) {
        job->state = "cancelled";
        ++cancelled_total_;
        finished_order_.push_back(job->id);
        forget_old();
        continue;
      }
      job->state = "running";
    }
    RunHooks hooks;
    hooks.cancelled = [&] {
      std::lock_guard lock(mutex_);
      return stopping_ || expired(*job);
    };
    hooks.progress = [&](std::size_t done, std::size_t total) {
      std::lock_guard lock(mutex_);
      job->done = done;
      job->total = total;
    };
    std::string state = "done", error;
    Json result;
    try {
      result = job->task(job->id, hooks);
    } catch (const RunCancelled&) {
      state = "cancelled";
    } catch (const std::exception& e) {
      state = "failed";
      error = e.what();
    }
    std::lock_guard lock(mutex_);
    job->state = state;
    job->error = error;
    job->result = std::move(result);
    job->task = nullptr;
    if (state == "cancelled") ++cancelled_total_;
    finished_order_.push_back(job->id);
    forget_old();
  }
}

void RunQueue::forget_old() {
  while (finished_order_.size() > limits_.keep_finished) {
    const auto it = jobs_.find(finished_order_.front());
    finished_order_.pop_front();
    if (it == jobs_.end()) continue;
    if (it->second->cleanup) it->second->cleanup(it->first);
    jobs_.erase(it);
  }
}

std::optional<Json> RunQueue::status(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  auto& job = *it->second;
  job.last_seen = Clock::now();
  Json out = {{"id", id}, {"state", job.state}, {"done", job.done}, {"total", job.total}};
  if (job.state == "waiting") {
    std::size_t position = 1;
    for (const auto& w : waiting_) {
      if (w->id == id) break;
      ++position;
    }
    out["position"] = position;
  }
  if (job.state == "done") out["result"] = job.result;
  if (job.state == "failed") out["error"] = job.error;
  return out;
}

std::optional<Json> RunQueue::result(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->state != "done") return std::nullopt;
  return it->second->result;
}

bool RunQueue::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return false;
  it->second->cancel = true;
  return true;
}

Json RunQueue::overview() {
  std::lock_guard lock(mutex_);
  std::size_t running = 0, finished = 0;
  for (const auto& [id, job] : jobs_) {
    running += job->state == "running";
    finished += job->state == "done" || job->state == "failed";
  }
  return Json{{"running", running},         {"waiting", waiting_.size()},
              {"finished", finished},       {"cancelled", cancelled_total_},
              {"workers", limits_.workers}, {"max_waiting", limits_.max_waiting}};
}

}  // namespace sim::serve
