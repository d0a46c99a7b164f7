// Unit tests of Simulation: clock, typed handlers, run_until/stop, scheduling errors, SimError.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/sim_error.hpp"
#include "sim/engine/simulation.hpp"

using sim::engine::EventHandle;
using sim::engine::HandlerId;
using sim::engine::SimError;
using sim::engine::Simulation;
using sim::engine::StreamSeed;

namespace {

// Records (clock, payload) for every call, tagged by which method ran.
struct Recorder {
  Simulation* sim = nullptr;
  std::vector<std::pair<double, std::uint64_t>> a_calls, b_calls;
  std::vector<std::string> order;

  void on_a(std::uint64_t payload) {
    a_calls.emplace_back(sim->now(), payload);
    order.push_back(std::string("a").append(std::to_string(payload)));
  }
  void on_b(std::uint64_t payload) {
    b_calls.emplace_back(sim->now(), payload);
    order.push_back(std::string("b").append(std::to_string(payload)));
  }
};

// A self-rescheduling source: each event records the clock and schedules the next one after
// the delay stored in `gaps`, until the gaps run out.
struct Source {
  Simulation* sim = nullptr;
  HandlerId self = 0;
  std::vector<double> gaps;
  std::vector<double> seen;
  void fire(std::uint64_t k) {
    seen.push_back(sim->now());
    if (k < gaps.size()) sim->schedule_in(gaps[k], self, k + 1);
  }
};

// Stops the simulation when it sees payload `stop_at`.
struct Stopper {
  Simulation* sim = nullptr;
  std::uint64_t stop_at = 0;
  std::vector<std::uint64_t> seen;
  void on(std::uint64_t payload) {
    seen.push_back(payload);
    if (payload == stop_at) sim->stop();
  }
};

struct Thrower {
  void boom(std::uint64_t payload) {
    throw std::runtime_error("queue overflow at counter " + std::to_string(payload));
  }
  void already_located(std::uint64_t) {
    throw SimError(1.0, 42, "inner-component", 5, "original failure");
  }
  void not_a_std_exception(std::uint64_t) { throw 17; }
};

}  // namespace

TEST_CASE("the clock jumps to each event's time and handlers receive their payloads", "[engine]") {
  Simulation sim(StreamSeed{1, 0, 0});
  Recorder rec{&sim, {}, {}, {}};
  const HandlerId a = sim.add_handler<&Recorder::on_a>(rec, "a");
  const HandlerId b = sim.add_handler<&Recorder::on_b>(rec, "b");
  CHECK(a == 0u);
  CHECK(b == 1u);
  CHECK(sim.now() == 0.0);

  sim.schedule_at(10.0, a, 1);
  sim.schedule_at(2.5, b, 2);
  sim.schedule_in(4.0, a, 3);  // now = 0, so at t = 4
  CHECK(sim.pending_events() == 3);
  sim.run();

  CHECK(rec.order == std::vector<std::string>{"b2", "a3", "a1"});
  CHECK(rec.a_calls == std::vector<std::pair<double, std::uint64_t>>{{4.0, 3}, {10.0, 1}});
  CHECK(rec.b_calls == std::vector<std::pair<double, std::uint64_t>>{{2.5, 2}});
  CHECK(sim.now() == 10.0);
  CHECK(sim.events_processed() == 3);
  CHECK(sim.pending_events() == 0);
}

TEST_CASE("schedule_in is relative to the clock at the time of the call", "[engine]") {
  Simulation sim;
  Source src{&sim, 0, {1.5, 0.0, 2.25, 10.0}, {}};
  src.self = sim.add_handler<&Source::fire>(src, "source");
  sim.schedule_at(3.0, src.self, 0);
  sim.run();
  // 3, 3 + 1.5, + 0 (same instant), + 2.25, + 10
  CHECK(src.seen == std::vector<double>{3.0, 4.5, 4.5, 6.75, 16.75});
  CHECK(sim.now() == 16.75);
  CHECK(sim.events_processed() == 5);
}

TEST_CASE("events scheduled for the current instant run after the current event, in order",
          "[engine]") {
  // A handler at t=2 schedules two more events at t=2 with priorities; they run in
  // (priority, scheduling) order after an event already pending at t=2 with priority 0,
  // except the one with a lower priority value, which jumps ahead of it.
  struct Chain {
    Simulation* sim = nullptr;
    HandlerId id = 0;
    std::vector<std::uint64_t> seen;
    void on(std::uint64_t p) {
      seen.push_back(p);
      if (p == 1) {
        sim->schedule_in(0.0, id, 10, 0);
        sim->schedule_in(0.0, id, 11, -1);
      }
    }
  };
  Simulation sim;
  Chain c{&sim, 0, {}};
  c.id = sim.add_handler<&Chain::on>(c, "chain");
  sim.schedule_at(2.0, c.id, 1, 0);
  sim.schedule_at(2.0, c.id, 2, 0);
  sim.schedule_at(2.5, c.id, 3, -5);
  sim.run();
  CHECK(c.seen == std::vector<std::uint64_t>{1, 11, 2, 10, 3});
}

TEST_CASE("run_until processes events up to and including t and leaves the clock at t",
          "[engine]") {
  Simulation sim;
  Recorder rec{&sim, {}, {}, {}};
  const HandlerId a = sim.add_handler<&Recorder::on_a>(rec, "a");
  sim.schedule_at(1.0, a, 1);
  sim.schedule_at(5.0, a, 2);  // exactly at the horizon: processed
  const EventHandle later = sim.schedule_at(5.000001, a, 3);
  sim.schedule_at(9.0, a, 4);

  sim.run_until(5.0);
  CHECK(rec.order == std::vector<std::string>{"a1", "a2"});
  CHECK(sim.now() == 5.0);
  CHECK(sim.events_processed() == 2);
  CHECK(sim.pending_events() == 2);
  CHECK(sim.pending(later));

  sim.run_until(7.0);  // the clock moves past the last processed event to the horizon
  CHECK(rec.order == std::vector<std::string>{"a1", "a2", "a3"});
  CHECK(sim.now() == 7.0);
  CHECK(sim.events_processed() == 3);

  sim.run_until(20.0);
  CHECK(sim.now() == 20.0);
  CHECK(rec.a_calls.back() == std::pair<double, std::uint64_t>{9.0, 4});
  CHECK(sim.pending_events() == 0);
}

TEST_CASE("run_until on an empty calendar only advances the clock", "[engine]") {
  Simulation sim;
  sim.run_until(30.0);
  CHECK(sim.now() == 30.0);
  CHECK(sim.events_processed() == 0);
  sim.run_until(10.0);  // never goes backwards
  CHECK(sim.now() == 30.0);
}

TEST_CASE("stop from inside a handler ends run after the current event", "[engine]") {
  Simulation sim;
  Stopper st{&sim, 2, {}};
  const HandlerId h = sim.add_handler<&Stopper::on>(st, "stopper");
  for (std::uint64_t i = 1; i <= 4; ++i) sim.schedule_at(static_cast<double>(i), h, i);

  sim.run();
  CHECK(st.seen == std::vector<std::uint64_t>{1, 2});
  CHECK(sim.now() == 2.0);
  CHECK(sim.events_processed() == 2);
  CHECK(sim.pending_events() == 2);
  CHECK_FALSE(sim.step());  // still stopped: step refuses until run resumes

  sim.run();  // resumes with the remaining events
  CHECK(st.seen == std::vector<std::uint64_t>{1, 2, 3, 4});
  CHECK(sim.now() == 4.0);
  CHECK(sim.events_processed() == 4);
}

TEST_CASE("stop inside run_until leaves the clock at the stopping event, not at the horizon",
          "[engine]") {
  Simulation sim;
  Stopper st{&sim, 3, {}};
  const HandlerId h = sim.add_handler<&Stopper::on>(st, "stopper");
  for (std::uint64_t i = 1; i <= 5; ++i) sim.schedule_at(2.0 * static_cast<double>(i), h, i);
  sim.run_until(100.0);
  CHECK(st.seen == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(sim.now() == 6.0);
  CHECK(sim.pending_events() == 2);
}

TEST_CASE("step processes exactly one event and reports when the calendar is empty", "[engine]") {
  Simulation sim;
  Recorder rec{&sim, {}, {}, {}};
  const HandlerId a = sim.add_handler<&Recorder::on_a>(rec, "a");
  sim.schedule_at(3.0, a, 7);
  sim.schedule_at(4.0, a, 8);
  CHECK(sim.step());
  CHECK(sim.now() == 3.0);
  CHECK(sim.events_processed() == 1);
  CHECK(sim.step());
  CHECK(sim.now() == 4.0);
  CHECK_FALSE(sim.step());
  CHECK(sim.now() == 4.0);
  CHECK(sim.events_processed() == 2);
}

TEST_CASE("cancelled events are not processed and not counted", "[engine]") {
  Simulation sim;
  Recorder rec{&sim, {}, {}, {}};
  const HandlerId a = sim.add_handler<&Recorder::on_a>(rec, "a");
  sim.schedule_at(1.0, a, 1);
  const EventHandle h = sim.schedule_at(2.0, a, 2);
  sim.schedule_at(3.0, a, 3);
  CHECK(sim.pending(h));
  CHECK(sim.cancel(h));
  CHECK_FALSE(sim.cancel(h));
  CHECK(sim.pending_events() == 2);
  sim.run();
  CHECK(rec.order == std::vector<std::string>{"a1", "a3"});
  CHECK(sim.events_processed() == 2);
}

TEST_CASE("scheduling in the past, at a non-finite time or for an unknown handler throws",
          "[engine]") {
  Simulation sim;
  Recorder rec{&sim, {}, {}, {}};
  const HandlerId a = sim.add_handler<&Recorder::on_a>(rec, "a");
  sim.schedule_at(5.0, a, 0);
  sim.run();
  REQUIRE(sim.now() == 5.0);

  CHECK_THROWS_AS(sim.schedule_at(4.999, a), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_in(-0.001, a), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_at(std::numeric_limits<double>::infinity(), a), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_at(std::numeric_limits<double>::quiet_NaN(), a), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_at(6.0, a + 1), std::logic_error);
  CHECK(sim.pending_events() == 0);  // nothing was scheduled by the failed calls

  CHECK_NOTHROW(sim.schedule_at(5.0, a));  // the current instant is allowed
  CHECK(sim.pending_events() == 1);
}

TEST_CASE("an exception in a handler comes out as SimError with time, component and message",
          "[engine]") {
  Simulation sim(StreamSeed{99, 4, 31});
  Recorder rec{&sim, {}, {}, {}};
  Thrower thr;
  const HandlerId ok = sim.add_handler<&Recorder::on_a>(rec, "recorder");
  const HandlerId bad = sim.add_handler<&Thrower::boom>(thr, "counter-service");
  sim.schedule_at(1.0, ok, 1);
  sim.schedule_at(2.0, ok, 2);
  sim.schedule_at(7.5, bad, 3);  // third event scheduled: seq 2
  sim.schedule_at(9.0, ok, 4);

  bool caught = false;
  try {
    sim.run();
  } catch (const SimError& e) {
    caught = true;
    CHECK(e.time() == 7.5);
    CHECK(e.component() == "counter-service");
    CHECK(e.center() == 31u);
    CHECK(e.event_seq() == 2u);
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Matchers::Contains("queue overflow at counter 3"));
    CHECK_THAT(what, Catch::Matchers::Contains("counter-service"));
    CHECK_THAT(what, Catch::Matchers::StartsWith("at t=7.5"));
  }
  CHECK(caught);
  CHECK(sim.now() == 7.5);
  CHECK(sim.events_processed() == 3);  // the failing event counts as processed
  CHECK(rec.order == std::vector<std::string>{"a1", "a2"});
  CHECK(sim.pending_events() == 1);
}

TEST_CASE("a SimError thrown by a handler passes through unchanged", "[engine]") {
  Simulation sim(StreamSeed{1, 1, 1});
  Thrower thr;
  const HandlerId h = sim.add_handler<&Thrower::already_located>(thr, "outer");
  sim.schedule_at(3.0, h);
  try {
    sim.run();
    FAIL("expected a SimError");
  } catch (const SimError& e) {
    CHECK(e.component() == "inner-component");
    CHECK(e.time() == 1.0);
    CHECK(e.event_seq() == 42u);
    CHECK(e.center() == 5u);
  }
}

TEST_CASE("a handler exception that is not a std::exception is not wrapped", "[engine]") {
  Simulation sim;
  Thrower thr;
  const HandlerId h = sim.add_handler<&Thrower::not_a_std_exception>(thr, "odd");
  sim.schedule_at(1.0, h);
  CHECK_THROWS_AS(sim.run(), int);
}

TEST_CASE("events_processed counts every dispatched event across runs", "[engine]") {
  Simulation sim;
  Source src{&sim, 0, std::vector<double>(999, 1.0), {}};
  src.self = sim.add_handler<&Source::fire>(src, "source");
  sim.schedule_at(0.0, src.self, 0);
  sim.run_until(99.5);  // events at 0, 1, ..., 99
  CHECK(sim.events_processed() == 100);
  sim.run();  // 1000 events in all: the first plus 999 rescheduled
  CHECK(sim.events_processed() == 1000);
  CHECK(sim.now() == 999.0);
}

TEST_CASE("the simulation's stream for a key is the keyed RngStream of its seed", "[engine]") {
  const StreamSeed seed{7, 3, 12};
  Simulation sim(seed);
  CHECK(sim.stream_seed().root_seed == 7u);
  CHECK(sim.stream_seed().replication == 3u);
  CHECK(sim.stream_seed().center == 12u);
  auto s1 = sim.stream({"arrivals", 4});
  sim::engine::RngStream s2(seed, {"arrivals", 4});
  for (int i = 0; i < 100; ++i) REQUIRE(s1.uniform01() == s2.uniform01());
}
