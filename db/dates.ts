// Prisma returns @db.Date columns as midnight-UTC Date objects; these are calendar dates.
export const dateOnly = (d: Date) => d.toISOString().slice(0, 10);
