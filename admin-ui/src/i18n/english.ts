import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { en } from './en';

/** The English catalogue as react-admin needs it; its own chunk, loaded when someone picks English. */
export const english: TranslationMessages = { ...englishMessages, ...en };
