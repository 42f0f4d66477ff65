#include "services/user/domain/user_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "services/auth/client.hpp"
#include "services/user/domain/address_rules.hpp"

namespace um::user {

namespace {

constexpr int kSaveAttempts = 5;

nlohmann::json optionalJson(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json updatedEvent(const Profile& p) {
  return {{"userId", p.userId}, {"name", p.name},       {"role", p.role},
          {"disabled", p.disabled}, {"version", p.version}, {"updatedAt", p.updatedAt}};
}

}  // namespace

nlohmann::json profileJson(const Profile& p, bool withAdminFields) {
  nlohmann::json out = {{"id", p.userId},     {"email", p.email},         {"name", p.name},
                        {"phone", optionalJson(p.phone)}, {"role", p.role},
                        {"createdAt", p.createdAt}, {"updatedAt", p.updatedAt}};
  if (withAdminFields) out["disabled"] = p.disabled;
  return out;
}

nlohmann::json addressJson(const Address& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"line1", a.line1},
          {"line2", optionalJson(a.line2)},
          {"city", a.city},
          {"region", optionalJson(a.region)},
          {"postalCode", optionalJson(a.postalCode)},
          {"country", a.country},
          {"phone", optionalJson(a.phone)},
          {"createdAt", a.createdAt},
          {"updatedAt", a.updatedAt}};
}

UserService::UserService(UserStore& store, const Clock& clock,
                         std::function<auth::Client*()> authClient)
    : store_(store), clock_(clock), authClient_(std::move(authClient)) {}

auth::Client* UserService::authClient() const { return authClient_ ? authClient_() : nullptr; }

void UserService::ensureProfile(const NewProfile& p) {
  const auto now = formatRfc3339(clock_.now());
  Profile profile{p.userId, p.email, p.name, std::nullopt, p.role, false, 1, now, now};
  if (store_.createProfile(profile)) log::info("profile created", {{"userId", p.userId}});
}

Profile UserService::profile(const std::string& userId) {
  auto p = store_.findProfile(userId);
  if (!p) throw Error::notFound("user");
  return *p;
}

Profile UserService::modifyProfile(const std::string& userId,
                                   const std::function<void(Profile&)>& change) {
  for (int attempt = 0; attempt < kSaveAttempts; ++attempt) {
    Profile p = profile(userId);
    const std::int64_t read = p.version;
    change(p);
    p.version = read + 1;
    p.updatedAt = formatRfc3339(clock_.now());
    if (!store_.saveProfile(p, read, {"user.updated", updatedEvent(p)})) continue;
    try {
      if (auto* auth = authClient()) auth->syncAccount({p.userId, p.name, p.role, p.disabled, p.version});
    } catch (const std::exception& e) {
      log::warn("auth sync deferred to the user.updated event",
                {{"userId", p.userId}, {"detail", e.what()}});
    }
    return p;
  }
  throw Error::conflict("concurrent_update", "the profile changed meanwhile; try again");
}

Profile UserService::updateProfile(const std::string& userId, const ProfilePatch& patch) {
  std::optional<std::string> name;
  if (patch.name) name = validName(*patch.name);
  std::optional<std::optional<std::string>> phone;
  if (patch.phone) phone = validPhone(*patch.phone);
  return modifyProfile(userId, [&](Profile& p) {
    if (name) p.name = *name;
    if (phone) p.phone = *phone;
  });
}

std::vector<Address> UserService::addresses(const std::string& userId) {
  return store_.listAddresses(userId);
}

std::optional<Address> UserService::findAddress(const std::string& userId,
                                               const std::string& addressId) {
  return store_.findAddress(userId, addressId);
}

Address UserService::addAddress(const std::string& userId, const AddressPatch& fields) {
  Address a = applyAddressPatch(Address{}, fields);
  a.id = newId();
  a.userId = userId;
  a.createdAt = a.updatedAt = formatRfc3339(clock_.now());
  if (!store_.findProfile(userId)) throw Error::notFound("user");
  if (!store_.insertAddress(a, kMaxAddressesPerUser)) {
    throw Error::conflict("address_limit_reached",
                          "at most " + std::to_string(kMaxAddressesPerUser) + " addresses per account");
  }
  return a;
}

Address UserService::updateAddress(const std::string& userId, const std::string& addressId,
                                   const AddressPatch& patch) {
  auto existing = store_.findAddress(userId, addressId);
  if (!existing) throw Error::notFound("address");  // another user's address is not found either
  Address a = applyAddressPatch(*existing, patch);
  a.updatedAt = formatRfc3339(clock_.now());
  if (!store_.updateAddress(a)) throw Error::notFound("address");
  return a;
}

void UserService::deleteAddress(const std::string& userId, const std::string& addressId) {
  if (!store_.deleteAddress(userId, addressId)) throw Error::notFound("address");
}

nlohmann::json UserService::exportData(const std::string& userId) {
  const Profile p = profile(userId);
  nlohmann::json addresses = nlohmann::json::array();
  for (const auto& a : store_.listAddresses(userId)) addresses.push_back(addressJson(a));
  nlohmann::json account = nullptr;
  if (auto* auth = authClient()) account = auth->exportAccount(userId);
  return {{"exportedAt", formatRfc3339(clock_.now())},
          {"profile", profileJson(p, true)},
          {"addresses", addresses},
          {"account", account}};
}

void UserService::erase(const std::string& userId) {
  const auto erasedAt = formatRfc3339(clock_.now());
  // The event names only the id: consumers (orders) anonymise what they hold for it.
  if (!store_.eraseProfile(userId, {"user.deleted", {{"userId", userId}, {"erasedAt", erasedAt}}})) {
    throw Error::notFound("user");
  }
  try {
    if (auto* auth = authClient()) auth->deleteAccount(userId);
  } catch (const std::exception& e) {
    log::warn("credential erasure deferred to the user.deleted event",
              {{"userId", userId}, {"detail", e.what()}});
  }
  log::info("user erased", {{"userId", userId}});
}

ProfilePage UserService::search(const std::optional<std::string>& query, int limit,
                                const std::optional<std::string>& cursor) {
  return store_.searchProfiles(query, limit, cursor);
}

Profile UserService::adminUpdate(const std::string& actorId, const std::string& userId,
                                 const std::optional<std::string>& role,
                                 const std::optional<bool>& disabled) {
  if (role && *role != "customer" && *role != "admin") {
    throw Error::validation("role", "must be customer or admin");
  }
  // An admin locking themselves out could leave the shop with no admin at all.
  if (actorId == userId && ((role && *role != "admin") || (disabled && *disabled))) {
    throw Error::conflict("cannot_modify_self", "admins cannot demote or disable themselves");
  }
  Profile p = modifyProfile(userId, [&](Profile& profile) {
    if (role) profile.role = *role;
    if (disabled) profile.disabled = *disabled;
  });
  log::info("user changed by admin",
            {{"userId", userId}, {"by", actorId}, {"role", p.role}, {"disabled", p.disabled}});
  return p;
}

}  // namespace um::user
