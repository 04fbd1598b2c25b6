import type { EntityManager } from '@mikro-orm/postgresql';
import { isPartnerScope, type PartnerScope } from '@register/schema';
import type { Config } from '../../config.js';
import { recordOfProcessing, registryDescription, type Language, type PrivacyDocument, type RegisterFacts } from './description.document.js';

/** The public page is served to anyone: the facts behind it are read at most once per interval (a new partner key shows within it). */
const FACTS_TTL_MS = 5 * 60 * 1000;

/**
 * Serves the registry description and the Art. 30 record: generated from the data map and the
 * controller's profile, plus two facts of the running register (the partners acting on the
 * controller's behalf, from the active API keys, and the partner registers data came from).
 */
export class DescriptionService {
  private cached: { at: number; facts: Promise<RegisterFacts> } | undefined;

  constructor(private readonly config: Config) {}

  async facts(em: EntityManager, now = Date.now()): Promise<RegisterFacts> {
    if (!this.cached || now - this.cached.at > FACTS_TTL_MS) {
      const facts = this.loadFacts(em);
      this.cached = { at: now, facts };
      facts.catch(() => {
        if (this.cached?.facts === facts) this.cached = undefined;
      });
    }
    return this.cached.facts;
  }

  async description(em: EntityManager, language: Language): Promise<PrivacyDocument> {
    return registryDescription(language, { controller: this.config.controller, facts: await this.facts(em) });
  }

  async record(em: EntityManager, language: Language): Promise<PrivacyDocument> {
    return recordOfProcessing(language, { controller: this.config.controller, facts: await this.facts(em) });
  }

  private async loadFacts(em: EntityManager): Promise<RegisterFacts> {
    const connection = em.getConnection();
    const [keys, sources] = await Promise.all([
      connection.execute<{ partner: string; scopes: string[] }[]>(
        `select partner, array_agg(distinct scope order by scope) as scopes
           from partner_api_key cross join unnest(scopes) as scope
          where revoked_at is null
          group by partner order by partner`,
        [],
        'all',
      ),
      connection.execute<{ partner: string }[]>(
        `select source_partner as partner from customer where source_partner is not null
         union select source_partner from contact_person where source_partner is not null
         order by partner`,
        [],
        'all',
      ),
    ]);
    return {
      processors: keys.map((row) => ({ partner: row.partner, scopes: row.scopes.filter(isPartnerScope) as PartnerScope[] })),
      sourcePartners: sources.map((row) => row.partner),
    };
  }
}
