// Where each value of a scenario was read: file, line and key path, kept through the transforms.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace sim::scenario {

/// The place a value was written.
struct Origin {
  std::string file;
  std::uint32_t line = 0;
};

/// The origin of every key the loader read, by dotted key path as written in its file
/// ("demand.daily_visits", "staff[2].skills.land", "procedures[4].service" in the catalogue,
/// "systems[1].repair_time" in the systems file). The scenario, catalogue and systems files
/// have disjoint top-level keys, so one map serves them all. validate() names these places
/// when a value, possibly changed by a transform since, is out of range.
class SourceMap {
 public:
  void record(const std::string& key, Origin origin) { origins_[key] = std::move(origin); }
  const Origin* find(const std::string& key) const {
    const auto it = origins_.find(key);
    return it == origins_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return origins_.size(); }

 private:
  std::map<std::string, Origin> origins_;
};

}  // namespace sim::scenario
