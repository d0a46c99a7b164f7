// Unit tests of BackOfficeCollector: dossier classification, on-time rate, lateness, backlog
// series.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>

#include "sim/stats/back_office_collector.hpp"
#include "tests/support/columns.hpp"

using sim::model::Dossier;
using sim::stats::BackOfficeCollector;

namespace {
using test_support::index_of;
std::size_t proc_col(const std::string& name) {
  return index_of(BackOfficeCollector::table_defs().at(0).columns, name);
}
std::size_t metric(const std::string& name) {
  return index_of(BackOfficeCollector::metrics(), name);
}

/// Two domains, procedure 0 in domain 1 and procedure 1 in domain 0.
sim::model::CenterParams two_procedures() {
  sim::model::CenterParams p;
  p.domains = {{"a", "A"}, {"b", "B"}};
  p.procedures.resize(2);
  p.procedures[0].id = "p0";
  p.procedures[0].domain = 1;
  p.procedures[1].id = "p1";
  p.procedures[1].domain = 0;
  return p;
}

Dossier dossier(std::uint32_t procedure, double received, double deadline, bool online = false) {
  Dossier d;
  d.procedure = procedure;
  d.domain = procedure == 0 ? 1 : 0;
  d.received = received;
  d.deadline = deadline;
  d.online = online;
  return d;
}

/// A 3,000-minute run with dossiers of every kind (times in minutes):
///   A p0 counter  received 100, due 1000, done  900  on time
///   B p0 online   received 200, due 1000, done 1000  on time (done exactly at the deadline)
///   C p0 counter  received 300, due 1200, done 1500  late by 5 h, delayed by a system
///   D p1 online   received 400, due 2000, done 2900  late by 15 h
///   E p1 counter  received 500, due 2500, open       overdue at the end
///   F p1 counter  received 600, due 3000, open       not yet due (deadline = run end)
///   G p0 counter  received 700, due 5000, open       not yet due
///   H p0 counter  received 800, due 2000, done 3100  after the run: open and overdue
///   I p1 counter  received 3000                      at the run's end: not counted
void feed_dossiers(BackOfficeCollector& c) {
  const Dossier a = dossier(0, 100, 1000), b = dossier(0, 200, 1000, true);
  Dossier cc = dossier(0, 300, 1200);
  const Dossier d = dossier(1, 400, 2000, true), e = dossier(1, 500, 2500),
                f = dossier(1, 600, 3000);
  const Dossier g = dossier(0, 700, 5000), h = dossier(0, 800, 2000), i = dossier(1, 3000, 9000);
  for (const Dossier* x : {&a, &b, &std::as_const(cc), &d, &e, &f, &g, &h})
    c.on_dossier_received(x->received, *x);
  c.on_dossier_done(900, a);
  c.on_dossier_done(1000, b);
  cc.delayed_by_system = true;
  c.on_dossier_done(1500, cc);
  c.on_dossier_done(2900, d);
  c.on_dossier_received(3000, i);
  c.on_dossier_done(3100, h);
}
}  // namespace

TEST_CASE("dossiers are classified on time, late, open overdue or censored at the run's end",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 3000.0, 2);
  feed_dossiers(c);
  c.finish(3000);
  CHECK(c.dossiers_received() == 8);
  CHECK(c.dossiers_received_online() == 2);
  CHECK(c.dossiers_completed() == 4);
  CHECK(c.dossiers_on_time() == 2);
  CHECK(c.dossiers_late() == 2);
  CHECK(c.dossiers_open() == 4);
  CHECK(c.dossiers_open_overdue() == 2);  // E and H
  CHECK(c.dossiers_open_not_due() == 2);  // F and G
  CHECK(c.dossiers_delayed() == 1);
  // on_time / (completed + open_overdue) = 2 / (4 + 2); F and G are left out.
  CHECK(c.on_time_rate() == Approx(1.0 / 3.0));

  const auto rows = c.tables().at(0);
  REQUIRE(rows.size() == 2);
  const auto& p0 = rows[0];
  CHECK(p0[proc_col("replication")] == 2.0);
  CHECK(p0[proc_col("domain")] == 1.0);
  CHECK(p0[proc_col("received")] == 5.0);  // A B C G H
  CHECK(p0[proc_col("online")] == 1.0);
  CHECK(p0[proc_col("completed")] == 3.0);
  CHECK(p0[proc_col("on_time")] == 2.0);
  CHECK(p0[proc_col("late")] == 1.0);
  CHECK(p0[proc_col("open_overdue")] == 1.0);
  CHECK(p0[proc_col("open_not_due")] == 1.0);
  CHECK(p0[proc_col("on_time_rate")] == Approx(2.0 / 4.0));
  CHECK(p0[proc_col("delayed")] == 1.0);
  const auto& p1 = rows[1];
  CHECK(p1[proc_col("procedure")] == 1.0);
  CHECK(p1[proc_col("domain")] == 0.0);
  CHECK(p1[proc_col("received")] == 3.0);  // D E F (I came at the end)
  CHECK(p1[proc_col("late")] == 1.0);
  CHECK(p1[proc_col("on_time_rate")] == 0.0);  // 0 / (1 + 1)
  CHECK(p1[proc_col("lateness_mean")] == Approx(15.0));
}

TEST_CASE("lateness is measured in hours past the deadline of the late dossiers only", "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 3000.0);
  feed_dossiers(c);
  c.finish(3000);
  // Late by 300 and 900 minutes: 5 h and 15 h.
  const auto& late = c.lateness_hours();
  CHECK(late.count() == 2);
  CHECK(late.mean() == Approx(10.0));
  CHECK(late.max() == 15.0);
  CHECK(late.quantile(0.5) == Approx(5.0).epsilon(0.012));  // one histogram bin
  CHECK(late.quantile(0.9) == Approx(15.0).epsilon(0.012));

  const auto row = c.row();
  REQUIRE(row.size() == BackOfficeCollector::metrics().size());
  CHECK(row[metric("lateness_mean")] == Approx(10.0));
  CHECK(row[metric("lateness_max")] == 15.0);
  CHECK(row[metric("dossiers_open_overdue")] == 2.0);
  CHECK(row[metric("on_time_rate")] == Approx(1.0 / 3.0));
  // Receipt to result of A B C D: 800 + 800 + 1200 + 2500 minutes = 5300 / 4 / 60 hours.
  CHECK(row[metric("turnaround_mean")] == Approx(5300.0 / 4.0 / 60.0));
}

TEST_CASE("one online and one counter dossier, the online one late, are rated by channel",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 3000.0);
  // Counter: received 100, due 1000, done 800 (on time). Online: received 200, due 1000, done
  // 1300 (late by 5 h).
  const Dossier counter = dossier(0, 100, 1000), online = dossier(1, 200, 1000, true);
  c.on_dossier_received(100, counter);
  c.on_dossier_received(200, online);
  c.on_dossier_done(800, counter);
  c.on_dossier_done(1300, online);
  c.finish(3000);
  CHECK(c.dossiers_received(true) == 1);
  CHECK(c.dossiers_completed(true) == 1);
  CHECK(c.dossiers_on_time(true) == 0);
  CHECK(c.dossiers_late(true) == 1);
  CHECK(c.dossiers_open_overdue(true) == 0);
  CHECK(c.on_time_rate(true) == 0.0);  // 0 / (1 + 0)
  CHECK(c.dossiers_received(false) == 1);
  CHECK(c.dossiers_on_time(false) == 1);
  CHECK(c.dossiers_late(false) == 0);
  CHECK(c.on_time_rate(false) == 1.0);  // 1 / (1 + 0)
  CHECK(c.on_time_rate() == 0.5);       // every dossier: 1 / (2 + 0)

  const auto row = c.row();
  REQUIRE(row.size() == BackOfficeCollector::metrics().size());
  CHECK(row[metric("dossiers_online_received")] == 1.0);
  CHECK(row[metric("dossiers_online_late")] == 1.0);
  CHECK(row[metric("on_time_rate_online")] == 0.0);
  CHECK(row[metric("dossiers_counter_completed")] == 1.0);
  CHECK(row[metric("dossiers_counter_on_time")] == 1.0);
  CHECK(row[metric("on_time_rate_counter")] == 1.0);
}

TEST_CASE("each dossier count of the online and the counter dossiers sums to the count of all",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 3000.0);
  feed_dossiers(c);
  c.finish(3000);
  // Online: B (on time), D (late). Counter: A (on time), C (late), E and H (open overdue), F and
  // G (not due).
  CHECK(c.dossiers_received(true) == 2);
  CHECK(c.dossiers_on_time(true) == 1);
  CHECK(c.dossiers_late(true) == 1);
  CHECK(c.dossiers_open_overdue(true) == 0);
  CHECK(c.on_time_rate(true) == 0.5);
  CHECK(c.dossiers_received(false) == 6);
  CHECK(c.dossiers_completed(false) == 2);
  CHECK(c.dossiers_open_overdue(false) == 2);
  CHECK(c.on_time_rate(false) == 0.25);  // 1 / (2 + 2)
  CHECK(c.dossiers_received(true) + c.dossiers_received(false) == c.dossiers_received());
  CHECK(c.dossiers_completed(true) + c.dossiers_completed(false) == c.dossiers_completed());
  CHECK(c.dossiers_on_time(true) + c.dossiers_on_time(false) == c.dossiers_on_time());
  CHECK(c.dossiers_late(true) + c.dossiers_late(false) == c.dossiers_late());
  CHECK(c.dossiers_open_overdue(true) + c.dossiers_open_overdue(false) ==
        c.dossiers_open_overdue());
}

TEST_CASE("a deadline moved past the run's end takes an online dossier out of its channel's due",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 3000.0);
  // Received online at 300, due 2000; sent back for missing papers at 500, the clock paused
  // until its deadline is 4000: open at the end but not yet due, so left out of every rate.
  Dossier d = dossier(0, 300, 2000, true);
  c.on_dossier_received(300, d);
  d.deadline = 4000;
  c.on_dossier_step(500, d, 2000);
  c.finish(3000);
  CHECK(c.dossiers_open_overdue(true) == 0);
  CHECK(c.dossiers_open_overdue() == 0);
  CHECK(std::isnan(c.on_time_rate(true)));
}

TEST_CASE("the on-time rate is undefined when every dossier is still open and not yet due",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 1000.0);
  const Dossier d = dossier(0, 10, 5000);
  c.on_dossier_received(10, d);
  c.finish(1000);
  CHECK(c.dossiers_open_not_due() == 1);
  CHECK(std::isnan(c.on_time_rate()));
}

TEST_CASE("the backlog series holds the hourly time-average and the level at each hour's end",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 170.0, 1);
  c.on_backlog(30, 2);
  c.on_backlog(90, 5);
  c.on_backlog(120, 1);  // exactly at 02:00: hour 1 ends with the level before the change
  c.on_backlog(150, 0);
  c.finish(170);
  // Hour 0: 0 x 30 + 2 x 30 = 60 -> 1. Hour 1: 2 x 30 + 5 x 30 = 210 -> 3.5.
  // Hour 2 is cut at 170: 1 x 30 + 0 x 20 = 30 over 50 minutes -> 0.6.
  const auto rows = c.tables().at(1);
  REQUIRE(rows.size() == 3);
  const std::vector<std::vector<double>> expected = {
      {1, 0, 0, 1.0, 2}, {1, 0, 1, 3.5, 5}, {1, 0, 2, 0.6, 0}};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    INFO("row " << r);
    REQUIRE(rows[r].size() == expected[r].size());
    for (std::size_t k = 0; k < rows[r].size(); ++k) CHECK(rows[r][k] == Approx(expected[r][k]));
  }
  CHECK(c.backlog_mean() == Approx(300.0 / 170.0));
  CHECK(c.backlog_max() == 5);
  CHECK(c.backlog() == 0);
}

TEST_CASE("the backlog series has 24 rows a day and is closed by the last day's end", "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 2880.0);
  c.on_day_end(1440, 0);
  c.on_backlog(1470, 3);  // day 1, 00:30
  c.on_day_end(2880, 1);
  c.on_backlog(2900, 7);  // after the run: ignored
  c.finish(2880);         // already closed: no extra row
  const auto rows = c.tables().at(1);
  REQUIRE(rows.size() == 48);
  CHECK(rows[24][1] == 1.0);  // day
  CHECK(rows[24][2] == 0.0);  // hour
  CHECK(rows[24][3] == Approx(1.5));
  CHECK(rows[24][4] == 3.0);
  CHECK(rows[47][1] == 1.0);
  CHECK(rows[47][2] == 23.0);
  CHECK(rows[47][3] == Approx(3.0));
  CHECK(rows[23][3] == 0.0);
  CHECK(c.backlog_max() == 3);
  // 3 dossiers for 1410 of 2880 minutes.
  CHECK(c.backlog_mean() == Approx(3.0 * 1410.0 / 2880.0));
}

TEST_CASE("a dropped backlog series keeps no rows but the same backlog statistics", "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector kept(params, 2880.0), dropped(params, 2880.0);
  dropped.drop_backlog();
  for (auto* c : {&kept, &dropped}) {
    c->on_backlog(30, 2);
    c->on_backlog(1470, 3);
    c->finish(2880);
  }
  CHECK(kept.tables().at(1).size() == 48);
  CHECK(dropped.tables().at(1).empty());
  CHECK(dropped.backlog_mean() == kept.backlog_mean());
  CHECK(dropped.backlog_max() == kept.backlog_max());
  const auto a = kept.row(), b = dropped.row();
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CAPTURE(k);
    CHECK((std::isnan(a[k]) ? std::isnan(b[k]) : a[k] == b[k]));  // NaN: no dossier rated
  }
}

TEST_CASE("online payments are counted as paid or failed, and the fees paid are summed",
          "[stats]") {
  const auto params = two_procedures();
  BackOfficeCollector c(params, 1000.0);
  const Dossier d = dossier(0, 10, 500, true);
  c.on_online_payment(10, d, 2000.0, true);
  c.on_online_payment(20, d, 2000.0, false);
  c.on_online_payment(30, d, 50000.0, true);
  c.on_online_payment(1010, d, 2000.0, true);  // after the run
  CHECK(c.payments_online() == 2);
  CHECK(c.online_payments_failed() == 1);
  // 2,000 + 50,000 VND: the failed payment and the one after the run pay nothing.
  CHECK(c.payments_online_vnd() == 52000.0);
  const auto row = c.row();
  CHECK(row[metric("payments_online")] == 2.0);
  CHECK(row[metric("payments_online_vnd")] == 52000.0);
  CHECK(row[metric("online_payments_failed")] == 1.0);
}
