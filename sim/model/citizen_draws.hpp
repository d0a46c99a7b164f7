// Draws a new citizen's attributes from the attribute streams of one day, in a fixed order.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"

namespace sim::model {

/// The random streams that decide who arrives. One set per day (station form: day 0), keyed by
/// purpose and day, so that a change on one day (a Saturday session, a counter) leaves the
/// citizens of every other day untouched: common random numbers across scenario variants.
class CitizenDraws {
 public:
  /// `plan` is the day's plan (nullptr in the station form): policies that apply on some
  /// weekdays only (no-writing day, Friendly Saturday) read its weekday.
  CitizenDraws(const engine::Simulation& sim, const CenterParams& params, std::uint32_t day,
               const DayPlan* plan = nullptr);

  /// Fills every random attribute of c. Every attribute is drawn for every citizen, used or
  /// not, so the streams stay aligned across variants; only a stream that cannot change any
  /// citizen of the day is left alone (Used). On a day with fixed() attributes this draws the
  /// same two numbers draw_from_prototype does: the other streams are left alone and the fixed
  /// durations draw nothing.
  void draw(Citizen& c) { draw_all(c); }
  /// The citizen a walk-in starts as: a default Citizen, with the day's fixed attributes set
  /// when fixed(). A slot copied from it needs only draw_from_prototype (issue 20: the pool
  /// copies a blank citizen into the slot anyway).
  const Citizen& prototype() const { return prototype_; }
  /// draw(c) for a c copied from prototype() (and given its id and times since): the same
  /// citizen, without copying the fixed attributes again.
  void draw_from_prototype(Citizen& c) {
    if (fixed_) {
      draw_varying(c);
      return;
    }
    draw_all(c);
  }
  /// Next gap of the station form's renewal arrival process.
  double interarrival() { return params_.interarrival.sample(arrivals_); }
  /// Unit-rate exponential for the calendar form's non-homogeneous Poisson process.
  double unit_exponential();
  /// Draws from every stream, as if each could change a citizen (tests compare the two).
  void use_every_stream() {
    used_ = Used{};
    draw_every_attribute();
  }
  /// Whether draw_from_prototype draws only the service need and the patience (see fixed_).
  bool fixed() const { return fixed_; }
  /// Draws every attribute as if some could vary (tests compare the two ways).
  void draw_every_attribute() {
    fixed_ = false;
    prototype_ = Citizen{};
  }

 private:
  /// The general way: every attribute from its distribution or stream, in a fixed order.
  void draw_all(Citizen& c);
  /// The fixed way, on a copy of prototype_: the service need and the patience, which vary.
  void draw_varying(Citizen& c);
  /// Whether the service need and the patience are the only attributes that vary today.
  bool only_service_varies() const;
  /// Applies the day's policies (visit factors, no-writing day, reception robot) to c.
  void draw_policies(Citizen& c, double& incomplete_share);
  /// The next uniform of a stream the day uses, or 0 for a stream it does not (see Used).
  static double uniform_if(engine::RngStream& stream, bool used) {
    return used ? stream.uniform01() : 0.0;
  }

  /// Which streams of uniforms can change some citizen today. A stream none of whose draws can
  /// (each decision it feeds is certain, every duration it gives is deterministic) is not drawn
  /// from: nothing else reads it that day, so every other draw stays where it was. In its place
  /// u = 0 gives the one possible answer: u < share is false for share <= 0, true for share >= 1.
  struct Used {
    bool priority_class = true, procedure = true, channel = true, form = true, reception = true,
         policy = true, behaviour = true;
  };
  static Used used_streams(const CenterParams& params, bool no_writing_today, bool visit_factors);

  const CenterParams& params_;
  engine::Distribution procedure_choice_;
  std::vector<double> online_chance_;  ///< by procedure: chance a would-be walk-in files online
  bool no_writing_today_ = false;
  const std::vector<double>* visit_factor_ = nullptr;  ///< by domain; nullptr: everyone comes
  Used used_;
  /// True when no attribute but the service need and the patience can vary today (one
  /// procedure, no share strictly between 0 and 1, every other duration fixed: a station
  /// scenario): a walk-in then starts as a copy of prototype_, whose attributes draw_all() gave
  /// once, at construction, and draw_from_prototype draws only what varies instead of testing
  /// each rule for every citizen (issue 20). The same draws, in the same order, from the same
  /// two streams.
  bool fixed_ = false;
  Citizen prototype_;  ///< see prototype()
  engine::RngStream arrivals_, class_, service_, patience_, procedure_, channel_, form_, reception_;
  // Streams added with the software systems: new purposes, so the streams above draw exactly
  // what they drew before systems were modelled.
  // ("citizen.return" and "citizen.paper_entry" of each day are ReturnVisits' and the
  // counters' own streams.)
  engine::RngStream manual_ticket_, back_office_;
  // Streams added with the policy overlays, likewise new purposes.
  engine::RngStream policy_, robot_time_;
  // Stream added with the citizens' behaviour at the ticket machine (abandoning at all,
  // balking, coming back after giving up).
  engine::RngStream behaviour_;
  /// Whether the citizen is there when called: its own stream, so that a no-show share moves
  /// no other draw.
  engine::RngStream no_show_;
};

}  // namespace sim::model
