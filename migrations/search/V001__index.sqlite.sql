-- The search index on SQLite: documents (what a hit returns, plus the fields filters and
-- facets read) and an FTS5 table over their text, joined by doc_no = rowid.

CREATE TABLE search_documents (
  doc_no INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  -- The product's revision: an event older than what is stored is ignored, so redelivered
  -- or reordered events never roll a document back.
  revision INTEGER NOT NULL,
  active INTEGER NOT NULL,
  doc TEXT NOT NULL,  -- the public Product JSON, served as is
  name TEXT NOT NULL,
  brand TEXT NOT NULL,
  category_id TEXT NOT NULL,
  category_slug TEXT NOT NULL,
  category_name TEXT NOT NULL,
  category_path TEXT NOT NULL,  -- "/clothing/mens-clothing/": filters include sub-categories
  price INTEGER NOT NULL,
  stock INTEGER NOT NULL,
  popularity INTEGER NOT NULL,
  boost REAL NOT NULL,  -- popularity signal folded into relevance, precomputed
  created_at TEXT NOT NULL
);

CREATE INDEX search_documents_active ON search_documents (active, popularity);

CREATE VIRTUAL TABLE search_fts USING fts5(
  name, brand, category, description,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);

-- Every word ever indexed: what a misspelt query word is corrected against.
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY
);
