import type { Locale } from '../../core/i18n/localize.js';

/** Whole hours, minutes and seconds of a duration in seconds (rounded to the second), and its sign. */
function parts(timeS: number): { sign: string; h: number; m: number; s: number } {
  const total = Math.round(Math.abs(timeS));
  return {
    sign: timeS < 0 && total > 0 ? '−' : '',
    h: Math.floor(total / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/** A time in seconds as a clock reading `h:mm:ss`: 900 gives `0:15:00`. */
export function formatClock(timeS: number): string {
  const { sign, h, m, s } = parts(timeS);
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * A time in seconds in words, for screen readers: 4500 gives "1 hour 15 minutes" in English and
 * "1 uur 15 minuten" in Dutch (zero parts are left out; 0 gives "0 seconds").
 */
export function formatSpokenTime(locale: Locale, timeS: number): string {
  const { sign, h, m, s } = parts(timeS);
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const words = [
    ...(h ? [unit(h, 'hour')] : []),
    ...(m ? [unit(m, 'minute')] : []),
    ...(s || (!h && !m) ? [unit(s, 'second')] : []),
  ];
  return sign + words.join(' ');
}
