#include "services/search/domain/text.hpp"

#include <algorithm>
#include <set>

namespace um::search {

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      current += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      current += static_cast<char>(c - 'A' + 'a');
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::vector<std::string> typoCandidates(const std::string& word) {
  if (word.size() < kMinTypoLength || word.size() > 40) return {};
  // Edits work on bytes: on a UTF-8 word they would cut characters in half and produce
  // invalid text (which PostgreSQL rejects), so only ASCII words get corrections.
  if (std::any_of(word.begin(), word.end(), [](unsigned char c) { return c >= 0x80; })) return {};
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::set<std::string> out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    out.insert(word.substr(0, i) + word.substr(i + 1));  // deletion
    if (i + 1 < word.size()) {                           // transposition
      auto t = word;
      std::swap(t[i], t[i + 1]);
      out.insert(t);
    }
    for (char c : kLetters) {  // substitution
      if (c == word[i]) continue;
      auto s = word;
      s[i] = c;
      out.insert(s);
    }
  }
  for (std::size_t i = 0; i <= word.size(); ++i) {  // insertion
    for (char c : kLetters) out.insert(word.substr(0, i) + c + word.substr(i));
  }
  out.erase(word);
  return {out.begin(), out.end()};
}

bool withinOneEdit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // transposition
  }
  return a.substr(i) == b.substr(i + 1);  // insertion into a
}

}  // namespace um::search
