-- AlterTable
ALTER TABLE "Measure" ADD COLUMN     "seedDocument" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "DigestItem_eventId_idx" ON "DigestItem"("eventId");

-- CreateIndex
CREATE INDEX "Measure_parentId_idx" ON "Measure"("parentId");

-- CreateIndex
CREATE INDEX "PolicyEvent_documentId_idx" ON "PolicyEvent"("documentId");
