// Reception alone: the desk's queue, the robot and the ticket machine's rules, by hand.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/reception.hpp"
#include "tests/support/visit_log.hpp"

using sim::engine::Distribution;
using sim::model::CenterParams;
using sim::model::Citizen;
using sim::model::DayCycle;
using sim::model::Reception;
using sim::model::ReceptionParams;
using test_support::hand_made;

namespace {

/// No calendar (tickets always issued), no systems, no observers.
struct Bench : test_support::QuietDay {
  explicit Bench(const CenterParams& p)
      : params(p),
        log(sim, pool),
        days(sim, params, nullptr, *this),
        reception(sim, params, days, board, pool, observers, log) {}
  /// Citizen `id` walks in at time t.
  template <class F>
  void walk_in(double t, std::uint64_t id, F set) {
    sim.run_until(t);
    reception.receive(hand_made(pool, id, set));
  }

  CenterParams params;
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  sim::model::Observers observers;
  std::optional<sim::model::SystemBoard> board;
  test_support::VisitLog log;
  DayCycle days;
  Reception reception;
};

}  // namespace

TEST_CASE("one receptionist serves the desk's queue in order, after each citizen's forms",
          "[model][reception]") {
  // By hand, 3 min at the desk each: citizen 0 arrives at 0 with 2 min of forms; citizens 1
  // and 2 arrive at 1 without forms. 1 is at the desk 1..4; 2 queues at 1, 0 queues at 2
  // (forms done); 2 is at the desk 4..7, 0 at 7..10. Tickets in that order.
  CenterParams p;
  p.reception.mode = ReceptionParams::Mode::receptionist;
  p.reception.receptionists = 1;
  Bench b(p);
  b.walk_in(0, 0, [](Citizen& c) { c.form_time = 2, c.reception_time = 3; });
  b.walk_in(1, 1, [](Citizen& c) { c.reception_time = 3; });
  b.walk_in(1, 2, [](Citizen& c) { c.reception_time = 3; });
  b.sim.run();
  const std::vector<std::string> expected = {"4 ticket 1 q0", "7 ticket 2 q0", "10 ticket 0 q0"};
  CHECK(b.log.lines == expected);
}

TEST_CASE("the ticket machine refuses tickets past the daily cap and to those who balk",
          "[model][reception]") {
  // Kiosk: a ticket at once. Cap 2 a day: the third citizen is sent home (ticket_cap). With
  // 4 tickets waiting and a balking threshold of 4, the fourth leaves without trying.
  CenterParams p;
  p.policy.daily_ticket_cap = 2;
  Bench b(p);
  b.walk_in(1, 0, [](Citizen&) {});
  b.walk_in(2, 1, [](Citizen&) {});
  b.walk_in(3, 2, [](Citizen&) {});
  CenterParams q;
  q.policy.balk_threshold = 4;
  Bench balk(q);
  balk.log.waiting = 3;
  balk.walk_in(1, 0, [](Citizen&) {});
  balk.log.waiting = 4;
  balk.walk_in(2, 1, [](Citizen&) {});
  const std::vector<std::string> capped = {"1 ticket 0 q0", "2 ticket 1 q0",
                                           "3 leave 2 ticket_cap"};
  CHECK(b.log.lines == capped);
  const std::vector<std::string> balked = {"1 ticket 0 q0", "2 leave 1 balked"};
  CHECK(balk.log.lines == balked);
}

TEST_CASE("the chance to balk rises with the tickets a citizen sees and is higher late in the day",
          "[model][reception]") {
  // start 2, full 5: with n tickets ahead the chance is (n - 2 + 1) / (5 - 2 + 1), so 1/4 at
  // 2 and 2/4 at 3; a citizen with draw 0.3 stays at 2 and leaves at 3. From 10:00 (600) both
  // thresholds are halved (1 and 2.5): at 2 ahead the chance is (2 - 1 + 1) / (2.5 - 1 + 1) =
  // 0.8, and the same citizen leaves; at 0 ahead nobody balks.
  CenterParams p;
  p.behaviour.balk_start = 2;
  p.behaviour.balk_full = 5;
  p.behaviour.balk_late_from_min = 600;
  p.behaviour.balk_late_factor = 0.5;
  Bench b(p);
  const auto draw = [](Citizen& c) { c.balk_draw = 0.3; };
  b.log.waiting = 2;
  b.walk_in(1, 0, draw);
  b.log.waiting = 3;
  b.walk_in(2, 1, draw);
  b.log.waiting = 2;
  b.walk_in(601, 2, draw);
  b.log.waiting = 0;
  b.walk_in(602, 3, [](Citizen& c) { c.balk_draw = 0.0; });
  const std::vector<std::string> expected = {"1 ticket 0 q0", "2 leave 1 balked",
                                             "601 leave 2 balked", "602 ticket 3 q0"};
  CHECK(b.log.lines == expected);
}

TEST_CASE("the robot answers some questions, routes the rest and sends them on to the kiosk",
          "[model][reception]") {
  // Robot with one place, 2 min per citizen. Citizen 0 (at 0) is answered at 2 and leaves;
  // citizen 1 arrives at 1 while the robot is busy and takes a kiosk ticket at once;
  // citizen 2 arrives at 3, the robot routes them to queue 1 (their domain is 0) at 5.
  CenterParams p;
  p.domains.push_back({"land", "land"});
  sim::model::RobotParams robot;
  robot.capacity = 1;
  robot.answers = {true, false};
  robot.qr_domains = {false, false};
  p.reception.robot = robot;
  Bench b(p);
  b.walk_in(0, 0, [](Citizen& c) { c.robot_time = 2, c.robot_answers = true; });
  b.walk_in(1, 1, [](Citizen& c) { c.robot_time = 2; });
  b.walk_in(3, 2, [](Citizen& c) { c.robot_time = 2, c.robot_queue = 1; });
  b.sim.run();
  const std::vector<std::string> expected = {"1 ticket 1 q0", "2 leave 0 answered",
                                             "5 ticket 2 q1"};
  CHECK(b.log.lines == expected);
}
