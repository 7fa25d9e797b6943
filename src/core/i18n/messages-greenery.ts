/** User-facing text of the greenery work, English and Dutch (spread into messages.ts; same keys in both). */
export const greeneryEn = {} as const;

export const greeneryNl: Record<keyof typeof greeneryEn, string> = {};
