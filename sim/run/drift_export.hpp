// A regress invocation's outcome for CI systems: JUnit XML (one test per case) and JSON.
#pragma once

#include <string>

#include "sim/run/drift_report.hpp"

namespace sim::run {

/// JUnit XML: a <testsuite name="motcua regress"> with one <testcase> per case, a <failure>
/// listing every value that moved in a case that drifted (CI systems show it as a failed test).
std::string drift_junit_xml(const DriftReport& report);

/// JSON: {"mode", "passed", "cases", "values_compared", "results": [{"case", "passed",
/// "drifts": [{"metric", "where", "reference", "current", "difference", "z", "limit"}]}]}.
std::string drift_json(const DriftReport& report);

}  // namespace sim::run
