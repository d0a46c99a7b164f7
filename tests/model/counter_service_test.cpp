// CounterService alone: calling, serving, abandonment and the ends of a visit, by hand.
#include <catch2/catch.hpp>

#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/counter_service.hpp"
#include "sim/model/day_cycle.hpp"
#include "tests/support/visit_log.hpp"

using sim::model::CenterParams;
using sim::model::Citizen;
using sim::model::CounterService;
using sim::model::DayCycle;
using test_support::hand_made;

namespace {

/// No calendar (always in session), no systems, no back office, no observers.
struct Bench : test_support::QuietDay {
  explicit Bench(const CenterParams& p)
      : params(p),
        log(sim, pool),
        days(sim, params, nullptr, *this),
        counters(sim, params, days, board, back_office, pool, observers, log) {
    counters.open_session(0);
  }
  /// Citizen `id` takes a ticket at time t.
  template <class F>
  void ticket(double t, std::uint64_t id, F set) {
    sim.run_until(t);
    const auto i = hand_made(pool, id, set);
    pool[i].ticket_time = t;
    counters.join(i);
  }

  CenterParams params;
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  sim::model::Observers observers;
  std::optional<sim::model::SystemBoard> board;
  std::optional<sim::model::BackOffice> back_office;
  test_support::VisitLog log;
  DayCycle days;
  CounterService counters;
};

}  // namespace

TEST_CASE(
    "one counter serves tickets in order, loses the impatient and sends incomplete "
    "dossiers home",
    "[model][counter_service]") {
  // One counter, staff speed 1. Citizen 0 (ticket at 0, need 3) is called at once, served at
  // 3. Citizen 1 (ticket at 1, patience 1) gives up at 2. Citizen 2 (ticket at 2.5, need 2,
  // dossier incomplete and not fixable) is called at 3 and sent home at 5. Citizen 3 (ticket
  // at 4, need 1) is called at 5, served at 6.
  Bench b(CenterParams{});
  b.ticket(0, 0, [](Citizen& c) { c.service_need = 3; });
  b.ticket(1, 1, [](Citizen& c) { c.service_need = 3, c.patience = 1; });
  b.ticket(2.5, 2, [](Citizen& c) { c.service_need = 2, c.incomplete = true; });
  b.ticket(4, 3, [](Citizen& c) { c.service_need = 1; });
  CHECK(b.counters.tickets_waiting(0) == 1);  // citizen 3; citizen 2 is at the counter
  CHECK(b.counters.busy_counters() == 1);
  b.sim.run();
  const std::vector<std::string> expected = {"2 leave 1 reneged", "3 served 0",
                                             "5 leave 2 incomplete", "6 served 3"};
  CHECK(b.log.lines == expected);
  CHECK(b.counters.queue_length() == 0);
}

TEST_CASE("a misrouted ticket costs the misroute time and is re-ticketed to the right queue",
          "[model][counter_service]") {
  // Two domains, counter 0 calls domain 0, counter 1 domain 1, both staff can do both.
  // Citizen 0 (domain 1) holds a ticket for 0: counter 0 finds out after 1 minute and counter
  // 1 serves them (need 2, speed 2: 1 minute), served at 2.
  CenterParams p;
  p.domains.push_back({"land", "land"});
  p.counters = {{"A", {0}, {}, {}}, {"B", {1}, {}, {}}};
  p.staff = {{"a", 0, {1.0, 1.0}}, {"b", 1, {2.0, 2.0}}};
  Bench b(p);
  b.ticket(0, 0, [](Citizen& c) {
    c.domain = 1, c.queue = 0, c.wrong_pick = true, c.misroute_time = 1, c.service_need = 2;
  });
  b.sim.run();
  const std::vector<std::string> expected = {"2 served 0"};
  CHECK(b.log.lines == expected);
}

namespace {
/// Two domains; counter A owns domain 0, counter B owns domain 1 and covers domain 0.
CenterParams cover_layout(double a_absence, double b_speed_on_0) {
  CenterParams p;
  p.domains.push_back({"land", "land"});
  p.counters = {{"A", {0}, {}, {}}, {"B", {1}, {}, {0}}};
  p.staff = {{"a", 0, {1.0, 1.0}}, {"b", 1, {b_speed_on_0, 1.0}}};
  p.staff[0].absence_prob = a_absence;
  return p;
}
/// Keeps the last by-domain uncovered flags published at a session's open.
struct CoverLog : sim::model::CenterObserver {
  std::vector<bool> uncovered;
  void on_session_cover(double, const std::vector<bool>& u) override { uncovered = u; }
};
}  // namespace

TEST_CASE("a colleague covers an absent officer's domain as their own, at their own speed",
          "[model][counter_service]") {
  // A's officer is always absent, so B calls domain 0 as one of its own (oldest ticket across
  // both), at speed 0.5 there. Citizen 0 (domain 0, need 2, ticket 0) is called by B at once:
  // 4 minutes, served at 4. Then the oldest of citizen 2 (domain 0, ticket 0.5, need 1: 2
  // minutes, served at 6) and citizen 1 (domain 1, ticket 1, need 1: served at 7). As mere
  // overflow, B would have taken citizen 1 first.
  Bench b(cover_layout(1.0, 0.5));
  b.ticket(0, 0, [](Citizen& c) { c.domain = c.queue = 0, c.service_need = 2; });
  b.ticket(0.5, 2, [](Citizen& c) { c.domain = c.queue = 0, c.service_need = 1; });
  b.ticket(1, 1, [](Citizen& c) { c.domain = c.queue = 1, c.service_need = 1; });
  b.sim.run();
  const std::vector<std::string> expected = {"4 served 0", "6 served 2", "7 served 1"};
  CHECK(b.log.lines == expected);
}

TEST_CASE("no cover while the domain's own officer is present, and uncovered domains are published",
          "[model][counter_service]") {
  // A's officer is present: B never calls domain 0. Citizen 0 (need 2) is served by A at 2,
  // citizen 1 (domain 0, ticket 0.5, need 1) waits for A although B is idle: served at 3.
  Bench present(cover_layout(0.0, 0.5));
  present.ticket(0, 0, [](Citizen& c) { c.domain = c.queue = 0, c.service_need = 2; });
  present.ticket(0.5, 1, [](Citizen& c) { c.domain = c.queue = 0, c.service_need = 1; });
  present.sim.run();
  const std::vector<std::string> expected = {"2 served 0", "3 served 1"};
  CHECK(present.log.lines == expected);
  // Covered by A; with A away, covered by B at speed 0.5; with A away and B unable (speed 0),
  // domain 0 is uncovered this session.
  for (auto [absence, speed, uncovered0] :
       {std::tuple{0.0, 0.5, false}, std::tuple{1.0, 0.5, false}, std::tuple{1.0, 0.0, true}}) {
    Bench b(cover_layout(absence, speed));
    CoverLog cover;
    b.observers.push_back(&cover);
    b.counters.open_session(0);
    const std::vector<bool> flags = {uncovered0, false};
    CHECK(cover.uncovered == flags);
  }
}

TEST_CASE(
    "the machine's expected time to serve counts the tickets ahead, the mean remaining work in "
    "progress and only the officers present",
    "[model][counter_service][estimate]") {
  // One domain, service uniform(4, 16): mean 10, E[S^2] = 144/12 + 100 = 112, so a service seen
  // in progress has 112 / (2 x 10) = 5.6 minutes left on average. Counters A and B own the
  // domain, both officers at speed 1. Citizen 0 (ticket 0, drawn need 20: the machine cannot
  // know it) is called at once by A; citizens 1, 2, 3 take tickets at 1, 2, 3.
  CenterParams p;
  p.procedures.front().service = sim::engine::Distribution::uniform(4.0, 16.0);
  p.counters = {{"A", {0}, {}, {}}, {"B", {0}, {}, {}}};
  p.staff = {{"a", 0, {1.0}}, {"b", 1, {1.0}}};
  const auto fill = [](Bench& b) {
    for (std::uint64_t id = 0; id < 4; ++id)
      b.ticket(static_cast<double>(id), id, [](Citizen& c) { c.service_need = 20; });
  };
  SECTION("B's officer absent") {
    // Only A is staffed, busy: 3 tickets ahead x 10 + 5.6 in progress = 35.6 minutes to the
    // call, over speed 1; then the ticket's own 10 minutes: 45.6.
    p.staff[1].absence_prob = 1.0;
    Bench b(p);
    fill(b);
    CHECK(b.counters.tickets_waiting(0) == 3);
    CHECK(b.counters.minutes_to_serve(0) == Approx(45.6));
  }
  SECTION("both officers present") {
    // A serves citizen 0, B citizen 1; 2 tickets ahead x 10 + 5.6 (the mean remaining work of
    // the two services, the first of which frees the next counter) = 25.6 over speed 2: 12.8 to
    // the call; the ticket's own 10 minutes at one counter (10 x 2 counters / speed 2): 22.8.
    Bench b(p);
    fill(b);
    CHECK(b.counters.tickets_waiting(0) == 2);
    CHECK(b.counters.minutes_to_serve(0) == Approx(22.8));
  }
}

TEST_CASE(
    "a regular ticket's expected time counts the priority work arriving while it waits, a "
    "priority ticket's only the priority tickets ahead",
    "[model][counter_service][estimate]") {
  // Station form, one domain, service uniform(4, 16): mean 10, 5.6 left of a service seen in
  // progress. Counters A and B, officers at speed 1 (summed speed 2). 10 % of the visitors are
  // priority, one arrives every 2 minutes: priority tickets at 0.05 a minute x 10 minutes =
  // 0.5 minutes of counter work arriving a minute. Citizens 0-4 (regular) take tickets at
  // 0-4: A and B serve 0 and 1, three wait.
  CenterParams p;
  p.procedures.front().service = sim::engine::Distribution::uniform(4.0, 16.0);
  p.counters = {{"A", {0}, {}, {}}, {"B", {0}, {}, {}}};
  p.staff = {{"a", 0, {1.0}}, {"b", 1, {1.0}}};
  p.priority_share = 0.1;
  p.interarrival = sim::engine::Distribution::exponential(2.0);
  const auto fill = [](Bench& b) {
    for (std::uint64_t id = 0; id < 5; ++id)
      b.ticket(static_cast<double>(id), id, [](Citizen& c) { c.service_need = 20; });
  };
  constexpr auto priority = sim::model::PriorityClass::priority;
  SECTION("arrivals go on all day") {
    // Regular: 3 x 10 + 5.6 = 35.6 minutes of work ahead drain at 2 - 0.5 = 1.5 a minute:
    // 23.733 to the call, then its own 10 minutes at one counter (10 x 2 / 2): 33.733.
    // Priority: no priority ticket ahead, 5.6 / 2 = 2.8 to the call, + 10: 12.8.
    Bench b(p);
    fill(b);
    CHECK(b.counters.minutes_to_serve(0) == Approx(35.6 / 1.5 + 10.0));
    CHECK(b.counters.minutes_to_serve(0, priority) == Approx(12.8));
    // A priority ticket taken at 5 waits ahead of the regular ones. Regular: (4 x 10 + 5.6) /
    // 1.5 + 10 = 40.4. Priority: (10 + 5.6) / 2 + 10 = 17.8 (the regular ones do not count).
    b.ticket(5, 5, [](Citizen& c) { c.service_need = 20, c.priority_class = priority; });
    CHECK(b.counters.minutes_to_serve(0) == Approx(40.4));
    CHECK(b.counters.minutes_to_serve(0, priority) == Approx(17.8));
  }
  SECTION("arrivals end soon") {
    // Arrivals end at 10; at 4 the window is 6 minutes, shorter than the 23.733 of the drain
    // at 1.5: the priority work of those 6 minutes (0.5 x 6 = 3) is added, then everything
    // drains at 2: (35.6 + 3) / 2 = 19.3 to the call, + 10: 29.3.
    p.arrivals_end = 10.0;
    Bench b(p);
    fill(b);
    CHECK(b.counters.minutes_to_serve(0) == Approx(29.3));
  }
  SECTION("priority work alone fills the counters") {
    // One arrival every 0.4 minutes: 0.25 priority tickets a minute x 10 = 2.5 > speed 2, and
    // arrivals never end: a regular ticket would never be called.
    p.interarrival = sim::engine::Distribution::exponential(0.4);
    Bench b(p);
    fill(b);
    CHECK(b.counters.minutes_to_serve(0) == std::numeric_limits<double>::infinity());
    CHECK(b.counters.minutes_to_serve(0, priority) == Approx(12.8));
  }
}
