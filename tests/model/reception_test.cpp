// Reception alone: the desk's queue, the robot, the volunteers and the ticket machine's rules, by
// hand.
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

/// Counts the citizens who sought a volunteer and those who found one free.
struct HelpCount : sim::model::CenterObserver {
  void on_form_help(double, const Citizen&, bool helped) override {
    ++sought;
    found += helped;
  }
  int sought = 0, found = 0;
};

/// One volunteer who halves the form time and removes every wrong pick and incomplete dossier
/// of the citizen they help (factors 0: the keyed draw u >= 0 always removes it).
CenterParams one_volunteer(int from_min = -1, int until_min = -1) {
  CenterParams p;
  p.domains.push_back({"land", "land"});
  p.reception.volunteers = sim::model::VolunteerParams{1, from_min, until_min, 0.5, 0.0, 0.0};
  return p;
}

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

TEST_CASE("one volunteer helps the first of three citizens and the others fill their forms alone",
          "[model][reception][volunteers]") {
  // Kiosk, 1 volunteer, forms 8 min alone, 8 * 0.5 = 4 min helped. Citizens 0, 1, 2 arrive at
  // 0, 1 and 2, each with a wrong pick (domain 0, queue 1). 0 is helped 0..4: ticket at 4 for
  // the right queue q0. At 1 and 2 the volunteer is busy: 1 fills alone 1..9 and 2 alone 2..10,
  // both keep their wrong pick (q1). At 4 the volunteer is free again: citizen 3, arriving at 5
  // with 2 min of forms, is helped 5..6 (ticket at 6).
  Bench b(one_volunteer());
  HelpCount count;
  b.observers.push_back(&count);
  const auto wrong = [](double form) {
    return
        [form](Citizen& c) { c.form_time = form, c.domain = 0, c.queue = 1, c.wrong_pick = true; };
  };
  b.walk_in(0, 0, wrong(8));
  b.walk_in(1, 1, wrong(8));
  b.walk_in(2, 2, wrong(8));
  b.walk_in(5, 3, wrong(2));
  b.sim.run();
  const std::vector<std::string> expected = {"4 ticket 0 q0", "6 ticket 3 q0", "9 ticket 1 q1",
                                             "10 ticket 2 q1"};
  CHECK(b.log.lines == expected);
  CHECK(count.sought == 4);
  CHECK(count.found == 2);
}

TEST_CASE("a helped citizen's incomplete dossier is removed with the factor's chance only",
          "[model][reception][volunteers]") {
  // incomplete_factor 0 removes it for the helped citizen 0; citizen 1 (volunteer busy) keeps it;
  // with factor 1 the keyed draw u < 1 always keeps it.
  Bench b(one_volunteer());
  const auto incomplete = [](Citizen& c) { c.form_time = 4, c.incomplete = true; };
  const auto i0 = hand_made(b.pool, 0, incomplete), i1 = hand_made(b.pool, 1, incomplete);
  b.reception.receive(i0);
  b.reception.receive(i1);
  CHECK_FALSE(b.pool[i0].incomplete);
  CHECK(b.pool[i1].incomplete);
  CenterParams keep = one_volunteer();
  keep.reception.volunteers->incomplete_factor = 1.0;
  Bench k(keep);
  const auto j = hand_made(k.pool, 0, incomplete);
  k.reception.receive(j);
  CHECK(k.pool[j].incomplete);
}

TEST_CASE("volunteers help only in their hours and citizens without forms never seek them",
          "[model][reception][volunteers]") {
  // On duty 10..20: the citizen at 5 fills 4 min alone (ticket 9), the one at 12 is helped for
  // 2 (ticket 14), the one at 25 alone (ticket 29); the one at 15 has no forms: a ticket at once,
  // not counted as seeking help. Only the citizen at 12 sought (and found) a volunteer.
  Bench b(one_volunteer(10, 20));
  HelpCount count;
  b.observers.push_back(&count);
  const auto forms = [](Citizen& c) { c.form_time = 4; };
  b.walk_in(5, 0, forms);
  b.walk_in(12, 1, forms);
  b.walk_in(15, 2, [](Citizen&) {});
  b.walk_in(25, 3, forms);
  b.sim.run();
  const std::vector<std::string> expected = {"9 ticket 0 q0", "14 ticket 1 q0", "15 ticket 2 q0",
                                             "29 ticket 3 q0"};
  CHECK(b.log.lines == expected);
  CHECK(count.sought == 1);
  CHECK(count.found == 1);
}
