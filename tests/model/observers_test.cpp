// Observers only watch: attaching or detaching them leaves every result of a run identical.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "sim/run/replication.hpp"
#include "sim/scenario/model_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/stats/back_office_collector.hpp"
#include "sim/stats/day_collector.hpp"
#include "sim/stats/summary_collector.hpp"
#include "sim/stats/system_collector.hpp"
#include "sim/stats/ticket_collector.hpp"
#include "sim/stats/trace_collector.hpp"
#include "tests/support/center_recorder.hpp"
#include "tests/support/paths.hpp"

namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// The summary row of replication 0 with extra recorders: `kept` watches the whole run,
/// `dropped` is attached from the start and detached halfway through the horizon.
std::vector<double> summary_with(const sim::scenario::Scenario& s,
                                 test_support::CenterRecorder& kept,
                                 test_support::CenterRecorder& dropped) {
  sim::scenario::ReplicationModel model(s, s.run.seed, 0);
  model.center().add_observer(dropped);
  model.center().add_observer(kept);
  model.center().start();
  model.simulation().run_until(s.run.warmup_min + s.run.horizon_min / 2);
  model.center().remove_observer(dropped);
  model.simulation().run();
  // The same columns, in the same order, as sim::run::run_replication's summary row.
  auto row = model.collector().row(model.simulation().events_processed());
  const double run_end = s.run.warmup_min + s.run.horizon_min;
  model.systems()->finish(run_end);
  model.back_office()->finish(run_end);
  for (double v : model.systems()->row()) row.push_back(v);
  for (double v : model.back_office()->row()) row.push_back(v);
  for (double v : model.tickets()->row()) row.push_back(v);
  for (double v : model.back_office()->reception_row()) row.push_back(v);
  return row;
}

}  // namespace

TEST_CASE("attaching and detaching observers leaves every summary value of a replication identical",
          "[model][observers]") {
  // The launch-period ward exercises every signal: systems failing, paper, hand tickets,
  // sent-home returns, the back office and the online channel.
  const auto s = sim::scenario::load_scenario(
      test_support::repo_path("scenarios/software/launch_period.toml"));
  const auto alone = sim::run::run_replication(s, s.run.seed, 0, false).summary.values;
  test_support::CenterRecorder kept, dropped;
  const auto watched = summary_with(s, kept, dropped);
  CHECK(same_bits(alone, watched));
  // The recorders did see the run: the detached one only its first half.
  REQUIRE(kept.trace.size() > 10000);
  REQUIRE(dropped.trace.size() > 1000);
  REQUIRE(dropped.trace.size() < kept.trace.size());
  CHECK(std::equal(dropped.trace.begin(), dropped.trace.end(), kept.trace.begin()));
}

TEST_CASE(
    "a recorder sees the same signals alone as next to other observers, and none once detached",
    "[model][observers]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto run = [&](bool crowd) {
    sim::scenario::ReplicationModel model(s, s.run.seed, 1);
    auto& sim = model.simulation();
    auto& center = model.center();
    test_support::CenterRecorder first, watched, last;
    if (crowd) center.add_observer(first);
    center.add_observer(watched);
    if (crowd) center.add_observer(last);
    center.start();
    sim.run_until(3 * 1440.0);
    const auto seen = watched.trace.size();
    if (crowd) {
      center.remove_observer(first);
      center.remove_observer(last);
    }
    sim.run();
    if (crowd) {  // the rest of the run reaches the attached recorder only
      CHECK(watched.trace.size() > seen);
      CHECK(first.trace.size() == seen);
      CHECK(last.trace.size() == seen);
    }
    return watched.trace;
  };
  const auto alone = run(false);
  REQUIRE(alone.size() > 1000);
  CHECK(run(true) == alone);
}

namespace {
using sim::engine::SimTime;
using sim::model::CenterObserver;
using sim::model::Citizen;
struct Quiet final : CenterObserver {};
struct HearsTickets final : CenterObserver {
  void on_ticket(SimTime, const Citizen&) override {}
};
struct HearsCalls final : CenterObserver {
  void on_service_start(SimTime, const Citizen&, std::uint32_t) override {}
};
struct MightBeDerived : CenterObserver {};
struct HearsServiceEnds final : CenterObserver {
  void on_service_end(SimTime, const Citizen&, std::uint32_t) override {}
};
}  // namespace

TEST_CASE("on_ticket and on_service_start skip only final observers that handle neither",
          "[model][observers]") {
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<Quiet>());
  STATIC_REQUIRE(!sim::model::Observers::ignores_ticket_signals<HearsTickets>());
  STATIC_REQUIRE(!sim::model::Observers::ignores_ticket_signals<HearsCalls>());
  STATIC_REQUIRE(!sim::model::Observers::ignores_ticket_signals<MightBeDerived>());
  STATIC_REQUIRE(!sim::model::Observers::ignores_ticket_signals<CenterObserver>());
  // The collectors that need neither signal say so; the trace needs both.
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<sim::stats::SummaryCollector>());
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<sim::stats::DayCollector>());
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<sim::stats::SystemCollector>());
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<sim::stats::BackOfficeCollector>());
  STATIC_REQUIRE(sim::model::Observers::ignores_ticket_signals<sim::stats::TicketCollector>());
  STATIC_REQUIRE(!sim::model::Observers::ignores_ticket_signals<sim::stats::TraceCollector>());
  Quiet quiet;
  HearsTickets tickets;
  HearsCalls calls;
  MightBeDerived open;
  sim::model::Observers observers;
  observers.push_back(&quiet);
  observers.push_back(&tickets);
  observers.push_back(&calls);
  observers.push_back(&open);
  observers.push_back(static_cast<CenterObserver*>(&quiet));  // through the base: every signal
  const std::vector<CenterObserver*> all(observers.begin(), observers.end());
  CHECK(all == std::vector<CenterObserver*>{&quiet, &tickets, &calls, &open, &quiet});
  CHECK(observers.ticket_watchers() ==
        std::vector<CenterObserver*>{&tickets, &calls, &open, &quiet});
  observers.remove(&quiet);
  CHECK(observers.size() == 3);
  CHECK(observers.ticket_watchers() == std::vector<CenterObserver*>{&tickets, &calls, &open});
}

TEST_CASE("on_service_end skips only final observers that do not handle it", "[model][observers]") {
  using sim::model::Observers;
  STATIC_REQUIRE(Observers::ignores_service_end<Quiet>());
  STATIC_REQUIRE(Observers::ignores_service_end<HearsTickets>());
  STATIC_REQUIRE(!Observers::ignores_service_end<HearsServiceEnds>());
  STATIC_REQUIRE(!Observers::ignores_service_end<MightBeDerived>());
  STATIC_REQUIRE(!Observers::ignores_service_end<CenterObserver>());
  // The summary finds service ends in the counter states; the day table and the trace need it.
  STATIC_REQUIRE(Observers::ignores_service_end<sim::stats::SummaryCollector>());
  STATIC_REQUIRE(!Observers::ignores_service_end<sim::stats::DayCollector>());
  STATIC_REQUIRE(!Observers::ignores_service_end<sim::stats::TraceCollector>());
  Quiet quiet;
  HearsServiceEnds ends;
  MightBeDerived open;
  Observers observers;
  observers.push_back(&quiet);
  observers.push_back(&ends);
  observers.push_back(&open);
  observers.push_back(static_cast<CenterObserver*>(&quiet));  // through the base: every signal
  CHECK(observers.service_end_watchers() == std::vector<CenterObserver*>{&ends, &open, &quiet});
  observers.remove(&open);
  CHECK(observers.service_end_watchers() == std::vector<CenterObserver*>{&ends, &quiet});
}

TEST_CASE("an observer that handles on_service_end hears every service end of a run",
          "[model][observers]") {
  // Not final, so it is in the list whatever it declares; next to the summary collector,
  // which is left out of it.
  struct Ends : CenterObserver {
    int ends = 0, served = 0;
    void on_service_end(SimTime, const Citizen&, std::uint32_t) override { ++ends; }
    void on_served(SimTime, const Citizen&) override { ++served; }
  };
  const auto p = sim::model::station_params(2, sim::engine::Distribution::exponential(1.0),
                                            sim::engine::Distribution::exponential(1.5),
                                            std::nullopt, 0.0, 500.0);
  sim::engine::Simulation sim({5, 0, 0});
  sim::model::Center center(sim, p);
  sim::stats::SummaryCollector summary({0, 500}, 2, 1);
  Ends ends;
  center.add_observer(summary);
  center.add_observer(ends);
  center.start();
  sim.run();
  REQUIRE(ends.served > 300);
  CHECK(ends.ends == ends.served);  // no misroutes, no-shows or incomplete dossiers here
}
