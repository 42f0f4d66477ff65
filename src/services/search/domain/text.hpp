#pragma once

// Text handling shared by indexing and querying, so both see the same words.

#include <string>
#include <string_view>
#include <vector>

namespace um::search {

// Lowercase words: ASCII letters and digits, split on everything else; bytes of UTF-8
// sequences stay inside words (as FTS5's unicode61 and PostgreSQL's parser keep them).
std::vector<std::string> tokenize(std::string_view text);

// Words one edit away from `word`: one letter deleted, inserted, replaced, or two
// neighbours swapped (Damerau). Only for words of kMinTypoLength letters or more: shorter
// words have too many neighbours for a correction to be a good guess. ASCII words only.
inline constexpr std::size_t kMinTypoLength = 5;
std::vector<std::string> typoCandidates(const std::string& word);

// True when a and b are at most one such edit apart.
bool withinOneEdit(std::string_view a, std::string_view b);

}  // namespace um::search
