// The shape of the seed knowledge files: `seeds/topics.yaml` (the BRI topic taxonomy) and
// `seeds/measures.yaml` (the catalog of existing measures taken from the seed documents in
// `seeds/documents/`). Both are versioned data, validated here before anything is loaded.
import { z } from 'zod';

export const TOPIC_IDS = [
  'connectivity',
  'trade',
  'digital-economy',
  'finance',
  'green',
  'sci-tech',
  'industry-investment',
  'people-to-people',
  'cooperation-mechanisms',
  'legal-compliance',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

const term = z
  .object({
    text: z.string().min(1),
    lang: z.enum(['en', 'zh']),
    /** How strongly the phrase signals the topic, (0, 1]. */
    weight: z.number().gt(0).max(1),
  })
  .strict();

const cue = z
  .object({
    text: z.string().min(1),
    lang: z.enum(['en', 'zh']),
    /** Why it must not count on its own (e.g. "a different national strategy"). */
    note: z.string().optional(),
  })
  .strict();

export const topicsFileSchema = z
  .object({
    version: z.number().int().positive(),
    /** Cues that never count on their own for any topic ("road", "belt", "Yangtze River Economic Belt"). */
    negativeCues: z.array(cue),
    topics: z
      .array(
        z
          .object({
            id: z.enum(TOPIC_IDS),
            nameEn: z.string().min(1),
            nameZh: z.string().regex(/[\u4e00-\u9fff]/, 'expected Chinese characters'),
            scope: z.string().min(10),
            terms: z.array(term).min(1),
            /** Topic-specific cues that must not count on their own. */
            negative: z.array(cue).default([]),
          })
          .strict(),
      )
      .length(TOPIC_IDS.length),
  })
  .strict();

export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type SeedTopic = TopicsFile['topics'][number];

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const policySchema = z
  .object({
    title: z.string().min(1),
    issuer: z.string().nullable(),
    region: z.string().min(1),
    date: isoDate.nullable(),
    url: z.string().url().nullable(),
  })
  .strict();

export const measuresFileSchema = z
  .object({
    version: z.number().int().positive(),
    /** The seed documents the catalog is taken from (files under seeds/documents/). */
    documents: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          file: z.string().regex(/^documents\/[a-z0-9-]+\.txt$/),
          title: z.string().min(1),
          url: z.string().url().nullable(),
          published: isoDate.nullable(),
        })
        .strict(),
    ),
    measures: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/, 'expected a readable id such as sh-2024-priorities-5c'),
          /** The seed document (documents[].id) whose text contains `text` verbatim. */
          document: z.string(),
          title: z.string().min(1),
          /** Verbatim from the seed document. */
          text: z.string().min(1),
          /** The policy the measure belongs to (may differ from the article that reports it). */
          policy: policySchema,
          sectionPath: z.array(z.string().min(1)),
          topics: z.array(z.enum(TOPIC_IDS)).min(1),
          aliases: z.object({ en: z.array(z.string()), zh: z.array(z.string()) }).strict(),
          /** The parent entry (an area, a plan) when this is one of its listed items. */
          parent: z.string().nullable().default(null),
          /** The seed states how many items the entry has: listed below it, or not listed at all. */
          declaredCount: z.number().int().positive().nullable().default(null),
        })
        .strict(),
    ),
  })
  .strict();

export type MeasuresFile = z.infer<typeof measuresFileSchema>;
export type SeedMeasure = MeasuresFile['measures'][number];
