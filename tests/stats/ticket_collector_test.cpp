// TicketCollector: the visits that took a ticket and how they ended, and the citizens who sought a
// volunteer's help, counted by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/stats/ticket_collector.hpp"

using sim::model::Citizen;
using sim::model::LeaveReason;
using sim::stats::TicketCollector;

TEST_CASE("the ticket collector counts each visit with a ticket once and the served ones",
          "[stats][tickets]") {
  TicketCollector t(sim::stats::ObservationWindow(100.0, 1000.0));
  Citizen served, no_show, balked, early, returned;
  served.first_arrival = no_show.first_arrival = balked.first_arrival = 200.0;
  returned.first_arrival = 300.0;
  early.first_arrival = 50.0;  // warm-up: not followed
  served.ticketed = no_show.ticketed = early.ticketed = returned.ticketed = true;
  no_show.no_show = true;
  t.on_served(250.0, served);
  t.on_leave(260.0, no_show, LeaveReason::reneged);
  t.on_leave(210.0, balked, LeaveReason::balked);  // never took a ticket
  t.on_served(70.0, early);
  t.on_leave(400.0, returned, LeaveReason::closing);  // sent home at the cap...
  t.on_served(1900.0, returned);                      // ...and served on the return visit
  const auto row = t.row();
  REQUIRE(row.size() == TicketCollector::metrics().size());
  CHECK(row[0] == 4.0);  // ticket_visits: served, no-show, and the two visits of `returned`
  CHECK(row[1] == 2.0);  // ticket_visits_served
  CHECK(row[2] == 0.5);  // ticket_served_share
  CHECK(row[3] == 1.0);  // no_shows
}

TEST_CASE("the ticket served share is NaN when no visit took a ticket", "[stats][tickets]") {
  const TicketCollector t(sim::stats::ObservationWindow(1000.0));
  CHECK(std::isnan(t.row()[2]));
}

TEST_CASE("the ticket collector counts who sought a volunteer and who found one free",
          "[stats][tickets]") {
  TicketCollector t(sim::stats::ObservationWindow(100.0, 1000.0));
  Citizen a, b, c, early;
  a.first_arrival = b.first_arrival = c.first_arrival = 200.0;
  early.first_arrival = 50.0;  // warm-up: not followed
  t.on_form_help(200.0, a, true);
  t.on_form_help(200.0, b, false);
  t.on_form_help(200.0, c, false);
  t.on_form_help(50.0, early, true);
  const auto row = t.row();
  REQUIRE(row.size() == TicketCollector::metrics().size());
  CHECK(TicketCollector::metrics()[4].name == "volunteer_sought");
  CHECK(row[4] == 3.0);        // volunteer_sought
  CHECK(row[5] == 1.0);        // volunteer_helped
  CHECK(row[6] == 1.0 / 3.0);  // volunteer_found_share
}

TEST_CASE("the volunteer found share is NaN when nobody sought a volunteer", "[stats][tickets]") {
  const TicketCollector t(sim::stats::ObservationWindow(1000.0));
  CHECK(std::isnan(t.row()[6]));
}
