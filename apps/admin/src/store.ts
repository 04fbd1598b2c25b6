import { localStorageStore, type Store } from 'react-admin';

const base = localStorageStore('1', 'LesecRegister');

/**
 * react-admin's store, reset on sign-out (it holds list settings), except for the language:
 * a user who chose Finnish keeps Finnish on the sign-in page and after the next sign-in.
 */
export const store: Store = {
  ...base,
  reset() {
    const locale = base.getItem<string>('locale');
    base.reset();
    if (locale) base.setItem('locale', locale);
  },
};
