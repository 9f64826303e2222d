import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { ja } from '../i18n/ja';

export const DEFAULT_LOCALE = 'ja';

/**
 * Japanese is in the initial bundle; English (react-admin's pack and ours) is a chunk of its own, fetched
 * the first time someone switches to it, so most staff never download it.
 */
const messagesFor = (locale: string): TranslationMessages | Promise<TranslationMessages> =>
  locale === 'en' ? import('../i18n/english').then((module) => module.english) : ja;

const polyglot = polyglotI18nProvider(
  messagesFor,
  DEFAULT_LOCALE,
  // The names are shown in the locale menu, each in its own language.
  [
    { locale: 'ja', name: ja.ikou.locale.ja },
    { locale: 'en', name: ja.ikou.locale.en },
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
