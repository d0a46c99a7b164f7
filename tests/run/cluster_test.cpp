// Splitting units over MPI ranks, and the bytes that carry a unit's result between ranks.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/run/cluster.hpp"
#include "sim/run/unit_codec.hpp"

using sim::run::cluster::assign_units;
namespace cluster = sim::run::cluster;

TEST_CASE("units go, largest first, to the rank with the least work so far", "[run]") {
  // Work 5 (unit 1) -> rank 0; 4 (unit 3) -> rank 1; 3 (unit 0) -> rank 1 (4 < 5);
  // 2 (unit 2) -> rank 0 (5 < 7); 1 (unit 4) -> rank 0 (7 = 7, the lower rank). Loads 8 and 7.
  CHECK(assign_units({3, 5, 2, 4, 1}, 2) == std::vector<int>{1, 0, 0, 1, 0});
  // Equal work alternates, so replications spread evenly.
  CHECK(assign_units({1, 1, 1, 1, 1}, 3) == std::vector<int>{0, 1, 2, 0, 1});
  // One rank takes everything.
  CHECK(assign_units({2, 7}, 1) == std::vector<int>{0, 0});
}

TEST_CASE("a replication's result crosses ranks bit for bit, spilled rows included", "[run]") {
  sim::stats::ReplicationResult r;
  r.summary = {4, {1.5, std::numeric_limits<double>::quiet_NaN(), -0.0}};
  r.tables = {{{1, 2, 3}, {4, 5, 6}}, {}, {}};
  struct Stored : sim::stats::StoredRows {  // two rows of two columns, "from a spill file"
    void append(const std::vector<double>&) override {}
    std::uint64_t size() const override { return 2; }
    std::size_t columns() const override { return 2; }
    void read(const std::function<void(const double*, std::size_t)>& block) const override {
      const double rows[] = {7, 8, 9, 10};
      block(rows, 2);
    }
  };
  r.stored = {nullptr, nullptr, std::make_shared<Stored>()};
  sim::stats::ReplicationResult back;
  sim::run::decode(sim::run::encode(r), back);
  CHECK(back.summary.replication == 4);
  REQUIRE(back.summary.values.size() == 3);
  CHECK(std::memcmp(back.summary.values.data(), r.summary.values.data(), 3 * sizeof(double)) == 0);
  CHECK(back.tables[0] == r.tables[0]);
  CHECK(back.tables[1].empty());
  CHECK(back.tables[2] == sim::stats::TableRows{{7, 8}, {9, 10}});
  CHECK(back.stored.empty());
}

TEST_CASE("a truncated result from another rank is an error, not a crash", "[run]") {
  auto bytes = sim::run::encode(std::vector<double>{1, 2, 3});
  bytes.pop_back();
  std::vector<double> row;
  CHECK_THROWS_WITH(sim::run::decode(bytes, row), "a unit result from another rank is truncated");
}

TEST_CASE("a batch of results packed into one buffer unpacks into the same messages",
          "[run][cluster]") {
  const std::string binary("a\0b\xff", 4);  // result bytes may hold any byte
  const std::vector<cluster::Message> batch = {
      {7, false, binary}, {0, true, "unit 0 failed"}, {123456789012ULL, false, ""}};
  const auto back = cluster::unpack(cluster::pack(batch));
  REQUIRE(back.size() == batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    CHECK(back[i].unit == batch[i].unit);
    CHECK(back[i].error == batch[i].error);
    CHECK(back[i].bytes == batch[i].bytes);
  }
  // Each message: unit (8 bytes), error flag (1), size (8), then its bytes.
  CHECK(cluster::pack(batch).size() ==
        3 * 17 + binary.size() + std::string("unit 0 failed").size());
  CHECK(cluster::unpack("").empty());
}

TEST_CASE("a truncated batch of results is refused", "[run][cluster]") {
  const std::string whole = cluster::pack({{3, false, "result"}});
  for (std::size_t n = 1; n < whole.size(); ++n) {
    INFO("first " << n << " bytes");
    CHECK_THROWS_AS(cluster::unpack(whole.substr(0, n)), std::runtime_error);
  }
}
