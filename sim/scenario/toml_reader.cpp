// Typed, checked access to a TOML table that records every problem and flags unknown keys.
#include "sim/scenario/toml_reader.hpp"

#include "sim/scenario/text_limits.hpp"

namespace sim::scenario {
namespace {
const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}
}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      std::vector<Problem>& problems) {
  if (!check_text_limits(text, path, toml_limits, problems)) return std::nullopt;
  if (const auto nesting = toml_nesting(text); nesting.depth > toml_limits.max_depth) {
    problems.push_back(
        {path, static_cast<std::uint32_t>(nesting.line), "",
         "tables, arrays and dotted keys are nested " + std::to_string(nesting.depth) +
             " levels deep, more than the limit of " + std::to_string(toml_limits.max_depth)});
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    problems.push_back(
        {path, e.source().begin.line, "", "malformed TOML: " + std::string(e.description())});
    return std::nullopt;
  }
}

std::optional<toml::table> parse_toml_file(const std::string& path, std::vector<Problem>& problems,
                                           const std::string& what, std::string* text) {
  auto bytes = read_text_file(path, what, toml_limits, problems);
  if (!bytes) return std::nullopt;
  auto root = parse_toml(*bytes, path, problems);
  if (text) *text = std::move(*bytes);
  return root;
}

TableReader::TableReader(const toml::table& table, std::string path, ProblemList& problems)
    : table_(&table), path_(std::move(path)), problems_(&problems) {}

const toml::source_region& TableReader::region_of(const std::string& key) const {
  if (const toml::node* node = table_->get(key)) return node->source();
  return table_->source();
}

void TableReader::check(bool ok, const std::string& key, const std::string& message) {
  if (!ok) problems_->add_at(region_of(key), key_path(key), message);
}

void TableReader::wrong_type(const std::string& key, const toml::node& node, const char* expected) {
  problems_->add_at(node.source(), key_path(key),
                    std::string("expected ") + expected + ", found " + type_name(node));
}

const toml::node* TableReader::fetch(const std::string& key, bool required,
                                     const std::string& expected) {
  used_.insert(key);
  const toml::node* node = table_->get(key);
  if (node && problems_->sources) {
    const auto& where = node->source();
    problems_->sources->record(
        key_path(key), Origin{where.path ? *where.path : problems_->file, where.begin.line});
  }
  if (!node && required) {
    problems_->add_at(table_->source(), key_path(key),
                      "missing required key (expected " + expected + ")");
  }
  return node;
}

template <class T, class Accepts>
std::optional<std::vector<T>> TableReader::array_of(const std::string& key, bool required,
                                                    const char* expected, Accepts accepts) {
  const toml::node* node = fetch(key, required, expected);
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array) {
    wrong_type(key, *node, expected);
    return std::nullopt;
  }
  std::vector<T> out;
  for (const toml::node& element : *array) {
    if (!accepts(element)) {
      wrong_type(key, element, expected);
      return std::nullopt;
    }
    out.push_back(*element.value<T>());
  }
  return out;
}

std::optional<double> TableReader::number(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "a number");
  if (!node) return std::nullopt;
  if (auto v = node->value<double>(); v && (node->is_integer() || node->is_floating_point()))
    return v;
  wrong_type(key, *node, "a number");
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "an integer");
  if (!node) return std::nullopt;
  if (node->is_integer()) return node->value<std::int64_t>();
  wrong_type(key, *node, "an integer");
  return std::nullopt;
}

std::optional<std::string> TableReader::string(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "a string");
  if (!node) return std::nullopt;
  if (node->is_string()) return node->value<std::string>();
  wrong_type(key, *node, "a string");
  return std::nullopt;
}

std::optional<TableReader> TableReader::table(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "a table");
  if (!node) return std::nullopt;
  if (const toml::table* t = node->as_table()) return TableReader(*t, key_path(key), *problems_);
  wrong_type(key, *node, "a table");
  return std::nullopt;
}

std::optional<std::vector<double>> TableReader::numbers(const std::string& key, bool required) {
  return array_of<double>(key, required, "an array of numbers", [](const toml::node& n) {
    return n.is_integer() || n.is_floating_point();
  });
}

std::optional<bool> TableReader::boolean(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "true or false");
  if (!node) return std::nullopt;
  if (node->is_boolean()) return node->value<bool>();
  wrong_type(key, *node, "true or false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string& key,
                                                             bool required) {
  return array_of<std::string>(key, required, "an array of strings",
                               [](const toml::node& n) { return n.is_string(); });
}

std::optional<toml::date> TableReader::date(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "a date such as 2025-09-08");
  if (!node) return std::nullopt;
  if (node->is_date()) return node->value<toml::date>();
  wrong_type(key, *node, "a date such as 2025-09-08");
  return std::nullopt;
}

std::optional<std::vector<toml::date>> TableReader::dates(const std::string& key, bool required) {
  return array_of<toml::date>(key, required, "an array of dates such as 2025-09-02",
                              [](const toml::node& n) { return n.is_date(); });
}

std::optional<toml::date_time> TableReader::date_time(const std::string& key, bool required) {
  const char* expected = "a local date-time such as 2025-07-01T07:30:00";
  const toml::node* node = fetch(key, required, expected);
  if (!node) return std::nullopt;
  if (node->is_date_time()) {
    const auto value = node->value<toml::date_time>();
    if (value && value->is_local()) return value;
    problems_->add_at(node->source(), key_path(key),
                      std::string("expected ") + expected + " without a time zone offset");
    return std::nullopt;
  }
  wrong_type(key, *node, expected);
  return std::nullopt;
}

std::optional<std::vector<TableReader>> TableReader::tables(const std::string& key, bool required) {
  const toml::node* node = fetch(key, required, "an array of tables ([[" + key + "]])");
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    wrong_type(key, *node, "an array of tables");
    return std::nullopt;
  }
  std::vector<TableReader> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& element = *array->get(i)->as_table();
    const auto path = key_path(key) + "[" + std::to_string(i) + "]";
    // The element's own [[key]] header, for problems about the element as a whole.
    const auto& where = element.source();
    if (problems_->sources)
      problems_->sources->record(
          path, Origin{where.path ? *where.path : problems_->file, where.begin.line});
    out.emplace_back(element, path, *problems_);
  }
  return out;
}

std::vector<std::string> TableReader::keys() {
  std::vector<std::string> out;
  for (const auto& [key, node] : *table_) {
    out.emplace_back(key.str());
    used_.insert(out.back());
  }
  return out;
}

void TableReader::finish() {
  for (const auto& [key, node] : *table_) {
    const std::string name(key.str());
    if (used_.count(name)) continue;
    std::string known;
    for (const auto& k : used_) known += (known.empty() ? "" : ", ") + k;
    problems_->add_at(node.source(), key_path(name),
                      "unknown key (expected one of: " + known + ")");
  }
}

}  // namespace sim::scenario
