/**
 * Dutch clock time (Europe/Amsterdam) to UTC, by the EU summer-time rule, without relying on the
 * time-zone data of the runtime: CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC (EU directive 2000/84/EC, in force since 1996).
 */

const HOUR_MS = 3_600_000;

/** The last Sunday of `month` (1-12) of `year` at 01:00 UTC, in ms: when EU summer time starts or ends. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  const back = lastDay.getUTCDay(); // 0 = Sunday
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - back, 1);
}

/** Whether Dutch clocks show summer time (CEST, UTC+2) at the instant `utcMs`. */
export function isDutchSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayAt0100Utc(year, 3) && utcMs < lastSundayAt0100Utc(year, 10);
}

/** A calendar date and a clock time, as numbers. */
export interface LocalDateTime {
  /** Year, e.g. 2026. */
  year: number;
  /** Month, 1-12. */
  month: number;
  /** Day of the month, 1-31. */
  day: number;
  /** Hour, 0-23. */
  hour: number;
  /** Minute, 0-59. */
  minute: number;
}

/**
 * The instant at which Dutch clocks (Europe/Amsterdam) show `local`. In the hour skipped in spring
 * (02:00-03:00 on the last Sunday of March) the time is read as winter time, an hour later on the
 * clock; in the hour repeated in autumn it is the first (summer-time) one.
 */
export function dutchTimeToUtc(local: LocalDateTime): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const summer = asUtc - 2 * HOUR_MS;
  return new Date(isDutchSummerTime(summer) ? summer : asUtc - HOUR_MS);
}

/**
 * Parses `YYYY-MM-DD` into year, month and day, or undefined when it is not a real calendar date
 * (`2026-13-45`, `2026-02-30`).
 */
export function parseIsoDate(
  text: string,
): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return { year, month, day };
}

/** Parses `HH:MM` (24-hour clock, 00:00-23:59), or undefined when it is not one. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}
