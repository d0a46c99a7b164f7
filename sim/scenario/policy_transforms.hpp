// Policies as named transforms: each takes a scenario and returns a new one with its changes.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::scenario {

/// A named transform from one scenario to another. It applies the policy the scenario's
/// [policies.<name>] table sets (a scenario without it is returned unchanged), records its name
/// in Scenario::transforms, and changes only the parameters `changes` lists (the same list is in
/// docs/policies.md). Problems that only the combination of policy and scenario shows (a
/// Saturday policy whose domains have no procedure) are appended to `problems`; ranges are
/// left to validate().
struct Transform {
  const char* name;
  const char* changes;
  Scenario (*apply)(const Scenario& in, std::vector<Problem>& problems);
};

/// The policy transforms, in the fixed order apply_policies() uses whatever the order of the
/// tables in the files: the robot before IT support (whose faster repairs then apply to it
/// too), Friendly Saturday before the online Q&A groups (whose fewer visits then apply on
/// Saturdays too).
const std::vector<Transform>& policy_transforms();

/// The transform called `name`; nullptr when there is none.
const Transform* find_transform(const std::string& name);

/// Applies every policy transform in order (each one only when the scenario sets its policy).
Scenario apply_policies(const Scenario& in, std::vector<Problem>& problems);

/// The place of a key for a message: where the files wrote it, else the scenario file itself.
Problem problem_at(const Scenario& s, const std::string& key, std::string message);

}  // namespace sim::scenario
