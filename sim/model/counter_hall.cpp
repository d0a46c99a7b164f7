// The counters of a center: who sits where, which queues each calls from, who is idle.
#include "sim/model/counter_hall.hpp"

#include <algorithm>
#include <tuple>

namespace sim::model {

CounterHall::CounterHall(const CenterParams& params)
    : params_(params),
      counters_(params.counters.size()),
      own_counters_(params.domains.size()),
      overflow_counters_(params.domains.size()),
      cover_counters_(params.domains.size()),
      cover_on_(params.domains.size(), false),
      own_now_(params.counters.size()),
      single_queue_(params.counters.size()) {
  for (std::uint32_t k = 0; k < params.counters.size(); ++k) {
    for (auto d : params.counters[k].domains) own_counters_[d].push_back(k);
    for (auto d : params.counters[k].overflow) overflow_counters_[d].push_back(k);
    for (auto d : params.counters[k].cover) cover_counters_[d].push_back(k);
    own_now_[k] = params.counters[k].domains;
    single_queue_[k] = params.counters[k].overflow.empty();
  }
}

void CounterHall::update_cover() {
  for (std::uint32_t d = 0; d < cover_on_.size(); ++d) {
    cover_on_[d] = std::none_of(own_counters_[d].begin(), own_counters_[d].end(),
                                [&](auto k) { return counters_[k].staff != no_index; });
  }
  for (std::uint32_t k = 0; k < counters_.size(); ++k) {
    own_now_[k] = params_.counters[k].domains;
    for (auto d : params_.counters[k].cover)
      if (cover_on_[d]) own_now_[k].push_back(d);
  }
}

bool CounterHall::calls_as_own(std::uint32_t k, std::uint32_t domain) const {
  return std::find(own_now_[k].begin(), own_now_[k].end(), domain) != own_now_[k].end();
}

bool CounterHall::covered(std::uint32_t domain) const {
  for (std::uint32_t k = 0; k < counters_.size(); ++k) {
    if (speed(k, domain) > 0.0 && serves(k, domain)) return true;
  }
  return false;
}

std::uint32_t CounterHall::best_among(std::uint32_t k, const std::vector<std::uint32_t>& domains,
                                      const std::vector<TicketQueue>& queues,
                                      const CitizenPool& pool) const {
  std::uint32_t best = no_index;
  const Citizen* best_head = nullptr;
  for (auto d : domains) {
    const CitizenIndex head = queues[d].front();
    if (head == no_citizen || speed(k, d) <= 0.0) continue;
    const Citizen& c = pool[head];
    // Most urgent class first, then the oldest ticket; the arrival number breaks exact ties.
    if (best_head == nullptr ||
        std::tie(c.priority_class, c.ticket_time, c.id) <
            std::tie(best_head->priority_class, best_head->ticket_time, best_head->id)) {
      best = d;
      best_head = &c;
    }
  }
  return best;
}

std::uint32_t CounterHall::next_queue_among(std::uint32_t k, const std::vector<TicketQueue>& queues,
                                            const CitizenPool& pool) const {
  const std::uint32_t own = best_among(k, own_now_[k], queues, pool);
  return own != no_index ? own : best_among(k, params_.counters[k].overflow, queues, pool);
}

std::uint32_t CounterHall::idle_counter_among(std::uint32_t domain) const {
  // Own counters first, then cover counters (when the cover is on), then overflow counters.
  const auto idle_in = [&](const std::vector<std::uint32_t>& list) {
    for (auto k : list) {
      const Counter& c = counters_[k];
      if (c.state == CounterState::idle && c.calling && speed(k, domain) > 0.0) return k;
    }
    return no_index;
  };
  if (const std::uint32_t k = idle_in(own_counters_[domain]); k != no_index) return k;
  if (cover_on_[domain]) {
    if (const std::uint32_t k = idle_in(cover_counters_[domain]); k != no_index) return k;
  }
  return idle_in(overflow_counters_[domain]);
}

bool CounterHall::serves(std::uint32_t k, std::uint32_t domain) const {
  const auto& layout = params_.counters[k];
  const auto has = [domain](const std::vector<std::uint32_t>& list) {
    return std::find(list.begin(), list.end(), domain) != list.end();
  };
  return has(layout.domains) || has(layout.overflow) || (cover_on_[domain] && has(layout.cover));
}

}  // namespace sim::model
