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
import { CustomerStatisticsService } from './modules/statistics/statistics.service.js';
import { DescriptionService } from './privacy/description/description.service.js';
import { ImportService } from './modules/import/import.service.js';
import { BillingAccountService, InvoiceService } from './modules/billing/billing.service.js';
import { ContactPersonService } from './modules/contact-person/contact-person.service.js';
import { FeedbackService } from './modules/feedback/feedback.service.js';
import { RestrictionService } from './privacy/restriction/restriction.service.js';
import { ErasureService } from './privacy/erasure/erasure.service.js';
import { RetentionService } from './privacy/retention/retention.service.js';
import { DataSubjectRequestService } from './privacy/requests/request.service.js';
import { AccessReportService } from './privacy/report/report.service.js';

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
  /** Aggregate statistics for analysts (groups of at least five people). */
  statistics: CustomerStatisticsService;
  /** The registry description and the Art. 30 record, generated from the data map. */
  description: DescriptionService;
  /** Customers from partner registers (CSV). */
  imports: ImportService;
  billingAccounts: BillingAccountService;
  invoices: InvoiceService;
  contactPersons: ContactPersonService;
  feedback: FeedbackService;
  /** Restrictions of processing (GDPR Art. 18; erasure's legal holds). */
  restrictions: RestrictionService;
  /** Erasure of a data subject (GDPR Art. 17), from the data map. */
  erasure: ErasureService;
  /** The retention job's work: erasing customers whose data is no longer needed. */
  retention: RetentionService;
  /** Data subject requests (GDPR Art. 15–21). */
  dataSubjectRequests: DataSubjectRequestService;
  /** The access report (Art. 15) and the portability export (Art. 20), from the data map. */
  accessReports: AccessReportService;
}

export function createServices(config: Config): Services {
  const crypto = new FieldCrypto(config.secrets);
  const history = new HistoryService();
  const customers = new CustomerService(crypto, config);
  const marketing = new MarketingService();
  const restrictions = new RestrictionService();
  const erasure = new ErasureService(restrictions);
  const billingAccounts = new BillingAccountService();
  const services: Services = {
    config,
    crypto,
    auth: new AuthService(config, crypto),
    customers,
    contracts: new ContractService(history),
    simCards: new SimCardService(history),
    history,
    figures: new CompiledFiguresService(openInvoicesFromInvoiceTable),
    orders: new OrderService(),
    quotations: new QuotationService(),
    marketing,
    catalogue: new CatalogueService(),
    statistics: new CustomerStatisticsService(new CompiledFiguresService()),
    description: new DescriptionService(config),
    imports: new ImportService(customers),
    billingAccounts,
    invoices: new InvoiceService(billingAccounts),
    contactPersons: new ContactPersonService(),
    feedback: new FeedbackService(),
    restrictions,
    erasure,
    retention: new RetentionService(erasure),
    dataSubjectRequests: new DataSubjectRequestService(marketing, restrictions),
    accessReports: new AccessReportService(() => services, config.controller.name),
  };
  return services;
}
