// Scenario tables between TOML (what the loader reads) and JSON (what the page edits).
#include "sim/serve/toml_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sim::serve {
namespace {

Json node_to_json(const toml::node& node);

Json array_to_json(const toml::array& array) {
  Json out = Json::array();
  for (const auto& item : array) out.push_back(node_to_json(item));
  return out;
}

std::string two_digits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

Json node_to_json(const toml::node& node) {
  if (const auto* t = node.as_table()) return to_json(*t);
  if (const auto* a = node.as_array()) return array_to_json(*a);
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* d = node.as_date()) {
    const auto& v = d->get();
    return std::to_string(v.year) + "-" + two_digits(v.month) + "-" + two_digits(v.day);
  }
  // Times and date-times are not used by scenario files; keep their TOML spelling.
  std::ostringstream text;
  text << toml::toml_formatter(toml::table{{"v", node}});
  return text.str();
}

std::unique_ptr<toml::node> json_to_node(const Json& value, bool nested);

/// `nested`: inside an element of an array, where every table is written inline.
toml::table object_to_table(const Json& object, bool nested) {
  toml::table table;
  for (const auto& item : object.items()) {
    // item.key(), not a structured binding: clang 14 (the sanitizer build) cannot capture one.
    const std::string& key = item.key();
    json_to_node(item.value(), nested)->visit([&](auto&& concrete) {
      table.insert_or_assign(key, std::move(concrete));
    });
  }
  table.is_inline(nested || object.contains("type"));
  return table;
}

std::unique_ptr<toml::node> json_to_node(const Json& value, bool nested) {
  static const std::regex date(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  switch (value.type()) {
    case Json::value_t::object:
      return std::make_unique<toml::table>(object_to_table(value, nested));
    case Json::value_t::array: {
      auto array = std::make_unique<toml::array>();
      for (const auto& item : value) {
        auto node = json_to_node(item, true);
        if (auto* t = node->as_table(); t && !nested) {
          // Elements of an array of tables are [[sections]]; their own sub-tables are inline.
          t->is_inline(false);
        }
        node->visit([&](auto&& concrete) { array->push_back(std::move(concrete)); });
      }
      return array;
    }
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      std::smatch m;
      if (std::regex_match(s, m, date)) {
        return std::make_unique<toml::value<toml::date>>(
            toml::date{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])});
      }
      return std::make_unique<toml::value<std::string>>(s);
    }
    case Json::value_t::boolean:
      return std::make_unique<toml::value<bool>>(value.get<bool>());
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return std::make_unique<toml::value<std::int64_t>>(value.get<std::int64_t>());
    case Json::value_t::number_float: {
      const double v = value.get<double>();
      return std::make_unique<toml::value<double>>(v);
    }
    default:
      throw std::invalid_argument("a scenario value cannot be null");
  }
}

/// What each top-level table is, written above it in the downloaded file.
const std::map<std::string, std::string>& section_comments() {
  static const std::map<std::string, std::string> comments = {
      {"scenario", "What the scenario is; catalogue and systems paths are relative to this file."},
      {"run", "Which days are simulated and how often (replications, seed)."},
      {"hours",
       "Opening sessions by day of the week, ticket stops (saturday_ticket_stop for Saturday) "
       "and the holiday list."},
      {"demand",
       "How many citizens come, when, and who they are; balking at the ticket machine, the "
       "share who may give up with a ticket (abandon_share) and their patience."},
      {"reception", "How citizens get their ticket: kiosk, receptionist or robot."},
      {"policy",
       "Lunch; what happens at closing (closing = stop_issuing, overtime or send_home) and the "
       "overtime cap; who comes back another day (gave_up_return_share, max_visits)."},
      {"back_office", "Who processes dossiers after intake."},
      {"online", "Dossiers filed online (they never queue)."},
      {"policies", "Policies from the field (docs/policies.md); remove a table to switch it off."},
      {"counters",
       "The counters: the domains each serves (domains), helps when idle (overflow) and takes "
       "over while no counter of theirs is staffed (cover)."},
      {"staff",
       "The civil servants: their counter, absence probability and speed per domain (0 = "
       "cannot do it)."}};
  return comments;
}

}  // namespace

Json to_json(const toml::table& table) {
  Json out = Json::object();
  for (const auto& [key, node] : table) out[std::string(key.str())] = node_to_json(node);
  return out;
}

toml::table to_toml(const Json& object) {
  if (!object.is_object()) throw std::invalid_argument("a scenario must be a JSON object");
  auto table = object_to_table(object, false);
  table.is_inline(false);
  return table;
}

namespace {

/// toml++ writes every float with 17 significant digits (1.1499999999999999); a scenario file is
/// read by people, so each such number is rewritten in the shortest form that reads back as the
/// same double (1.15).
std::string shortest_floats(const std::string& text) {
  static const std::regex long_float(R"((-?\d+\.\d{12,})(?![\d'"]))");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), long_float), end; it != end; ++it) {
    out.append(last, (*it)[1].first);
    const double v = std::stod((*it)[1].str());
    std::array<char, 32> buf{};
    const auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    std::string shortest(buf.data(), ec == std::errc() ? ptr : buf.data());
    if (shortest.find_first_of(".e") == std::string::npos) shortest += ".0";
    out += shortest;
    last = (*it)[1].second;
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace

std::string commented_toml(const toml::table& table, const std::string& header) {
  std::ostringstream out;
  out << header;
  toml::table scalars;
  for (const auto& [key, node] : table) {
    if (!node.is_table() && !node.is_array_of_tables()) scalars.insert_or_assign(key, node);
  }
  if (!scalars.empty()) out << toml::toml_formatter(scalars) << "\n\n";
  // The order a reader expects (the templates' order); toml++ keeps keys sorted.
  std::vector<std::string> order = {"scenario",  "run",      "hours",    "demand",
                                    "reception", "policy",   "policies", "back_office",
                                    "online",    "counters", "staff"};
  for (const auto& [key, node] : table)
    if (std::find(order.begin(), order.end(), key.str()) == order.end())
      order.emplace_back(key.str());
  for (const auto& key : order) {
    const auto* node = table.get(key);
    if (node == nullptr || (!node->is_table() && !node->is_array_of_tables())) continue;
    const auto comment = section_comments().find(key);
    if (comment != section_comments().end()) out << "# " << comment->second << "\n";
    toml::table one;
    one.insert_or_assign(key, *node);
    out << toml::toml_formatter(one) << "\n\n";
  }
  return shortest_floats(out.str());
}

bool is_path_value(const std::string& key, const Json& value) {
  static const std::vector<std::string> keys = {"catalogue", "systems", "holidays", "extends"};
  if (!value.is_string()) return false;
  const auto& s = value.get_ref<const std::string&>();
  const auto ends = [&](const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return std::find(keys.begin(), keys.end(), key) != keys.end() || ends(".toml") || ends(".csv");
}

void relative_paths(Json& node, const std::filesystem::path& dir,
                    const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  for (auto& [key, value] : node.items()) {
    if (value.is_structured()) {
      relative_paths(value, dir, root);
    } else if (is_path_value(key, value) && fs::path(value.get<std::string>()).is_absolute()) {
      const fs::path path = fs::weakly_canonical(value.get<std::string>());
      const auto rel = path.lexically_relative(root);
      if (!rel.empty() && *rel.begin() != "..") value = path.lexically_relative(dir).string();
    }
  }
}

}  // namespace sim::serve
