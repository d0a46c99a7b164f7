// Dossiers filed online: their own arrival process around the clock, feeding the back office.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// Online dossiers arrive as a non-homogeneous Poisson process over the whole day, every day
/// (nights, weekends and holidays too), with demand.daily_visits x demand.online_share x
/// online.weekday_factor expected a day (Sunday's factor on public holidays). They never
/// queue at a counter: each one goes to the back office, through its reception inbox where
/// online.reception_min > 0 (BackOffice::submit_online). A share is paid online,
/// which fails while the payment system is down. Streams are keyed by purpose and day.
class OnlineChannel {
 public:
  OnlineChannel(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
                const SystemBoard& board, BackOffice& back_office, const Observers& observers);

  /// Schedules the day's first online arrival.
  void start_day(std::uint32_t day);

  static constexpr std::int32_t arrival_priority = 1;

 private:
  void on_arrival(std::uint64_t);
  void schedule_next();

  struct DayStreams {
    engine::RngStream arrivals, procedure, work, payment;
  };

  engine::Simulation& sim_;
  const CenterParams& params_;
  const WorkCalendar& calendar_;
  const SystemBoard& board_;
  BackOffice& back_office_;
  const Observers& observers_;
  engine::HandlerId arrival_;
  std::optional<engine::Distribution>
      procedure_choice_;  ///< none when no procedure is filed online
  std::optional<DayStreams> streams_;
  ArrivalProfile profile_;
  std::uint32_t day_ = 0;
  std::uint64_t next_id_ = 0;
};

}  // namespace sim::model
