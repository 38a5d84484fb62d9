-- Word pairs in the search document, so that a quoted phrase of common words is answered by the
-- GIN index instead of by reading every row that holds all of its words (corpus/search.ts).
--
-- GIN keeps lexemes, not their positions: for `"free zone"` ('free' <-> 'zone') it can only
-- return the rows holding both words and recheck each one's positions. When both words are common
-- that is most of the table (6 s at 1,000,000 versions). So the search document now also holds one
-- extra lexeme per pair of Latin lexemes at adjacent positions, 'free zone' (the two lexemes and a
-- space, which no parsed lexeme can contain), and the query ANDs the pairs of its quoted phrases.
-- A row matches 'a' <-> 'b' only if its tsvector has 'a' at some position p and 'b' at p+1, that
-- is only if it holds the pair 'a b': the pairs narrow the index's candidates to the rows holding
-- the phrase and never drop one of them; the phrase itself is still rechecked. Pairs are computed
-- from the final, weighted document (title then body), so they agree with the phrase operator
-- position for position. A document whose pairs cannot all be stored (a pair longer than a lexeme
-- may be, 2,047 bytes, or pairs that would take the tsvector past its 1 MB limit) gets the marker
-- lexeme ' unpaired' instead, and the query accepts the marker in place of the pairs, so such a
-- document is still found (by its recheck). Chinese is left as it is (its bigrams already make runs
-- selective). Pair lexemes carry no positions: ranking drops them (ts_filter) and ts_headline
-- never sees them.
--
-- Hand-written (the Prisma schema does not change: the column stays `Unsupported("tsvector")`).
-- Re-creating a generated column rewrites the table once: minutes per million versions.

CREATE OR REPLACE FUNCTION silkwatch_search_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  WITH pos AS (
    SELECT lexeme, unnest(positions) AS pos FROM unnest(v)
     WHERE lexeme !~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'),
  pairs AS (SELECT DISTINCT a.lexeme || ' ' || b.lexeme AS l FROM pos a JOIN pos b ON b.pos = a.pos + 1)
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM pairs) THEN ''::tsvector
    WHEN (SELECT max(octet_length(l)) > 2047 OR sum(octet_length(l) + 8) > 400000 FROM pairs) THEN array_to_tsvector(ARRAY[' unpaired'])
    ELSE (SELECT array_to_tsvector(array_agg(l)) FROM pairs)
  END
$fn$;

-- The search document of a title and body: the weighted words, then their pairs (or the marker,
-- when both would not fit in one tsvector).
CREATE OR REPLACE FUNCTION silkwatch_search_document(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN pg_column_size(d) + pg_column_size(p) < 1000000 THEN d || p ELSE d || array_to_tsvector(ARRAY[' unpaired']) END
    FROM (SELECT setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce(title, ''))), 'A') ||
                 setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce(body, ''))), 'B') AS d) w,
         LATERAL (SELECT silkwatch_search_pairs(w.d) AS p) x
$fn$;

-- A lexeme as a tsquery operand: quoted, its quotes and backslashes escaped.
CREATE OR REPLACE FUNCTION silkwatch_tsquery_operand(l text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT '''' || replace(replace(l, '\', '\\'), '''', '\''') || ''''
$fn$;

-- A query narrowed by its quoted phrases' pairs: q & ((every pair of every phrase) | ' unpaired').
-- Each phrase is paired on its own (no pair across two phrases). Phrases without pairs (one word,
-- stop words between the words, Chinese) leave the query as it is. The caller passes only phrases
-- that must all match (none under `or`, none negated).
CREATE OR REPLACE FUNCTION silkwatch_phrase_query(q tsquery, phrases text[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE WHEN count(*) = 0 THEN q
    ELSE q && (string_agg(DISTINCT silkwatch_tsquery_operand(l), ' & ')::tsquery || silkwatch_tsquery_operand(' unpaired')::tsquery) END
    FROM unnest(phrases) ph,
         unnest(tsvector_to_array(silkwatch_search_pairs(to_tsvector('english'::regconfig, silkwatch_search_text(ph))))) l
   WHERE l <> ' unpaired'
$fn$;

-- AlterTable: the same column, now with the pairs (dropping it drops its index).
ALTER TABLE "DocumentVersion" DROP COLUMN "search";
ALTER TABLE "DocumentVersion" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (silkwatch_search_document("title", "body")) STORED;

-- CreateIndex
CREATE INDEX "DocumentVersion_search_idx" ON "DocumentVersion" USING GIN ("search");
