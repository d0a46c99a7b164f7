// Spill files: rows written out of memory come back unchanged and in order.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "sim/io/spill_file.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace {
sim::stats::TableRows read_all(const sim::stats::StoredRows& stored, std::size_t columns) {
  sim::stats::TableRows rows;
  stored.read([&](const double* block, std::size_t n) {
    for (std::size_t r = 0; r < n; ++r)
      rows.emplace_back(block + r * columns, block + (r + 1) * columns);
  });
  return rows;
}

bool same_bits(const sim::stats::TableRows& a, const sim::stats::TableRows& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size() ||
        std::memcmp(a[r].data(), b[r].data(), a[r].size() * sizeof(double)) != 0)
      return false;
  }
  return true;
}
}  // namespace

TEST_CASE("rows spilled by two tables at once come back in order, across block boundaries",
          "[io]") {
  const auto dir = test_support::scratch_dir("spill");
  sim::io::SpillFile file((dir / "out.h5").string());
  sim::io::SpilledRows a(file, 3), b(file, 2);
  // 2.5 blocks of rows, interleaved so the two tables' blocks alternate in the file.
  const std::size_t n = sim::io::SpilledRows::block_rows * 5 / 2;
  sim::stats::TableRows want_a, want_b;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i);
    want_a.push_back({x, -x, x / 3});
    want_b.push_back({x * x, 0.5});
    a.append(want_a.back());
    b.append(want_b.back());
  }
  a.flush();  // b is left unflushed: its last rows are read from memory
  CHECK(a.size() == n);
  CHECK(same_bits(read_all(a, 3), want_a));
  CHECK(same_bits(read_all(b, 2), want_b));
  // The file has no name: nothing is left in the folder.
  CHECK(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "a replication whose per-day tables are spilled keeps none of them in memory and "
    "stores exactly the rows it would have kept",
    "[io][run]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto dir = test_support::scratch_dir("spill_replication");
  sim::io::SpillFile file((dir / "out.h5").string());
  const auto kept = sim::run::run_replication(s, 5, 1);
  const auto spilled = sim::run::run_replication(s, 5, 1, true, false, &file);
  const auto& defs = sim::run::center_table_defs();
  REQUIRE(spilled.stored.size() == defs.size());
  std::size_t streamed = 0;
  for (std::size_t t = 0; t < defs.size(); ++t) {
    INFO(defs[t].name);
    if (spilled.stored[t]) {
      ++streamed;
      CHECK(spilled.tables[t].empty());
      CHECK(same_bits(read_all(*spilled.stored[t], defs[t].columns.size()), kept.tables[t]));
    } else {
      CHECK(same_bits(spilled.tables[t], kept.tables[t]));
    }
  }
  CHECK(streamed == 5);  // days, days_by_domain, timeseries, staff_days, backlog
  std::filesystem::remove_all(dir);
}

TEST_CASE("a result received whole (from another MPI rank) can move its per-day tables to a spill",
          "[io][run]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto dir = test_support::scratch_dir("spill_received");
  sim::io::SpillFile file((dir / "out.h5").string());
  const auto kept = sim::run::run_replication(s, 3, 0);
  auto moved = kept;
  sim::run::spill_growing_tables(moved, file);
  const auto& defs = sim::run::center_table_defs();
  REQUIRE(moved.stored.size() == defs.size());
  std::size_t streamed = 0;
  for (std::size_t t = 0; t < defs.size(); ++t) {
    INFO(defs[t].name);
    if (!moved.stored[t]) {
      CHECK(same_bits(moved.tables[t], kept.tables[t]));
      continue;
    }
    ++streamed;
    CHECK(moved.tables[t].empty());
    CHECK(same_bits(read_all(*moved.stored[t], defs[t].columns.size()), kept.tables[t]));
  }
  CHECK(streamed == 5);
  std::filesystem::remove_all(dir);
}
