// Observer that measures the back office: dossiers on time or late, the backlog, online payments.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/observation_window.hpp"
#include "sim/stats/table.hpp"
#include "sim/stats/tally.hpp"

namespace sim::stats {

/// Counts dossiers by procedure from receipt to result, the way the ministry rates them: a
/// dossier finished at or before its deadline is on time, after it late; one still open at
/// the run's end is overdue if its deadline has passed, otherwise censored (not yet due, left
/// out of the rate). on_time_rate = on_time / (completed + open_overdue).
///
/// No dossier is remembered: whether an open dossier is overdue at the end only depends on
/// deadline < run_end, which is known at receipt, so counting "due within the run" at receipt
/// and at completion gives the open overdue ones by difference. Memory is a fixed block per
/// procedure plus the rows of the hourly backlog series.
///
/// Signals after run_end are ignored (a dossier finished later is open at the end). The
/// backlog series is closed at on_day_end(run_end) or by finish(run_end) (station form).
class BackOfficeCollector final : public model::CenterObserver {
 public:
  /// The window's end is the run's end (the center form's days x 1440); dossiers received
  /// during warm-up, payments and backlog hours before its start are not counted. A plain
  /// number is a run end without warm-up.
  BackOfficeCollector(const model::CenterParams& params, ObservationWindow window,
                      std::uint64_t replication = 0);

  void on_day_end(engine::SimTime t, std::uint32_t day) override;
  void on_online_submitted(engine::SimTime t, const model::Dossier& d) override;
  void on_online_reception(engine::SimTime t, const model::Dossier& d) override;
  void on_dossier_received(engine::SimTime t, const model::Dossier& d) override;
  void on_dossier_done(engine::SimTime t, const model::Dossier& d) override;
  void on_dossier_step(engine::SimTime t, const model::Dossier& d, double old_deadline) override;
  void on_back_office_overtime(engine::SimTime t, std::uint32_t worker, double minutes) override;
  void on_backlog(engine::SimTime t, std::uint32_t dossiers) override;
  void on_online_payment(engine::SimTime t, const model::Dossier& d, double fee_vnd,
                         bool ok) override;
  void on_counter_payment(engine::SimTime t, std::uint32_t procedure, double fee_vnd) override;
  /// Brings the backlog series up to t and, at run_end, writes the last (partial) hour.
  void finish(engine::SimTime t);

  std::uint64_t dossiers_received() const { return total_.received; }
  std::uint64_t dossiers_received_online() const { return total_.online; }
  std::uint64_t dossiers_completed() const { return total_.completed; }
  std::uint64_t dossiers_on_time() const { return total_.on_time; }
  std::uint64_t dossiers_late() const { return total_.late; }
  /// Received and not finished by run_end.
  std::uint64_t dossiers_open() const { return total_.received - total_.completed; }
  /// Open at run_end with the deadline already passed (they can no longer be on time).
  std::uint64_t dossiers_open_overdue() const { return total_.due_received - total_.due_completed; }
  /// Open at run_end and not yet due: censored, left out of the on-time rate.
  std::uint64_t dossiers_open_not_due() const { return dossiers_open() - dossiers_open_overdue(); }
  /// Finished dossiers that waited for a down system or failed to synchronise at least once.
  std::uint64_t dossiers_delayed() const { return total_.delayed; }
  /// on_time / (completed + open_overdue); NaN when no dossier is rated.
  double on_time_rate() const;
  /// The same counts for the dossiers filed through one channel (online or at a counter):
  /// each count of the two channels sums to the count over every dossier.
  std::uint64_t dossiers_received(bool online) const { return channel(online).received; }
  std::uint64_t dossiers_completed(bool online) const { return channel(online).completed; }
  std::uint64_t dossiers_on_time(bool online) const { return channel(online).on_time; }
  std::uint64_t dossiers_late(bool online) const { return channel(online).late; }
  std::uint64_t dossiers_open_overdue(bool online) const {
    return channel(online).due_received - channel(online).due_completed;
  }
  double on_time_rate(bool online) const { return rate(channel(online)); }
  /// Hours past the deadline of the late dossiers.
  const Tally& lateness_hours() const { return total_.lateness; }
  /// Late dossiers by the route step held responsible (model::Dossier::responsible()); they
  /// sum to dossiers_late().
  std::uint64_t dossiers_late_at(model::RouteStep step) const {
    return total_.late_by_step[static_cast<std::size_t>(step)];
  }
  /// The reception step (online.reception_min > 0): online dossiers received by staff, those
  /// received after their reception_due, and those still waiting at run_end (in all, and past
  /// reception_due). Counted "due within the run" at filing and at reception, as deadlines.
  std::uint64_t received_by_staff() const { return reception_.received; }
  std::uint64_t received_late() const { return reception_.late; }
  std::uint64_t awaiting_reception() const { return reception_.submitted - reception_.received; }
  std::uint64_t awaiting_reception_overdue() const {
    return reception_.due_submitted - reception_.due_received;
  }
  /// Minutes dedicated back-office workers stayed after hours, summed over workers and days.
  double back_office_overtime() const { return overtime_min_; }
  std::uint64_t payments_online() const { return payments_ok_; }
  double payments_online_vnd() const { return payments_vnd_; }
  std::uint64_t online_payments_failed() const { return payments_failed_; }
  std::uint64_t payments_counter() const { return counter_payments_; }
  double payments_counter_vnd() const { return counter_payments_vnd_; }
  /// Dossiers in the back office now, the most ever, and the time-average from 0 to the latest
  /// time the series was brought up to (NaN before).
  std::uint32_t backlog() const { return backlog_; }
  std::uint32_t backlog_max() const { return backlog_max_; }
  double backlog_mean() const;

  /// Table shapes, in the order of tables(): /dossiers_by_procedure, /backlog.
  static const std::vector<TableDef>& table_defs();
  std::vector<TableRows> tables() const;
  /// Streams /backlog (one row per hour of the run) to a sink; tables() then returns it empty.
  void stream_backlog_to(RowSink* sink) { backlog_rows_.stream_to(sink); }
  /// Keeps no /backlog rows (a run without detail tables): tables() then returns it empty.
  void drop_backlog() { backlog_rows_.drop(); }
  /// Center-form summary columns and this replication's values.
  static const std::vector<MetricDef>& metrics();
  std::vector<double> row() const;
  /// The reception step's summary columns and values (after every other collector's, so that
  /// the older columns keep their places).
  static const std::vector<MetricDef>& reception_metrics();
  std::vector<double> reception_row() const;

 private:
  struct Counts {
    std::uint64_t received = 0, online = 0, completed = 0, on_time = 0, late = 0;
    std::uint64_t due_received = 0, due_completed = 0;  ///< deadline < run_end
    std::uint64_t delayed = 0, paper = 0;
    std::array<std::uint64_t, model::route_step_count> late_by_step{};
    std::uint64_t missing_papers = 0, handed_off = 0;  ///< finished ones sent back / handed off
    double turnaround = 0.0;  ///< minutes from receipt to result, summed over completed
    Tally lateness;           ///< hours, late dossiers
  };
  static double rate(const Counts& c);
  static std::vector<double> channel_values(const Counts& c);
  const Counts& channel(bool online) const { return by_channel_[online ? 1 : 0]; }
  Counts& channel(bool online) { return by_channel_[online ? 1 : 0]; }
  static std::vector<double> counts_values(const Counts& c);
  void advance(double t);
  void hour_row(double length);

  const model::CenterParams& params_;
  ObservationWindow window_;
  double run_end_;  ///< window_.end
  double replication_;
  Counts total_;
  std::vector<Counts> by_procedure_;
  std::array<Counts, 2> by_channel_;  ///< [0] filed at a counter, [1] filed online
  struct Reception {
    std::uint64_t submitted = 0, received = 0, late = 0;
    std::uint64_t due_submitted = 0, due_received = 0;  ///< reception_due < run_end
    double wait_min = 0.0;                              ///< filing to reception, summed
  } reception_;
  std::uint64_t payments_ok_ = 0, payments_failed_ = 0;
  double overtime_min_ = 0.0;
  double payments_vnd_ = 0.0;  ///< fees of the successful payments
  std::uint64_t counter_payments_ = 0;
  double counter_payments_vnd_ = 0.0;
  std::uint32_t backlog_ = 0, backlog_max_ = 0;
  std::uint64_t hour_ = 0;  ///< index of the clock hour being integrated, from 0
  double since_ = 0.0, hour_area_ = 0.0, area_ = 0.0;
  bool finished_ = false;
  GrowingTable backlog_rows_;
};

}  // namespace sim::stats
