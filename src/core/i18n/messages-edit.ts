/** User-facing text of the edit work, English and Dutch (spread into messages.ts; same keys in both). */
export const editEn = {} as const;

export const editNl: Record<keyof typeof editEn, string> = {};
