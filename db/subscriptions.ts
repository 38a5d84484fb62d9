// Subscribers and their subscriptions (filters + cadence). The CLI's `subscribe` and the demo
// both come through here.
import type { Db } from './client.js';

export interface NewSubscription {
  email: string;
  cadence: 'immediate' | 'daily' | 'weekly';
  topics?: string[];
  regions?: string[];
  sources?: string[];
  languages?: string[];
  minScore?: number | null;
  tz?: string;
  sendAt?: string;
  weekday?: number | null;
  createdAt?: Date;
}

export async function createSubscription(db: Db, s: NewSubscription) {
  const subscriber = await db.subscriber.upsert({ where: { email: s.email.toLowerCase() }, create: { email: s.email.toLowerCase() }, update: {} });
  return db.subscription.create({
    data: {
      subscriberId: subscriber.id,
      cadence: s.cadence,
      topics: s.topics ?? [],
      regions: s.regions ?? [],
      sources: s.sources ?? [],
      languages: s.languages ?? [],
      minScore: s.minScore ?? null,
      tz: s.tz ?? 'Asia/Shanghai',
      sendAt: s.sendAt ?? '08:00',
      weekday: s.weekday ?? null,
      ...(s.createdAt ? { createdAt: s.createdAt } : {}),
    },
  });
}
