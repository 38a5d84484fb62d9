-- DropIndex
DROP INDEX "PolicyEvent_versionId_kind_key";

-- CreateIndex
CREATE UNIQUE INDEX "PolicyEvent_versionId_kind_cause_key" ON "PolicyEvent"("versionId", "kind", "cause");
