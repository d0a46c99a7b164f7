// Back office, the launch's time factor: dossiers received before its end need more work.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/office_calendar.hpp"

using sim::engine::Distribution;
using sim::model::CenterParams;

namespace {

struct Received {
  double at, work;
  bool online;
};

/// Records each dossier's receipt time, work and channel.
struct ReceiptLog : sim::model::CenterObserver {
  std::vector<Received> seen;
  void on_dossier_received(sim::engine::SimTime t, const sim::model::Dossier& d) override {
    seen.push_back({t, d.work_total, d.online});
  }
};

/// Two weekdays, one procedure filed at the counter and online, 30 back-office minutes each;
/// the launch factor 2 ends at the start of the second day.
CenterParams launch_center() {
  CenterParams p;
  p.calendar = test_support::office_week(2);
  p.domains = {{"certification", ""}};
  sim::model::ProcedureParams proc;
  proc.domain = 0;
  proc.share = 1.0;
  proc.dossier = true;
  proc.online_weight = 1.0;
  proc.channels = sim::model::Channels::online_fully;
  proc.service = Distribution::deterministic(5.0);
  proc.back_office = Distribution::deterministic(30.0);
  p.procedures = {proc};
  p.counters = {{"1", {0}, {}, {}}};
  p.staff = {{"staff 1", 0, {1.0}}};
  p.demand.daily_visits = 40.0;
  p.demand.online_share = 0.5;
  p.demand.hourly_profile.fill(0.0);
  for (int h = 8; h < 16; ++h) p.demand.hourly_profile[h] = 1.0;
  p.online.hourly_profile.fill(1.0);
  p.back_office.time_factor = 2.0;
  p.back_office.time_factor_until = 1440.0;
  return p;
}

}  // namespace

TEST_CASE("a dossier received before the launch factor's end needs the factor times its work",
          "[model][back_office][launch]") {
  const CenterParams p = launch_center();
  const auto scenario = sim::scenario::scenario_of(p, 2 * 1440.0);
  sim::scenario::ReplicationModel model(scenario, 7, 0);
  ReceiptLog log;
  model.center().add_observer(log);
  model.center().start();
  model.simulation().run();
  std::uint64_t before[2] = {0, 0}, after[2] = {0, 0};
  for (const auto& r : log.seen) {
    INFO("received at minute " << r.at << (r.online ? " online" : " at the counter"));
    // 30 minutes x 2 on day one, x 1 from minute 1440 on; no paper entry (no systems).
    CHECK(r.work == (r.at < 1440.0 ? 60.0 : 30.0));
    (r.at < 1440.0 ? before : after)[r.online]++;
  }
  // Both channels on both days, so each side of the rule is exercised.
  CHECK(before[0] > 0);
  CHECK(before[1] > 0);
  CHECK(after[0] > 0);
  CHECK(after[1] > 0);
}

TEST_CASE("the launch factor is one from its end on", "[model][back_office][launch]") {
  sim::model::BackOfficeParams b;
  CHECK(b.time_factor_at(1.0e9) == 1.0);  // by default no factor, at any time
  b.time_factor = 2.5;
  b.time_factor_until = 100.0;
  CHECK(b.time_factor_at(99.999) == 2.5);
  CHECK(b.time_factor_at(100.0) == 1.0);
}
