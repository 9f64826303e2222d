import { useEffect, useState } from 'react';
import type { Locale } from './i18n/i18n';

const INTL_LOCALE: Record<Locale, string> = { ja: 'ja-JP', en: 'en-GB' };

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "14:05" in the visitor's time zone; with the date in front when it is not today. */
export const formatClock = (iso: string, locale: Locale): string | null => {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return null;
  const date = new Date(time);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    ...(sameDay(date, new Date()) ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
};

/** Date.now(), refreshed every second while `until` (epoch ms) lies in the future. */
export const useNow = (until: number | null): number => {
  const [now, setNow] = useState(() => Date.now());
  const running = until !== null && now < until;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return now;
};

/** "2026/11/25 18:50" (ja) or "25/11/2026, 18:50" (en), in the visitor's time zone; null when unreadable. */
export const formatDateTime = (iso: string, locale: Locale): string | null => {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return null;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(time));
};

/** "2026/11/25" (ja) or "25/11/2026" (en), in the visitor's time zone; null when unreadable. */
export const formatDate = (iso: string, locale: Locale): string | null => {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return null;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time));
};
