-- Indexes for search filters (corpus/search.ts): the newest current versions that pass the
-- filters are found without reading a tsvector — topics of classifications (GIN, jsonb_path_ops),
-- the publish date, and the document whose current version a version is.

-- CreateIndex
CREATE INDEX "Classification_topics_idx" ON "Classification" USING GIN ("topics" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Document_currentVersionId_idx" ON "Document"("currentVersionId");

-- CreateIndex
CREATE INDEX "DocumentVersion_published_idx" ON "DocumentVersion"("published");
