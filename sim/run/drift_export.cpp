// A regress invocation's outcome for CI systems: JUnit XML (one test per case) and JSON.
#include "sim/run/drift_export.hpp"

#include <sstream>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>

namespace sim::run {
namespace {

std::vector<Drift> drifts_of(const std::vector<Drift>& all, const std::string& name) {
  std::vector<Drift> out;
  for (const auto& d : all)
    if (d.case_name == name) out.push_back(d);
  return out;
}

std::string mode_name(RegressMode m) { return m == RegressMode::exact ? "exact" : "statistical"; }

}  // namespace

std::string drift_junit_xml(const DriftReport& report) {
  // Boost.PropertyTree writes the XML (escaping included) rather than hand-written markup.
  namespace pt = boost::property_tree;
  const auto all = report.drifts();
  const auto names = report.case_names();
  pt::ptree suite;
  suite.put("<xmlattr>.name", "motcua regress");
  suite.put("<xmlattr>.tests", names.size());
  std::size_t failures = 0;
  for (const auto& name : names) {
    pt::ptree test;
    test.put("<xmlattr>.classname", "regress." + mode_name(report.mode()));
    test.put("<xmlattr>.name", name);
    const auto moved = drifts_of(all, name);
    if (!moved.empty()) {
      ++failures;
      std::ostringstream text;
      for (const auto& d : moved)
        text << d.metric << (d.where.empty() ? "" : " (" + d.where + ")") << ": reference "
             << d.reference << ", now " << d.current << ", difference " << d.difference
             << (d.z == "exact" ? "" : ", z " + d.z + " (limit " + d.limit + ")") << "\n";
      pt::ptree failure;
      failure.put("<xmlattr>.message", std::to_string(moved.size()) + " value(s) moved");
      failure.put("<xmlattr>.type", "drift");
      failure.put_value(text.str());
      test.add_child("failure", failure);
    }
    suite.add_child("testcase", test);
  }
  suite.put("<xmlattr>.failures", failures);
  pt::ptree root;
  root.add_child("testsuites.testsuite", suite);
  std::ostringstream out;
  pt::write_xml(out, root, pt::xml_writer_make_settings<std::string>(' ', 2));
  return out.str();
}

std::string drift_json(const DriftReport& report) {
  using nlohmann::json;
  const auto all = report.drifts();
  json results = json::array();
  for (const auto& name : report.case_names()) {
    json drifts = json::array();
    for (const auto& d : drifts_of(all, name))
      drifts.push_back({{"metric", d.metric},
                        {"where", d.where},
                        {"reference", d.reference},
                        {"current", d.current},
                        {"difference", d.difference},
                        {"z", d.z},
                        {"limit", d.limit}});
    results.push_back({{"case", name}, {"passed", drifts.empty()}, {"drifts", drifts}});
  }
  const json out = {{"mode", mode_name(report.mode())},
                    {"passed", report.passed()},
                    {"cases", report.cases()},
                    {"values_compared", report.values_compared()},
                    {"results", results}};
  return out.dump(2) + "\n";
}

}  // namespace sim::run
