#include "sohoa/pipeline/failures.h"

#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

namespace sohoa {
namespace {

using nlohmann::json;

json failure_json(const Failure& f) {
  json j = {{"kind", f.kind},
            {"input", f.input},
            {"split", f.split},
            {"file", f.file},
            {"page", f.page},
            {"reason", f.reason},
            {"hint", f.hint},
            {"first_seen", f.first_seen},
            {"last_tried", f.last_tried},
            {"attempts", f.attempts}};
  if (!f.dossier.empty()) {
    j["dossier"] = f.dossier;
    j["dossier_page"] = f.dossier_page;
  }
  if (!f.plugin.empty()) j["plugin"] = f.plugin;
  return j;
}

Failure failure_from(const json& j) {
  Failure f;
  f.kind = j.at("kind").get<std::string>();
  f.input = j.value("input", "");
  f.split = j.value("split", false);
  f.file = j.value("file", "");
  f.page = j.value("page", 0);
  f.dossier = j.value("dossier", "");
  f.dossier_page = j.value("dossier_page", 0);
  f.plugin = j.value("plugin", "");
  f.reason = j.value("reason", "");
  f.hint = j.value("hint", "");
  f.first_seen = j.value("first_seen", "");
  f.last_tried = j.value("last_tried", "");
  f.attempts = j.value("attempts", 1);
  return f;
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Failure::key() const {
  return kind + "\n" + input + "\n" + file + "\n" + std::to_string(page) + "\n" + dossier + "\n" +
         plugin;
}

Failure Failure::for_input(const std::string& input, bool split, std::string reason,
                           std::string hint) {
  Failure f;
  f.kind = "input";
  f.input = input;
  f.split = split;
  f.file = input;
  f.reason = std::move(reason);
  f.hint = hint.empty() ? "replace or repair the file, then run `sohoa ingest --retry-failed`"
                        : std::move(hint);
  return f;
}

Failure Failure::for_page(const std::string& input, bool split, const Page& page,
                          const std::string& dossier, std::string reason) {
  Failure f;
  f.kind = "page";
  f.input = input;
  f.split = split;
  f.file = page.source;
  f.page = page.source_page;
  f.dossier = dossier;
  f.dossier_page = page.number;
  f.reason = std::move(reason);
  f.hint = "run `sohoa ingest --retry-failed` to read the page again";
  return f;
}

Failure Failure::for_plugin(const std::string& input, bool split, const Dossier& dossier,
                            const std::string& plugin, const std::string& reason) {
  Failure f;
  f.kind = "plugin";
  f.input = input;
  f.split = split;
  f.file = dossier.sources.empty() ? input : dossier.sources.front();
  f.dossier = dossier.id;
  f.plugin = plugin;
  f.reason = "plugin " + plugin + " " + reason;
  f.hint = "fix or remove the plugin, then run `sohoa ingest --retry-failed`";
  return f;
}

Result<FailureLog> FailureLog::load(const Archive& archive) {
  FailureLog log(archive);
  const std::filesystem::path path = archive.root() / kFileName;
  std::ifstream in(path);
  if (!in) return log;
  try {
    const json j = json::parse(in);
    for (const json& f : j.at("failures")) log.entries_.push_back(failure_from(f));
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kCorrupt, path.string() + ": not a failure report: " + e.what(),
                      "move the file away; the next ingest starts a new report");
  }
  return log;
}

Status FailureLog::add(Failure failure) {
  const std::string now = utc_now();
  failure.last_tried = now;
  for (Failure& known : entries_) {
    if (known.key() != failure.key()) continue;
    failure.first_seen = known.first_seen;
    failure.attempts = known.attempts + 1;
    known = std::move(failure);
    return save();
  }
  failure.first_seen = now;
  failure.attempts = 1;
  entries_.push_back(std::move(failure));
  return save();
}

Status FailureLog::save() const {
  json list = json::array();
  for (const Failure& f : entries_) list.push_back(failure_json(f));
  return archive_->write_file(kFileName, json{{"failures", std::move(list)}}.dump(2) + "\n");
}

}  // namespace sohoa
