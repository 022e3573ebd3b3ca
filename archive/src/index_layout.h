// How an index lies on disk: a folder of shards, each a Xapian database, tied together by a
// stub file that Xapian itself reads, so that readers open the folder as one database.
//
//   index/XAPIANDB      "auto shard-0\nauto shard-1\n"
//   index/shard-0/      glass database
//   index/shard-1/      glass database
//
// A dossier lives in the shard its id hashes to (shard_of), so replacing or removing it only
// ever touches that shard, and each shard can be written by its own thread. An index made
// by sohoa before shards existed is one glass database in the folder itself.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::index_layout {

constexpr std::string_view kStubFile = "XAPIANDB";
constexpr std::size_t kDefaultShards = 2;

enum class Kind {
  kNone,     // nothing yet (the folder may exist, empty)
  kSharded,  // the stub file and its shards
  kSingle,   // one database in the folder (before shards)
};
Kind kind_of(const std::filesystem::path& index);

// The shard folders the stub names, in order; empty if there is no stub or it names none.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& index);

// The shard of a dossier id among `shards`: FNV-1a of the id, stable across builds and
// machines (std::hash is not).
std::size_t shard_of(std::string_view id, std::size_t shards);

}  // namespace sohoa::index_layout
