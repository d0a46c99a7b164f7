// The one TOML parser: limits checked before parsing, malformed text reported at its line.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "sim/scenario/text_limits.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "tests/support/paths.hpp"

using sim::scenario::parse_toml;
using sim::scenario::parse_toml_file;
using sim::scenario::Problem;
using sim::scenario::toml_limits;
using sim::scenario::toml_nesting;

namespace {

std::string repeat(const std::string& piece, std::size_t n, const std::string& sep = "") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? sep : "") + piece;
  return out;
}

}  // namespace

TEST_CASE("a TOML file within the limits parses and its nodes name the file", "[scenario]") {
  std::vector<Problem> problems;
  const auto root = parse_toml("[a.b]\nc = [1, { d = 2 }]\n", "f.toml", problems);
  REQUIRE(root);
  CHECK(problems.empty());
  CHECK(*root->at_path("a.b.c")[1]["d"].value<int>() == 2);
  CHECK(*root->at_path("a.b").node()->source().path == "f.toml");
}

TEST_CASE("malformed TOML is reported with its file and line and nothing is returned",
          "[scenario]") {
  std::vector<Problem> problems;
  CHECK_FALSE(parse_toml("a = 1\nb = \n", "f.toml", problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "f.toml");
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message.rfind("malformed TOML: ", 0) == 0);
}

TEST_CASE("nesting depth counts header segments, dotted keys, arrays and inline tables",
          "[scenario]") {
  // By hand: [a.b] is 2 levels, c one more, the array one more, the inline table's dotted key
  // d.e two more: 6.
  CHECK(toml_nesting("[a.b]\nc = [ { d.e = 1 } ]\n").depth == 6);
  CHECK(toml_nesting("x = 1\n").depth == 1);
  CHECK(toml_nesting("[[a.b]]\nx = 1\n").depth == 4);
  // Brackets, dots and braces inside strings and comments are not structure.
  CHECK(toml_nesting("x = \"[[[{{a.b.c\" # [[[[ a.b.c\ny = '[[[['\nz = \"\"\"\n[[[.\n\"\"\"\n")
            .depth == 1);
  // Dots in numbers are not keys.
  CHECK(toml_nesting("x = [1.5, 2.5, 3.5, 4.5]\n").depth == 2);
  // The line of the deepest point is reported.
  CHECK(toml_nesting("a = 1\n\nb = [[[1]]]\n").line == 3);
}

TEST_CASE("a deeply nested table header is refused before parsing instead of crashing",
          "[scenario]") {
  // 60,000 segments used to overflow the stack (a segmentation fault in run and validate); the
  // line limit refuses that one, and 1,000 segments on a short line meet the depth limit.
  for (const std::size_t depth : {std::size_t{1000}, std::size_t{60000}}) {
    std::vector<Problem> problems;
    CHECK_FALSE(parse_toml("[" + repeat("a", depth, ".") + "]\n", "deep.toml", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 1);
  }
  std::vector<Problem> problems;
  CHECK_FALSE(parse_toml("[" + repeat("a", 65, ".") + "]\n", "deep.toml", problems));
  CHECK(problems.at(0).message ==
        "tables, arrays and dotted keys are nested 65 levels deep, more than the limit of 64");
  problems.clear();
  CHECK(parse_toml("[" + repeat("a", 64, ".") + "]\n", "deep.toml", problems));
}

TEST_CASE("deeply nested arrays and inline tables are refused at the depth limit", "[scenario]") {
  std::vector<Problem> problems;
  CHECK_FALSE(parse_toml("x = " + repeat("[", 200) + repeat("]", 200) + "\n", "f.toml", problems));
  CHECK_FALSE(
      parse_toml("x = " + repeat("{a=", 200) + "1" + repeat("}", 200) + "\n", "f.toml", problems));
  CHECK_FALSE(parse_toml(repeat("a", 100, ".") + " = 1\n", "f.toml", problems));
  CHECK(problems.size() == 3);
}

TEST_CASE("a line longer than the limit is refused with its line number", "[scenario]") {
  std::vector<Problem> problems;
  const std::string text = "a = 1\nb = \"" + std::string(toml_limits.max_line_bytes, 'x') + "\"\n";
  CHECK_FALSE(parse_toml(text, "long.toml", problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message.find("longer than the limit of 65536 bytes") != std::string::npos);
}

TEST_CASE("a file larger than the limit is refused without being read whole", "[scenario]") {
  std::vector<Problem> problems;
  // /dev/zero never ends: only the limit can stop the read.
  CHECK_FALSE(parse_toml_file("/dev/zero", problems, "scenario file"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "scenario file is larger than the limit of 4194304 bytes");
}

TEST_CASE("a folder or a missing file is named as what it should have been", "[scenario]") {
  std::vector<Problem> problems;
  CHECK_FALSE(parse_toml_file(test_support::repo_path("scenarios"), problems, "overlay file"));
  CHECK_FALSE(parse_toml_file("/nonexistent/x.toml", problems, "scenario file"));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].message == "is a folder, expected an overlay file");
  CHECK(problems[1].message == "cannot open scenario file");
}

TEST_CASE("every shipped TOML file is well within the limits", "[scenario]") {
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(test_support::repo_path("scenarios"))) {
    if (entry.path().extension() != ".toml") continue;
    std::vector<Problem> problems;
    INFO(entry.path());
    CHECK(parse_toml_file(entry.path().string(), problems));
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(toml_nesting(text).depth <= toml_limits.max_depth / 4);
  }
}
