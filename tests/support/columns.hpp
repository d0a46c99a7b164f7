// Finding a metric or table column by name, so that checks survive added columns.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/stats/metric.hpp"

namespace test_support {

/// The position of column `name` in `cols`; fails the test when there is none.
inline std::size_t index_of(const std::vector<sim::stats::MetricDef>& cols,
                            const std::string& name) {
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].name == name) return c;
  }
  FAIL("no column " << name);
  return 0;
}

}  // namespace test_support
