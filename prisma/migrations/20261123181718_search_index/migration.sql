-- Full-text search over titles and bodies, English and Chinese (corpus/search.ts).
--
-- PostgreSQL has no Chinese parser, so silkwatch_search_text() rewrites every run of CJK
-- characters as its overlapping character bigrams ("中欧班列" → "中欧 欧班 班列"; a lone character
-- stays a unigram), drops CJK punctuation and keeps Latin text as it is. The search document is
-- then parsed with the 'english' configuration: English words are stemmed and stop words dropped,
-- while the bigrams pass through the English stemmer unchanged. Queries go through the same
-- function, so a Chinese query becomes its bigrams ANDed (a quoted one, a phrase of bigrams).
--
-- Hand-edited after scripts/new-migration.ts: Prisma cannot express a generated column, so
-- schema.prisma declares it as `search Unsupported("tsvector")?` (Prisma then never selects or
-- writes it) and this file makes it GENERATED ... STORED: existing rows are filled now, and every
-- INSERT (storeArticles' batched raw INSERT included) fills it without naming it.

-- The CJK ranges: Hiragana/Katakana, CJK Extension A, CJK Unified Ideographs, Compatibility
-- Ideographs, Hangul syllables. Punctuation: CJK Symbols and Punctuation and the full-width forms
-- that are not letters or digits.
CREATE OR REPLACE FUNCTION silkwatch_search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT regexp_replace(
           regexp_replace(
             regexp_replace(t, '[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+', ' ', 'g'),
             '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)', ' \1 ', 'g'),
           '(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])',
           '\1 \1', 'g')
$fn$;

-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce("title", ''))), 'A') ||
  setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce("body", ''))), 'B')
) STORED;

-- CreateIndex
CREATE INDEX "DocumentVersion_search_idx" ON "DocumentVersion" USING GIN ("search");
