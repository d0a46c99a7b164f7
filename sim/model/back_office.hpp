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
class BackOffice {
 public:
  BackOffice(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
             const SystemBoard& board, const std::vector<CenterObserver*>& observers,
             BackOfficeListener& listener);

  /// Takes a dossier in: procedure, domain, received, work_total, online, paper and id set by
  /// the caller; the deadline is computed here from the receipt time and the procedure.
  void receive(Dossier dossier);
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

  static constexpr std::int32_t slice_end_priority = 0;

 private:
  struct Worker {
    DossierIndex dossier = UINT32_MAX;
    double start = 0.0, factor = 1.0;
    bool available = false;  ///< dedicated workers: inside their hours
    double hours_end = 0.0;
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
  bool start_slice(std::uint32_t worker, double max_minutes);
  void make_ready(DossierIndex i);
  void complete(DossierIndex i);
  void wake_dedicated();
  void publish_backlog();
  std::uint64_t mask(const Dossier& d) const { return procedure_mask_[d.procedure]; }

  engine::Simulation& sim_;
  const CenterParams& params_;
  const WorkCalendar& calendar_;
  const SystemBoard& board_;
  const std::vector<CenterObserver*>& observers_;
  BackOfficeListener& listener_;
  engine::HandlerId slice_end_, hours_open_, hours_close_, sync_retry_;
  DossierPool pool_;
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready_;
  std::vector<DossierIndex> blocked_;  ///< set aside while a needed system is down
  std::vector<Worker> workers_;
  std::vector<std::uint64_t> procedure_mask_;  ///< systems each procedure needs, as bits
  std::uint64_t next_order_ = 0;
  engine::RngStream sync_delay_;
  double horizon_;
};

}  // namespace sim::model
