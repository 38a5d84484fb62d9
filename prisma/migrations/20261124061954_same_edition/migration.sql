-- AlterTable
ALTER TABLE "Classification" ADD COLUMN     "editionOf" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Classification_editionOf_idx" ON "Classification" USING GIN ("editionOf");

-- CreateIndex
CREATE INDEX "MeasureLink_measureId_idx" ON "MeasureLink"("measureId");
