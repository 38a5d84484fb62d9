// Relevance model: a logistic model over the explainable features of features.ts,
//   score = 1 / (1 + exp(-(RELEVANCE_BIAS + Σ RELEVANCE_WEIGHTS[f] · feature f))).
// Fitted by classifier/fit-relevance.ts (`npx tsx classifier/fit-relevance.ts --l2 1`) on the dev
// halves of test/eval/articles.jsonl, batch2.jsonl and batch3.jsonl and all of batch4.jsonl (440
// articles) plus the five seed documents: L2-regularised (1; the lowest leave-one-out log-loss of
// 1, 3, 10, 30) logistic regression, each weight held to the sign that keeps it explainable (anchors for, cues against;
// a weight fitted with the wrong sign is fixed at 0), and `listy` and `titleAnchors` hand-set
// (see the fitter). Training accuracy 0.955, leave-one-out accuracy 0.951; leave-one-file-out F1
// EN 0.944 / ZH 0.969.
// The test split and the holdout halves were never used.
import type { FeatureName } from './features.js';

export const RELEVANCE_BIAS = -3.126;
export const RELEVANCE_WEIGHTS: Record<FeatureName, number> = {
  titleAnchors: 2.000,
  leadAnchors: 2.233,
  bodyAnchors: 2.315,
  anchorParagraphs: 1.401,
  listy: -1.500,
  contrast: -2.204,
  otherProgrammes: -1.886,
  otherProgrammeTitle: -0.152,
  otherSense: -0.235,
  otherInitiatives: -0.859,
  offSubject: -0.653,
  actionNearAnchor: 0.666,
  flagshipOnly: -0.165,
  partners: 0.586,
};

// Topic model: for each topic a document has terms of (classify.ts' topicCandidates),
//   p = 1 / (1 + exp(-(TOPIC_BIAS + TOPIC_PRIORS[topic] + Σ TOPIC_WEIGHTS[f] · feature f))),
// and the topic is listed from TOPIC_SELECT up (at most three, at least the leading topic).
// Fitted by classifier/fit-topics.ts (`npx tsx classifier/fit-topics.ts --write`) on the 299
// relevant dev articles (41 of articles.jsonl, 36 of batch2.jsonl's dev half, 44 of batch3.jsonl's,
// 178 of batch4.jsonl; 1,294 (article, topic) rows): L2 3 on the feature weights, 16 on the
// per-topic offsets, weights held ≥ 0 (a weight fitted negative is fixed at 0), TOPIC_SELECT 0.4.
// Chosen by leave-one-FILE-out micro-F1 (fit on three files' dev data, score the fourth; each file
// had other labellers) in session twelve: 0.840 then; 0.836 after session fourteen's vocabulary
// from blind spot-checks, 0.838 now after session fifteen's (the grid's best is 0.842 at L2 1 / prior
// L2 1 / threshold 0.35: one or two labels apart, so the setting is kept — three blind
// spot-checks did not favour 0.35 either; 0.820 at best without the sentencesLed feature and the
// industry-investment terms of lexicon.ts' "enterprises going global" group). The test split and
// the holdout halves were never used.
export const TOPIC_FEATURES = ['mass', 'relative', 'leader', 'leadsParagraph', 'paragraphShare', 'clearTerm', 'inTitle', 'leadsSection', 'companion', 'sentencesLed'] as const;
export type TopicFeature = (typeof TOPIC_FEATURES)[number];
export const TOPIC_BIAS = -4.190;
export const TOPIC_WEIGHTS: Record<TopicFeature, number> = {
  mass: 1.210,
  relative: 1.591,
  leader: 1.276,
  leadsParagraph: 0.210,
  paragraphShare: 0.194,
  clearTerm: 0.239,
  inTitle: 0.521,
  leadsSection: 0.085,
  companion: 1.648,
  sentencesLed: 1.195,
};
/** Per-topic offsets (how readily the guide's labellers give a topic beyond its terms' mass). */
export const TOPIC_PRIORS: Record<string, number> = {
  'connectivity': 0.077,
  'trade': 0.005,
  'digital-economy': -0.008,
  'finance': 0.028,
  'green': -0.170,
  'sci-tech': -0.168,
  'industry-investment': 0.179,
  'people-to-people': -0.164,
  'cooperation-mechanisms': 0.157,
  'legal-compliance': 0.065,
};
