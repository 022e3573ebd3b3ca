// Deterministic random numbers for the sample generator.
//
// Every byte the generator writes must follow from the seed alone, on any standard library.
// std::mt19937_64 is fully specified by the C++ standard, but std::*_distribution is not, so
// all draws go through the small helpers below. Not thread-safe: one Rng per dossier.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <random>
#include <utility>
#include <vector>

namespace sohoa::samples {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  /// A seed for an independent stream, derived from `seed` and a stream number (splitmix64).
  static uint64_t derive(uint64_t seed, uint64_t stream);

  uint64_t next() { return engine_(); }
  /// Uniform integer in [lo, hi], both inclusive (rejection sampling, no modulo bias).
  int64_t uniform_int(int64_t lo, int64_t hi);
  /// Uniform index in [0, n). `n` must be positive.
  size_t index(size_t n) {
    return static_cast<size_t>(uniform_int(0, static_cast<int64_t>(n) - 1));
  }
  /// Uniform real in [0, 1) with 53 random bits.
  double uniform01();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  /// Normal deviate (Box-Muller).
  double normal(double mean, double sd);
  bool chance(double p) { return uniform01() < p; }
  /// Index drawn with the given (not necessarily normalised) weights.
  size_t weighted(std::initializer_list<double> weights);
  size_t weighted(const std::vector<double>& weights);

  template <class Container>
  const auto& pick(const Container& items) {
    return *std::next(std::begin(items), static_cast<std::ptrdiff_t>(index(std::size(items))));
  }

  template <class T>
  void shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[index(i)]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sohoa::samples
