// Relevance model: a logistic model over the explainable features of features.ts,
//   score = 1 / (1 + exp(-(RELEVANCE_BIAS + Σ RELEVANCE_WEIGHTS[f] · feature f))).
// Fitted by classifier/fit-relevance.ts (`npx tsx classifier/fit-relevance.ts --l2 1`) on the dev
// halves of test/eval/articles.jsonl, batch2.jsonl and batch3.jsonl and all of batch4.jsonl and
// batch6.jsonl (495 articles) plus the five seed documents: L2-regularised (1; the lowest leave-one-out log-loss of
// 1, 3, 10, 30) logistic regression, each weight held to the sign that keeps it explainable (anchors for, cues against;
// a weight fitted with the wrong sign is fixed at 0), and `listy` and `titleAnchors` hand-set
// (see the fitter). Leave-one-out accuracy 0.954 (log-loss 0.116); leave-one-file-out F1 EN 0.955 /
// ZH 0.970 (session eighteen, after 共建国家 / 沿线国家 right after the initiative's name stopped
// counting as a partner named, as "Belt and Road partner countries" does in English: 0.949 / 0.970
// and log-loss 0.117 before; 0.944 / 0.969 before batch6.jsonl joined the dev data). Refitted in
// session eighteen after the anchors a text defines and the trains' English brands too (weights moved
// in the third decimal). Refitted in session twenty-one after the reading of a text began to treat
// a paragraph as long as several as several (sentences.ts longParagraphBreaks) and the headline
// printed again as the text's first line as chrome (chrome.ts): leave-one-out accuracy 0.954 →
// 0.960 (log-loss 0.116 → 0.114), leave-one-file-out F1 EN 0.955 → 0.961 / ZH 0.973; again, in the
// third decimal, after bylines and a date line at the text's top became chrome (ten labelled texts
// have one: six dev, three test, one holdout; no figure moved). Not refitted in session twenty-six
// after rival programmes' Chinese names joined lexicon.ts, though two fitted negatives (a PGII and a
// Global Gateway report) read them: the fitter now gives weights that differ in the second decimal
// (otherProgrammes -1.996, leadAnchors 2.445), with the same leave-one-out accuracy 0.960 and
// leave-one-file-out F1 EN 0.961 / ZH 0.973; no test or holdout figure moves either way, and these
// weights are kept.
// batch9.jsonl and batch11.jsonl train the topic model only (the fitter says why).
// The test split and the holdout halves were never used.
import type { FeatureName } from './features.js';

export const RELEVANCE_BIAS = -3.279;
export const RELEVANCE_WEIGHTS: Record<FeatureName, number> = {
  titleAnchors: 2.000,
  leadAnchors: 2.424,
  bodyAnchors: 2.301,
  anchorParagraphs: 1.250,
  listy: -1.500,
  contrast: -2.024,
  otherProgrammes: -2.032,
  otherProgrammeTitle: -0.167,
  otherSense: -0.261,
  otherInitiatives: -0.844,
  offSubject: -0.417,
  actionNearAnchor: 0.851,
  flagshipOnly: 0.000,
  partners: 0.687,
};

// Topic model: for each topic a document has terms of (classify.ts' topicCandidates),
//   p = 1 / (1 + exp(-(TOPIC_BIAS + TOPIC_PRIORS[topic] + Σ TOPIC_WEIGHTS[f] · feature f))),
// and the topic is listed from TOPIC_SELECT up (at most three, at least the leading topic).
// Fitted by classifier/fit-topics.ts (`npx tsx classifier/fit-topics.ts --write`) on the 471
// relevant dev articles (41 of articles.jsonl, 36 of batch2.jsonl's dev half, 44 of batch3.jsonl's,
// 178 of batch4.jsonl, 34 of batch6.jsonl, 37 of batch9.jsonl, 32 of batch11.jsonl, 11 of
// batch14.jsonl, 16 each of batch18.jsonl, batch19.jsonl and batch20.jsonl, 10 of batch22.jsonl;
// 2,071 (article, topic) rows): L2 3 on the feature weights,
// 16 on the per-topic offsets, weights held ≥ 0 (a weight fitted negative is fixed at 0),
// TOPIC_SELECT 0.4. Chosen by leave-one-FILE-out micro-F1 (fit on the other files' dev data, score
// one; each file had other labellers) in session twelve: 0.840 then over four files; 0.836 after
// session fourteen's vocabulary from blind spot-checks, 0.838 after session fifteen's; 0.844 over
// five files with batch6 (the grid's best is 0.848 at L2 1 / prior L2 16 / threshold 0.35: one or
// two labels apart, so the setting is kept — three blind spot-checks did not favour 0.35 either);
// 0.840 over six files with batch9 (session eighteen; the grid 0.808–0.840, the best shared with
// L2 1 / prior L2 16 / 0.4; batch9 itself 0.79 held out); 0.835 over seven files with batch11 (session
// nineteen; the grid 0.827–0.836 at the thresholds 0.35–0.45 and 0.807–0.836 at 0.35–0.55, the best 0.836 at L2 1 / prior L2 16 /
// 0.4, one label apart, so the setting is kept; batch11 itself 0.81 held out); refitted in session twenty after
// page chrome (chrome.ts) is read as blank — two dev texts' metadata lines ("Source: Xinhua, …", （来源:…）) —
// weights moved in the third decimal, leave-one-file-out 0.836; refitted in session twenty-one after a
// paragraph as long as several is read as several (sentences.ts longParagraphBreaks) and a headline
// printed again above the text as chrome — mass 1.311 → 1.352, paragraphShare 0.174 → 0.112,
// leadsParagraph 0.050 → 0 — leave-one-file-out 0.836 (the grid 0.828–0.837 at 0.35–0.45); again
// after bylines and top date lines became chrome (paragraphShare 0.112 → 0.095; 0.836); refitted in
// session twenty-three with batch14 and connectivity's roads, bridges and energy links (lexicon.ts
// TOPIC_EXTRA, with figurative uses as negative cues): mass 1.358 → 1.434, leader 1.079 → 1.163,
// paragraphShare 0.095 → 0, connectivity's offset 0.079 → 0.024; leave-one-file-out over eight files
// 0.838 at the chosen setting, against 0.836 with batch14 and without the words (the grid 0.831–0.839
// at 0.35–0.45, against 0.829–0.838; batch14 itself 0.76 held out either way). The held-out figures
// of `npm run eval` are those of the refit with batch14 alone: the words move no test or holdout figure. Without the sentencesLed feature and the
// industry-investment terms of lexicon.ts' "enterprises going global" group it was 0.820 at best
// (four files). Session twenty-four added `resembles`, the topic resemblance model's logit for the
// candidate's topic (bow.ts: per topic a logistic regression over the article's TF-IDF bag of words
// and Chinese character pairs, classifier/bow-model.json, fitted by the same fitter on the same
// articles). The
// topic model is fitted on resemblance scores each article got from a model fitted without its
// file (stacking); leave-one-file-out nests it (the held-out file's scores from a model fitted on
// the other seven files, the training articles' from models fitted without their own file among
// those). Leave-one-file-out 0.838 → 0.850 at the chosen setting (higher in five of the eight
// files, equal in two, 0.01 lower in batch3; the grid 0.841–0.850 at 0.35–0.45, the best at the chosen setting, against 0.829–0.838),
// so the setting is kept: mass 1.434 → 0.850, companion 1.487 → 0.952, resembles 0.718,
// cooperation-mechanisms' offset 0.257 → -0.237 (its resemblance now carries what the offset did).
// Refitted in session twenty-five with batch18–20 (GUIDE.md §24) and the digital-economy term 数字丝路:
// leave-one-file-out over eleven files 0.850 at the chosen setting (the grid 0.841–0.850 at
// 0.35–0.45, the best shared with 0.35 and with L2 0.3 or 1 / prior L2 16 at 0.35); over the eight
// earlier files 0.853 without the three batches' articles in training and 0.850 with them — more
// data of this size does not move the model. Weights moved in the second decimal (inTitle 0.381 →
// 0.285, leadsSection 0.228 → 0.133).
// Refitted in session twenty-six with batch22 (GUIDE.md §26): leave-one-file-out over twelve files
// 0.847 at the chosen setting (0.850 at 0.35; the grid 0.840–0.850 at 0.35–0.45), batch22 itself
// 0.74 held out; weights moved in the second decimal (leader 1.154 → 1.051, inTitle 0.285 → 0.338).
// Refitted in session twenty-seven with the Chinese trade terms 通关 and 报关 (customs clearance and
// declaration, as English "customs" counts) and 自贸协定 (the short form of 自由贸易协定):
// leave-one-file-out 0.847 → 0.849 at the chosen setting (the grid 0.839–0.851 at 0.35–0.45, the
// best 0.851 at 0.35 with this setting and with L2 0.3 / prior L2 16); weights moved by at most
// 0.017 (trade's offset -0.021 → -0.038, sentencesLed 1.204 → 1.215).
// The resemblance model keeps the keys of at least 10 of the 471 articles (1,910; 1,874 of 461;
// 1,637 of 413). With English
// word pairs as keys too the figure was the same (0.849), and with pairs and the keys of at least 2
// or 5 articles too (0.849, 0.851; 16,141 keys and 1.5 MB at 2); each costs more time. The test split and the holdout
// halves were never used.
export const TOPIC_FEATURES = ['mass', 'relative', 'leader', 'leadsParagraph', 'paragraphShare', 'clearTerm', 'inTitle', 'leadsSection', 'companion', 'sentencesLed', 'resembles'] as const;
export type TopicFeature = (typeof TOPIC_FEATURES)[number];
export const TOPIC_BIAS = -2.542;
export const TOPIC_WEIGHTS: Record<TopicFeature, number> = {
  mass: 0.847,
  relative: 1.829,
  leader: 1.044,
  leadsParagraph: 0.000,
  paragraphShare: 0.000,
  clearTerm: 0.218,
  inTitle: 0.341,
  leadsSection: 0.139,
  companion: 0.857,
  sentencesLed: 1.215,
  resembles: 0.720,
};
/** Per-topic offsets (how readily the guide's labellers give a topic beyond its terms' mass). */
export const TOPIC_PRIORS: Record<string, number> = {
  'connectivity': -0.131,
  'trade': -0.038,
  'digital-economy': 0.064,
  'finance': 0.217,
  'green': -0.068,
  'sci-tech': 0.010,
  'industry-investment': 0.074,
  'people-to-people': 0.002,
  'cooperation-mechanisms': -0.277,
  'legal-compliance': 0.146,
};
