// Typed, checked access to a TOML table that records every problem and flags unknown keys.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/source_map.hpp"

namespace sim::scenario {

/// A TOML date as a calendar date (the model's Date).
inline std::chrono::year_month_day calendar_date(const toml::date& d) {
  return std::chrono::year{d.year} / std::chrono::month{d.month} / std::chrono::day{d.day};
}

/// The one TOML parser of the program: checks `text` against toml_limits (size, line length,
/// nesting depth) before parsing it, so that no input can exhaust the stack, then parses it.
/// Problems ("malformed TOML: ..." at its line, or the limit exceeded) name `path` and are
/// appended to `problems`; the result is then nullopt. Nodes remember `path` as their source.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      std::vector<Problem>& problems);

/// Reads a TOML file (see read_text_file; `what` names it in messages, e.g. "scenario file")
/// and parses it with parse_toml. With `text`, the file's bytes are stored there.
std::optional<toml::table> parse_toml_file(const std::string& path, std::vector<Problem>& problems,
                                           const std::string& what = "file",
                                           std::string* text = nullptr);

/// Accumulates problems for one file.
struct ProblemList {
  std::string file;
  std::vector<Problem> items;
  /// When set, every key a TableReader reads is recorded here with its file and line.
  SourceMap* sources = nullptr;
  void add(std::uint32_t line, std::string key, std::string message) {
    items.push_back(Problem{file, line, std::move(key), std::move(message)});
  }
  /// A problem at a TOML node: named by the file the node was read from, which differs from
  /// `file` for keys an overlay brought into the scenario.
  void add_at(const toml::source_region& where, std::string key, std::string message) {
    items.push_back(Problem{where.path ? *where.path : file, where.begin.line, std::move(key),
                            std::move(message)});
  }
};

/// Reads keys of one table. Each accessor checks the type and records a problem naming the
/// file, line and dotted key path instead of throwing, so that all problems of a file are
/// reported together. finish() reports keys that no accessor asked for (unknown keys).
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, ProblemList& problems);

  std::optional<double> number(const std::string& key, bool required);
  std::optional<std::int64_t> integer(const std::string& key, bool required);
  std::optional<std::string> string(const std::string& key, bool required);
  std::optional<TableReader> table(const std::string& key, bool required);
  /// An array of numbers; nullopt (and a problem) on a wrong element type.
  std::optional<std::vector<double>> numbers(const std::string& key, bool required);
  std::optional<bool> boolean(const std::string& key, bool required);
  std::optional<std::vector<std::string>> strings(const std::string& key, bool required);
  std::optional<toml::date> date(const std::string& key, bool required);
  std::optional<std::vector<toml::date>> dates(const std::string& key, bool required);
  /// A local date-time such as 2025-07-01T07:30:00; one with a time zone offset is refused,
  /// since the run's clock is the center's local time.
  std::optional<toml::date_time> date_time(const std::string& key, bool required);
  /// An array of tables ([[key]] blocks); nullopt when absent or wrong.
  std::optional<std::vector<TableReader>> tables(const std::string& key, bool required);
  bool has(const std::string& key) const { return table_->contains(key); }
  /// Every key of the table, marking them all as known (for free-form tables like skills).
  std::vector<std::string> keys();

  /// Records a problem at key (its line if present, else the table's line) when !ok.
  void check(bool ok, const std::string& key, const std::string& message);
  /// Reports unknown keys. Call once when done with the table.
  void finish();

  std::string key_path(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  std::uint32_t line_of(const std::string& key) const { return region_of(key).begin.line; }
  /// Where the key is (its file and line), or the table itself when the key is absent.
  const toml::source_region& region_of(const std::string& key) const;
  /// The file the key was read from (a base it extends, an overlay), or `fallback` for a key
  /// from the command line (--set): relative paths written at the key are relative to it.
  std::string file_of(const std::string& key, const std::string& fallback) const {
    const auto& where = region_of(key);
    return where.path && where.path->rfind("--set ", 0) != 0 ? *where.path : fallback;
  }
  ProblemList& problems() { return *problems_; }
  /// The table being read (for checks that need the source of whole blocks).
  const toml::table& node() const { return *table_; }

 private:
  const toml::node* fetch(const std::string& key, bool required, const std::string& expected);
  void wrong_type(const std::string& key, const toml::node& node, const char* expected);
  /// An array whose every element `accepts`; records a problem naming `expected` otherwise.
  template <class T, class Accepts>
  std::optional<std::vector<T>> array_of(const std::string& key, bool required,
                                         const char* expected, Accepts accepts);

  const toml::table* table_;
  std::string path_;
  ProblemList* problems_;
  std::set<std::string> used_;
};

}  // namespace sim::scenario
