export { validateBusinessId, validatePersonalIdentityNumber, validatePostalCode } from '../common/validators';
