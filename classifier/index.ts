// The lexical BRI classifier (issue #6): relevance, topics and measure links with verbatim
// evidence, from the seed knowledge. See classify.ts for the judgement, knowledge.ts for what is
// compiled from the seeds and the catalog, and features.ts for the relevance features.
export { CLASSIFIER_VERSION, classify, listedMeasures, listedSuccessors, relevanceScore, topicResemblance, type ClassifyConfig, type ClassifyInput, type Judgement, type Relation } from './classify.js';
export { buildKnowledge, canonicalUrl, type CatalogMeasure, type Knowledge, type SeedDocumentInput } from './knowledge.js';
export { catalogEntryOf, loadSeedKnowledge, seedCatalog, seedDocuments, type MeasureRow } from './seed-knowledge.js';
export { foldText, toSimplified } from './fold.js';
