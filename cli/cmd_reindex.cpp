// sohoa reindex [--archive DIR] [--wait SECONDS]: rebuild the search index from the records.
//
// Every record is added (replacing its document), documents whose record is gone are removed,
// and the index is committed. Xapian commits atomically: a reindex killed at any moment
// leaves the index as it was at its last commit, and running it again finishes the job.
#include <iostream>
#include <set>

#include "command.h"
#include "sohoa/archive/index.h"

namespace sohoa::cli {
namespace {

constexpr int kCommitEvery = 500;  // dossiers between commits: bounds memory, keeps progress

}  // namespace

void register_reindex(CLI::App& app, int& exit_code) {
  struct Options {
    std::string archive;
    double wait = 10;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("reindex", "rebuild the search index from the records");
  add_archive_option(*cmd, opts->archive);
  add_wait_option(*cmd, opts->wait);
  cmd->callback([opts, &exit_code] {
    Result<Archive> archive = open_archive(opts->archive, Archive::Mode::kOpenExisting);
    if (!archive) {
      exit_code = print_error(archive.error());
      return;
    }
    Result<IndexWriter> index =
        IndexWriter::open(archive->index_path(), IndexWriterOptions{opts->wait, true});
    if (!index) {
      exit_code = print_error(index.error());
      return;
    }
    if (Status s = archive->clean_tmp(); !s) {
      exit_code = print_error(s.error());
      return;
    }
    Result<std::vector<std::string>> ids = archive->list_ids();
    if (!ids) {
      exit_code = print_error(ids.error());
      return;
    }
    exit_code = kExitOk;
    // Records are read and their documents built on worker threads while this thread adds
    // them to the index (IndexWriter::add_all).
    int done = 0;
    Status commit_status;
    const Status added = index->add_all(
        ids->size(), [&](std::size_t i) { return archive->load_record((*ids)[i]); },
        [&](std::size_t, const Status& s) {
          if (!s) {
            exit_code = print_error(s.error());
            return true;
          }
          if (++done % kCommitEvery == 0) {
            commit_status = index->commit();
            if (!commit_status) return false;
            std::cout << "indexed " << done << " of " << ids->size() << std::endl;
          }
          return true;
        });
    if (!added || !commit_status) {
      exit_code = print_error((!added ? added : commit_status).error());
      return;
    }
    const std::set<std::string> records(ids->begin(), ids->end());
    Result<std::vector<std::string>> indexed = index->ids();
    if (!indexed) {
      exit_code = print_error(indexed.error());
      return;
    }
    int removed = 0;
    for (const std::string& id : *indexed) {
      if (records.count(id)) continue;
      if (Status s = index->remove(id); !s) {
        exit_code = print_error(s.error());
        return;
      }
      ++removed;
    }
    if (Status s = index->commit(); !s) {
      exit_code = print_error(s.error());
      return;
    }
    std::cout << done << " dossiers indexed";
    if (removed > 0) std::cout << ", " << removed << " entries without a record removed";
    std::cout << "\n";
  });
}

}  // namespace sohoa::cli
