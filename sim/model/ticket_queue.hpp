// A ticket queue: FIFO within each priority class, priority class served first, O(1) removal.
#pragma once

#include <array>
#include <cstdint>

#include "sim/model/citizen.hpp"

namespace sim::model {

/// Waiting citizens in intrusive doubly linked lists (one per priority class) threaded
/// through the CitizenPool, so joining, leaving on abandonment and being called are O(1)
/// and allocation-free.
class TicketQueue {
 public:
  void push_back(CitizenPool& pool, CitizenIndex i);
  /// Removes and returns the next citizen to call: the oldest of the most urgent class.
  CitizenIndex pop_front(CitizenPool& pool);
  /// Removes a citizen from anywhere in the queue (abandonment).
  void remove(CitizenPool& pool, CitizenIndex i);
  /// The citizen pop_front() would return, or no_citizen.
  CitizenIndex front() const;

  std::uint32_t size() const { return size_; }
  /// Waiting citizens of one priority class.
  std::uint32_t size(PriorityClass c) const { return class_size_[static_cast<std::size_t>(c)]; }
  bool empty() const { return size_ == 0; }

 private:
  struct List {
    CitizenIndex head = no_citizen;
    CitizenIndex tail = no_citizen;
  };
  std::array<List, priority_class_count> lists_{};
  std::array<std::uint32_t, priority_class_count> class_size_{};
  std::uint32_t size_ = 0;
};

}  // namespace sim::model
