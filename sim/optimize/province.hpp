// Province scale: which units of a national run get a shared budget of seconded staff.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/national_scenario.hpp"

namespace sim::optimize {

/// The goal file's [province] table.
struct ProvinceGoal {
  std::string path;
  std::string text;
  std::vector<std::string> units;    ///< GSO codes; empty = every center of the national run
  int budget = 0;                    ///< seconded officers to share
  int max_per_unit = 0;              ///< most officers one unit may get
  std::vector<std::string> domains;  ///< the domains their counters serve
  double speed = 1.0;
  double absence_prob = 0.05;
  double alpha = 0.05;
  std::uint64_t replications = 10;
};

/// Reads a goal file whose [province] table is that (InputError with file, line, key, value and
/// range otherwise); `n` is the national run (the units must be among its centers).
ProvinceGoal read_province_goal(const std::string& path, const scenario::NationalScenario& n);

/// One unit's allocation and what it gains.
struct UnitAllocation {
  std::size_t center = 0;  ///< index into NationalScenario::centers
  int officers = 0;
  std::vector<double> helped;    ///< per replication: visits helped in time with `officers`
  std::vector<double> base;      ///< and with none
  std::vector<double> previous;  ///< with one officer fewer (empty when none assigned)
  std::vector<double> next;      ///< with one officer more (empty at max_per_unit)
};

struct ProvinceResult {
  std::vector<UnitAllocation> units;  ///< every unit considered, in the run's center order
  int assigned = 0;                   ///< officers assigned (fewer than the budget when no
                                      ///< further officer helps anywhere)
  double t_unit = 0.0;                ///< Bonferroni t of the per-unit gain intervals
};

/// Greedy marginal allocation: every unit is simulated without and with one seconded officer,
/// on common random numbers (the unit's own streams, the same replications), and each officer
/// in turn goes to the unit whose next officer adds the most visits served within the target
/// (served_on_target + answered) on average, while that is positive; a unit's next officer is
/// simulated when it receives one. Units do not share citizens, so with diminishing returns
/// the greedy allocation is the best one for the estimated gains.
ProvinceResult allocate(const scenario::NationalScenario& n, const ProvinceGoal& goal,
                        const run::RunOptions& options, std::ostream* progress);

/// The advice in Vietnamese ("vi") or English ("en").
std::string province_advice(const scenario::NationalScenario& n, const ProvinceGoal& goal,
                            const ProvinceResult& r, const std::string& lang);

/// Root metadata (the national scenario's), /allocation (one row per unit) and /recommendation.
void write_province(io::ResultFile& file, const scenario::NationalScenario& n,
                    const ProvinceGoal& goal, const ProvinceResult& r,
                    const run::RunOptions& options);

}  // namespace sim::optimize
