import { AuthService } from './access/auth.service.js';
import { FieldCrypto } from './common/field-crypto.js';
import type { Config } from './config.js';
import { CatalogueService } from './modules/catalogue/catalogue.service.js';
import { CustomerService } from './modules/customer/customer.service.js';

/** The application's services, built once at start and shared by every request. */
export interface Services {
  config: Config;
  crypto: FieldCrypto;
  auth: AuthService;
  customers: CustomerService;
  catalogue: CatalogueService;
}

export function createServices(config: Config): Services {
  const crypto = new FieldCrypto(config.secrets);
  return {
    config,
    crypto,
    auth: new AuthService(config, crypto),
    customers: new CustomerService(crypto, config),
    catalogue: new CatalogueService(),
  };
}
