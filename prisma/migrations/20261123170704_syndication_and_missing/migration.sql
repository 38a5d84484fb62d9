-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "missingCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "simhash" BIGINT,
ADD COLUMN     "simhashBands" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateIndex
CREATE INDEX "DocumentVersion_simhashBands_idx" ON "DocumentVersion" USING GIN ("simhashBands");
