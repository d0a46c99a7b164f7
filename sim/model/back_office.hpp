// The back office: dossiers waiting for processing after intake, and the staff who work on them.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/dossier.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// Told when the back office has new work for idle counters, and when a counter's slice ends.
class BackOfficeListener {
 public:
  virtual ~BackOfficeListener() = default;
  virtual void on_back_office_work() = 0;
  virtual void on_counter_slice_end(std::uint32_t counter) = 0;
};

/// Every dossier, taken at a counter or filed online, waits here until its back-office work
/// is done. Work is taken earliest deadline first, in slices of at most slice_min minutes:
/// by counter staff with no ticket waiting (the Center offers those) and by dedicated workers
/// during their hours. A dossier whose procedure needs a system that is down is set aside
/// until the repair; a degraded system slows the slice by its factor, as read at the start of
/// each slice. When the work is done, each needed system may fail to synchronise the result
/// (a keyed draw per dossier, attempt and system): after the sync delay part of the work is
/// done again. Worker k < counters is counter k's staff; the rest
/// are dedicated.
///
/// After the specialist work a dossier follows its procedure's route (RouteParams): a keyed
/// draw may send it back to the citizen for missing papers (it returns after a number of
/// statutory working days, its deadline moved by as many, and part of the work is done again);
/// another may hand it off to an agency (it returns after the agency's working days); it then
/// waits for the leader's next signing batch, and its result goes out (synchronisation). At
/// the end of the day's last hours, dedicated workers stay on while the backlog is at least
/// overtime_backlog, until overtime_until, and the overtime is published. Seconded workers are
/// dedicated workers who are there from seconded_from on.
class BackOffice {
 public:
  BackOffice(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
             const SystemBoard& board, const Observers& observers, BackOfficeListener& listener);

  /// Takes a dossier in: procedure, domain, received, work_total, online, paper and id set by
  /// the caller; the deadline is computed here from the receipt time and the procedure.
  void receive(Dossier dossier);
  /// Takes in a dossier filed online now: with a reception step (online.reception_min > 0) it
  /// waits in the inbox until counter staff receive it (back_office_reception.cpp), else it is
  /// received at once. A dossier the routine misses (online.reception_miss_share, a keyed draw)
  /// enters the inbox only online.reception_miss_days working days after its filing.
  void submit_online(Dossier dossier);
  /// True when an online dossier waits to be received.
  bool has_reception_work() const { return inbox_head_ < inbox_.size(); }
  /// Worker k (counter k's staff for k < counters) receives the oldest online dossier, if one
  /// waits and the reception fits in max_minutes. False otherwise. Dedicated workers receive
  /// only dossiers already past the reception rule (start_slice).
  bool start_reception(std::uint32_t worker, double max_minutes);
  /// True when the oldest waiting online dossier falls due for reception within a day of t
  /// (staff stay after hours for it; the oldest falls due first).
  bool reception_urgent(double t) const { return reception_overdue(t + 1440.0); }
  /// True when the oldest waiting online dossier is past its reception rule at t.
  bool reception_overdue(double t) const {
    return has_reception_work() && inbox_[inbox_head_].reception_due < t;
  }
  /// Online dossiers filed and not yet received (missed and not yet noticed, waiting, or being
  /// received now).
  std::size_t awaiting_reception() const;
  /// When the reception rule's working hours after t are up: online.reception_due_hours of
  /// the center's sessions on its working days (infinity when that is past the run's end).
  double reception_due(double t) const;
  /// Schedules the dedicated workers' hours of a day (working days only).
  void start_day(std::uint32_t day);
  /// True when a dossier is ready to be worked on.
  bool has_work() const { return !ready_.empty(); }
  /// Starts a slice of at most max_minutes for counter k's staff. False if there is nothing to do.
  bool start_counter_slice(std::uint32_t counter, double max_minutes);
  /// Systems changed state: set-aside dossiers whose systems are back are made ready again.
  void on_systems_changed();
  std::size_t backlog() const { return pool_.in_use(); }
  /// End of the statutory due date, in minutes since the run's start (may lie past its end).
  double deadline(std::uint32_t procedure, double received) const;

  /// Simulation time n statutory working days after t, at the same minute of the day (t for n = 0).
  double after_working_days(double t, std::uint32_t n) const;
  /// Dossiers waiting for the leader's signature.
  std::size_t awaiting_signature() const { return awaiting_signature_.size(); }

  static constexpr std::int32_t slice_end_priority = 0;

 private:
  struct Worker {
    DossierIndex dossier = no_dossier;
    double start = 0.0, factor = 1.0;
    bool available = false;  ///< dedicated workers: inside their hours
    double hours_end = 0.0;
    double overtime_from = -1.0;  ///< the regular end of hours when staying on; -1 otherwise
  };
  struct Ready {  ///< earliest deadline first, then first received (intake order)
    double deadline;
    std::uint64_t order;
    DossierIndex dossier;
    bool operator>(const Ready& o) const {
      return deadline != o.deadline ? deadline > o.deadline : order > o.order;
    }
  };

  void on_slice_end(std::uint64_t worker);
  void on_hours_open(std::uint64_t session);
  void on_hours_close(std::uint64_t session);
  void on_sync_retry(std::uint64_t dossier);
  void on_dossier_back(std::uint64_t dossier);
  void on_signing(std::uint64_t batch);
  void on_reception_end(std::uint64_t counter);
  void on_missed_noticed(std::uint64_t slot);
  /// Into the inbox, in order of reception_due (a noticed missed dossier goes before the newer).
  void to_inbox(const Dossier& dossier);
  /// Into the back office with d.received set: the deadline runs from it.
  void enter(Dossier dossier);
  bool start_slice(std::uint32_t worker, double max_minutes);
  void make_ready(DossierIndex i);
  /// Specialist work done: the route's next step (back_office_route.cpp).
  void after_specialist(DossierIndex i);
  void send_away(DossierIndex i, RouteStep step, double days);
  void to_signature(DossierIndex i);
  void enter_step(Dossier& d, RouteStep step, double old_deadline);
  void complete(DossierIndex i);
  void wake_dedicated();
  /// Whether a dedicated worker is at the center now (a seconded one from seconded_from).
  bool present(std::size_t worker) const;
  void next_dedicated_slice(std::uint32_t worker);
  void stop_worker(std::uint32_t worker);
  void publish_backlog();
  std::uint64_t mask(const Dossier& d) const { return procedure_mask_[d.procedure]; }

  engine::Simulation& sim_;
  const CenterParams& params_;
  const WorkCalendar& calendar_;
  const SystemBoard& board_;
  const Observers& observers_;
  BackOfficeListener& listener_;
  engine::HandlerId slice_end_, hours_open_, hours_close_, sync_retry_, dossier_back_, signing_,
      reception_end_, missed_noticed_;
  DossierPool pool_;
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready_;
  std::vector<DossierIndex> blocked_;  ///< set aside while a needed system is down
  std::vector<DossierIndex> awaiting_signature_, signing_now_;
  std::vector<Worker> workers_;
  /// Online dossiers waiting for reception, oldest first from inbox_head_ (the front is
  /// compacted away once it is half the vector, so a steady inbox does not allocate).
  std::vector<Dossier> inbox_;
  std::size_t inbox_head_ = 0;
  std::vector<Dossier> receiving_;  ///< by worker: the dossier being received
  /// Online dossiers the routine missed, until they are noticed (slots reused: missed_free_).
  std::vector<Dossier> missed_;
  std::vector<std::uint32_t> missed_free_;
  /// Worker::dossier when the worker holds no dossier of the pool: free, or receiving an
  /// online dossier (not yet in the pool).
  static constexpr DossierIndex no_dossier = UINT32_MAX;
  static constexpr DossierIndex receiving = UINT32_MAX - 1;
  std::size_t receiving_count_ = 0;
  std::vector<std::uint64_t> procedure_mask_;  ///< systems each procedure needs, as bits
  std::uint64_t next_order_ = 0;
  engine::RngStream sync_delay_;
  double horizon_;
  /// deadline()'s answers for deadline_day_, by 2 x working days + (received after 15:00 under
  /// the same-day rule); -1 = not computed yet. A cache of a pure function of its key.
  mutable std::vector<double> deadline_cache_;
  mutable std::uint32_t deadline_day_ = UINT32_MAX;
};

}  // namespace sim::model
