/** User-facing text of the shade work, English and Dutch (spread into messages.ts; same keys in both). */
export const shadeEn = {} as const;

export const shadeNl: Record<keyof typeof shadeEn, string> = {};
