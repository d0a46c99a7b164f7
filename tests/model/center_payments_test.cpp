// Center model, fees: every filing with a fee is paid exactly once, online or at the counter.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>

#include "sim/model/center_params.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/office_calendar.hpp"

using sim::engine::Distribution;
using sim::model::CenterParams;

namespace {

/// Counts the filings that owe a fee: served visits of a procedure with a fee, and online
/// dossiers of one.
struct FeeCount : sim::model::CenterObserver {
  const CenterParams* params = nullptr;
  std::uint64_t owed = 0, online = 0;
  double owed_vnd = 0.0;
  void on_served(sim::engine::SimTime, const sim::model::Citizen& c) override { add(c.procedure); }
  void on_dossier_received(sim::engine::SimTime, const sim::model::Dossier& d) override {
    if (!d.online) return;  // a counter dossier was counted when its visit ended served
    online += params->procedures[d.procedure].fee_vnd > 0.0;
    add(d.procedure);
  }
  void add(std::uint32_t procedure) {
    const double fee = params->procedures[procedure].fee_vnd;
    owed += fee > 0.0;
    owed_vnd += fee;
  }
};

/// Three weekdays; a certification with a fee (filed online too) and a free civil-status
/// procedure; 40 % of the day's demand online, half of it paid online.
CenterParams fee_center() {
  CenterParams p;
  p.calendar = test_support::office_week(3);
  p.domains = {{"certification", ""}, {"civil_status", ""}};
  sim::model::ProcedureParams fee, free;
  fee.domain = 0;
  fee.share = free.share = 0.5;
  fee.fee_vnd = 20000.0;
  fee.dossier = free.dossier = true;
  fee.online_weight = 1.0;
  fee.channels = sim::model::Channels::online_fully;
  fee.service = free.service = Distribution::deterministic(5.0);
  free.domain = 1;
  p.procedures = {fee, free};
  p.counters = {{"1", {0, 1}, {}, {}}};
  p.staff = {{"staff 1", 0, {1.0, 1.0}}};
  p.demand.daily_visits = 60.0;
  p.demand.online_share = 0.4;
  p.demand.hourly_profile.fill(0.0);
  for (int h = 8; h < 16; ++h) p.demand.hourly_profile[h] = 1.0;
  p.online.hourly_profile.fill(1.0);
  p.online.payment_share = 0.5;
  return p;
}

}  // namespace

TEST_CASE("online and counter payments add up to the filings with a fee, in count and in VND",
          "[model][center][payments]") {
  const CenterParams p = fee_center();
  const auto scenario = sim::scenario::scenario_of(p, 3 * 1440.0);
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    sim::scenario::ReplicationModel model(scenario, seed, 0);
    FeeCount count;
    count.params = &scenario.center;
    model.center().add_observer(count);
    model.center().start();
    model.simulation().run();
    const auto& b = *model.back_office();
    CHECK(b.payments_online() + b.payments_counter() == count.owed);
    CHECK(b.payments_online_vnd() + b.payments_counter_vnd() == Approx(count.owed_vnd));
    // Both channels are used, so the law is not met by one side alone.
    CHECK(b.payments_online() > 0);
    CHECK(b.payments_counter() > count.online - b.payments_online());
    CHECK(b.online_payments_failed() == 0);  // no payment system: payments never fail
  }
}
