// The one recording observer of the model tests: every signal a Center publishes, kept in order.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/center.hpp"
#include "sim/model/center_observer.hpp"

namespace test_support {

using sim::engine::SimTime;
using sim::model::Citizen;
using sim::model::CounterState;
using sim::model::Dossier;
using sim::model::LeaveReason;
using sim::model::SystemEffect;
using sim::model::SystemState;

/// A time and where it happened: the queue of a ticket, the counter of a call or an end.
struct Stamp {
  double t;
  std::uint32_t where;
};

/// One visit of one citizen (a return is a new visit with the same id).
struct VisitRecord {
  std::uint64_t id = 0;
  std::uint32_t visit = 0, day = 0, domain = 0, procedure = 0;
  double arrival = 0.0;
  bool priority = false;  ///< in the priority class
  std::vector<Stamp> tickets, calls, ends;
  std::optional<double> served, left;
  std::optional<LeaveReason> reason;
  double waited = 0.0;       ///< citizen.waited when served
  std::uint8_t effects = 0;  ///< SystemEffects published on this visit, as bits
  std::uint32_t system = 0;  ///< system of the last effect
};

struct OvertimeRecord {
  double t;
  std::uint32_t staff;
  double minutes;
};

struct CounterChange {
  double t;
  std::uint32_t counter, staff;
  CounterState state;
};

struct DelayRecord {
  double t;
  std::uint32_t system;
  Dossier dossier;
};

struct DayTally {
  std::uint32_t arrived = 0, served = 0, left = 0;
  std::size_t inside_at_end = 0;  ///< set when `center` is given
  bool ended = false;
};

/// Name of a leave reason as the trajectory lines write it ("reneged", "closing"...).
const char* reason_name(LeaveReason r);

/// Records every signal three ways: `trace`, one line per signal of any kind at full
/// precision (two runs published the same facts if their traces are equal); `lines`, the
/// visit's steps in the short form hand-computed trajectories are written in ("2 arrive 0",
/// "2 ticket 0 q1", "2 call 0 @1", "5 done 0 @1", "5 served 0", "7 leave 3 reneged"); and
/// structured records by visit, day, counter, dossier and system.
class CenterRecorder : public sim::model::CenterObserver {
 public:
  std::vector<std::string> trace;
  std::vector<std::string> lines;
  std::vector<VisitRecord> visits;  ///< in arrival order
  std::vector<OvertimeRecord> overtime;
  std::vector<CounterChange> counter_changes;
  std::vector<DayTally> days;
  std::vector<Dossier> dossiers_received, dossiers_done;
  std::vector<double> dossiers_done_at;
  std::vector<DelayRecord> dossiers_delayed;
  /// If set, day ends record how many citizens are inside.
  const sim::model::Center* center = nullptr;
  /// Citizens still inside when record_run's run ended (must be 0 once the calendar is empty).
  std::size_t inside_after_run = 0;

  /// The lines of the given kinds only (the second word: "arrive", "call", "leave"...).
  std::vector<std::string> lines_of(std::initializer_list<std::string_view> kinds) const;
  /// The trace lines of the given kinds only.
  std::vector<std::string> trace_of(std::initializer_list<std::string_view> kinds) const;
  /// Visits whose arrival fell on the day, in arrival order.
  std::vector<const VisitRecord*> arriving_on(std::uint32_t day) const;
  /// The given visit of a citizen, or nullptr.
  const VisitRecord* find(std::uint64_t id, std::uint32_t visit) const;
  /// The latest visit of a citizen (throws if the citizen never arrived).
  const VisitRecord& last_visit(std::uint64_t id) const;

  void on_day_start(SimTime t, std::uint32_t day) override;
  void on_day_end(SimTime t, std::uint32_t day) override;
  void on_arrival(SimTime t, const Citizen& c) override;
  void on_ticket(SimTime t, const Citizen& c) override;
  void on_service_start(SimTime t, const Citizen& c, std::uint32_t counter) override;
  void on_service_end(SimTime t, const Citizen& c, std::uint32_t counter) override;
  void on_served(SimTime t, const Citizen& c) override;
  void on_leave(SimTime t, const Citizen& c, LeaveReason reason) override;
  void on_queue_length(SimTime t, std::uint32_t queue, std::uint32_t length) override;
  void on_counter_state(SimTime t, std::uint32_t counter, std::uint32_t staff,
                        CounterState state) override;
  void on_overtime(SimTime t, std::uint32_t staff, double minutes) override;
  void on_system_state(SimTime t, std::uint32_t system, SystemState state, double factor) override;
  void on_system_effect(SimTime t, const Citizen& c, std::uint32_t system,
                        SystemEffect effect) override;
  void on_online_submitted(SimTime t, const Dossier& d) override;
  void on_online_reception(SimTime t, const Dossier& d) override;
  void on_dossier_received(SimTime t, const Dossier& d) override;
  void on_dossier_delayed(SimTime t, const Dossier& d, std::uint32_t system) override;
  void on_dossier_done(SimTime t, const Dossier& d) override;
  void on_backlog(SimTime t, std::uint32_t dossiers) override;
  void on_online_payment(SimTime t, const Dossier& d, double fee_vnd, bool ok) override;

 private:
  DayTally& tally(std::uint32_t day);
  VisitRecord& current(const Citizen& c) { return visits.at(current_.at(c.id)); }
  void line(SimTime t, const char* what, std::uint64_t id, const char* sep = nullptr,
            std::uint32_t where = 0);
  void record(SimTime t, const char* what, std::initializer_list<double> values);
  std::map<std::uint64_t, std::size_t> current_;  ///< citizen id -> index of the latest visit
};

/// Runs a center from `params` with the recorder attached until the calendar is empty (or
/// `until`), wired by the model builder on streams (seed, replication 0, the center's id).
CenterRecorder record_run(const sim::model::CenterParams& params, std::uint64_t seed,
                          SimTime until = 1e300);

}  // namespace test_support
