/**
 * The registry description (sections 1–10 of the published text) and the GDPR Art. 30 record of
 * processing, generated from the controller's profile and the data map — pure functions, so that
 * what is published can never drift from what the register stores and who may read it.
 */
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_LEGAL_BASES,
  LEGAL_HOLDS,
  PARTNER_SCOPES,
  PURPOSES,
  STAFF_ROLES,
  dataMap,
  type DataCategory,
  type DataMap,
  type FieldClassification,
  type LegalHold,
  type PartnerScope,
  type Purpose,
  type Retention,
  type StaffRole,
} from '@register/schema';
import type { ControllerProfile } from '../../config.js';

export type Language = 'fi' | 'en';
export const LANGUAGES: readonly Language[] = ['fi', 'en'];

export interface DocumentList {
  heading: string | null;
  items: string[];
}

export interface DocumentSection {
  number: number;
  key: string;
  title: string;
  paragraphs: string[];
  lists: DocumentList[];
}

/** What the register stores, machine-readably: every classified field of every type. */
export interface ContentsEntry {
  category: DataCategory;
  label: string;
  types: { type: string; label: string; fields: { name: string; label: string; personal: boolean }[] }[];
}

export interface PrivacyDocument {
  kind: 'registry-description' | 'record-of-processing';
  language: Language;
  title: string;
  generatedAt: string;
  sections: DocumentSection[];
  contents: ContentsEntry[];
}

/** Facts of the running register that the map does not hold. */
export interface RegisterFacts {
  /** Partners acting on the controller's behalf (active API keys), with their scopes. */
  processors: { partner: string; scopes: PartnerScope[] }[];
  /** Partner registers that data has been collected from (provenance). */
  sourcePartners: string[];
}

const t = (language: Language, text: { en: string; fi: string }) => text[language];

const ROLE_LABELS: Record<StaffRole, { en: string; fi: string }> = {
  service: { en: 'Customer service', fi: 'Asiakaspalvelu' },
  sales: { en: 'Sales', fi: 'Myynti' },
  billing: { en: 'Billing and collection', fi: 'Laskutus ja perintä' },
  marketing: { en: 'Marketing', fi: 'Markkinointi' },
  analyst: { en: 'Analysts', fi: 'Analyytikot' },
  dpo: { en: 'Registry liaison officer (data protection)', fi: 'Rekisteriasioiden yhteyshenkilö (tietosuoja)' },
  admin: { en: 'System administrators', fi: 'Järjestelmän ylläpitäjät' },
};

const SCOPE_LABELS: Record<PartnerScope, { en: string; fi: string }> = {
  delivery: {
    en: 'delivery of orders: the delivery address and recipient of open orders and their SIM card numbers',
    fi: 'tilausten toimitus: avoimien tilausten toimitusosoite ja vastaanottaja sekä SIM-korttien numerot',
  },
};

const HOLD_LAWS_FI: Record<LegalHold, string> = {
  'accounting-voucher': 'Kirjanpitolaki (1336/1997) 2:10 — tositteet 6 vuotta tilikauden päättymisestä',
  'accounting-book': 'Kirjanpitolaki (1336/1997) 2:10 — kirjanpitokirjat 10 vuotta tilikauden päättymisestä',
  'contract-claims': 'Laki velan vanhentumisesta (728/2003) — saatavat 3 vuotta sopimuksen päättymisestä',
};

function holdLaw(language: Language, hold: LegalHold): string {
  return language === 'fi' ? HOLD_LAWS_FI[hold] : LEGAL_HOLDS[hold].law;
}

function retentionText(language: Language, retention: Retention): string {
  switch (retention.after) {
    case 'relationship-end':
      return language === 'fi'
        ? `${retention.months} kuukautta asiakassuhteen päättymisestä`
        : `${retention.months} months after the customer relationship ends`;
    case 'record-created':
      return language === 'fi' ? `${retention.months} kuukautta tiedon kirjaamisesta` : `${retention.months} months after the record was made`;
    case 'legal-hold':
      return language === 'fi'
        ? `lakisääteisen säilytysajan: ${holdLaw(language, retention.hold)}`
        : `for the statutory period: ${holdLaw(language, retention.hold)}`;
  }
}

const typeEntries = (map: DataMap) => Object.entries(map);

/** Every data category in use, with the fields stored in it per type (in map order). */
export function contentsOf(language: Language, map: DataMap = dataMap): ContentsEntry[] {
  return DATA_CATEGORIES.flatMap((category) => {
    const types = typeEntries(map)
      .map(([type, classification]) => ({
        type,
        label: t(language, classification.label),
        fields: Object.entries(classification.fields)
          .filter(([, field]) => field.category === category)
          .map(([name, field]) => ({ name, label: t(language, field.label), personal: field.personal })),
      }))
      .filter((entry) => entry.fields.length > 0);
    return types.length > 0 ? [{ category, label: t(language, DATA_CATEGORY_LABELS[category]), types }] : [];
  });
}

function contentsLists(language: Language, map: DataMap): DocumentList[] {
  return contentsOf(language, map).map((entry) => ({
    heading: entry.label,
    items: entry.types.map((type) => `${type.label}: ${type.fields.map((field) => field.label).join('; ')}`),
  }));
}

function purposesInUse(map: DataMap): Purpose[] {
  const used = new Set<Purpose>();
  for (const [, type] of typeEntries(map)) for (const field of Object.values(type.fields)) field.purposes.forEach((p) => used.add(p));
  return (Object.keys(PURPOSES) as Purpose[]).filter((purpose) => used.has(purpose));
}

function readersOf(map: DataMap, reads: (field: FieldClassification) => boolean): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [typeName, type] of typeEntries(map)) {
    const fields = Object.entries(type.fields).filter(([, field]) => reads(field));
    if (fields.length > 0) result.set(typeName, fields.map(([name]) => name));
  }
  return result;
}

function accessLists(language: Language, map: DataMap): DocumentList[] {
  const describe = (readable: Map<string, string[]>) =>
    [...readable].map(([typeName, fields]) => {
      const type = map[typeName]!;
      const all = fields.length === Object.keys(type.fields).length;
      const labels = fields.map((name) => t(language, type.fields[name]!.label));
      return `${t(language, type.label)}: ${all ? (language === 'fi' ? 'kaikki tiedot' : 'all fields') : labels.join('; ')}`;
    });
  const lists: DocumentList[] = STAFF_ROLES.map((role) => {
    const readable = readersOf(map, (field) => field.read.roles.includes(role));
    const conditional = typeEntries(map).some(([, type]) => Object.values(type.fields).some((field) => field.read.when?.[role] !== undefined));
    const items = readable.size > 0 ? describe(readable) : [];
    if (role === 'analyst') {
      items.push(
        language === 'fi'
          ? 'Vain koostetilastot, joissa jokainen luku koskee vähintään viittä henkilöä; ei yksittäisten henkilöiden tietoja.'
          : 'Aggregate statistics only, each figure over at least five people; no data of any individual.',
      );
    }
    if (items.length === 0) items.push(language === 'fi' ? 'Ei asiakastietoja.' : 'No customer data.');
    if (conditional) {
      items.push(
        language === 'fi'
          ? 'Markkinointi näkee asiakkaan ja kunkin yhteystiedon vain, kun asiakkaan voimassa oleva suoramarkkinointilupa sallii kyseisen kanavan.'
          : 'Marketing sees a customer, and each contact detail, only while the customer’s current direct-marketing permission allows that channel.',
      );
    }
    return { heading: t(language, ROLE_LABELS[role]), items };
  });
  for (const scope of PARTNER_SCOPES) {
    const readable = readersOf(map, (field) => field.read.scopes?.includes(scope) ?? false);
    lists.push({
      heading: language === 'fi' ? `Kumppanijärjestelmät (${t(language, SCOPE_LABELS[scope])})` : `Partner systems (${t(language, SCOPE_LABELS[scope])})`,
      items: describe(readable),
    });
  }
  return lists;
}

function retentionLists(language: Language, map: DataMap): DocumentList[] {
  const perType = typeEntries(map).map(([, type]) => {
    const rules = new Map<string, string[]>();
    for (const field of Object.values(type.fields)) {
      const text = retentionText(language, field.retention);
      const list = rules.get(text) ?? [];
      list.push(t(language, field.label));
      rules.set(text, list);
    }
    const parts = [...rules].map(([text, labels]) => (rules.size === 1 ? text : `${text} (${labels.join('; ')})`));
    const erasure = new Set(Object.values(type.fields).map((field) => field.erasure.strategy));
    const how = [
      erasure.has('delete') ? (language === 'fi' ? 'poistetaan' : 'deleted') : null,
      erasure.has('anonymise') ? (language === 'fi' ? 'tunnistetiedot anonymisoidaan' : 'identifiers anonymised') : null,
      erasure.has('hold') ? (language === 'fi' ? 'lakisääteisesti säilytettävät tiedot säilytetään käsittelyltään rajoitettuina' : 'records under a legal hold kept, restricted, until the hold ends') : null,
    ].filter(Boolean);
    return `${t(language, type.label)}: ${language === 'fi' ? 'säilytetään' : 'kept'} ${parts.join(', ')}${how.length > 0 ? ` — ${how.join(', ')}` : ''}`;
  });
  return [
    { heading: language === 'fi' ? 'Säilytysajat tietoryhmittäin' : 'Retention per record type', items: perType },
    {
      heading: language === 'fi' ? 'Lakisääteiset säilytysvelvoitteet' : 'Statutory retention obligations',
      items: (Object.keys(LEGAL_HOLDS) as LegalHold[]).map((hold) => holdLaw(language, hold)),
    },
  ];
}

function controllerLines(language: Language, controller: ControllerProfile): string[] {
  return [
    controller.name,
    controller.businessId ? `${language === 'fi' ? 'Y-tunnus' : 'Business ID'} ${controller.businessId}` : null,
    controller.streetAddress,
    `${controller.postalCode} ${controller.city}`,
    controller.phone ? `${language === 'fi' ? 'Puhelin' : 'Telephone'} ${controller.phone}` : null,
    controller.email ? `${language === 'fi' ? 'Sähköposti' : 'E-mail'} ${controller.email}` : null,
  ].filter((line): line is string => line !== null);
}

function privacyContact(language: Language, controller: ControllerProfile): string[] {
  const name = controller.privacyContactName ?? (language === 'fi' ? `${controller.name}, rekisteriasioiden yhteyshenkilö` : `${controller.name}, registry liaison officer`);
  return [
    name,
    `${controller.streetAddress}, ${controller.postalCode} ${controller.city}`,
    ...(controller.privacyContactEmail ? [`${language === 'fi' ? 'Sähköposti' : 'E-mail'} ${controller.privacyContactEmail}`] : []),
  ];
}

function recipientsLists(language: Language, facts: RegisterFacts): DocumentList[] {
  return [
    {
      heading:
        language === 'fi'
          ? 'Rekisterinpitäjän lukuun toimivat käsittelijät (kumppanijärjestelmät)'
          : 'Processors acting on the controller’s behalf (partner systems)',
      items:
        facts.processors.length > 0
          ? facts.processors.map(
              (processor) => `${processor.partner}: ${processor.scopes.map((scope) => t(language, SCOPE_LABELS[scope])).join('; ')}`,
            )
          : [language === 'fi' ? 'Ei tällä hetkellä.' : 'None at present.'],
    },
    {
      heading: language === 'fi' ? 'Viranomaiset lain nojalla' : 'Authorities under the law',
      items: Object.values(DISCLOSURE_LEGAL_BASES).map((basis) => `${t(language, basis.recipient)} — ${t(language, basis.label)}`),
    },
  ];
}

function sourcesList(language: Language, facts: RegisterFacts): DocumentList[] {
  return [
    {
      heading: null,
      items: [
        language === 'fi'
          ? 'Rekisteröity itse: asiakassuhdetta solmittaessa, palveluja käytettäessä tai muuten suoraan'
          : 'The data subject: when the customer relationship is established, when services are used, or otherwise directly',
        language === 'fi' ? 'Palvelujen toimittaminen (esim. toimitukset ja SIM-kortit)' : 'Delivery of the services (e.g. deliveries and SIM cards)',
        language === 'fi'
          ? 'Kumppaneiden rekisterit rekisteröidyn suostumuksella'
          : 'Registers of partners, with the data subject’s consent',
      ],
    },
    ...(facts.sourcePartners.length > 0
      ? [{ heading: language === 'fi' ? 'Kumppanirekisterit, joista tietoja on saatu' : 'Partner registers data has come from', items: facts.sourcePartners }]
      : []),
  ];
}

function securityParagraphs(language: Language): string[] {
  return language === 'fi'
    ? [
        'Rekisteri on salasanoin suojattuna ohjelmisto- ja tilipalvelut tarjoavan yrityksen pilvipalvelimella.',
        'Henkilökunta kirjautuu henkilökohtaisella käyttäjätunnuksella ja salasanalla (argon2id-tiiviste, tunnuksen lukitus toistuvista virheistä, valinnainen kertakäyttökoodi). Kumppanijärjestelmät käyttävät omia, rajattuja avaimiaan.',
        'Jokainen käyttäjärooli näkee vain tehtäviinsä tarvittavat kentät; kenttäkohtaiset käyttöoikeudet muodostetaan samasta tietoluokittelusta kuin tämä seloste, ja luokittelematonta tietoa ei näe kukaan.',
        'Henkilötunnus on salattu tietokannassa (AES-256-GCM) ja näytetään oletuksena peitettynä.',
        'Jokaisesta henkilötietojen lukemisesta ja muutoksesta kirjataan muuttumaton, ketjutettu lokimerkintä (kuka, milloin, kenen tiedot, mitkä kentät).',
      ]
    : [
        'The customer register is stored password-protected on the cloud server of the company providing the software and account services.',
        'Staff sign in with a personal user ID and password (argon2id hashes, lockout after repeated failures, optional one-time codes). Partner systems use their own keys, limited to what they need.',
        'Each role sees only the fields its work needs; field-level access rights are built from the same classification as this description, and a field nobody classified is readable by nobody.',
        'The personal identity number is encrypted in the database (AES-256-GCM) and shown masked by default.',
        'Every read of personal data and every change is written to an append-only, hash-chained audit log (who, when, whose data, which fields).',
      ];
}

export interface DocumentInput {
  controller: ControllerProfile;
  facts: RegisterFacts;
  map?: DataMap;
  now?: Date;
}

/** The registry description, sections 1–10, in one language. */
export function registryDescription(language: Language, { controller, facts, map = dataMap, now = new Date() }: DocumentInput): PrivacyDocument {
  const fi = language === 'fi';
  const registerName = fi ? `${controller.name}:n asiakasrekisteri` : `${controller.name}'s Customer Register`;
  const section = (number: number, key: string, title: string, paragraphs: string[], lists: DocumentList[] = []): DocumentSection => ({
    number,
    key,
    title,
    paragraphs,
    lists,
  });
  return {
    kind: 'registry-description',
    language,
    title: fi
      ? `Rekisteri- ja tietosuojaseloste: ${registerName} (EU:n yleinen tietosuoja-asetus 2016/679)`
      : `Registry description of ${registerName} (EU General Data Protection Regulation 2016/679)`,
    generatedAt: now.toISOString(),
    contents: contentsOf(language, map),
    sections: [
      section(1, 'controller', fi ? 'Rekisterinpitäjä' : 'The controller', controllerLines(language, controller)),
      section(2, 'name', fi ? 'Rekisterin nimi' : 'Name of the register', [registerName]),
      section(
        3,
        'purposes',
        fi ? 'Rekisterin käyttötarkoitus' : 'Purpose of the register',
        [
          fi
            ? 'Rekisterin tietoja käytetään seuraaviin tarkoituksiin. Asiakkaalla on oikeus kieltää suoramarkkinointi milloin tahansa; kielto tulee voimaan heti.'
            : 'The register data is used for the purposes below. The customer has the right to prohibit direct marketing at any time; a prohibition takes effect at once.',
        ],
        [{ heading: null, items: purposesInUse(map).map((purpose) => t(language, PURPOSES[purpose])) }],
      ),
      section(
        4,
        'contents',
        fi ? 'Rekisterin tietosisältö' : 'Contents of the register',
        [fi ? 'Rekisteriin tallennetaan tietoryhmittäin seuraavat tiedot.' : 'The register stores the following data, by category.'],
        contentsLists(language, map),
      ),
      section(
        5,
        'sources',
        fi ? 'Säännönmukaiset tietolähteet' : 'Regular sources of information',
        [fi ? 'Jokaisen tiedon lähde ja keruuaika tallennetaan tiedon yhteyteen.' : 'The source and time of collection are stored with the data.'],
        sourcesList(language, facts),
      ),
      section(
        6,
        'disclosures',
        fi ? 'Tietojen säännönmukaiset luovutukset' : 'Regular disclosures',
        [
          fi
            ? `Tietoja käytetään vain ${controller.name}:n omassa asiakashallinnossa; niitä ei luovuteta kolmansille osapuolille näiden omiin tarkoituksiin. Rekisterinpitäjän lukuun toimivat kumppanit käsittelevät vain tehtäväänsä tarvittavia tietoja, ja niiden jokainen käyttökerta kirjataan.`
            : `The data is used only in ${controller.name}'s own customer management; it is not disclosed to third parties for their own purposes. Partners acting on the controller's behalf process only the data their task needs, and every access they make is logged.`,
          fi
            ? `${controller.name} voi luovuttaa rekisterin tietoja viranomaisille sovellettavan lainsäädännön sallimissa ja velvoittamissa rajoissa. Jokainen luovutus kirjataan (vastaanottaja, oikeusperuste, luovutetut tiedot, kenen tiedot, milloin ja kuka luovutti).`
            : `${controller.name} may disclose register data to authorities within the limits permitted and required by applicable law. Every disclosure is recorded (recipient, legal basis, the data disclosed, whose, when and by whom).`,
          controller.transfersOutsideEu
            ? controller.transfersOutsideEu
            : fi
              ? 'Tietoja ei siirretä Euroopan unionin tai Euroopan talousalueen ulkopuolelle.'
              : 'No data is transferred outside the European Union or the European Economic Area.',
        ],
        recipientsLists(language, facts),
      ),
      section(
        7,
        'deleting',
        fi ? 'Tietojen poistaminen' : 'Deleting data',
        [
          fi
            ? 'Tiedot poistetaan asiakkaan pyynnöstä tai asiakassuhteen päätyttyä, kun niitä ei enää tarvita. Ennen poistoa rekisteriasioiden yhteyshenkilö näkee suunnitelman siitä, mitä poistetaan, mitä anonymisoidaan ja mitä on säilytettävä lain nojalla. Lain nojalla säilytettävät tiedot rajataan käsittelyltä ja poistetaan säilytysajan päätyttyä.'
            : 'Data is deleted at the customer’s request or after the customer relationship has ended, once it is no longer needed. Before an erasure the registry liaison officer sees a plan of what is deleted, what is anonymised and what must be kept by law. Data kept by law is restricted from processing and erased when its period ends.',
          fi
            ? 'Käsittelyn rajoitus (rekisteröidyn pyynnöstä tai lakisääteisen säilytyksen ajaksi) kirjataan: kenen tiedot, miksi, milloin ja kuka rajoitti tai poisti rajoituksen.'
            : 'A restriction of processing (at the data subject’s request or for a statutory retention period) is recorded: whose data, why, when, and who restricted it or lifted it.',
        ],
        retentionLists(language, map),
      ),
      section(
        8,
        'confidentiality',
        fi ? 'Asiakasrekisterin luottamuksellisuus' : 'Confidentiality of the customer register',
        [
          fi
            ? `${controller.name}:n henkilökuntaa ja sen lukuun toimivia kolmansia osapuolia koskee vaitiolovelvollisuus kaikista asiakastiedoista. Pääsy rekisteriin on suojattu käyttäjäkohtaisin tunnuksin, salasanoin ja käyttöoikeuksin. Asiakassuhteen päätyttyä asiakkaan tiedot poistetaan rekisteristä heti, kun niiden käsittely ei enää ole tarpeen.`
            : `${controller.name}'s personnel and third parties acting on its behalf have a duty of confidentiality concerning all customer information. Access to the register is protected by user-specific IDs, passwords and access rights. At the end of the customer relationship, the customer's data is deleted from the register as soon as it is no longer necessary to process it.`,
          fi ? 'Käyttöoikeudet rooleittain:' : 'Access rights by role:',
        ],
        accessLists(language, map),
      ),
      section(9, 'security', fi ? 'Rekisterin suojauksen periaatteet' : 'Registry security principles', securityParagraphs(language)),
      section(
        10,
        'inspection',
        fi ? 'Tarkastusoikeus ja muut rekisteröidyn oikeudet' : 'Right of inspection and the data subject’s other rights',
        [
          fi
            ? `EU:n yleisen tietosuoja-asetuksen 15 artiklan mukaisesti jokaisella on oikeus tarkistaa, mitä häntä koskevia tietoja ${registerName} sisältää, ja saada niistä jäljennös. Lisäksi rekisteröidyllä on oikeus tietojen oikaisemiseen (16 art.), poistamiseen (17 art.), käsittelyn rajoittamiseen (18 art.), tietojen siirtämiseen järjestelmästä toiseen (20 art.) sekä oikeus vastustaa suoramarkkinointia (21 art.).`
            : `Under Article 15 of the EU General Data Protection Regulation, everyone has the right to check what data concerning them is stored in ${registerName}, and to receive a copy. The data subject also has the right to rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object to direct marketing (Art. 21).`,
          fi
            ? 'Pyynnön voi tehdä kirjeitse, sähköpostitse tai henkilökohtaisesti alla mainitulle yhteyshenkilölle; allekirjoitettua kirjettä ei vaadita. Pyynnöstä tulee käydä ilmi, että se koskee pyytäjän tietoja asiakasrekisterissä. Pyytäjän henkilöllisyys varmistetaan ennen tietojen antamista. Pyyntöön vastataan kuukauden kuluessa sen saapumisesta; määräaikaa voidaan perustellusta syystä jatkaa enintään kahdella kuukaudella, jolloin siitä ilmoitetaan pyytäjälle.'
            : 'A request can be made by letter, by e-mail or in person to the contact below; a signed letter is not required. The request should state that it concerns the requester’s data in the customer register. The requester’s identity is verified before any data is given. A request is answered within one month of its receipt; for a justified reason the period may be extended by up to two months, and the requester is told so.',
          fi
            ? 'Rekisteröidyllä on oikeus tehdä valitus tietosuojavaltuutetun toimistolle (tietosuoja.fi).'
            : 'The data subject has the right to lodge a complaint with the Office of the Data Protection Ombudsman (tietosuoja.fi).',
        ],
        [{ heading: fi ? 'Yhteyshenkilö' : 'Contact', items: privacyContact(language, controller) }],
      ),
    ],
  };
}

/** The GDPR Art. 30(1) record of processing activities: an internal document for the dpo and admins. */
export function recordOfProcessing(language: Language, { controller, facts, map = dataMap, now = new Date() }: DocumentInput): PrivacyDocument {
  const fi = language === 'fi';
  const description = registryDescription(language, { controller, facts, map, now });
  const fromDescription = (key: string) => description.sections.find((section) => section.key === key)!;
  const section = (number: number, key: string, title: string, paragraphs: string[], lists: DocumentList[] = []): DocumentSection => ({
    number,
    key,
    title,
    paragraphs,
    lists,
  });
  const personalCategories = contentsOf(language, map);
  return {
    kind: 'record-of-processing',
    language,
    title: fi ? 'Seloste käsittelytoimista (EU:n yleinen tietosuoja-asetus, 30 artikla)' : 'Record of processing activities (GDPR Article 30)',
    generatedAt: now.toISOString(),
    contents: personalCategories,
    sections: [
      section(1, 'controller', fi ? 'Rekisterinpitäjä ja yhteyshenkilö (30(1)(a))' : 'Controller and contact (30(1)(a))', [
        ...controllerLines(language, controller),
      ], [{ heading: fi ? 'Rekisteriasioiden yhteyshenkilö' : 'Registry liaison officer', items: privacyContact(language, controller) }]),
      section(2, 'purposes', fi ? 'Käsittelyn tarkoitukset (30(1)(b))' : 'Purposes of the processing (30(1)(b))', [], fromDescription('purposes').lists),
      section(3, 'subjects', fi ? 'Rekisteröityjen ryhmät (30(1)(c))' : 'Categories of data subjects (30(1)(c))', [], [
        {
          heading: null,
          items: fi
            ? ['Yksityisasiakkaat', 'Yritysasiakkaat (elinkeinonharjoittajat)', 'Yritysasiakkaiden yhteyshenkilöt']
            : ['Private customers', 'Business customers (sole traders among them)', 'Contact persons of business customers'],
        },
      ]),
      section(
        4,
        'categories',
        fi ? 'Henkilötietoryhmät (30(1)(c))' : 'Categories of personal data (30(1)(c))',
        [],
        contentsLists(language, map),
      ),
      section(5, 'recipients', fi ? 'Vastaanottajien ryhmät (30(1)(d))' : 'Categories of recipients (30(1)(d))', [], recipientsLists(language, facts)),
      section(6, 'transfers', fi ? 'Siirrot kolmansiin maihin (30(1)(e))' : 'Transfers to third countries (30(1)(e))', [
        controller.transfersOutsideEu ??
          (fi
            ? 'Ei siirtoja Euroopan unionin tai Euroopan talousalueen ulkopuolelle.'
            : 'No transfers outside the European Union or the European Economic Area.'),
      ]),
      section(7, 'erasure', fi ? 'Poistamisen määräajat (30(1)(f))' : 'Time limits for erasure (30(1)(f))', [], retentionLists(language, map)),
      section(8, 'security', fi ? 'Tekniset ja organisatoriset suojatoimet (30(1)(g))' : 'Technical and organisational security measures (30(1)(g))', [
        ...securityParagraphs(language),
      ], [{ heading: fi ? 'Käyttöoikeudet rooleittain' : 'Access rights by role', items: [] }, ...accessLists(language, map)].filter((list) => list.items.length > 0)),
    ],
  };
}

export const LANGUAGE_NAMES = { fi: 'suomi', en: 'English' } as const;
