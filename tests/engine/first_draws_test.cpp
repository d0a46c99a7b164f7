// Golden first draws of every distribution from a fixed keyed stream: any change to the
// generator, the key mapping or a sampler shows here before it shows in a reference output.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/engine/rng_stream.hpp"

using sim::engine::Distribution;
using sim::engine::RngStream;
using sim::engine::StreamSeed;

namespace {

const StreamSeed kSeed{20261206, 1, 2};

std::array<double, 4> first_four(const Distribution& d, std::uint64_t index) {
  RngStream rng(kSeed, {"pinned", index});
  std::array<double, 4> out{};
  for (double& x : out) x = d.sample(rng);
  return out;
}

// Uniform-based draws are exact (integer arithmetic and one scaling). Draws through log, exp
// or sqrt depend on libm, which promises about 1 ulp, not bitwise agreement across platforms:
// compare those to 1e-13 relative, far tighter than any change of generator or sampler.
void check_near(const std::array<double, 4>& got, const std::array<double, 4>& pinned) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("draw " << i);
    CHECK(got[i] == Approx(pinned[i]).epsilon(1e-13));
  }
}

}  // namespace

TEST_CASE("uniform01 and keyed_uniform give their pinned first draws", "[engine]") {
  RngStream u(kSeed, {"pinned.uniform01", 0});
  CHECK(u.uniform01() == 0x1.65200303687c3p-1);
  CHECK(u.uniform01() == 0x1.f1d2a1c2f77f3p-2);
  CHECK(u.uniform01() == 0x1.d83b16fd1161ap-1);
  CHECK(u.uniform01() == 0x1.ccd8981e907dp-4);
  CHECK(sim::engine::keyed_uniform(kSeed, {"pinned.keyed", 5}) == 0x1.7455f92a9ff57p-2);
}

TEST_CASE("uniform, triangular and empirical distributions give their pinned first draws",
          "[engine]") {
  const std::array<double, 4> uniform{0x1.613239d867e99p+1, 0x1.7250a26399f77p+0,
                                      0x1.9c3f2efb2d621p+0, 0x1.b81952eaf419dp+1};
  CHECK(first_four(Distribution::uniform(1.0, 4.0), 1) == uniform);
  check_near(
      first_four(Distribution::triangular(1.0, 2.0, 6.0), 2),
      {0x1.b830145f98b2ap+1, 0x1.475d4b929f002p+1, 0x1.3c6aee101071fp+1, 0x1.25e3bc203308ap+1});
  const std::array<double, 4> empirical{2.0, 2.0, 5.0, 1.0};
  CHECK(first_four(Distribution::empirical({1.0, 2.0, 5.0}, {0.2, 0.5, 0.3}), 7) == empirical);
}

TEST_CASE("exponential, lognormal, gamma and Erlang distributions give their pinned first draws",
          "[engine]") {
  check_near(
      first_four(Distribution::exponential(5.0), 0),
      {0x1.7960dc3c1ad46p+2, 0x1.2ba32f15e7ae5p-2, 0x1.0918b662802ffp+4, 0x1.5df92b6524587p+2});
  check_near(
      first_four(Distribution::lognormal_mean_sd(8.0, 4.0), 3),
      {0x1.7bc9252eee4ccp+2, 0x1.ba1c9509181efp+2, 0x1.0a87a242adad9p+3, 0x1.d0870036fbb6cp+2});
  check_near(
      first_four(Distribution::gamma(2.5, 3.0), 4),
      {0x1.1d199dc49041ap-1, 0x1.bf9fc55c92093p+3, 0x1.45490c1060126p+2, 0x1.003cc1e2ddf04p+3});
  // Shape below 1 takes Boost's other gamma branch.
  check_near(
      first_four(Distribution::gamma(0.6, 2.0), 5),
      {0x1.12bbaabb2ffd7p+0, 0x1.bd0a9704e4042p-4, 0x1.01e51709924f5p-3, 0x1.d7fc5785c4a0fp-2});
  check_near(
      first_four(Distribution::erlang(3, 9.0), 6),
      {0x1.e7e3604ea2e78p+2, 0x1.bc0f973b373ddp+2, 0x1.930045a12e1dep+2, 0x1.2a42054a1b22fp+3});
}
