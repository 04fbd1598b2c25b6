import { customerFieldLabels } from './fieldLabels';

/** The app's own English messages (react-admin's come from ra-language-english). */
export const en = {
  resources: {
    customers: {
      name: 'Customer |||| Customers',
      fields: customerFieldLabels('en'),
    },
    auditEvents: {
      name: 'Audit event |||| Audit events',
      fields: {
        seq: 'No.',
        at: 'Time',
        actorType: 'Actor type',
        actorId: 'Actor',
        client: 'Client',
        operation: 'Operation',
        action: 'Action',
        subjectType: 'Subject type',
        subjectId: 'Data subject (customer number)',
        fields: 'Fields',
        outcome: 'Outcome',
      },
    },
    staffUsers: {
      name: 'Staff user |||| Staff users',
      fields: {
        username: 'Username',
        displayName: 'Name',
        roles: 'Roles',
        active: 'Active',
        totpEnabled: 'One-time codes',
        lastLoginAt: 'Last sign-in',
        lockedUntil: 'Locked until',
        createdAt: 'Created',
      },
    },
  },
  register: {
    title: 'Lesec customer register',
    enums: {
      kind: { PRIVATE: 'Private', BUSINESS: 'Business' },
      status: { ACTIVE: 'Active', PROSPECT: 'Prospect', TERMINATED: 'Terminated' },
      sourceType: {
        DATA_SUBJECT: 'The data subject',
        SERVICE_DELIVERY: 'Service delivery',
        PARTNER: 'Partner register',
      },
    },
    roles: {
      admin: 'System administrator',
      dpo: 'Registry liaison officer (DPO)',
      service: 'Customer service',
      sales: 'Sales',
      billing: 'Billing and collection',
      marketing: 'Marketing',
      analyst: 'Analyst',
    },
    dashboard: {
      title: 'Home',
      greeting: 'Hello, %{name}',
      roles: 'Your roles',
      noRoles: 'You have no roles yet. Ask an administrator for access.',
      customers: 'Open the customer register',
      customersHint: 'Search customers by name, e-mail address or phone number.',
      noCustomerAccess: 'Your roles give no access to customer data.',
      adminNote:
        'Administrators run the system and read no customer data. Staff users are listed under Staff users; managing them and partner API keys comes later.',
      analystNote: 'Analysts see aggregate figures only, never individual customers.',
      auditLog: 'Open the audit log',
      privacy:
        'Everything you open here is recorded in the audit log: who, when, whose data and which fields.',
    },
    access: {
      title: 'My access',
      intro: 'What your roles let you read and write of a customer. The register enforces the same rules.',
      field: 'Field',
      read: 'Read',
      create: 'Set on create',
      update: 'Change',
    },
    login: {
      totpCode: 'One-time code (if enabled)',
      language: 'Language',
    },
    customers: {
      search: 'Search',
      searchHint: 'Name, e-mail or phone; at least 3 characters',
      sections: {
        identity: 'Identity',
        contact: 'Contact information',
        provenance: 'Source of the data',
        lifecycle: 'Record',
      },
      identityNumber: 'Personal identity number',
      auditEvents: 'Audit events of this customer',
      verify: {
        title: 'Verify an identity number',
        help: 'Check the number a caller gives against the stored one. Every check is recorded.',
        value: 'Identity number given by the caller',
        submit: 'Verify',
        match: 'The number matches this customer.',
        mismatch: 'The number does not match this customer.',
        rateLimited: 'Too many checks of this customer’s identity number. Try again later.',
        failed: 'The check could not be done: %{message}',
      },
      create: {
        identityNumberHint: 'DDMMYYCZZZQ, e.g. 131052-308T',
        businessIdHint: 'NNNNNNN-C, e.g. 1572860-0',
        phoneHint: 'e.g. +358 40 123 4567 or 040 123 4567',
      },
    },
    validation: {},
    errors: {
      forbidden: 'Your role may not do this.',
    },
  },
};
