#pragma once

#include <string>

namespace um {

// A new UUIDv7 (RFC 9562): time-ordered, so ids sort by creation and keyset pagination and
// B-tree inserts stay cheap. Not a secret: tokens use core/crypto's CSPRNG instead.
std::string newId();

// 32 hex characters, for request ids.
std::string newRequestId();

}  // namespace um
