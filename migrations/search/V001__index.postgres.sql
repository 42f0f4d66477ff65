-- The search index on PostgreSQL full-text search (the fallback when no Elasticsearch is
-- configured): one table with a weighted tsvector and a GIN index over it.

CREATE TABLE search_documents (
  id TEXT PRIMARY KEY,
  -- The product's revision: an event older than what is stored is ignored, so redelivered
  -- or reordered events never roll a document back.
  revision BIGINT NOT NULL,
  active INTEGER NOT NULL,
  doc TEXT NOT NULL,  -- the public Product JSON, served as is
  name TEXT NOT NULL,
  brand TEXT NOT NULL,
  category_id TEXT NOT NULL,
  category_slug TEXT NOT NULL,
  category_name TEXT NOT NULL,
  category_path TEXT NOT NULL,  -- "/clothing/mens-clothing/": filters include sub-categories
  price BIGINT NOT NULL,
  stock BIGINT NOT NULL,
  popularity BIGINT NOT NULL,
  boost DOUBLE PRECISION NOT NULL,  -- popularity signal folded into relevance, precomputed
  created_at TEXT NOT NULL,
  tsv tsvector NOT NULL  -- name (A), brand and category (B), description (D)
);

CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
CREATE INDEX search_documents_active ON search_documents (active, popularity);

-- Every word ever indexed: what a misspelt query word is corrected against.
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY
);
