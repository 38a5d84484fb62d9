-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('live', 'gone');

-- CreateEnum
CREATE TYPE "MeasureOrigin" AS ENUM ('seed', 'crawled');

-- CreateEnum
CREATE TYPE "MeasureRelation" AS ENUM ('announces', 'updates', 'implements', 'mentions');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('NEW', 'UPDATED');

-- CreateEnum
CREATE TYPE "EventCause" AS ENUM ('new', 'supersedes', 'amended', 'withdrawn');

-- CreateEnum
CREATE TYPE "Cadence" AS ENUM ('immediate', 'daily', 'weekly');

-- CreateEnum
CREATE TYPE "DigestStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastCrawlAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "articlesFound" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" SERIAL NOT NULL,
    "canonicalUrl" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastCheckedAt" TIMESTAMP(3),
    "etag" TEXT,
    "lastModified" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'live',
    "currentVersionId" INTEGER,
    "clusterId" INTEGER,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RawSnapshot" (
    "sha256" TEXT NOT NULL,
    "gzip" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "contentType" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RawSnapshot_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "DocumentVersion" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published" DATE,
    "body" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "issuer" TEXT,
    "docNumber" TEXT,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rawSha256" TEXT NOT NULL,
    "extractorVersion" INTEGER NOT NULL,

    CONSTRAINT "DocumentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Classification" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "classifierVersion" TEXT NOT NULL,
    "relevant" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "topics" JSONB NOT NULL DEFAULT '[]',
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Classification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "terms" JSONB NOT NULL DEFAULT '[]',
    "negative" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "sectionPath" TEXT[],
    "topics" TEXT[],
    "aliases" JSONB NOT NULL DEFAULT '[]',
    "declaredCount" INTEGER,
    "parentId" TEXT,
    "origin" "MeasureOrigin" NOT NULL DEFAULT 'seed',
    "sourceVersionId" INTEGER,
    "supersedesId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureLink" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "measureId" TEXT NOT NULL,
    "relation" "MeasureRelation" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "MeasureLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyEvent" (
    "id" SERIAL NOT NULL,
    "kind" "EventKind" NOT NULL,
    "cause" "EventCause" NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "documentId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "changes" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "topics" TEXT[],
    "regions" TEXT[],
    "sources" TEXT[],
    "languages" TEXT[],
    "minScore" DOUBLE PRECISION,
    "cadence" "Cadence" NOT NULL,
    "tz" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "sendAt" TEXT NOT NULL DEFAULT '08:00',
    "weekday" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Digest" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" "DigestStatus" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "messageId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "outboxPath" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Digest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestItem" (
    "digestId" INTEGER NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,

    CONSTRAINT "DigestItem_pkey" PRIMARY KEY ("digestId","eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Document_canonicalUrl_key" ON "Document"("canonicalUrl");

-- CreateIndex
CREATE INDEX "Document_sourceId_idx" ON "Document"("sourceId");

-- CreateIndex
CREATE INDEX "Document_clusterId_idx" ON "Document"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentVersion_documentId_contentHash_key" ON "DocumentVersion"("documentId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentVersion_documentId_ordinal_key" ON "DocumentVersion"("documentId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "Classification_versionId_classifierVersion_key" ON "Classification"("versionId", "classifierVersion");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureLink_versionId_measureId_relation_key" ON "MeasureLink"("versionId", "measureId", "relation");

-- CreateIndex
CREATE INDEX "PolicyEvent_createdAt_idx" ON "PolicyEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyEvent_versionId_kind_key" ON "PolicyEvent"("versionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_email_key" ON "Subscriber"("email");

-- CreateIndex
CREATE INDEX "Digest_status_dueAt_idx" ON "Digest"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Digest_subscriptionId_periodKey_key" ON "Digest"("subscriptionId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "DigestItem_subscriptionId_eventId_key" ON "DigestItem"("subscriptionId", "eventId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVersion" ADD CONSTRAINT "DocumentVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureLink" ADD CONSTRAINT "MeasureLink_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyEvent" ADD CONSTRAINT "PolicyEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyEvent" ADD CONSTRAINT "PolicyEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Digest" ADD CONSTRAINT "Digest_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_digestId_fkey" FOREIGN KEY ("digestId") REFERENCES "Digest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestItem" ADD CONSTRAINT "DigestItem_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "PolicyEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
