#include "services/user/domain/address_rules.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "services/user/domain/country_codes.hpp"

namespace um::user {
namespace {

AddressPatch valid() {
  AddressPatch p;
  p.name = std::optional<std::string>("Ann Smith");
  p.line1 = std::optional<std::string>("1 Main St");
  p.city = std::optional<std::string>("Springfield");
  p.postalCode = std::optional<std::string>("12345");
  p.country = std::optional<std::string>("US");
  return p;
}

// The field a rejected patch is blamed on ("" when accepted).
std::string rejectedField(const AddressPatch& p, Address base = {}) {
  try {
    applyAddressPatch(std::move(base), p);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kValidation);
    return e.field().value_or("?");
  }
}

TEST(AddressRulesTest, AcceptsAMinimalAddressAndTrims) {
  auto p = valid();
  p.city = std::optional<std::string>("  Springfield ");
  const auto a = applyAddressPatch({}, p);
  EXPECT_EQ(a.city, "Springfield");
  EXPECT_FALSE(a.line2.has_value());
  EXPECT_EQ(a.country, "US");
}

TEST(AddressRulesTest, RequiresNameLine1CityAndCountry) {
  for (auto member : {&AddressPatch::name, &AddressPatch::line1, &AddressPatch::city,
                      &AddressPatch::country}) {
    auto p = valid();
    p.*member = std::nullopt;
    EXPECT_NE(rejectedField(p), "");
    p.*member = std::optional<std::string>("   ");
    EXPECT_NE(rejectedField(p), "");
  }
  auto p = valid();
  p.line1 = std::nullopt;
  EXPECT_EQ(rejectedField(p), "line1");
}

TEST(AddressRulesTest, CountryMustBeAnAssignedAlpha2Code) {
  auto p = valid();
  for (const char* bad : {"USA", "U", "XX", "ZZ", "1A", "UK"}) {
    p.country = std::optional<std::string>(bad);
    EXPECT_EQ(rejectedField(p), "country") << bad;
  }
  p.country = std::optional<std::string>("gb");
  EXPECT_EQ(applyAddressPatch({}, p).country, "GB");
  EXPECT_TRUE(isIsoCountryCode("AX"));
  EXPECT_FALSE(isIsoCountryCode("EU"));
}

TEST(AddressRulesTest, PostalCodeRequiredExceptWhereThereIsNone) {
  auto p = valid();
  p.postalCode = std::nullopt;
  EXPECT_EQ(rejectedField(p), "postalCode");
  p.country = std::optional<std::string>("HK");
  EXPECT_EQ(rejectedField(p), "");
  p.country = std::optional<std::string>("US");
  p.postalCode = std::optional<std::string>("12345<script>");
  EXPECT_EQ(rejectedField(p), "postalCode");
}

TEST(AddressRulesTest, RefusesOverLongFieldsAndControlCharacters) {
  auto p = valid();
  p.line1 = std::optional<std::string>(std::string(201, 'a'));
  EXPECT_EQ(rejectedField(p), "line1");
  p = valid();
  p.line2 = std::optional<std::string>("flat 2\nInjected: header");
  EXPECT_EQ(rejectedField(p), "line2");
  p = valid();
  p.name = std::optional<std::string>(std::string(100, 'a'));
  EXPECT_EQ(rejectedField(p), "");
}

TEST(AddressRulesTest, CountsCharactersNotBytes) {
  auto p = valid();
  std::string city;
  for (int i = 0; i < 100; ++i) city += "\xc3\xa9";  // 100 × "é", 200 bytes
  p.city = std::optional<std::string>(city);
  EXPECT_EQ(rejectedField(p), "");
}

TEST(AddressRulesTest, PhoneNumbersAreChecked) {
  auto p = valid();
  p.phone = std::optional<std::string>("+1 (555) 010-9999");
  EXPECT_EQ(rejectedField(p), "");
  p.phone = std::optional<std::string>("call me");
  EXPECT_EQ(rejectedField(p), "phone");
  p.phone = std::optional<std::string>("1+2345");
  EXPECT_EQ(rejectedField(p), "phone");
}

TEST(AddressRulesTest, PatchKeepsAbsentFieldsAndClearsNulledOnes) {
  auto p = valid();
  p.line2 = std::optional<std::string>("Apt 4");
  const Address base = applyAddressPatch({}, p);

  AddressPatch patch;
  patch.city = std::optional<std::string>("Shelbyville");
  patch.line2 = std::optional<std::string>();  // sent as null
  const auto changed = applyAddressPatch(base, patch);
  EXPECT_EQ(changed.city, "Shelbyville");
  EXPECT_EQ(changed.line1, "1 Main St");
  EXPECT_FALSE(changed.line2.has_value());

  AddressPatch clearRequired;
  clearRequired.name = std::optional<std::string>();
  EXPECT_EQ(rejectedField(clearRequired, base), "name");
}

}  // namespace
}  // namespace um::user
