import { startEarly } from './boot';

/**
 * The start-up requests (boot.ts), sent as this module is evaluated: main.tsx imports it before
 * the React app, so `me` (and the customer list's first page) are on their way while React, MUI
 * and react-admin's modules are still being evaluated.
 */
export const started: Promise<void> = startEarly(window.location.hash).catch(() => undefined);
