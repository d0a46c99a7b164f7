// A citizen in the center as plain data, and the pool that recycles their slots.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "sim/engine/event.hpp"

namespace sim::model {

using CitizenIndex = std::uint32_t;
inline constexpr CitizenIndex no_citizen = std::numeric_limits<CitizenIndex>::max();
inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

/// Priority classes: served first by law (elderly, disabled, pregnant), or regular.
/// Lower value = served first; non-preemptive.
enum class PriorityClass : std::uint8_t { priority = 0, regular = 1 };
inline constexpr std::size_t priority_class_count = 2;

/// Everything the model knows about one citizen's visit. All random attributes are drawn on
/// arrival from the citizen-attribute streams, so a change of layout never changes who
/// arrives or what they need.
struct Citizen {
  std::uint64_t id = 0;                 ///< arrival number within the run, from 0
  engine::SimTime arrival = 0.0;        ///< this visit's arrival, minutes
  engine::SimTime first_arrival = 0.0;  ///< first visit's arrival (returns keep it)
  engine::SimTime ticket_time = 0.0;    ///< when the current ticket was taken
  engine::SimTime service_start = 0.0;  ///< valid once called to a counter
  double service_need = 0.0;            ///< minutes of work at a counter of speed 1
  double patience = 0.0;                ///< minutes the citizen waits for a call; +inf if unlimited
  double form_time = 0.0;               ///< minutes filling forms before taking a ticket
  double fix_time = 0.0;        ///< extra counter minutes when an incomplete dossier is fixed
  double misroute_time = 0.0;   ///< counter minutes to find out the ticket is for the wrong domain
  double reception_time = 0.0;  ///< minutes at the reception desk (receptionist mode)
  double manual_ticket_time = 0.0;  ///< extra desk minutes for a ticket issued by hand
  double desk_time = 0.0;           ///< this visit's minutes at the desk (set on request)
  double back_office_need = 0.0;    ///< back-office minutes the dossier will need
  double paper_entry = 0.0;         ///< extra back-office minutes if taken on paper
  double waited = 0.0;              ///< minutes waited in ticket queues so far on this visit
  double robot_time = 0.0;          ///< minutes with the reception robot (if it is used)
  double balk_draw = 0.0;           ///< uniform [0, 1): balks when below the balking chance it sees
  double return_draw = 0.0;  ///< uniform [0, 1): comes back after giving up when below the share
  std::uint32_t procedure = 0;
  std::uint32_t domain = 0;          ///< the procedure's domain (where the citizen belongs)
  std::uint32_t queue = 0;           ///< domain of the ticket held (differs when misrouted)
  std::uint32_t robot_queue = 0;     ///< domain the reception robot would send the citizen to
  std::uint32_t counter = no_index;  ///< counter serving the citizen
  std::uint32_t staff = no_index;    ///< staff member serving the citizen
  std::uint32_t visit = 1;           ///< 1 on the first visit, 2 on the first return...
  PriorityClass priority_class = PriorityClass::regular;
  bool online = false;                ///< filed online: never queues
  bool wrong_pick = false;            ///< holds a ticket for the wrong domain
  bool incomplete = false;            ///< dossier incomplete at the counter
  bool fix_on_spot = false;           ///< ...and fixed there (else sent home to return)
  bool paper = false;                 ///< served on paper during an outage (this visit)
  bool stays_home = false;            ///< a policy keeps this would-be walk-in away (thinned)
  bool robot_answers = false;         ///< the reception robot would answer the question
  bool returning = false;             ///< left unserved with a return visit scheduled
  bool ticketed = false;              ///< took a ticket on this visit
  bool absent_when_called = false;    ///< will not be there when the number is called
  bool no_show = false;               ///< was called and not there: left unserved (reneged)
  std::uint8_t effects = 0;           ///< SystemEffects already published this visit, as bits
  engine::EventHandle pending_event;  ///< abandonment or return visit, cancelled when moot
  CitizenIndex prev = no_citizen;     ///< intrusive links inside a TicketQueue
  CitizenIndex next = no_citizen;
};

static_assert(std::is_trivially_copyable_v<Citizen>, "CitizenPool::acquire copies with memcpy");

/// Slab of citizens with a free list: after warm-up, arrivals reuse slots and never allocate.
class CitizenPool {
 public:
  /// A slot holding a default Citizen.
  CitizenIndex acquire() {
    // Copied from a constant: g++ turns this into a few vector stores, where `= Citizen{}`
    // became a `rep stos`, slow to start, on every arrival.
    static constexpr Citizen fresh{};
    return acquire(fresh);
  }
  /// A slot holding a copy of `blank` (CitizenDraws::prototype).
  CitizenIndex acquire(const Citizen& blank) {
    if (!free_.empty()) {
      const CitizenIndex i = free_.back();
      free_.pop_back();
      std::memcpy(&slots_[i], &blank, sizeof(Citizen));
      return i;
    }
    slots_.push_back(blank);
    return static_cast<CitizenIndex>(slots_.size() - 1);
  }
  void release(CitizenIndex i) { free_.push_back(i); }
  Citizen& operator[](CitizenIndex i) { return slots_[i]; }
  const Citizen& operator[](CitizenIndex i) const { return slots_[i]; }
  std::size_t in_use() const { return slots_.size() - free_.size(); }

 private:
  std::vector<Citizen> slots_;
  std::vector<CitizenIndex> free_;
};

}  // namespace sim::model
