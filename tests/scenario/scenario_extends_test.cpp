// `[scenario] extends`: chains to any depth, cycles refused with the chain named.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/scenario/scenario_extends.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::scenario::merge_extends;
using sim::scenario::Problem;

namespace {

struct Chain {
  fs::path dir = test_support::scratch_dir("extends");
  ~Chain() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
  /// Loads `name` and follows its extends; the problems, and the merged table on success.
  std::vector<Problem> load(const std::string& name, toml::table& root) const {
    std::vector<Problem> problems;
    const auto path = (dir / name).string();
    auto parsed = sim::scenario::parse_toml_file(path, problems);
    REQUIRE(parsed);
    root = std::move(*parsed);
    merge_extends(root, path, problems);
    return problems;
  }
};

}  // namespace

TEST_CASE("a chain of three files merges each over the one it extends", "[scenario]") {
  Chain c;
  c.write("c.toml", "[scenario]\nname = \"c\"\n[run]\ndays = 1\nseed = 1\nstart = 3\n");
  c.write("sub/b.toml", "[scenario]\nextends = \"../c.toml\"\nname = \"b\"\n[run]\nseed = 2\n");
  c.write("a.toml", "[scenario]\nextends = \"sub/b.toml\"\n[run]\ndays = 30\n");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  CHECK(problems.empty());
  CHECK(root.at_path("scenario.name").value<std::string>() == "b");  // b over c
  CHECK(root.at_path("run.days").value<int>() == 30);                // a over both
  CHECK(root.at_path("run.seed").value<int>() == 2);                 // b over c
  CHECK(root.at_path("run.start").value<int>() == 3);                // only in c
  CHECK_FALSE(root.at_path("scenario.extends"));
}

TEST_CASE("a chain of a hundred files is followed to its end", "[scenario]") {
  Chain c;
  c.write("f0.toml", "[scenario]\nname = \"root\"\n[run]\nf0 = 0\n");
  for (int i = 1; i < 100; ++i) {
    c.write("f" + std::to_string(i) + ".toml", "[scenario]\nextends = \"f" + std::to_string(i - 1) +
                                                   ".toml\"\n[run]\nf" + std::to_string(i) + " = " +
                                                   std::to_string(i) + "\n");
  }
  toml::table root;
  CHECK(c.load("f99.toml", root).empty());
  CHECK(root["run"].as_table()->size() == 100);
  CHECK(root.at_path("scenario.name").value<std::string>() == "root");
}

TEST_CASE("a file that extends itself is a cycle named at its extends line", "[scenario]") {
  Chain c;
  const auto a = c.write("a.toml", "[scenario]\nname = \"a\"\nextends = \"./a.toml\"\n");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == a);
  CHECK(problems[0].line == 3);
  CHECK(problems[0].key == "scenario.extends");
  CHECK(problems[0].message == "extends a file already in its chain, a cycle: " + a + " -> " +
                                   (c.dir / "./a.toml").lexically_normal().string());
  CHECK(root.at_path("scenario.extends"));  // left as it was
}

TEST_CASE("a cycle through two files is refused and the message names the chain", "[scenario]") {
  Chain c;
  const auto a = c.write("a.toml", "[scenario]\nextends = \"b.toml\"\n");
  const auto b = c.write("b.toml", "[scenario]\nextends = \"a.toml\"\n");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == b);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message.find(a + " -> " + b + " -> " + a) != std::string::npos);
}

TEST_CASE("a cycle through a symbolic link is found by file identity, not by name", "[scenario]") {
  Chain c;
  c.write("a.toml", "[scenario]\nextends = \"link.toml\"\n");
  fs::create_symlink(c.dir / "a.toml", c.dir / "link.toml");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("a cycle") != std::string::npos);
}

TEST_CASE("a missing base names the base and the file that extends it", "[scenario]") {
  Chain c;
  const auto a = c.write("a.toml", "[scenario]\nextends = \"gone.toml\"\n");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == (c.dir / "gone.toml").string());
  CHECK(problems[0].message == "cannot open scenario file (extended by " + a + ")");
}

TEST_CASE("an extends that is not a string is refused at its line", "[scenario]") {
  Chain c;
  c.write("a.toml", "[scenario]\nextends = 3\n");
  toml::table root;
  const auto problems = c.load("a.toml", root);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].key == "scenario.extends");
}
