import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parseCookie } from 'cookie';
import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { SESSION_COOKIE } from '../../access/auth.service.js';
import { AuditLog } from '../../audit/audit-log.js';
import type { Logger } from '../../logger.js';
import type { Services } from '../../services.js';
import { renderAccessReportHtml, type ReportLanguage } from './report.html.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clientOf(req: Request): string {
  return `${req.ip ?? 'unknown'} ${(req.get('user-agent') ?? '').slice(0, 200)}`.trim();
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(message);
}

/**
 * The access report as a printable page and as JSON downloads, for the dpo's session only:
 *   GET /privacy/requests/:id/report.html?lang=fi|en
 *   GET /privacy/requests/:id/report.json
 *   GET /privacy/requests/:id/portability.json
 * GETs change nothing but the audit log (each generation is audited), the session cookie is
 * SameSite and nothing is cached (`Cache-Control: no-store`).
 */
export function accessReportRouter({ orm, services, logger }: { orm: MikroORM; services: Services; logger: Logger }): express.Router {
  const router = express.Router();
  const handle =
    (produce: (ctx: { em: ReturnType<MikroORM['em']['fork']>; audit: AuditLog; id: string }, req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Robots-Tag', 'noindex');
      const id = String(req.params.id ?? '');
      const em = orm.em.fork();
      const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
      const caller = token ? await services.auth.sessionCaller(em, token) : undefined;
      if (!caller || caller.kind !== 'staff') return refuse(res, 401, 'Sign in first: the access report needs the registry liaison officer’s session.');
      if (!caller.roles.includes('dpo')) return refuse(res, 403, 'Only the registry liaison officer (dpo) may open access reports.');
      if (!UUID.test(id)) return refuse(res, 404, 'No data subject request has this number.');
      const requestId = randomUUID();
      const audit = new AuditLog(caller, clientOf(req), requestId, `GET ${req.baseUrl}${req.path}`.slice(0, 100));
      try {
        await produce({ em, audit, id }, req, res);
      } catch (error) {
        if (error instanceof GraphQLError) {
          const code = error.extensions?.code;
          return refuse(res, code === 'NOT_FOUND' || error.extensions?.field === 'requestId' ? 404 : 400, error.message);
        }
        logger.error({ err: error, errorId: requestId }, 'access report failed');
        return refuse(res, 500, `Something went wrong on our side. Quote this id when reporting it: ${requestId}.`);
      }
    };

  router.get(
    '/:id/report.html',
    handle(async ({ em, audit, id }, req, res) => {
      const lang: ReportLanguage = req.query.lang === 'en' ? 'en' : 'fi';
      const report = await services.accessReports.generate(em, audit, { requestId: id });
      res.type('text/html; charset=utf-8').send(renderAccessReportHtml(report, lang));
    }),
  );
  router.get(
    '/:id/report.json',
    handle(async ({ em, audit, id }, _req, res) => {
      const report = await services.accessReports.generate(em, audit, { requestId: id });
      res.setHeader('Content-Disposition', `attachment; filename="access-report-${id}.json"`);
      res.type('application/json; charset=utf-8').send(JSON.stringify(report, null, 2));
    }),
  );
  router.get(
    '/:id/portability.json',
    handle(async ({ em, audit, id }, _req, res) => {
      const data = await services.accessReports.portability(em, audit, id);
      res.setHeader('Content-Disposition', `attachment; filename="portability-${id}.json"`);
      res.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
    }),
  );
  return router;
}
