import type { MikroORM } from '@mikro-orm/postgresql';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger.js';
import type { Services } from '../../services.js';
import { LANGUAGES, type Language } from './description.document.js';
import { renderDocumentHtml } from './description.html.js';

/**
 * Picks the language: `?lang=fi|en` first, then the Accept-Language header by its q-values, then
 * Finnish. An unsupported `lang` is a clear error rather than a silent fallback.
 */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): Language | { error: string } {
  if (query !== undefined) {
    if (typeof query === 'string' && (LANGUAGES as readonly string[]).includes(query)) return query as Language;
    return { error: `lang: use one of ${LANGUAGES.join(', ')} (e.g. /privacy?lang=en)` };
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && (LANGUAGES as readonly string[]).includes(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.language as Language | undefined) ?? 'fi';
}

/**
 * The public registry description (no sign-in): `GET /privacy` as a printable HTML page,
 * `GET /privacy.json` (or `/privacy?format=json`) as JSON. Only these two paths: the data subject
 * request routes under /privacy/ are another router's.
 */
export function descriptionRouter({ orm, services, logger }: { orm: MikroORM; services: Services; logger: Logger }): Router {
  const router = Router();
  const serve = (json: boolean) => async (req: Request, res: Response) => {
    const picked = pickLanguage(req.query.lang, req.get('accept-language'));
    res.setHeader('Vary', 'Accept-Language');
    if (typeof picked !== 'string') {
      res.status(400).type('text/plain').send(picked.error);
      return;
    }
    const format = req.query.format;
    if (format !== undefined && format !== 'json' && format !== 'html') {
      res.status(400).type('text/plain').send('format: use json or html (or leave it out for the page)');
      return;
    }
    try {
      const document = await services.description.description(orm.em.fork(), picked);
      res.setHeader('Content-Language', picked);
      res.setHeader('Cache-Control', 'public, max-age=300');
      if (json || format === 'json') res.json(document);
      else res.type('html').send(renderDocumentHtml(document));
    } catch (error) {
      logger.error({ err: error }, 'registry description failed');
      res.status(503).type('text/plain').send('The registry description is unavailable right now; try again shortly.');
    }
  };
  router.get('/privacy', serve(false));
  router.get('/privacy.json', serve(true));
  return router;
}
