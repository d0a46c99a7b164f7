// Unit tests of the future-event set: (time, priority, sequence) order, cancellation, slot reuse.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/calendar.hpp"
#include "sim/engine/rng_stream.hpp"

using sim::engine::Calendar;
using sim::engine::Event;
using sim::engine::EventHandle;

namespace {

// Pops every remaining event and returns their payloads in pop order.
std::vector<std::uint64_t> drain_payloads(Calendar& cal) {
  std::vector<std::uint64_t> out;
  while (auto e = cal.pop()) out.push_back(e->payload);
  return out;
}

}  // namespace

TEST_CASE("events pop in time order whatever the order they were pushed in", "[engine]") {
  Calendar cal;
  // payload = rank in the expected pop order
  cal.push(5.0, 0, 0, 4);
  cal.push(1.0, 0, 0, 1);
  cal.push(7.5, 0, 0, 5);
  cal.push(0.0, 0, 0, 0);
  cal.push(3.25, 0, 0, 3);
  cal.push(2.0, 0, 0, 2);
  CHECK(drain_payloads(cal) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
  CHECK(cal.empty());
  CHECK_FALSE(cal.pop().has_value());
  CHECK_FALSE(cal.peek_time().has_value());
}

TEST_CASE("events at the same time run in priority then scheduling order", "[engine]") {
  Calendar cal;
  // All at t = 4 except the last; payload = rank in the expected pop order.
  cal.push(4.0, 1, 0, 3);   // priority 1, first of its priority
  cal.push(4.0, 0, 0, 1);   // priority 0, first
  cal.push(4.0, -2, 0, 0);  // lowest priority value runs first
  cal.push(4.0, 1, 0, 4);   // priority 1, second
  cal.push(4.0, 0, 0, 2);   // priority 0, second
  cal.push(3.0, 9, 0, 99);  // earlier time beats any priority
  auto first = cal.pop();
  REQUIRE(first.has_value());
  CHECK(first->payload == 99);
  CHECK(first->time == 3.0);
  CHECK(drain_payloads(cal) == std::vector<std::uint64_t>{0, 1, 2, 3, 4});
}

TEST_CASE("a popped event carries the time, priority, handler and payload it was pushed with",
          "[engine]") {
  Calendar cal;
  const EventHandle h = cal.push(12.5, -3, 7, 0xDEADBEEFull);
  auto e = cal.pop();
  REQUIRE(e.has_value());
  CHECK(e->time == 12.5);
  CHECK(e->priority == -3);
  CHECK(e->handler == 7u);
  CHECK(e->payload == 0xDEADBEEFull);
  CHECK(e->seq == 0u);  // first push of this calendar
  CHECK(e->slot == h.slot);
  CHECK(e->generation == h.generation);
}

TEST_CASE("sequence numbers count pushes so equal keys keep insertion order", "[engine]") {
  Calendar cal;
  for (std::uint64_t i = 0; i < 50; ++i) cal.push(1.0, 0, 0, i);
  for (std::uint64_t i = 0; i < 50; ++i) {
    auto e = cal.pop();
    REQUIRE(e.has_value());
    CHECK(e->payload == i);
    CHECK(e->seq == i);
  }
}

TEST_CASE("a cancelled event never pops and cancel reports whether it did anything", "[engine]") {
  Calendar cal;
  const EventHandle a = cal.push(1.0, 0, 0, 1);
  const EventHandle b = cal.push(2.0, 0, 0, 2);
  const EventHandle c = cal.push(3.0, 0, 0, 3);
  CHECK(cal.size() == 3);
  CHECK(cal.pending(a));
  CHECK(cal.pending(b));

  CHECK(cal.cancel(a));        // the head of the heap
  CHECK_FALSE(cal.cancel(a));  // second time: nothing to cancel
  CHECK_FALSE(cal.pending(a));
  CHECK(cal.pending(b));
  CHECK(cal.size() == 2);
  CHECK_FALSE(cal.empty());
  REQUIRE(cal.peek_time().has_value());
  CHECK(*cal.peek_time() == 2.0);  // the cancelled head is skipped

  auto e = cal.pop();
  REQUIRE(e.has_value());
  CHECK(e->payload == 2);
  CHECK_FALSE(cal.pending(b));  // it ran
  CHECK_FALSE(cal.cancel(b));   // cannot cancel an event that already ran
  CHECK(cal.size() == 1);

  CHECK(cal.cancel(c));
  CHECK(cal.size() == 0);
  CHECK(cal.empty());
  CHECK_FALSE(cal.pop().has_value());
  CHECK_FALSE(cal.peek_time().has_value());
}

TEST_CASE("cancelling an event in the middle of the heap removes only that event", "[engine]") {
  Calendar cal;
  std::vector<EventHandle> h;
  for (std::uint64_t i = 0; i < 10; ++i) h.push_back(cal.push(static_cast<double>(i), 0, 0, i));
  CHECK(cal.cancel(h[4]));
  CHECK(cal.cancel(h[7]));
  CHECK(cal.size() == 8);
  CHECK(drain_payloads(cal) == std::vector<std::uint64_t>{0, 1, 2, 3, 5, 6, 8, 9});
}

TEST_CASE("a default handle refers to nothing", "[engine]") {
  Calendar cal;
  cal.push(1.0, 0, 0, 0);
  const EventHandle none;
  CHECK_FALSE(none.valid());
  CHECK_FALSE(cal.pending(none));
  CHECK_FALSE(cal.cancel(none));
  CHECK(cal.size() == 1);
}

TEST_CASE("a stale handle cannot cancel a new event that reuses its slot", "[engine]") {
  Calendar cal;
  SECTION("slot freed by cancellation") {
    const EventHandle old_h = cal.push(5.0, 0, 0, 1);
    REQUIRE(cal.cancel(old_h));
    const EventHandle new_h = cal.push(6.0, 0, 0, 2);
    REQUIRE(new_h.slot == old_h.slot);  // the premise: the slot really is reused
    CHECK(new_h.generation != old_h.generation);
    CHECK_FALSE(cal.pending(old_h));
    CHECK_FALSE(cal.cancel(old_h));
    CHECK(cal.pending(new_h));
    CHECK(cal.size() == 1);
    auto e = cal.pop();
    REQUIRE(e.has_value());
    CHECK(e->payload == 2);
    CHECK(cal.empty());
  }
  SECTION("slot freed by popping") {
    const EventHandle old_h = cal.push(5.0, 0, 0, 1);
    REQUIRE(cal.pop().has_value());
    const EventHandle new_h = cal.push(6.0, 0, 0, 2);
    REQUIRE(new_h.slot == old_h.slot);
    CHECK_FALSE(cal.cancel(old_h));
    CHECK(cal.pending(new_h));
    CHECK(cal.size() == 1);
  }
  SECTION("the cancelled entry is still in the heap when its slot is reused") {
    // Lazy deletion keeps the cancelled entry (t=1) in the heap; the new event in the same
    // slot (t=2) must not be mistaken for it, and the stale entry must not pop.
    const EventHandle old_h = cal.push(1.0, 0, 0, 1);
    cal.push(3.0, 0, 0, 3);
    REQUIRE(cal.cancel(old_h));
    const EventHandle new_h = cal.push(2.0, 0, 0, 2);
    REQUIRE(new_h.slot == old_h.slot);
    CHECK(cal.size() == 2);
    REQUIRE(cal.peek_time().has_value());
    CHECK(*cal.peek_time() == 2.0);
    CHECK(drain_payloads(cal) == std::vector<std::uint64_t>{2, 3});
  }
}

TEST_CASE("size and empty count only live events", "[engine]") {
  Calendar cal;
  CHECK(cal.empty());
  CHECK(cal.size() == 0);
  std::vector<EventHandle> h;
  for (int i = 0; i < 6; ++i) h.push_back(cal.push(1.0 + i, 0, 0, 0));
  CHECK(cal.size() == 6);
  CHECK(cal.cancel(h[0]));
  CHECK(cal.cancel(h[5]));
  CHECK_FALSE(cal.cancel(h[5]));  // no effect the second time
  CHECK(cal.size() == 4);
  auto e = cal.pop();  // the cancelled t=1 is skipped: t=2 (h[1]) pops
  REQUIRE(e.has_value());
  CHECK(e->time == 2.0);
  CHECK(cal.size() == 3);
  CHECK_FALSE(cal.cancel(h[1]));  // already popped
  CHECK(cal.size() == 3);
  for (int i = 2; i <= 4; ++i) CHECK(cal.cancel(h[i]));
  CHECK(cal.size() == 0);
  CHECK(cal.empty());
  CHECK_FALSE(cal.pop().has_value());
}

TEST_CASE("the calendar matches a sorted-vector model over thousands of random operations",
          "[engine]") {
  // Shadow model: every event ever pushed, with a flag for "still pending". The next event is
  // found by a linear scan for the smallest (time, priority, seq) among live entries.
  struct Shadow {
    double time;
    std::int32_t priority;
    std::uint64_t seq;
    EventHandle handle;
    bool live;
  };
  auto before = [](const Shadow& a, const Shadow& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.seq < b.seq;
  };

  sim::engine::RngStream rng({20240601, 0, 0}, {"calendar-fuzz", 0});
  auto pick = [&](std::size_t n) {
    return std::min(n - 1, static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)));
  };
  // Five possible times and four priorities: ties on time and on (time, priority) are common.
  const double times[] = {0.0, 0.5, 1.0, 2.0, 7.0};
  const std::int32_t priorities[] = {-1, 0, 1, 3};

  Calendar cal;
  std::vector<Shadow> shadow;
  std::size_t pushes = 0, cancels_done = 0, cancels_refused = 0, pops = 0;
  const int operations = 6000;
  for (int op = 0; op < operations; ++op) {
    INFO("operation " << op);
    const double r = rng.uniform01();
    if (r < 0.45) {  // push
      const double t = times[pick(5)];
      const std::int32_t p = priorities[pick(4)];
      const std::uint64_t payload = shadow.size();  // index into the shadow
      const EventHandle h =
          cal.push(t, p, static_cast<sim::engine::HandlerId>(payload % 3), payload);
      shadow.push_back({t, p, payload, h, true});
      ++pushes;
    } else if (r < 0.70) {  // cancel a random handle ever issued, live or not
      if (shadow.empty()) continue;
      Shadow& s = shadow[pick(shadow.size())];
      const bool expected = s.live;
      REQUIRE(cal.cancel(s.handle) == expected);
      s.live = false;
      (expected ? cancels_done : cancels_refused) += 1;
    } else {  // pop
      const Shadow* best = nullptr;
      for (const Shadow& s : shadow) {
        if (s.live && (best == nullptr || before(s, *best))) best = &s;
      }
      const std::optional<Event> e = cal.pop();
      if (best == nullptr) {
        REQUIRE_FALSE(e.has_value());
        continue;
      }
      REQUIRE(e.has_value());
      REQUIRE(e->payload == best->seq);
      REQUIRE(e->time == best->time);
      REQUIRE(e->priority == best->priority);
      REQUIRE(e->seq == best->seq);  // the calendar's sequence is the push count
      REQUIRE(e->handler == static_cast<sim::engine::HandlerId>(best->seq % 3));
      shadow[best->seq].live = false;
      ++pops;
    }

    // Invariants after every operation.
    std::size_t live = 0;
    std::size_t pending_mismatches = 0;
    std::optional<double> min_time;
    for (const Shadow& s : shadow) {
      if (s.live) {
        ++live;
        if (!min_time || s.time < *min_time) min_time = s.time;
      }
      if (cal.pending(s.handle) != s.live) ++pending_mismatches;
    }
    REQUIRE(cal.size() == live);
    REQUIRE(cal.empty() == (live == 0));
    REQUIRE(pending_mismatches == 0);
    REQUIRE(cal.peek_time() == min_time);
  }
  // The mix must really have exercised every branch, including refused cancels.
  CHECK(pushes > 1000);
  CHECK(cancels_done > 200);
  CHECK(cancels_refused > 200);
  CHECK(pops > 1000);

  // Draining at the end gives the remaining live events in model order.
  std::vector<Shadow> rest;
  for (const Shadow& s : shadow) {
    if (s.live) rest.push_back(s);
  }
  std::sort(rest.begin(), rest.end(), before);
  std::vector<std::uint64_t> expected;
  for (const Shadow& s : rest) expected.push_back(s.seq);
  CHECK(drain_payloads(cal) == expected);
}

TEST_CASE("a priority outside the 16 bits the calendar orders by is refused", "[engine]") {
  Calendar cal;
  CHECK_NOTHROW(cal.push(1.0, Calendar::min_priority, 0, 0));
  CHECK_NOTHROW(cal.push(1.0, Calendar::max_priority, 0, 0));
  CHECK_THROWS_AS(cal.push(1.0, Calendar::min_priority - 1, 0, 0), std::logic_error);
  CHECK_THROWS_AS(cal.push(1.0, Calendar::max_priority + 1, 0, 0), std::logic_error);
  CHECK(cal.size() == 2);  // a refused event is not scheduled
  CHECK(cal.pop()->priority == Calendar::min_priority);
  CHECK(cal.pop()->priority == Calendar::max_priority);
}

TEST_CASE("pop_next runs the same events in the same order as pop, cancellations included",
          "[engine]") {
  // Simulation::step uses pop_next; two calendars fed the same pushes and cancels must give
  // the same time, sequence number, handler and payload at every step.
  Calendar a, b;
  sim::engine::RngStream rng({5, 0, 0}, {"calendar-pop-next", 0});
  std::vector<EventHandle> handles_a, handles_b;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const double t = static_cast<double>(static_cast<int>(rng.uniform01() * 50.0));
    const auto priority = static_cast<std::int32_t>(rng.uniform01() * 3.0) - 1;
    const auto handler = static_cast<sim::engine::HandlerId>(i % 7);
    handles_a.push_back(a.push(t, priority, handler, i));
    handles_b.push_back(b.push(t, priority, handler, i));
    if (rng.uniform01() < 0.3) {
      const auto k = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(i + 1));
      CHECK(a.cancel(handles_a[k]) == b.cancel(handles_b[k]));
    }
  }
  std::size_t popped = 0;
  Calendar::Next next{};
  while (auto e = a.pop()) {
    REQUIRE(b.pop_next(next));
    CHECK(next.time == e->time);
    CHECK(next.seq == e->seq);
    CHECK(next.handler == e->handler);
    CHECK(next.payload == e->payload);
    ++popped;
  }
  CHECK_FALSE(b.pop_next(next));
  CHECK(popped > 1000);  // about 70 % of the 2,000 pushes survive the cancels
}
