// Simulation: one value that owns the clock, the calendar and the stream seed; no globals.
#pragma once

#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "sim/engine/calendar.hpp"
#include "sim/engine/rng_stream.hpp"
#include "sim/engine/sim_error.hpp"

namespace sim::engine {

/// A discrete-event simulation. Model components register typed handlers once
/// (add_handler<&T::method>(obj, "name")), then schedule events that name a handler and
/// carry a 64-bit payload. Dispatch is a plain function pointer, so scheduling and running
/// an event never allocates and never builds a std::function.
class Simulation {
 public:
  explicit Simulation(StreamSeed seed = {});

  SimTime now() const { return now_; }
  const StreamSeed& stream_seed() const { return seed_; }

  /// Creates the independent random stream for a key (see StreamKey).
  RngStream stream(const StreamKey& key) const { return RngStream(seed_, key); }

  /// Registers obj.Method(std::uint64_t payload) as an event handler.
  template <auto Method, class T>
  HandlerId add_handler(T& obj, std::string name) {
    handlers_.push_back(Handler{&trampoline<Method, T>, &obj, std::move(name)});
    handler_count_ = static_cast<HandlerId>(handlers_.size());
    return handler_count_ - 1;
  }

  /// Schedules an event at absolute time t (t >= now). Lower priority values run first
  /// among events at the same time; ties keep scheduling order.
  EventHandle schedule_at(SimTime t, HandlerId handler, std::uint64_t payload = 0,
                          std::int32_t priority = 0) {
    // t <= max also rejects NaN and +inf; t >= now rejects the past (and -inf).
    if (!(t >= now_ && t <= std::numeric_limits<SimTime>::max()) || handler >= handler_count_)
      refuse(t, handler);
    return calendar_.push(t, priority, handler, payload);
  }
  /// Schedules an event after a delay (delay >= 0).
  EventHandle schedule_in(SimTime delay, HandlerId handler, std::uint64_t payload = 0,
                          std::int32_t priority = 0) {
    return schedule_at(now_ + delay, handler, payload, priority);
  }
  bool cancel(EventHandle handle) { return calendar_.cancel(handle); }
  bool pending(EventHandle handle) const { return calendar_.pending(handle); }

  /// Processes the next event. Returns false when the calendar is empty or stop() was called.
  bool step() {
    if (stopped_) return false;
    Calendar::Next next;
    if (!calendar_.pop_next(next)) return false;
    now_ = next.time;
    ++processed_;
    running_seq_ = next.seq;
    dispatch(next.handler, next.payload);
    return true;
  }
  /// Processes every event with time <= t, then advances the clock to t.
  void run_until(SimTime t);
  /// Processes events until the calendar is empty or stop() is called.
  void run();
  /// Makes run()/run_until() return after the current event.
  void stop() { stopped_ = true; }

  std::size_t pending_events() const { return calendar_.size(); }
  std::uint64_t events_processed() const { return processed_; }
  void reserve(std::size_t n) { calendar_.reserve(n); }

 private:
  struct Handler {
    void (*invoke)(void* obj, std::uint64_t payload);
    void* obj;
    std::string name;
  };

  template <auto Method, class T>
  static void trampoline(void* obj, std::uint64_t payload) {
    (static_cast<T*>(obj)->*Method)(payload);
  }

  void dispatch(HandlerId handler, std::uint64_t payload) {
    const Handler& h = handlers_[handler];
    try {
      h.invoke(h.obj, payload);
    } catch (const SimError&) {
      throw;
    } catch (const std::exception& e) {
      rethrow_with_context(handler, e);
    }
  }
  /// Wraps a handler's exception into a SimError with time, the running event's sequence
  /// number and its component.
  [[noreturn]] void rethrow_with_context(HandlerId handler, const std::exception& e) const;
  /// Throws for an event in the past, at a non-finite time or for an unknown handler.
  [[noreturn]] void refuse(SimTime t, HandlerId handler) const;

  StreamSeed seed_;
  SimTime now_ = 0.0;
  Calendar calendar_;
  std::vector<Handler> handlers_;
  HandlerId handler_count_ = 0;  ///< handlers_.size(), kept for schedule_at's check (issue 20)
  std::uint64_t processed_ = 0;
  std::uint64_t running_seq_ = 0;  ///< sequence number of the event being run, for errors
  bool stopped_ = false;
};

}  // namespace sim::engine
