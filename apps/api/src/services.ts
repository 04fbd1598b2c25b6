import { AuthService } from './access/auth.service.js';
import { FieldCrypto } from './common/field-crypto.js';
import type { Config } from './config.js';
import { CatalogueService } from './modules/catalogue/catalogue.service.js';
import { CustomerService } from './modules/customer/customer.service.js';
import { ContractService } from './modules/contract/contract.service.js';
import { SimCardService } from './modules/contract/sim-card.service.js';
import { HistoryService } from './modules/history/history.service.js';
import { CompiledFiguresService, openInvoicesFromInvoiceTable } from './modules/compiled/compiled.service.js';
import { OrderService } from './modules/order/order.service.js';
import { QuotationService } from './modules/quotation/quotation.service.js';
import { MarketingService } from './modules/marketing/marketing.service.js';

/** The application's services, built once at start and shared by every request. */
export interface Services {
  config: Config;
  crypto: FieldCrypto;
  auth: AuthService;
  customers: CustomerService;
  contracts: ContractService;
  simCards: SimCardService;
  history: HistoryService;
  figures: CompiledFiguresService;
  orders: OrderService;
  quotations: QuotationService;
  marketing: MarketingService;
  catalogue: CatalogueService;
}

export function createServices(config: Config): Services {
  const crypto = new FieldCrypto(config.secrets);
  const history = new HistoryService();
  return {
    config,
    crypto,
    auth: new AuthService(config, crypto),
    customers: new CustomerService(crypto, config),
    contracts: new ContractService(history),
    simCards: new SimCardService(history),
    history,
    figures: new CompiledFiguresService(openInvoicesFromInvoiceTable),
    orders: new OrderService(),
    quotations: new QuotationService(),
    marketing: new MarketingService(),
    catalogue: new CatalogueService(),
  };
}
