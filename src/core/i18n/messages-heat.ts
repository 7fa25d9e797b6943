/** User-facing text of the heat work, English and Dutch (spread into messages.ts; same keys in both). */
export const heatEn = {} as const;

export const heatNl: Record<keyof typeof heatEn, string> = {};
