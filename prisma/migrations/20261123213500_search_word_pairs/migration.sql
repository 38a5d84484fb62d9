-- Word pairs in the search document, so that a quoted phrase of common words is answered by the
-- GIN index instead of by reading every row that holds all of its words (corpus/search.ts).
--
-- GIN keeps lexemes, not their positions: for `"free zone"` ('free' <-> 'zone') it can only
-- return the rows holding both words and recheck each one's positions. When both words are common
-- that is most of the table (6 s at 1,000,000 versions). So the search document now also holds one
-- extra lexeme per pair of Latin lexemes at adjacent positions, 'free zone' (the two lexemes and a
-- space, which no parsed lexeme can contain), and the query adds the pairs of its quoted phrases.
-- A row matches 'a' <-> 'b' exactly when its tsvector has 'a' at some position p and 'b' at p+1,
-- which is exactly when it holds the pair 'a b': the pairs narrow the index's candidates to the
-- rows holding the phrase and never drop one of them. Pairs are computed from the final, weighted
-- document (title then body), so they agree with the phrase operator position for position.
-- Chinese is left as it is (its bigrams already make runs selective); pair lexemes carry no
-- positions, so ranking and ts_headline are unchanged.
--
-- Hand-written (the Prisma schema does not change: the column stays `Unsupported("tsvector")`).
-- Re-creating a generated column rewrites the table once: minutes per million versions.

CREATE OR REPLACE FUNCTION silkwatch_search_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
    FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) a
    JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) b ON b.pos = a.pos + 1
   WHERE a.lexeme !~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'
     AND b.lexeme !~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'
$fn$;

-- The search document of a title and body: the weighted words, then their pairs.
CREATE OR REPLACE FUNCTION silkwatch_search_document(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT d || silkwatch_search_pairs(d)
    FROM (SELECT setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce(title, ''))), 'A') ||
                 setweight(to_tsvector('english'::regconfig, silkwatch_search_text(coalesce(body, ''))), 'B') AS d) w
$fn$;

-- A lexeme as a tsquery operand: quoted, its quotes and backslashes escaped.
CREATE OR REPLACE FUNCTION silkwatch_tsquery_operand(l text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT '''' || replace(replace(l, '\', '\\'), '''', '\''') || ''''
$fn$;

-- A query narrowed by its quoted phrases' pairs, each phrase on its own (no pair across two
-- phrases). A phrase of two adjacent words ('a' <-> 'b') is replaced by its pair 'a b', which it is
-- exactly equivalent to: the index then answers it without rechecking any row. A longer phrase
-- keeps its words and positions and has its pairs ANDed (rows holding all the pairs, rechecked).
-- Phrases without pairs (one word, stop words between the words, Chinese) leave the query as it is.
-- The caller passes only phrases that must all match (none under `or`, none negated).
CREATE OR REPLACE FUNCTION silkwatch_phrase_query(q tsquery, phrases text[]) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  phrase text;
  pairs text[];
  words tsquery;
  rewritten tsquery;
BEGIN
  FOREACH phrase IN ARRAY phrases LOOP
    pairs := tsvector_to_array(silkwatch_search_pairs(to_tsvector('english'::regconfig, silkwatch_search_text(phrase))));
    CONTINUE WHEN cardinality(pairs) = 0;
    words := phraseto_tsquery('english'::regconfig, silkwatch_search_text(phrase));
    IF cardinality(pairs) = 1 AND numnode(words) = 3 THEN
      rewritten := ts_rewrite(q, words, silkwatch_tsquery_operand(pairs[1])::tsquery);
      IF rewritten::text <> q::text THEN
        q := rewritten;
        CONTINUE;
      END IF;
    END IF;
    q := q && (SELECT string_agg(silkwatch_tsquery_operand(p), ' & ')::tsquery FROM unnest(pairs) p);
  END LOOP;
  RETURN q;
END
$fn$;

-- AlterTable: the same column, now with the pairs (dropping it drops its index).
ALTER TABLE "DocumentVersion" DROP COLUMN "search";
ALTER TABLE "DocumentVersion" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (silkwatch_search_document("title", "body")) STORED;

-- CreateIndex
CREATE INDEX "DocumentVersion_search_idx" ON "DocumentVersion" USING GIN ("search");
