// One row per visit (and per online dossier), collected only when a trace is asked for.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/stats/observation_window.hpp"

namespace sim::stats {

/// How a traced visit ended: served, or the LeaveReason it left for (online dossiers: filed).
enum class TraceOutcome : std::uint8_t {
  served,
  reneged,
  balked,
  ticket_cap,
  after_hours,
  lunch,
  closing,
  incomplete,
  system_down,
  answered,
  turned_away,
  filed_online,
};

/// Name of an outcome as written in the trace ("served", "reneged", ...).
const char* outcome_name(TraceOutcome outcome);

/// One visit of one citizen, from arrival to leaving. Times are minutes since the run's start;
/// a time that did not happen (no ticket, never called) is NaN. Indices refer to the scenario's
/// procedures, domains, counters and staff; model::no_index when none.
struct TraceRow {
  std::uint64_t citizen = 0;  ///< the model's citizen id (online dossiers: their own numbering)
  std::uint32_t visit = 1;    ///< 1 = first visit, 2 = first return...
  bool online = false;
  bool priority = false;
  std::uint32_t procedure = 0;
  std::uint32_t domain = 0;                 ///< the procedure's domain
  std::uint32_t service = model::no_index;  ///< domain of the last ticket taken
  double arrival = 0.0;
  double ticket = 0.0;                                  ///< the first ticket
  std::vector<std::pair<double, std::uint32_t>> calls;  ///< (time, counter) of every call
  std::uint32_t counter = model::no_index;              ///< counter of the last call
  std::uint32_t staff = model::no_index;                ///< officer at that counter
  double service_start = 0.0;
  double service_end = 0.0;
  TraceOutcome outcome = TraceOutcome::served;
  double left = 0.0;     ///< when the citizen left the center (online: filing time)
  bool returns = false;  ///< a later visit of the same citizen is in the trace
};

/// Observer that keeps a TraceRow per visit. Rows are returned ordered by (channel, citizen,
/// visit), which depends only on the simulated history, never on threads.
class TraceCollector final : public model::CenterObserver {
 public:
  /// Visits of citizens the window follows, and online dossiers filed inside it.
  explicit TraceCollector(ObservationWindow window = {}) : window_(window) {}

  void on_arrival(engine::SimTime t, const model::Citizen& c) override;
  void on_ticket(engine::SimTime t, const model::Citizen& c) override;
  void on_service_start(engine::SimTime t, const model::Citizen& c, std::uint32_t k) override;
  void on_service_end(engine::SimTime t, const model::Citizen& c, std::uint32_t k) override;
  void on_served(engine::SimTime t, const model::Citizen& c) override;
  void on_leave(engine::SimTime t, const model::Citizen& c, model::LeaveReason reason) override;
  void on_dossier_received(engine::SimTime t, const model::Dossier& d) override;

  /// The finished rows, sorted, with the return links set. Visits still open are dropped
  /// (a run ends when every citizen has left, so there are none).
  std::vector<TraceRow> take_rows();

 private:
  void close(engine::SimTime t, const model::Citizen& c, TraceOutcome outcome);
  /// The open row of a followed citizen's visit, or nullptr.
  TraceRow* row_of(const model::Citizen& c);

  ObservationWindow window_;

  std::unordered_map<std::uint64_t, TraceRow> open_;
  std::vector<TraceRow> done_;
};

}  // namespace sim::stats
