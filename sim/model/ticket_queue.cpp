// A ticket queue: FIFO within each priority class, priority class served first, O(1) removal.
#include "sim/model/ticket_queue.hpp"

namespace sim::model {

void TicketQueue::push_back(CitizenPool& pool, CitizenIndex i) {
  List& list = lists_[static_cast<std::size_t>(pool[i].priority_class)];
  pool[i].prev = list.tail;
  pool[i].next = no_citizen;
  if (list.tail != no_citizen) {
    pool[list.tail].next = i;
  } else {
    list.head = i;
  }
  list.tail = i;
  ++class_size_[static_cast<std::size_t>(pool[i].priority_class)];
  ++size_;
}

void TicketQueue::remove(CitizenPool& pool, CitizenIndex i) {
  List& list = lists_[static_cast<std::size_t>(pool[i].priority_class)];
  Citizen& c = pool[i];
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
  --class_size_[static_cast<std::size_t>(c.priority_class)];
  --size_;
}

CitizenIndex TicketQueue::front() const {
  for (const List& list : lists_) {
    if (list.head != no_citizen) return list.head;
  }
  return no_citizen;
}

CitizenIndex TicketQueue::pop_front(CitizenPool& pool) {
  const CitizenIndex i = front();
  if (i != no_citizen) remove(pool, i);
  return i;
}

}  // namespace sim::model
