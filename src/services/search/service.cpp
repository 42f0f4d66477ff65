#include "services/search/service.hpp"

#include <memory>

#include "adapters/bus/event_bus.hpp"
#include "adapters/sql/database.hpp"
#include "core/config.hpp"
#include "core/http/local_answers.hpp"
#include "core/log.hpp"
#include "services/search/api/routes.hpp"
#include "services/search/domain/searcher.hpp"
#include "services/search/store/postgres_fts_index.hpp"
#include "services/search/store/sqlite_fts_index.hpp"

namespace um::search {

namespace {

struct SearchService {
  SearchService(std::unique_ptr<SearchIndex> i, const Config& config)
      : index(std::move(i)), searcher(*index), answers(config.cacheMaxSize, config.cacheTtl) {}
  std::unique_ptr<SearchIndex> index;
  Searcher searcher;
  // Serialised answers, valid until the index changes.
  http::LocalAnswers answers;
};

std::unique_ptr<SearchIndex> makeIndex(ServiceContext& ctx) {
  if (!ctx.config.elasticsearchUrl.empty()) {
    log::warn("ELASTICSEARCH_URL is set but the Elasticsearch adapter is not built yet; "
              "searching with the relational store's full-text index");
  }
  if (ctx.database.dialect() == sql::Dialect::kPostgres) {
    return std::make_unique<PostgresFtsIndex>(ctx.database);
  }
  return std::make_unique<SqliteFtsIndex>(ctx.database);
}

}  // namespace

void registerSearchService(ServiceContext& ctx) {
  auto service = std::make_shared<SearchService>(makeIndex(ctx), ctx.config);
  api::registerRoutes(ctx.router, service->searcher, service->answers);

  // Fed only by the product service's events; documents carry revisions, so redelivered
  // or late events are ignored by the index itself.
  ctx.bus.subscribe("search", {"product", "inventory"}, [service](const bus::Event& event) {
    const auto payload = nlohmann::json::parse(event.payload, nullptr, false);
    if (payload.is_discarded()) {
      // A payload that never parses would block the product's outbox forever; skip it.
      log::error("search: unreadable event payload", {{"eventId", event.id}, {"type", event.type}});
      return;
    }
    // Cleared after the index changed, never before: see http::LocalAnswers.
    if (service->searcher.apply(event.type, payload)) service->answers.clear();
  });
  // Keeps the service alive with the process (routes hold references into it).
  ctx.lifecycle.onStart([service] {});
}

}  // namespace um::search
