import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parseCookie } from 'cookie';
import express, { type Request } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import helmet from 'helmet';
import type { Principal } from '@register/schema';
import { principalOf, type Caller } from './access/caller.js';
import { SESSION_COOKIE } from './access/auth.service.js';
import { AuditLog, auditAppendQueue, type AppendQueue } from './audit/audit-log.js';
import type { Config } from './config.js';
import type { RequestContext } from './graphql/context.js';
import { jitGateway } from './graphql/executor.js';
import { buildBaseSchema, buildGuardedSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';
import { descriptionRouter } from './privacy/description/description.routes.js';
import { accessReportRouter } from './privacy/report/report.http.js';

export interface AppOptions {
  config: Config;
  orm: MikroORM;
  services: Services;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function clientOf(req: Request): string {
  const agent = (req.get('user-agent') ?? '').slice(0, 200);
  return `${req.ip ?? 'unknown'} ${agent}`.trim();
}

async function authenticate(req: Request, services: Services, ctxEm: RequestContext['em']): Promise<Caller> {
  const header = req.get('authorization');
  if (header) {
    const [scheme, key] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !key) {
      throw new GraphQLError('Send partner keys as "Authorization: Bearer <key>".', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const partner = await services.auth.apiKeyCaller(ctxEm, key);
    if (!partner) {
      throw new GraphQLError('The API key is unknown or revoked.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return partner;
  }
  const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
  if (token) return (await services.auth.sessionCaller(ctxEm, token)) ?? { kind: 'anonymous' };
  return { kind: 'anonymous' };
}

function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Errors of the request's own shape (unknown enum value, bad scalar) are BAD_USER_INPUT with the
 * argument they concern in `extensions.field`, like every other input error.
 */
function inputErrorField(error: GraphQLError, document: DocumentNode | undefined): string | undefined {
  const variable = /Variable "\$(\w+)"/.exec(error.message)?.[1];
  const node = error.nodes?.[0];
  if (!document) return variable;
  let field: string | undefined;
  const path: string[] = [];
  visit(document, {
    Argument: {
      enter(argument) {
        path.push(argument.name.value);
        const value = argument.value;
        if (variable && value.kind === 'Variable' && value.name.value === variable) field ??= argument.name.value;
      },
      leave() {
        path.pop();
      },
    },
    ObjectField: {
      enter(objectField) {
        path.push(objectField.name.value);
      },
      leave() {
        path.pop();
      },
    },
    enter(visited) {
      if (node && visited === node && path.length > 0) field ??= path.join('.');
    },
  });
  return field ?? variable;
}

function auditPlugin(logger: Logger, appends: AppendQueue | undefined): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      // Counted in flight until its response is ready: the append of reads waits for the requests
      // still running only while there are some (AppendQueue).
      appends?.started();
      return {
        async didResolveOperation({ contextValue, operation, operationName, document }) {
          contextValue.audit.operation = `${operation?.operation ?? 'operation'} ${operationName ?? 'anonymous'}`;
          if (contextValue.caller.kind !== 'staff' && isIntrospection(document)) {
            throw new GraphQLError('Introspection is only for signed-in staff.', {
              extensions: { code: 'FORBIDDEN' },
            });
          }
        },
        async didEncounterErrors({ errors, document }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            const isShape =
              code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED'
                ? /does not exist in "\w+" enum|got invalid value|Expected value of type|cannot represent|^Value is not|Can only validate/i.test(error.message)
                : false;
            if (isShape && !error.extensions.field) {
              const field = inputErrorField(error, document ?? undefined);
              Object.assign(error.extensions, { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
            }
          }
        },
        async willSendResponse({ contextValue, response, operation }) {
          // A change of access made by this request (a restriction, a user, a sign-out) is seen
          // by the very next request of anyone, before the change's notification arrives.
          try {
            if (operation?.operation === 'mutation') contextValue.services.auth.sessions.clear();
            if (!appends || contextValue.audit.pendingCount === 0) return;
            try {
              // The reads are appended outside any transaction of the request: no fork of its own needed.
              await contextValue.audit.flush(contextValue.db);
            } catch (error) {
              // Accountability first: data whose reading could not be recorded is not sent.
              logger.error({ err: error, requestId: contextValue.requestId }, 'audit write failed');
              if (response.body.kind === 'single') {
                response.body.singleResult.data = null;
                response.body.singleResult.errors = [
                  { message: `The access could not be recorded, so nothing is shown (request ${contextValue.requestId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
                ];
              }
            }
          } finally {
            appends?.finished();
          }
        },
      };
    },
  };
}

/**
 * A request's context. Its derived members are getters of the class, not of the object: Apollo
 * hands resolvers a copy made with `Object.assign`, which would call own getters at once (forking
 * an EntityManager for every request, even one that never uses it) and freeze their values. On the
 * prototype they stay lazy on the copy too.
 */
class Context implements RequestContext {
  /** The request's fork, made when a resolver first asks for `em`. */
  forked: RequestContext['em'] | undefined = undefined;
  /** The principal of `caller`, derived once per caller (`login` replaces the caller), not per field. */
  derivedFor: Caller | undefined = undefined;
  derived: Principal | undefined = undefined;
  readonly db: RequestContext['db'];

  constructor(
    orm: MikroORM,
    public requestId: string,
    public caller: Caller,
    public audit: AuditLog,
    public services: Services,
    public client: string | null,
    public req: Request,
    public res: express.Response,
  ) {
    this.db = orm.em;
  }

  get em(): RequestContext['em'] {
    return (this.forked ??= this.db.fork());
  }

  get principal(): Principal {
    if (this.derivedFor !== this.caller) {
      this.derivedFor = this.caller;
      this.derived = principalOf(this.caller);
    }
    return this.derived!;
  }
}

export interface App {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
  setNotReady(): void;
}

export async function createApp({ config, orm, services, logger }: AppOptions): Promise<App> {
  // BENCH_DISABLE_RULES (never in production, see config.ts): the bare schema, to measure what rules cost.
  const schema = config.benchDisableRules ? await buildBaseSchema() : await buildGuardedSchema();
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth },
    maxAliases: { n: config.graphql.maxAliases },
    costLimit: { maxCost: config.graphql.maxCost },
    maxDirectives: { n: 20 },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  // The audit's append queue (none with BENCH_DISABLE_RULES); a failed background merge of its
  // subject index is logged without any personal data (there is none in it) and tried again later.
  const appends = config.benchDisableRules
    ? undefined
    : await auditAppendQueue(orm.em, (error) => logger.warn({ err: error }, 'audit: merging the subject index in the background failed; appends merge it themselves'));
  const apollo = new ApolloServer<RequestContext>({
    // The schema, with an executor that compiles each operation once (graphql/executor.ts).
    ...(config.graphql.jit ? { gateway: jitGateway(schema) } : { schema }),
    introspection: true, // but only for signed-in staff: see auditPlugin
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: config.production,
    validationRules: protection.validationRules,
    // graphql-armor's typings point at Apollo's CommonJS build; the plugins are the same objects.
    plugins: [
      ...(protection.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      auditPlugin(logger, appends),
      // No HTTP caching of personal data, and without it Apollo does not wrap every field's
      // resolver to compute cache hints (a cost per field of every response).
      ApolloServerPluginCacheControlDisabled(),
      // The session cache's change listener and the audit's background merges end with the server.
      {
        async serverWillStart() {
          return {
            async serverWillStop() {
              await services.auth.sessions.stop();
              await appends?.close();
            },
          };
        },
      },
    ],
    formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
      const code = formatted.extensions?.code;
      if (!code || code === 'INTERNAL_SERVER_ERROR') {
        const requestId = randomUUID();
        logger.error({ err: error, errorId: requestId, path: formatted.path }, 'internal error');
        return {
          message: `Something went wrong on our side. Quote this id when reporting it: ${requestId}.`,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      const field = typeof extensions.field === 'string' ? extensions.field : undefined;
      // Every input error names its field first, in the same form as the service's own errors.
      const message =
        code === 'BAD_USER_INPUT' && field && !formatted.message.startsWith(`${field}:`)
          ? `${field}: ${formatted.message.replace(/^Variable "\$\w+" got invalid value [^;]*; /, '')}`
          : formatted.message;
      return { ...formatted, message, extensions };
    },
  });
  await apollo.start();
  // Staff sessions answered from memory while a connection of its own listens for access changes
  // (access/session-cache.ts; SESSION_CACHE_SECONDS=0 leaves it off).
  if (services.auth.sessions.enabled) {
    // The ORM's own connection URL (the pool's parsed options may not carry the password, e.g.
    // for the embedded PostgreSQL's SCRAM authentication).
    await services.auth.sessions.start({ connectionString: orm.config.get('clientUrl') }, logger);
  }

  const app = express();
  app.disable('x-powered-by');
  // No ETag for responses built by res.send (GraphQL and JSON): they are personal data, never
  // cached (no-store), and hashing every response body cost a SHA-1 per request. Static files
  // keep theirs (express-static-gzip / serve-static set them).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
    }),
  );

  let ready = true;
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!ready) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  // The public registry description (GET /privacy, /privacy.json): no sign-in, before the admin app's catch-all.
  app.use(descriptionRouter({ orm, services, logger }));

  // The access report of a data subject request as a printable page and JSON downloads (dpo session only).
  app.use('/privacy/requests', accessReportRouter({ orm, services, logger }));

  // importPartnerCustomers carries a partner register's CSV file (up to 20 MB): only this path takes
  // a body that large, and only from a signed-in staff session (checked before the body is read).
  // The request then goes on to the GraphQL endpoint below, whose parser sees the body read.
  app.use(
    '/graphql/import',
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
      const signedIn = token ? services.auth.sessionCaller(orm.em.fork(), token) : Promise.resolve(undefined);
      signedIn.then(
        (caller) => {
          if (caller?.kind === 'staff') next();
          else res.status(401).json({ errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] });
        },
        (error: unknown) => next(error),
      );
    },
    express.json({ limit: '25mb' }),
  );
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const headerId = req.get('x-request-id');
        const requestId = headerId && REQUEST_ID.test(headerId) ? headerId : randomUUID();
        res.setHeader('x-request-id', requestId);
        // The session look-up needs no EntityManager of its own (a prepared statement on the pool):
        // the request's fork is made when a resolver first asks for it.
        const caller = await authenticate(req, services, orm.em);
        const client = caller.kind === 'partner' ? `partner-key ${caller.keyId}` : clientOf(req);
        const audit = new AuditLog(caller, client, requestId);
        return new Context(orm, requestId, caller, audit, services, client, req, res);
      },
    }),
  );

  // The admin app, built by Vite, served from the same origin (so the session cookie is SameSite).
  const adminDist = config.adminDist;
  if (existsSync(join(adminDist, 'index.html'))) {
    const hashedAssets = resolve(adminDist, 'assets') + sep;
    // Vite's build writes each asset's .br and .gz beside it (apps/admin/vite.config.ts): served with
    // Content-Encoding when the browser accepts it. Hashed names under /assets never change: cached
    // for a year without revalidation; index.html (below) is asked again on every load.
    app.use(
      expressStaticGzip(adminDist, {
        index: false,
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        serveStatic: {
          index: false,
          maxAge: '1h',
          setHeaders(res, path) {
            if (path.startsWith(hashedAssets)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          },
        },
      }),
    );
    app.get(/^\/(?!graphql|healthz|readyz).*/, (_req, res) => {
      res.sendFile('index.html', { root: adminDist });
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The admin app is not built. Run `npm start` (or `pnpm --filter @register/admin build`).');
    });
  }

  return {
    app,
    apollo,
    setNotReady() {
      ready = false;
    },
  };
}
