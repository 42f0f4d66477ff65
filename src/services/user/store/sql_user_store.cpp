#include "services/user/store/sql_user_store.hpp"

#include "adapters/bus/outbox.hpp"

namespace um::user {

namespace {

constexpr const char* kProfileColumns =
    "user_id, email, name, phone, role, disabled, version, created_at, updated_at";
constexpr const char* kAddressColumns =
    "id, user_id, name, line1, line2, city, region, postal_code, country, phone, created_at, "
    "updated_at";

sql::Value nullable(const std::optional<std::string>& v) {
  return v ? sql::Value(*v) : sql::Value(nullptr);
}

Profile profileFrom(const sql::Row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::optional<std::string>>(3), r.get<std::string>(4), r.get<bool>(5),
          r.get<std::int64_t>(6), r.get<std::string>(7), r.get<std::string>(8)};
}

Address addressFrom(const sql::Row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
          r.get<std::string>(3), r.get<std::optional<std::string>>(4), r.get<std::string>(5),
          r.get<std::optional<std::string>>(6), r.get<std::optional<std::string>>(7),
          r.get<std::string>(8), r.get<std::optional<std::string>>(9), r.get<std::string>(10),
          r.get<std::string>(11)};
}

// LIKE treats % and _ as wildcards; a search for "50%_off" means those characters.
std::string likePattern(const std::string& query) {
  std::string out = "%";
  for (char c : query) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out + "%";
}

}  // namespace

bool SqlUserStore::createProfile(const Profile& p) {
  return db_.transaction([&](sql::Transaction& tx) {
    if (!tx.execute("SELECT 1 FROM erased_users WHERE user_id = $1", {p.userId}).empty()) {
      return false;
    }
    return tx.execute(std::string("INSERT INTO profiles (") + kProfileColumns +
                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
                      {p.userId, p.email, p.name, nullable(p.phone), p.role, p.disabled,
                       p.version, p.createdAt, p.updatedAt})
               .affectedRows == 1;
  });
}

std::optional<Profile> SqlUserStore::findProfile(const std::string& userId) {
  const auto result = db_.execute(
      std::string("SELECT ") + kProfileColumns + " FROM profiles WHERE user_id = $1", {userId});
  if (result.empty()) return std::nullopt;
  return profileFrom(result.rows.front());
}

bool SqlUserStore::saveProfile(const Profile& p, std::int64_t expectedVersion,
                               const OutboxEvent& event) {
  return db_.transaction([&](sql::Transaction& tx) {
    const auto updated = tx.execute(
        "UPDATE profiles SET name = $2, phone = $3, role = $4, disabled = $5, version = $6, "
        "updated_at = $7 WHERE user_id = $1 AND version = $8",
        {p.userId, p.name, nullable(p.phone), p.role, p.disabled, p.version, p.updatedAt,
         expectedVersion});
    if (updated.affectedRows != 1) return false;
    bus::Outbox::append(tx, event.type, p.userId, event.payload);
    return true;
  });
}

bool SqlUserStore::eraseProfile(const std::string& userId, const OutboxEvent& event) {
  return db_.transaction([&](sql::Transaction& tx) {
    tx.execute("DELETE FROM addresses WHERE user_id = $1", {userId});
    const auto deleted = tx.execute("DELETE FROM profiles WHERE user_id = $1", {userId});
    if (deleted.affectedRows != 1) return false;
    tx.execute("INSERT INTO erased_users (user_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
               {userId, event.payload.value("erasedAt", std::string())});
    bus::Outbox::append(tx, event.type, userId, event.payload);
    return true;
  });
}

ProfilePage SqlUserStore::searchProfiles(const std::optional<std::string>& query, int limit,
                                         const std::optional<std::string>& cursor) {
  std::string filter = " WHERE 1 = 1";
  sql::Params params;
  if (query && !query->empty()) {
    params.emplace_back(likePattern(*query));
    filter += " AND (lower(email) LIKE $1 ESCAPE '\\' OR lower(name) LIKE $1 ESCAPE '\\')";
  }
  ProfilePage page;
  page.total = db_.execute("SELECT COUNT(*) FROM profiles" + filter, params).one().get<std::int64_t>(0);

  std::string sql = std::string("SELECT ") + kProfileColumns + " FROM profiles" + filter;
  if (cursor) {
    params.emplace_back(*cursor);
    sql += " AND user_id > $" + std::to_string(params.size());
  }
  params.emplace_back(std::int64_t{limit} + 1);  // one more tells whether a next page exists
  sql += " ORDER BY user_id LIMIT $" + std::to_string(params.size());
  for (const auto& row : db_.execute(sql, params).rows) page.items.push_back(profileFrom(row));
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.nextCursor = page.items.back().userId;
  }
  return page;
}

std::vector<Address> SqlUserStore::listAddresses(const std::string& userId) {
  std::vector<Address> out;
  for (const auto& row :
       db_.execute(std::string("SELECT ") + kAddressColumns +
                       " FROM addresses WHERE user_id = $1 ORDER BY created_at, id",
                   {userId})
           .rows) {
    out.push_back(addressFrom(row));
  }
  return out;
}

std::optional<Address> SqlUserStore::findAddress(const std::string& userId,
                                                 const std::string& addressId) {
  const auto result =
      db_.execute(std::string("SELECT ") + kAddressColumns +
                      " FROM addresses WHERE id = $1 AND user_id = $2",
                  {addressId, userId});
  if (result.empty()) return std::nullopt;
  return addressFrom(result.rows.front());
}

bool SqlUserStore::insertAddress(const Address& a, std::int64_t maxPerUser) {
  return db_.transaction([&](sql::Transaction& tx) {
    const auto count = tx.execute("SELECT COUNT(*) FROM addresses WHERE user_id = $1", {a.userId})
                           .one()
                           .get<std::int64_t>(0);
    if (count >= maxPerUser) return false;
    tx.execute(std::string("INSERT INTO addresses (") + kAddressColumns +
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
               {a.id, a.userId, a.name, a.line1, nullable(a.line2), a.city, nullable(a.region),
                nullable(a.postalCode), a.country, nullable(a.phone), a.createdAt, a.updatedAt});
    return true;
  });
}

bool SqlUserStore::updateAddress(const Address& a) {
  return db_
             .execute(
                 "UPDATE addresses SET name = $3, line1 = $4, line2 = $5, city = $6, region = $7, "
                 "postal_code = $8, country = $9, phone = $10, updated_at = $11 "
                 "WHERE id = $1 AND user_id = $2",
                 {a.id, a.userId, a.name, a.line1, nullable(a.line2), a.city, nullable(a.region),
                  nullable(a.postalCode), a.country, nullable(a.phone), a.updatedAt})
             .affectedRows == 1;
}

bool SqlUserStore::deleteAddress(const std::string& userId, const std::string& addressId) {
  return db_.execute("DELETE FROM addresses WHERE id = $1 AND user_id = $2", {addressId, userId})
             .affectedRows == 1;
}

}  // namespace um::user
