// The office calendar the hand-computed model tests share: weekdays 07:30-11:30 and 13:30-17:00.
#pragma once

#include <chrono>
#include <cstdint>

#include "sim/model/work_calendar.hpp"

namespace test_support {

/// From Monday 8 September 2025 for `days` days: Monday-Friday 07:30-11:30 and 13:30-17:00
/// (minutes 450-690 and 810-1020), tickets until 16:30; weekends closed, no holidays.
inline sim::model::CalendarSpec office_week(std::uint32_t days) {
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {sim::model::Session{450, 690}, sim::model::Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  return spec;
}

}  // namespace test_support
