// A center's counter layout and staff as the form edits them ([[counters]] and [[staff]] as JSON).
#include "sim/serve/layout_json.hpp"

#include <algorithm>
#include <array>

namespace sim::serve {

void write_layout(const model::CenterParams& center, Json& scenario) {
  const auto domain_ids = [&](const std::vector<std::uint32_t>& domains) {
    Json out = Json::array();
    for (const auto d : domains) out.push_back(center.domains.at(d).id);
    return out;
  };
  Json counters = Json::array();
  for (const auto& k : center.counters) {
    Json counter = {{"id", k.id}, {"domains", domain_ids(k.domains)}};
    if (!k.overflow.empty()) counter["overflow"] = domain_ids(k.overflow);
    if (!k.cover.empty()) counter["cover"] = domain_ids(k.cover);
    counters.push_back(std::move(counter));
  }
  static const std::array<const char*, 7> weekdays = {"mon", "tue", "wed", "thu",
                                                      "fri", "sat", "sun"};
  Json staff = Json::array();
  for (const auto& s : center.staff) {
    Json officer = {{"name", s.name},
                    {"counter", center.counters.at(s.counter).id},
                    {"absence_prob", s.absence_prob}};
    Json skills = Json::object();
    for (std::size_t d = 0; d < s.speed.size(); ++d)
      if (s.speed[d] != 1.0) skills[center.domains.at(d).id] = s.speed[d];
    if (!skills.empty()) officer["skills"] = std::move(skills);
    if (!std::all_of(s.works.begin(), s.works.end(), [](bool w) { return w; })) {
      Json works = Json::array();
      for (std::size_t d = 0; d < weekdays.size(); ++d)
        if (s.works[d]) works.push_back(weekdays[d]);
      officer["works"] = std::move(works);
    }
    staff.push_back(std::move(officer));
  }
  scenario["counters"] = std::move(counters);
  scenario["staff"] = std::move(staff);
}

}  // namespace sim::serve
