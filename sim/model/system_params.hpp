// Parameters of the software systems a center depends on, and of its back office and online
// channel.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// Health of a software system. Ordered: a larger value is worse, and a system's effective
/// state is the worst of its own state and the effective states of the systems it needs.
enum class SystemState : std::uint8_t { up = 0, degraded = 1, down = 2 };

/// What a counter does when a procedure needs a system that is down.
enum class OutagePolicy : std::uint8_t {
  wait,       ///< service is suspended and resumes when the system is repaired
  paper,      ///< service goes on, slower, on paper; the data is keyed in later by the back office
  send_home,  ///< the citizen is sent home to come back on a later working day
};

/// A scheduled episode (a migration, an overload), in minutes since the run's start.
struct SystemEpisode {
  double start = 0.0;
  double end = 0.0;
  SystemState state = SystemState::down;
  double factor = 1.0;  ///< service-time multiplier while degraded (ignored when down)
};

/// One software system: a two-state failure process (up/down), an independent degraded-episode
/// process, scheduled episodes, and the counter's policy when it is down. Failure and repair
/// times run on the clock, 24 hours a day (a system breaks at night too; only the counters and
/// the back office notice it at their hours).
struct SystemParams {
  std::string id;
  std::string name;
  std::vector<std::uint32_t> depends_on;  ///< systems this one needs (indices)
  std::optional<engine::Distribution>
      time_to_failure;  ///< minutes up before a failure; none: never fails
  engine::Distribution repair_time = engine::Distribution::deterministic(60.0);  ///< minutes down
  std::optional<engine::Distribution>
      time_to_degrade;  ///< minutes between degraded episodes; none: never
  engine::Distribution degraded_time =
      engine::Distribution::deterministic(90.0);  ///< minutes per episode
  double degraded_factor = 1.5;                   ///< service-time multiplier while degraded
  std::vector<SystemEpisode> episodes;
  OutagePolicy on_down = OutagePolicy::wait;
  double paper_factor = 1.25;  ///< service-time multiplier of paper service (policy paper)
  /// Back-office minutes to key a paper dossier in afterwards (policy paper).
  engine::Distribution paper_entry = engine::Distribution::deterministic(5.0);
  /// Share of finished back-office work on dossiers needing this system whose result fails to
  /// synchronise (sent to the national portal, the data center...) and must be redone.
  double sync_failure_share = 0.0;
  /// Clock minutes before a failed synchronisation is noticed and the rework can start.
  engine::Distribution sync_delay = engine::Distribution::deterministic(240.0);
  double rework_share =
      0.5;  ///< share of the dossier's back-office work done again after a sync failure
};

/// Who does back-office work (processing dossiers after intake) and when.
struct BackOfficeParams {
  /// Staff at an open counter with no ticket waiting take back-office work, in slices.
  bool counter_staff = true;
  /// Longest stretch of back-office work a counter takes before looking at the queue again.
  double slice_min = 10.0;
  /// Dedicated back-office workers (not at counters); 0 = none.
  std::uint32_t workers = 0;
  /// Seconded back-office workers (biệt phái): dedicated workers who join at minute
  /// `seconded_from` of the run and work the dedicated hours from then on; 0 = none.
  std::uint32_t seconded = 0;
  double seconded_from = 0.0;
  /// When dedicated workers work on working days; empty = the day's opening sessions.
  std::vector<Session> hours;
  /// After hours: when at the end of the day's last hours at least `overtime_backlog` dossiers
  /// wait for specialist work, dedicated workers stay until the backlog is cleared or until
  /// minute `overtime_until_min` of the day (-1 = never stay), counted as overtime.
  std::uint32_t overtime_backlog = 0;
  int overtime_until_min = -1;
  /// The leader signs the waiting dossiers at these minutes of each working day (empty: a
  /// dossier is signed as soon as it is ready); away for a batch with chance `away_share`.
  std::vector<int> signature_batches;
  double signature_away_share = 0.0;
  /// A dossier received before minute `time_factor_until` of the run needs `time_factor` times
  /// its drawn back-office minutes (the national launch's extra effort: new competences, new
  /// software; paper entry is not scaled). 1 = none.
  double time_factor = 1.0;
  double time_factor_until = std::numeric_limits<double>::infinity();
  double time_factor_at(double received) const {
    return received < time_factor_until ? time_factor : 1.0;
  }
};

/// Dossiers filed online: they arrive around the clock, every day, never queue at a counter
/// and load the back office. The day's expected number is demand.daily_visits x
/// demand.online_share x weekday_factor (Sunday's factor on public holidays).
struct OnlineParams {
  std::array<double, 24> hourly_profile{};  ///< relative intensity per clock hour
  std::array<double, 7> weekday_factor{1, 1, 1, 1, 1, 1, 1};
  double payment_share = 0.0;                 ///< share of online dossiers paid online
  std::uint32_t payment_system = UINT32_MAX;  ///< system needed to pay online; none = UINT32_MAX
  /// Staff minutes to receive an online dossier (open it, check its papers, accept it), done
  /// by counter staff between tickets; 0 = no reception step: the dossier enters the back
  /// office as it is filed. The statutory clock starts at reception.
  double reception_min = 0.0;
  /// The reception rule: an online dossier is received within this many working hours (the
  /// center's sessions on its working days) of its submission; later is "received late".
  double reception_due_hours = 8.0;
  /// Share of online dossiers the center does not receive in its routine: the officer does not
  /// see or act on it, or its record reaches the center's system late or wrong (GL-REVIEW's
  /// causes). A keyed draw per dossier; such a dossier enters the inbox only after
  /// reception_miss_days working days. 0 = every dossier waits in the inbox from its filing.
  double reception_miss_share = 0.0;
  std::uint32_t reception_miss_days = 10;
};

}  // namespace sim::model
