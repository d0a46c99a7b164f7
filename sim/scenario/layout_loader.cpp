// Reads a center's counter layout and staff ([[counters]], [[staff]]) and checks references.
#include "sim/scenario/layout_loader.hpp"

#include <algorithm>
#include <map>

namespace sim::scenario {
namespace {

const std::array<std::string, 7> weekday_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::vector<std::uint32_t> domain_list(TableReader& t, const std::string& key, bool required,
                                       const std::map<std::string, std::uint32_t>& index) {
  std::vector<std::uint32_t> out;
  for (const auto& name : t.strings(key, required).value_or(std::vector<std::string>{})) {
    const auto it = index.find(name);
    t.check(it != index.end(), key, "unknown domain '" + name + "' (not in the catalogue)");
    if (it != index.end()) out.push_back(it->second);
  }
  return out;
}

void read_counter(TableReader& t, const std::map<std::string, std::uint32_t>& domains,
                  model::CounterParams& k) {
  k.id = t.string("id", true).value_or("");
  k.domains = domain_list(t, "domains", true, domains);
  k.overflow = domain_list(t, "overflow", false, domains);
  k.cover = domain_list(t, "cover", false, domains);
  t.check(!k.domains.empty(), "domains", "a counter must serve at least one domain");
  t.finish();
}

void read_staff(TableReader& t, const std::map<std::string, std::uint32_t>& domains,
                const std::map<std::string, std::uint32_t>& counters, model::StaffParams& s) {
  s.name = t.string("name", true).value_or("");
  if (auto id = t.string("counter", true)) {
    const auto it = counters.find(*id);
    t.check(it != counters.end(), "counter", "unknown counter '" + *id + "'");
    if (it != counters.end()) s.counter = it->second;
  }
  s.absence_prob = t.number("absence_prob", false).value_or(s.absence_prob);
  s.speed.assign(domains.size(), 1.0);
  if (auto skills = t.table("skills", false)) {
    for (const auto& name : skills->keys()) {
      const auto it = domains.find(name);
      const auto v = skills->number(name, true);
      skills->check(it != domains.end(), name, "unknown domain (not in the catalogue)");
      // The speed's range (0 = cannot do, up to 10) is checked by validate().
      if (it != domains.end() && v) s.speed[it->second] = *v;
    }
  }
  if (auto days = t.strings("works", false)) {
    s.works.fill(false);
    for (const auto& d : *days) {
      const auto it = std::find(weekday_names.begin(), weekday_names.end(), d);
      t.check(it != weekday_names.end(), "works", "unknown weekday '" + d + "' (use mon ... sun)");
      if (it != weekday_names.end()) s.works[it - weekday_names.begin()] = true;
    }
  }
  t.finish();
}

}  // namespace

void read_layout(TableReader& top, model::CenterParams& c) {
  std::map<std::string, std::uint32_t> domains, counters;
  for (std::uint32_t d = 0; d < c.domains.size(); ++d) domains[c.domains[d].id] = d;
  c.counters.clear();
  c.staff.clear();
  for (auto& t : top.tables("counters", true).value_or(std::vector<TableReader>{})) {
    model::CounterParams k;
    read_counter(t, domains, k);
    t.check(!counters.count(k.id), "id", "duplicate counter id '" + k.id + "'");
    counters[k.id] = static_cast<std::uint32_t>(c.counters.size());
    c.counters.push_back(std::move(k));
  }
  for (auto& t : top.tables("staff", true).value_or(std::vector<TableReader>{})) {
    model::StaffParams s;
    read_staff(t, domains, counters, s);
    c.staff.push_back(std::move(s));
  }
  top.check(!c.counters.empty(), "counters", "a center needs at least one counter");
  top.check(!c.staff.empty(), "staff", "a center needs at least one staff member");
}

}  // namespace sim::scenario
