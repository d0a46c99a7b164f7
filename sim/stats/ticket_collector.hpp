// Observer that counts the visits that took a ticket and how they ended, and the citizens who
// sought a youth volunteer's help with their forms (center form).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/observation_window.hpp"

namespace sim::stats {

/// "Nearly everyone who took a ticket is served" (issue 16) as numbers: of the visits (first
/// or return) of the citizens the window follows that took a ticket, how many ended served, and
/// how many holders were not there when their number was called (no-shows, counted in
/// `reneged` too). A visit counts once however many tickets it took (a wrong pick takes two).
/// While volunteers are on duty, of the citizens with forms to fill: how many sought help and how
/// many found a volunteer free (the others filled the forms alone).
class TicketCollector final : public model::CenterObserver {
 public:
  explicit TicketCollector(ObservationWindow window) : window_(window) {}

  void on_served(engine::SimTime, const model::Citizen& c) override {
    if (!window_.follows(c) || !c.ticketed) return;
    ++visits_;
    ++served_;
  }
  void on_leave(engine::SimTime, const model::Citizen& c, model::LeaveReason) override {
    if (!window_.follows(c) || !c.ticketed) return;
    ++visits_;
    no_shows_ += c.no_show;
  }

  void on_form_help(engine::SimTime, const model::Citizen& c, bool helped) override {
    if (!window_.follows(c)) return;
    ++sought_;
    helped_ += helped;
  }

  /// The columns this collector adds to a center-form summary row, in row order.
  static const std::vector<MetricDef>& metrics();
  std::vector<double> row() const;

 private:
  ObservationWindow window_;
  std::uint64_t visits_ = 0, served_ = 0, no_shows_ = 0, sought_ = 0, helped_ = 0;
};

}  // namespace sim::stats
