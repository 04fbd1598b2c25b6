export { default } from '@register/eslint-config/base';
