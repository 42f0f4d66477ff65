#pragma once

// Money as a customer reads it in an email: "$12.50", "€1,234.00", "¥500", "12.50 CHF".

#include <cstdint>
#include <string>

namespace um::notification {

std::string formatMoney(std::int64_t minorUnits, const std::string& currency);

}  // namespace um::notification
