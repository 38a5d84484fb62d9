-- CreateIndex
CREATE INDEX "Classification_topics_idx" ON "Classification" USING GIN ("topics" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "DocumentVersion_published_idx" ON "DocumentVersion"("published");
