export { default } from '@register/eslint-config/react';
