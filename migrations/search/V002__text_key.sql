-- A digest of what a document's full-text entry is made of (name, brand, description,
-- category, creation time). An event that changes none of it (a reservation moving stock,
-- an order moving popularity) updates the document's other columns and leaves its
-- full-text entry and the vocabulary alone.
ALTER TABLE search_documents ADD COLUMN text_key TEXT;
