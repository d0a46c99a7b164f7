// Problems found in user input (scenario files, options), reported all at once.
#include "sim/scenario/input_error.hpp"

#include <sstream>

namespace sim::scenario {
namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string text;
  for (const auto& p : problems) {
    if (!text.empty()) text += '\n';
    text += p.to_string();
  }
  return text;
}
}  // namespace

std::string Problem::to_string() const {
  std::ostringstream text;
  text << file;
  if (line > 0) text << ':' << line;
  text << ": ";
  if (!key.empty()) text << '\'' << key << "': ";
  text << message;
  return text.str();
}

InputError::InputError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

}  // namespace sim::scenario
