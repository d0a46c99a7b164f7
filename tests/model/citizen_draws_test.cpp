// CitizenDraws: streams that cannot change a citizen are left alone, and the citizens stay the
// same.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/citizen_draws.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace {
using sim::engine::Distribution;
using sim::model::CenterParams;
using sim::model::Citizen;

/// Whether n citizens drawn on `day` skipping unused streams equal, field by field, those drawn
/// from every stream (the draws of the code before streams were skipped).
bool same_citizens(const CenterParams& params, std::uint32_t day, int n) {
  sim::engine::Simulation sim({20261206, 1, params.center_id});
  std::optional<sim::model::WorkCalendar> calendar;
  if (params.calendar) calendar.emplace(*params.calendar);
  const sim::model::DayPlan* plan = calendar ? &calendar->day(day) : nullptr;
  sim::model::CitizenDraws skipping(sim, params, day, plan), every(sim, params, day, plan);
  every.use_every_stream();
  for (int i = 0; i < n; ++i) {
    Citizen a, b;
    skipping.draw(a);
    every.draw(b);
    // Citizen is plain data with no padding-dependent comparison: compare each drawn field.
    const bool same =
        a.priority_class == b.priority_class && a.procedure == b.procedure &&
        a.domain == b.domain && a.queue == b.queue && a.robot_queue == b.robot_queue &&
        a.service_need == b.service_need && a.patience == b.patience && a.online == b.online &&
        a.form_time == b.form_time && a.incomplete == b.incomplete &&
        a.fix_on_spot == b.fix_on_spot && a.fix_time == b.fix_time &&
        a.misroute_time == b.misroute_time && a.reception_time == b.reception_time &&
        a.manual_ticket_time == b.manual_ticket_time && a.back_office_need == b.back_office_need &&
        a.wrong_pick == b.wrong_pick && a.stays_home == b.stays_home &&
        a.robot_time == b.robot_time && a.robot_answers == b.robot_answers;
    if (!same) return false;
    // The behaviour draws are raw uniforms read elsewhere: skipped ones read 0, which must give
    // the same decisions (no balking; a return share of 0 or 1).
    if (a.balk_draw != b.balk_draw || a.return_draw != b.return_draw) {
      if (params.behaviour.balk_start > 0) return false;
      const double share = params.behaviour.gave_up_return_share;
      if ((a.return_draw < share) != (b.return_draw < share)) return false;
    }
  }
  // Both must still be in step on the streams they share: the next arrival gap is the same.
  return skipping.interarrival() == every.interarrival();
}

/// Every field of two citizens, drawn or not (Citizen has padding: no memcmp).
bool same_fields(const Citizen& a, const Citizen& b) {
  return a.id == b.id && a.arrival == b.arrival && a.first_arrival == b.first_arrival &&
         a.ticket_time == b.ticket_time && a.service_start == b.service_start &&
         a.service_need == b.service_need && a.patience == b.patience &&
         a.form_time == b.form_time && a.fix_time == b.fix_time &&
         a.misroute_time == b.misroute_time && a.reception_time == b.reception_time &&
         a.manual_ticket_time == b.manual_ticket_time && a.desk_time == b.desk_time &&
         a.back_office_need == b.back_office_need && a.paper_entry == b.paper_entry &&
         a.waited == b.waited && a.robot_time == b.robot_time && a.balk_draw == b.balk_draw &&
         a.return_draw == b.return_draw && a.procedure == b.procedure && a.domain == b.domain &&
         a.queue == b.queue && a.robot_queue == b.robot_queue && a.counter == b.counter &&
         a.staff == b.staff && a.visit == b.visit && a.priority_class == b.priority_class &&
         a.online == b.online && a.wrong_pick == b.wrong_pick && a.incomplete == b.incomplete &&
         a.fix_on_spot == b.fix_on_spot && a.paper == b.paper && a.stays_home == b.stays_home &&
         a.robot_answers == b.robot_answers && a.returning == b.returning &&
         a.ticketed == b.ticketed && a.absent_when_called == b.absent_when_called &&
         a.no_show == b.no_show && a.effects == b.effects &&
         a.pending_event.slot == b.pending_event.slot &&
         a.pending_event.generation == b.pending_event.generation && a.prev == b.prev &&
         a.next == b.next;
}

/// Whether the day's draws copy fixed attributes (CitizenDraws::fixed), and n citizens so drawn
/// (by draw, or by draw_from_prototype on a copy of the prototype) equal, in every field, those
/// drawn attribute by attribute from the same streams.
bool fixed_and_same(const CenterParams& params, int n) {
  const sim::engine::Simulation sim({20261207, 2, params.center_id});
  sim::model::CitizenDraws fixed(sim, params, 0), from_prototype(sim, params, 0),
      general(sim, params, 0);
  general.draw_every_attribute();
  if (!fixed.fixed() || !from_prototype.fixed() || general.fixed()) return false;
  for (int i = 0; i < n; ++i) {
    Citizen a, b, c = from_prototype.prototype();
    fixed.draw(a);
    from_prototype.draw_from_prototype(c);
    general.draw(b);
    if (!same_fields(a, b) || !same_fields(c, b)) return false;
  }
  // Still in step on the arrival stream: the next gap is the same for all three.
  const double gap = general.interarrival();
  return fixed.interarrival() == gap && from_prototype.interarrival() == gap;
}
}  // namespace

TEST_CASE("a station whose citizens differ only in service and patience copies the rest",
          "[model][citizen_draws]") {
  auto p = sim::model::station_params(4, Distribution::exponential(1.0 / 3.6),
                                      Distribution::exponential(1.0), std::nullopt, 0.0, 1e9);
  CHECK(fixed_and_same(p, 2000));
  SECTION("a patience that everyone keeps, and one that no one does") {
    p.patience = Distribution::exponential(10.0);
    CHECK(fixed_and_same(p, 2000));
    p.behaviour.abandon_share = 0.0;
    CHECK(fixed_and_same(p, 2000));
  }
  SECTION("fixed durations and certain shares other than the defaults") {
    auto& proc = p.procedures[0];
    proc.form = Distribution::deterministic(2.5);
    proc.back_office = Distribution::deterministic(7.0);
    proc.fix_on_spot = Distribution::deterministic(1.5);
    proc.incomplete_share = 1.0;
    proc.fix_on_spot_share = 1.0;
    p.priority_share = 1.0;
    p.behaviour.no_show_share = 1.0;
    p.reception.manual_ticket_time = Distribution::deterministic(0.75);
    proc.service = Distribution::lognormal_mean_sd(3.0, 1.0);
    CHECK(fixed_and_same(p, 2000));
  }
  SECTION("any attribute that can vary draws each attribute again") {
    const sim::engine::Simulation sim({1, 0, 0});
    p.procedures[0].back_office = Distribution::exponential(5.0);
    const sim::model::CitizenDraws varying(sim, p, 0);
    CHECK_FALSE(varying.fixed());
    CHECK(same_fields(varying.prototype(), Citizen{}));  // a default citizen, drawn in full
    p.procedures[0].back_office = Distribution::deterministic(5.0);
    p.priority_share = 0.1;
    CHECK_FALSE(sim::model::CitizenDraws(sim, p, 0).fixed());
    p.priority_share = 0.0;
    p.behaviour.no_show_share = 0.05;
    CHECK_FALSE(sim::model::CitizenDraws(sim, p, 0).fixed());
    p.behaviour.no_show_share = 0.0;
    CHECK(sim::model::CitizenDraws(sim, p, 0).fixed());
  }
}

TEST_CASE("a station citizen skips the streams that cannot change it and is drawn the same",
          "[model][citizen_draws]") {
  auto p = sim::model::station_params(4, Distribution::exponential(1.0 / 3.6),
                                      Distribution::exponential(1.0), std::nullopt, 0.0, 1e9);
  CHECK(same_citizens(p, 0, 2000));
  SECTION(
      "certain shares: everyone in the priority class, online, with a fixed incomplete dossier") {
    p.priority_share = 1.0;
    p.demand.online_share = 1.0;
    p.procedures[0].incomplete_share = 1.0;
    p.procedures[0].fix_on_spot_share = 0.0;
    p.behaviour.gave_up_return_share = 1.0;
    CHECK(same_citizens(p, 0, 2000));
  }
  SECTION("uncertain shares and a patience: every stream is drawn") {
    p.priority_share = 0.2;
    p.demand.online_share = 0.1;
    p.procedures[0].incomplete_share = 0.3;
    p.patience = Distribution::exponential(10.0);
    p.behaviour.abandon_share = 0.5;
    CHECK(same_citizens(p, 0, 2000));
  }
}

TEST_CASE("a center citizen is drawn the same whether unused streams are skipped or not",
          "[model][citizen_draws]") {
  // Templates and the policies that read the policy stream (robot, visit factors, no-writing
  // day on its weekdays), over two weeks of days.
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"scenarios/templates/urban_ward.toml", ""},
      {"scenarios/templates/urban_ward.toml", "scenarios/policies/ai_robot.toml"},
      {"scenarios/templates/urban_ward.toml", "scenarios/policies/friendly_saturday.toml"},
      {"scenarios/templates/urban_ward.toml", "scenarios/policies/online_qa.toml"},
      {"scenarios/templates/rural_commune.toml", "scenarios/policies/no_writing_day.toml"},
  };
  for (const auto& [scenario, overlay] : cases) {
    std::vector<std::string> overlays;
    if (*overlay != '\0') overlays.push_back(test_support::repo_path(overlay));
    const auto s = sim::scenario::load_scenario(test_support::repo_path(scenario), overlays,
                                                {"run.days = 14"});
    for (std::uint32_t day = 0; day < 14; ++day) {
      INFO(scenario << " " << overlay << " day " << day);
      CHECK(same_citizens(s.center, day, 500));
    }
  }
}
