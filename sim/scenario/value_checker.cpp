// The value checks' one tool: a failing value becomes a Problem at the file and line it came from.
#include "sim/scenario/value_checker.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>

namespace sim::scenario {

std::string shown_number(double v) {
  std::ostringstream os;
  os << std::setprecision(6) << v;
  return os.str();
}

void ValueChecker::fail(const std::string& key, const std::string& message,
                        std::initializer_list<const char*> via) {
  std::string after;
  for (const char* name : via) {
    if (std::find(s_.transforms.begin(), s_.transforms.end(), name) != s_.transforms.end())
      after += (after.empty() ? " (after the transform " : ", ") + std::string(name);
  }
  if (!after.empty()) after += ")";
  out_.push_back(place(key, message + after, via));
}

void ValueChecker::duration(const std::string& key, const engine::Distribution& d, double min_mean,
                            double max_mean, std::initializer_list<const char*> via) {
  const double mean = d.mean();
  const double sd = std::sqrt(std::max(d.variance(), 0.0));
  // A positive mean below a millionth of a minute (a denormal, say) is a typing error.
  if (!(mean >= std::max(min_mean, mean > 0 ? 1e-6 : 0.0) && mean <= max_mean)) {
    const std::string low = min_mean > 0 ? shown_number(min_mean) : "0 or between 1e-06";
    fail(key,
         "must have a mean of " + low + " and " + shown_number(max_mean) + " minutes, got " +
             d.describe(),
         via);
  } else if (mean > 0 && !(sd / mean <= max_cv)) {
    fail(key,
         "must have a coefficient of variation of at most " + shown_number(max_cv) + ", got " +
             shown_number(sd / mean) + " (" + d.describe() + ")",
         via);
  }
}

Problem ValueChecker::place(const std::string& key, const std::string& message,
                            std::initializer_list<const char*> via) const {
  const auto found = [&](const std::string& k) -> std::optional<Problem> {
    const Origin* o = s_.sources ? s_.sources->find(k) : nullptr;
    if (!o) return std::nullopt;
    return Problem{o->file, o->line, key, message};
  };
  std::string k = key;
  bool element = k.find('[') != std::string::npos;
  while (!k.empty()) {
    if (auto p = found(k)) return *p;
    const auto cut = k.find_last_of(".[");
    if (cut == std::string::npos) break;
    if (element && k[cut] == '[') {
      element = false;
      for (const char* name : via) {
        const bool applied =
            std::find(s_.transforms.begin(), s_.transforms.end(), name) != s_.transforms.end();
        if (auto p = applied ? found(std::string("policies.") + name) : std::nullopt) return *p;
      }
    }
    k.resize(cut);
  }
  return Problem{s_.source_path, 0, key, message};
}

}  // namespace sim::scenario
