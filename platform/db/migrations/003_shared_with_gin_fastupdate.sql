-- GIN's fast-update pending list is merged only by (auto)vacuum, and PGlite runs none: every row
-- inserted since start stayed in the list, and every scan of documents_shared_with_idx walked it
-- (≈5 ms per pull with 100,000 residents, for no rows). Write index entries directly instead;
-- shared_with is short and mostly empty, so inserts barely notice.
ALTER INDEX documents_shared_with_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('documents_shared_with_idx'::regclass);
