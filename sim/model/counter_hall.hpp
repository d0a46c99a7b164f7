// The counters of a center: who sits where, which queues each calls from, who is idle.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/ticket_queue.hpp"

namespace sim::model {

/// Counter state and the calling rules. A counter is open when a staff member sits at it;
/// it calls tickets only from the domains its staff member can do: first its own domains
/// (the oldest ticket of the most urgent class among them), then its overflow domains.
/// The hall decides; the Center schedules the events and publishes the signals.
class CounterHall {
 public:
  explicit CounterHall(const CenterParams& params);

  struct Counter {
    std::uint32_t staff = no_index;
    CounterState state = CounterState::closed;
    CitizenIndex serving = no_citizen;
    bool calling = false;  ///< may call new tickets (inside a session, or overtime)
    // The service in progress, as work: nominal minutes left when `since`, done at one nominal
    // minute per `pace` clock minutes (slower when degraded or on paper); stopped while suspended.
    double work_left = 0.0, pace = 1.0, since = 0.0;
    bool suspended = false;
    engine::EventHandle end;  ///< the service-end event, moved when the pace changes
  };

  std::uint32_t size() const { return static_cast<std::uint32_t>(counters_.size()); }
  const Counter& counter(std::uint32_t k) const { return counters_[k]; }
  Counter& counter(std::uint32_t k) { return counters_[k]; }

  /// Speed of the counter's current staff for a domain (0 = cannot do or nobody there).
  /// Inline: called for every ticket called and every service started.
  double speed(std::uint32_t k, std::uint32_t domain) const {
    const std::uint32_t s = counters_[k].staff;
    if (s == no_index) return 0.0;
    const auto& speeds = params_.staff[s].speed;
    return domain < speeds.size() ? speeds[domain] : 0.0;
  }

  /// The queue counter k should call from next, or no_index when none of its queues has a
  /// ticket it may take.
  std::uint32_t next_queue(std::uint32_t k, const std::vector<TicketQueue>& queues,
                           const CitizenPool& pool) const {
    // One own domain and no overflow (a counter of one queue): its queue if it has a ticket,
    // decided inline, as best_among would.
    if (single_queue_[k] && own_now_[k].size() == 1) {
      const std::uint32_t d = own_now_[k].front();
      return !queues[d].empty() && speed(k, d) > 0.0 ? d : no_index;
    }
    return next_queue_among(k, queues, pool);
  }

  /// An idle, calling counter that would take a ticket of this domain at once: own-domain
  /// counters first, lowest number first, then cover counters in force, then overflow
  /// counters. no_index if none.
  std::uint32_t idle_counter_for(std::uint32_t domain) const {
    // Every counter busy or closed: the usual case under load, decided without a call.
    return idle_ == 0 ? no_index : idle_counter_among(domain);
  }

  /// True if counter k calls this domain (as its own, as overflow, or as a cover domain now).
  bool serves(std::uint32_t k, std::uint32_t domain) const;
  /// True if counter k calls this domain as one of its own now (its layout's, or a cover
  /// domain whose own counters are all unstaffed).
  bool calls_as_own(std::uint32_t k, std::uint32_t domain) const;
  /// After the staff sat down: which cover domains are in force (no own counter staffed).
  void update_cover();
  /// Counter k's own domains now: its layout's, then the cover domains in force.
  const std::vector<std::uint32_t>& own_now(std::uint32_t k) const { return own_now_[k]; }
  /// Whether some counter with an officer able to do the domain calls it now (own, overflow or
  /// cover); false = the domain is uncovered.
  bool covered(std::uint32_t domain) const;
  /// Number of counters currently busy.
  std::uint32_t busy() const { return busy_; }
  void set_state(std::uint32_t k, CounterState s) {
    Counter& c = counters_[k];
    busy_ += (s == CounterState::busy) - (c.state == CounterState::busy);
    idle_ += (s == CounterState::idle) - (c.state == CounterState::idle);
    c.state = s;
  }

 private:
  /// next_queue for a counter that may call more than one queue.
  std::uint32_t next_queue_among(std::uint32_t k, const std::vector<TicketQueue>& queues,
                                 const CitizenPool& pool) const;
  /// idle_counter_for when some counter is idle.
  std::uint32_t idle_counter_among(std::uint32_t domain) const;
  /// Best queue among `domains` for counter k; updates best_key.
  std::uint32_t best_among(std::uint32_t k, const std::vector<std::uint32_t>& domains,
                           const std::vector<TicketQueue>& queues, const CitizenPool& pool) const;

  const CenterParams& params_;
  std::vector<Counter> counters_;
  std::vector<std::vector<std::uint32_t>> own_counters_;       ///< by domain
  std::vector<std::vector<std::uint32_t>> overflow_counters_;  ///< by domain
  std::vector<std::vector<std::uint32_t>> cover_counters_;     ///< by domain
  std::vector<bool> cover_on_;  ///< by domain: no own counter is staffed, cover counters call it
  std::vector<std::vector<std::uint32_t>> own_now_;  ///< by counter: own domains and cover in force
  std::vector<bool> single_queue_;  ///< by counter: no overflow domains (own_now_ may still grow)
  std::uint32_t busy_ = 0;
  std::uint32_t idle_ = 0;  ///< counters in state idle (calling or not)
};

}  // namespace sim::model
