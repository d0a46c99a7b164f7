// A ticket queue: FIFO within each priority class, priority class served first, O(1) removal.
#pragma once

#include <array>
#include <cstdint>

#include "sim/model/citizen.hpp"

namespace sim::model {

/// Waiting citizens in intrusive doubly linked lists (one per priority class) threaded
/// through the CitizenPool, so joining, leaving on abandonment and being called are O(1)
/// and allocation-free. Inline: every ticket passes through push_back, front and pop_front.
class TicketQueue {
 public:
  void push_back(CitizenPool& pool, CitizenIndex i) {
    Citizen& c = pool[i];
    const auto k = static_cast<std::size_t>(c.priority_class);
    List& list = lists_[k];
    c.prev = list.tail;
    c.next = no_citizen;
    if (list.tail != no_citizen) {
      pool[list.tail].next = i;
    } else {
      list.head = i;
    }
    list.tail = i;
    ++class_size_[k];
    ++size_;
  }
  /// Removes and returns the next citizen to call: the oldest of the most urgent class.
  CitizenIndex pop_front(CitizenPool& pool) {
    const CitizenIndex i = front();
    if (i != no_citizen) remove(pool, i);
    return i;
  }
  /// Removes a citizen from anywhere in the queue (abandonment).
  void remove(CitizenPool& pool, CitizenIndex i) {
    Citizen& c = pool[i];
    const auto k = static_cast<std::size_t>(c.priority_class);
    List& list = lists_[k];
    if (c.prev != no_citizen) {
      pool[c.prev].next = c.next;
    } else {
      list.head = c.next;
    }
    if (c.next != no_citizen) {
      pool[c.next].prev = c.prev;
    } else {
      list.tail = c.prev;
    }
    c.prev = c.next = no_citizen;
    --class_size_[k];
    --size_;
  }
  /// The citizen pop_front() would return, or no_citizen.
  CitizenIndex front() const {
    for (const List& list : lists_) {
      if (list.head != no_citizen) return list.head;
    }
    return no_citizen;
  }

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
