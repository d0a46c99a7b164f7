// Whole-number command-line options (threads, replications, seed) with a documented range.
#include "sim/cli/count_option.hpp"

#include <algorithm>
#include <charconv>
#include <thread>

#include <boost/program_options/errors.hpp>
#include <boost/program_options/value_semantic.hpp>

namespace sim::cli {

namespace po = boost::program_options;

std::string CountOption::range() const {
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

void add_count_option(po::options_description& d, const char* names, const CountOption& option,
                      const std::string& help) {
  d.add_options()(names, po::value<std::string>()->value_name("N"),
                  (help + " (" + option.range() + ")").c_str());
}

std::optional<std::uint64_t> count_value(const po::variables_map& vm, const CountOption& option) {
  if (!vm.count(option.name)) return std::nullopt;
  const auto& text = vm[option.name].as<std::string>();
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < option.min || value > option.max) {
    throw po::error(std::string("--") + option.name + " " + text + ": expected " + option.range());
  }
  return value;
}

unsigned threads_value(const po::variables_map& vm) {
  if (const auto v = count_value(vm, threads_option)) return static_cast<unsigned>(*v);
  return static_cast<unsigned>(std::clamp<std::uint64_t>(std::thread::hardware_concurrency(),
                                                         threads_option.min, threads_option.max));
}

}  // namespace sim::cli
