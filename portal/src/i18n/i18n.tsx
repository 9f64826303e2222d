import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { ja, type MessageKey, type Messages } from './ja';

/** Japanese first; English when the visitor asks for it. The choice is kept in localStorage. */
export type Locale = 'ja' | 'en';

const catalogues: Record<Locale, Messages> = { ja, en };
const STORAGE_KEY = 'ikou.portal.locale';

const storedLocale = (): Locale => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage disabled
  }
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = catalogues[locale];
    const t: Translate = (key, params) =>
      messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
        params && name in params ? String(params[name]) : match,
      );
    return { locale, setLocale, t };
  }, [locale, setLocale]);

  return <I18nContext value={value}>{children}</I18nContext>;
};

export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
};

/** Sets the browser tab's title to "<page> | <site>" in the current language. */
export const useDocumentTitle = (key: MessageKey) => {
  const { t } = useI18n();
  const title = `${t(key)} | ${t('site.name')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
};
