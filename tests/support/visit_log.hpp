// A VisitRouter for testing one stage component alone: it writes every hand-off as a line.
#pragma once

#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/visit_router.hpp"
#include "tests/support/center_recorder.hpp"

namespace test_support {

/// Stands in for the Center behind a component under test: records each exit as
/// "t arrive id", "t ticket id qQ", "t served id" or "t leave id reason", and answers
/// tickets_waiting() with `waiting` and minutes_to_serve() with `to_serve`. Citizens who leave or
/// are served are released.
class VisitLog : public sim::model::VisitRouter {
 public:
  VisitLog(const sim::engine::Simulation& sim, sim::model::CitizenPool& pool)
      : sim_(sim), pool_(pool) {}

  std::vector<std::string> lines;
  std::uint32_t waiting = 0;
  double to_serve = 0.0;  ///< what minutes_to_serve() answers

  void arrive(sim::model::CitizenIndex i) override { add("arrive", i); }
  void ticket_taken(sim::model::CitizenIndex i) override {
    add("ticket", i, " q" + std::to_string(pool_[i].queue));
  }
  std::uint32_t tickets_waiting(std::uint32_t) const override { return waiting; }
  double minutes_to_serve(std::uint32_t, sim::model::PriorityClass) const override {
    return to_serve;
  }
  void served(sim::model::CitizenIndex i) override {
    add("served", i);
    pool_.release(i);
  }
  void leave(sim::model::CitizenIndex i, sim::model::LeaveReason reason) override {
    add("leave", i, std::string(" ") + reason_name(reason));
    pool_.release(i);
  }

 private:
  void add(const char* what, sim::model::CitizenIndex i, const std::string& tail = "") {
    std::ostringstream out;
    out << sim_.now() << ' ' << what << ' ' << pool_[i].id << tail;
    lines.push_back(out.str());
  }
  const sim::engine::Simulation& sim_;
  sim::model::CitizenPool& pool_;
};

/// A DayListener that ignores the turns of the day, for a DayCycle that only answers queries.
struct QuietDay : sim::model::DayListener {
  void on_day_start(std::uint32_t) override {}
  void on_session_open(std::uint32_t) override {}
  void on_calling_stop(const sim::model::CallingStop&) override {}
  void on_day_end(std::uint32_t) override {}
};

/// A citizen put in the pool by hand, with id `id` and every other field as given by `set`.
template <class F>
sim::model::CitizenIndex hand_made(sim::model::CitizenPool& pool, std::uint64_t id, F set) {
  const auto i = pool.acquire();
  pool[i].id = id;
  pool[i].patience = std::numeric_limits<double>::infinity();
  set(pool[i]);
  return i;
}

}  // namespace test_support
