// How a national unit is sized beyond its class's template: override file and grown layouts.
#include "sim/scenario/national_sizing.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/scenario/csv_table.hpp"

namespace sim::scenario {

std::uint32_t counters_by_norm(const model::CenterParams& templ, double daily_visits) {
  const auto have = static_cast<std::uint32_t>(templ.counters.size());
  const double norm = have / std::max(templ.demand.daily_visits, 1e-9);
  return std::max(have, static_cast<std::uint32_t>(std::ceil(norm * daily_visits - 1e-9)));
}

std::uint32_t back_office_workers_by_norm(const model::CenterParams& templ, double daily_visits,
                                          double capacity, double province_factor) {
  const double per_visit = templ.back_office.workers / std::max(templ.demand.daily_visits, 1e-9);
  return static_cast<std::uint32_t>(
      std::max(1.0, std::ceil(per_visit * daily_visits * capacity * province_factor - 1e-9)));
}

void grow_layout(model::CenterParams& center, std::uint32_t counters) {
  const std::size_t base = center.counters.size();
  if (base == 0) return;
  for (std::size_t k = base; k < counters; ++k) {
    const std::size_t from = (k - base) % base;
    model::CounterParams copy = center.counters[from];
    const std::string suffix = " +" + std::to_string(k - base + 1);
    copy.id += suffix;
    center.counters.push_back(std::move(copy));
    const auto officer =
        std::find_if(center.staff.begin(), center.staff.end(),
                     [&](const model::StaffParams& st) { return st.counter == from; });
    if (officer == center.staff.end()) continue;  // an unstaffed counter stays unstaffed
    model::StaffParams staff = *officer;
    staff.name += suffix;
    staff.counter = static_cast<std::uint32_t>(k);
    center.staff.push_back(std::move(staff));
  }
}

std::map<std::string, UnitOverride> read_unit_overrides(const std::string& path,
                                                        std::vector<Problem>& problems) {
  static const std::vector<std::string> columns = {"code",     "name",     "daily_visits",
                                                   "counters", "scenario", "source"};
  CsvTable table;
  read_csv(path, columns, table, problems);
  std::map<std::string, UnitOverride> out;
  const auto folder = std::filesystem::path(path).parent_path();
  for (const auto& row : table.rows) {
    const auto bad = [&](const std::string& column, const std::string& message) {
      problems.push_back(Problem{path, row.line, column, message});
    };
    const auto& f = row.fields;
    UnitOverride o;
    if (!f[2].empty()) {
      o.daily_visits = parse_csv_number(f[2]);
      if (!o.daily_visits || *o.daily_visits < 0.01 || *o.daily_visits > 100000)
        bad("daily_visits", "'" + f[2] + "' must be a number between 0.01 and 100000");
    }
    if (!f[3].empty()) {
      const auto v = parse_csv_integer(f[3]);
      if (!v || *v < 1 || *v > 200) bad("counters", "'" + f[3] + "' must be between 1 and 200");
      if (v) o.counters = static_cast<std::uint32_t>(std::clamp<std::uint64_t>(*v, 1, 200));
    }
    if (!f[4].empty()) o.scenario = (folder / f[4]).lexically_normal().string();
    o.source = f[5];
    if (o.source.empty()) bad("source", "every override needs its source");
    if (!out.emplace(f[0], o).second) bad("code", "duplicate unit code '" + f[0] + "'");
  }
  return out;
}

}  // namespace sim::scenario
