#include "services/notification/domain/template_engine.hpp"

#include <vector>

namespace um::notification {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// A name resolves against the innermost context that has its first segment, as in Mustache.
const nlohmann::json* lookup(const std::vector<const nlohmann::json*>& stack, const std::string& name) {
  if (name == ".") return stack.back();
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    const nlohmann::json* node = *it;
    if (!node->is_object() || !node->contains(parts[0])) continue;
    node = &(*node)[parts[0]];
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (!node->is_object() || !node->contains(parts[i])) return nullptr;
      node = &(*node)[parts[i]];
    }
    return node;
  }
  return nullptr;
}

std::string scalarText(const nlohmann::json* v) {
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
  if (v->is_number()) return v->dump();
  return "";
}

bool truthy(const nlohmann::json* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_array() || v->is_object()) return !v->empty();
  if (v->is_number_integer()) return v->get<std::int64_t>() != 0;
  if (v->is_number()) return v->get<double>() != 0.0;
  return true;
}

class Renderer {
 public:
  Renderer(std::string_view text, Escape escape) : text_(text), escape_(escape) {}

  std::string run(const nlohmann::json& values) {
    std::vector<const nlohmann::json*> stack{&values};
    std::string out;
    const std::size_t end = renderUntil(0, "", stack, out, true);
    if (end != text_.size()) throw TemplateError("unexpected closing tag");
    return out;
  }

 private:
  // Renders from `pos` until the {{/section}} closing `section` (or the end when section is
  // empty); returns the position after the closing tag. `emit` false skips output (the
  // body of a section that is not shown still has to be walked to find its end).
  std::size_t renderUntil(std::size_t pos, const std::string& section,
                          std::vector<const nlohmann::json*>& stack, std::string& out, bool emit) {
    while (pos < text_.size()) {
      const auto open = text_.find("{{", pos);
      if (open == std::string_view::npos) {
        if (emit) out.append(text_.substr(pos));
        pos = text_.size();
        break;
      }
      if (emit) out.append(text_.substr(pos, open - pos));
      const bool triple = text_.substr(open, 3) == "{{{";
      const auto close = text_.find(triple ? "}}}" : "}}", open);
      if (close == std::string_view::npos) throw TemplateError("unclosed tag");
      const std::string_view inner = text_.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
      pos = close + (triple ? 3 : 2);
      if (triple) {
        if (emit) out += scalarText(lookup(stack, trim(inner)));
        continue;
      }
      if (inner.empty()) throw TemplateError("empty tag");
      const char kind = inner.front();
      if (kind == '/') {
        if (trim(inner.substr(1)) != section) throw TemplateError("mismatched closing tag");
        return pos;
      }
      if (kind == '!') continue;  // a comment
      if (kind == '#' || kind == '^') {
        const std::string name = trim(inner.substr(1));
        const nlohmann::json* value = lookup(stack, name);
        const bool inverted = kind == '^';
        std::size_t after = pos;
        if (!emit || inverted) {
          const bool show = emit && !truthy(value);
          after = renderUntil(pos, name, stack, out, show);
        } else if (value && value->is_array()) {
          if (value->empty()) after = renderUntil(pos, name, stack, out, false);
          for (const auto& element : *value) {
            stack.push_back(&element);
            after = renderUntil(pos, name, stack, out, true);
            stack.pop_back();
          }
        } else if (truthy(value)) {
          stack.push_back(value);
          after = renderUntil(pos, name, stack, out, true);
          stack.pop_back();
        } else {
          after = renderUntil(pos, name, stack, out, false);
        }
        pos = after;
        continue;
      }
      if (emit) {
        const std::string text = scalarText(lookup(stack, trim(inner)));
        out += escape_ == Escape::kHtml ? escapeHtml(text) : text;
      }
    }
    if (!section.empty()) throw TemplateError("unclosed section '" + section + "'");
    return pos;
  }

  std::string_view text_;
  Escape escape_;
};

}  // namespace

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderTemplate(std::string_view text, const nlohmann::json& values, Escape escape) {
  return Renderer(text, escape).run(values);
}

}  // namespace um::notification
