import { customerFieldLabels } from './fieldLabels';

/** The app's own Finnish messages. Keys missing here fall back to English. */
export const fi = {
  resources: {
    customers: {
      name: 'Asiakas |||| Asiakkaat',
      fields: customerFieldLabels('fi'),
    },
    auditEvents: {
      name: 'Lokitapahtuma |||| Lokitapahtumat',
      fields: {
        seq: 'Nro',
        at: 'Aika',
        actorType: 'Tekijän tyyppi',
        actorId: 'Tekijä',
        client: 'Asiakasohjelma',
        operation: 'Toiminto',
        action: 'Tapahtuma',
        subjectType: 'Kohteen tyyppi',
        subjectId: 'Rekisteröity (asiakasnumero)',
        fields: 'Tiedot',
        outcome: 'Tulos',
      },
    },
    staffUsers: {
      name: 'Käyttäjä |||| Käyttäjät',
      fields: {
        username: 'Käyttäjätunnus',
        displayName: 'Nimi',
        roles: 'Roolit',
        active: 'Voimassa',
        totpEnabled: 'Kertakäyttökoodit',
        lastLoginAt: 'Viimeksi kirjautunut',
        lockedUntil: 'Lukittu asti',
        createdAt: 'Luotu',
      },
    },
  },
  register: {
    title: 'Lesecin asiakasrekisteri',
    enums: {
      kind: { PRIVATE: 'Yksityinen', BUSINESS: 'Yritys' },
      status: { ACTIVE: 'Aktiivinen', PROSPECT: 'Mahdollinen asiakas', TERMINATED: 'Päättynyt' },
      sourceType: {
        DATA_SUBJECT: 'Rekisteröity itse',
        SERVICE_DELIVERY: 'Palvelun toimitus',
        PARTNER: 'Kumppanirekisteri',
      },
    },
    roles: {
      admin: 'Järjestelmän ylläpitäjä',
      dpo: 'Rekisteriasioiden yhteyshenkilö (tietosuojavastaava)',
      service: 'Asiakaspalvelu',
      sales: 'Myynti',
      billing: 'Laskutus ja perintä',
      marketing: 'Markkinointi',
      analyst: 'Analyytikko',
    },
    dashboard: {
      title: 'Etusivu',
      greeting: 'Hei, %{name}',
      roles: 'Roolisi',
      noRoles: 'Sinulla ei ole vielä rooleja. Pyydä käyttöoikeudet ylläpitäjältä.',
      customers: 'Avaa asiakasrekisteri',
      customersHint: 'Hae asiakkaita nimellä, sähköpostiosoitteella tai puhelinnumerolla.',
      noCustomerAccess: 'Roolisi eivät anna pääsyä asiakastietoihin.',
      adminNote:
        'Ylläpitäjät hoitavat järjestelmää eivätkä lue asiakastietoja. Henkilökunnan tunnukset ovat kohdassa Käyttäjät; niiden ja kumppanien API-avainten hallinta tulee myöhemmin.',
      analystNote: 'Analyytikot näkevät vain koostetut luvut, eivät yksittäisiä asiakkaita.',
      auditLog: 'Avaa tapahtumaloki',
      privacy:
        'Kaikki mitä avaat täällä kirjataan tapahtumalokiin: kuka, milloin, kenen tietoja ja mitkä tiedot.',
    },
    access: {
      title: 'Käyttöoikeuteni',
      intro: 'Mitä asiakkaan tietoja roolisi sallivat lukea ja kirjoittaa. Rekisteri noudattaa samoja sääntöjä.',
      field: 'Tieto',
      read: 'Luku',
      create: 'Asetus luotaessa',
      update: 'Muutos',
    },
    login: {
      totpCode: 'Kertakäyttökoodi (jos käytössä)',
      language: 'Kieli',
    },
    customers: {
      search: 'Haku',
      searchHint: 'Nimi, sähköposti tai puhelin; vähintään 3 merkkiä',
      sections: {
        identity: 'Henkilöllisyys',
        contact: 'Yhteystiedot',
        provenance: 'Tietolähde',
        lifecycle: 'Tietue',
      },
      identityNumber: 'Henkilötunnus',
      auditEvents: 'Asiakkaan lokitapahtumat',
      verify: {
        title: 'Tarkista henkilötunnus',
        help: 'Vertaa soittajan antamaa tunnusta tallennettuun. Jokainen tarkistus kirjataan.',
        value: 'Soittajan antama henkilötunnus',
        submit: 'Tarkista',
        match: 'Tunnus vastaa tätä asiakasta.',
        mismatch: 'Tunnus ei vastaa tätä asiakasta.',
        rateLimited: 'Liian monta tämän asiakkaan henkilötunnuksen tarkistusta. Yritä myöhemmin uudelleen.',
        failed: 'Tarkistus ei onnistunut: %{message}',
      },
      create: {
        identityNumberHint: 'PPKKVVYNNNT, esim. 131052-308T',
        businessIdHint: 'NNNNNNN-T, esim. 1572860-0',
        phoneHint: 'esim. +358 40 123 4567 tai 040 123 4567',
      },
    },
    validation: {
      // By the stable codes of @register/identifiers; English shows the parser's own sentence.
      required: 'Pakollinen tieto',
      whitespace: 'Poista välilyönnit alusta ja lopusta',
      case: 'Käytä isoja kirjaimia',
      format: 'Väärä muoto',
      length: 'Väärä pituus',
      prefix: 'Väärä alku',
      century: 'Tuntematon vuosisatamerkki (käytä +, -, Y, X, W, V, U, A, B, C, D, E tai F)',
      date: 'Päivämäärää ei ole olemassa',
      range: 'Yksilönumero ei ole käytössä (sallittu 002–999)',
      checksum: 'Tarkistemerkki ei täsmää',
    },
    errors: {
      forbidden: 'Roolisi ei salli tätä.',
    },
  },
};
