import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';

export const DEFAULT_LOCALE = 'ja';

const catalogues: Record<string, TranslationMessages> = {
  ja,
  en: { ...englishMessages, ...en },
};

const polyglot = polyglotI18nProvider(
  (locale) => catalogues[locale] ?? ja,
  DEFAULT_LOCALE,
  // The names are shown in the locale menu, each in its own language.
  [
    { locale: 'ja', name: ja.ikou.locale.ja },
    { locale: 'en', name: en.ikou.locale.en },
  ],
);

const setDocumentLanguage = (locale: string) => {
  document.documentElement.lang = locale;
};

/**
 * Japanese first, English on request. react-admin keeps the chosen locale in its store (localStorage),
 * and calls changeLocale() with it at start-up; we mirror it onto <html lang> for screen readers.
 */
export const i18nProvider: I18nProvider = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    setDocumentLanguage(locale);
  },
};

setDocumentLanguage(DEFAULT_LOCALE);
