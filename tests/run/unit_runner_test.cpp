// Unit tests of the one fan-out: results by unit index, every unit run once, lowest error first.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/run/unit_runner.hpp"

using sim::run::FanOut;
using sim::run::run_units;

TEST_CASE("run_units returns unit u's result in slot u whatever the thread count", "[run]") {
  for (unsigned threads : {1u, 2u, 5u}) {
    const auto squares = run_units<std::size_t>(100, FanOut{threads, false, "units"},
                                                [](std::size_t u) { return u * u; });
    REQUIRE(squares.size() == 100);
    for (std::size_t u = 0; u < squares.size(); ++u) CHECK(squares[u] == u * u);
  }
}

TEST_CASE("run_units runs every unit exactly once and accepts zero units", "[run]") {
  std::vector<std::atomic<int>> calls(64);
  (void)run_units<int>(calls.size(), FanOut{3, false, "units"},
                       [&](std::size_t u) { return ++calls[u]; });
  for (const auto& c : calls) CHECK(c.load() == 1);
  CHECK(run_units<int>(0, FanOut{}, [](std::size_t) { return 1; }).empty());
}

TEST_CASE("run_units rethrows the lowest-numbered unit's exception after all units ran", "[run]") {
  std::atomic<int> ran{0};
  const auto failing = [&](std::size_t u) -> int {
    ++ran;
    if (u == 7 || u == 3 || u == 40) throw std::runtime_error("unit " + std::to_string(u));
    return 0;
  };
  CHECK_THROWS_WITH(run_units<int>(50, FanOut{2, false, "units"}, failing), "unit 3");
  CHECK(ran.load() == 50);
}
