import finnishMessages from 'ra-language-finnish';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { en } from './en';
import { fi } from './fi';
import { mergeMessages } from './merge';

/**
 * ra-language-finnish is written for react-admin 4: it is merged over the English messages so that
 * keys added in react-admin 5 fall back to English instead of showing their key.
 */
export const finnish: TranslationMessages = mergeMessages(
  englishMessages,
  en,
  finnishMessages as unknown as TranslationMessages,
  fi,
);
