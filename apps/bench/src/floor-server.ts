/**
 * The floor: a bare node:http + pg handler with the best hand-written SQL for each scenario — one
 * prepared statement per request that returns the response's JSON, built by PostgreSQL. No
 * sessions, no rules, no audit: what serving the same data costs at the least.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const CUSTOMER_FIELDS = `'id', c.id, 'name', c.name, 'kind', c.kind, 'status', c.status, 'email', c.email, 'phone', c.phone, 'city', c.city`;
const CONTRACT_FIELDS = `'id', k.id, 'contractNumber', k.contract_number, 'status', k.status, 'startDate', k.start_date`;
const SIM_FIELDS = `'id', s.id, 'iccid', s.iccid, 'phoneNumber', s.phone_number, 'status', s.status`;

const STATEMENTS = {
  byId: `select json_build_object(${CUSTOMER_FIELDS}, 'personalIdentityNumberMasked', c.personal_identity_number_masked,
      'contracts', coalesce((select json_agg(json_build_object(${CONTRACT_FIELDS},
         'simCards', coalesce((select json_agg(json_build_object(${SIM_FIELDS}) order by s.id) from sim_card s where s.contract_id = k.id), '[]'::json))
       order by k.start_date, k.id) from contract k where k.customer_id = c.id), '[]'::json)) as body
    from customer c where c.id = $1`,
  // The page's ids from the name index first, then 50 rows and their contracts. The offset is
  // read through a sub-select, as our API does (customer.service.ts): then no plan knows it, and
  // PostgreSQL plans the statement once instead of on every request.
  page: `with page as (select id from customer order by name, id offset (select $1::bigint) limit 50)
    select coalesce(json_agg(json_build_object(${CUSTOMER_FIELDS},
      'contracts', coalesce((select json_agg(json_build_object(${CONTRACT_FIELDS}) order by k.start_date, k.id) from contract k where k.customer_id = c.id), '[]'::json))
      order by c.name, c.id), '[]'::json) as body
    from page join customer c on c.id = page.id`,
  searchPhone: `select coalesce(json_agg(json_build_object(${CUSTOMER_FIELDS}) order by c.name, c.id), '[]'::json) as body
    from (select * from customer where (phone collate "C") = $1 order by name, id limit 20) c`,
  searchEmail: `select coalesce(json_agg(json_build_object(${CUSTOMER_FIELDS}) order by c.name, c.id), '[]'::json) as body
    from (select * from customer where (lower(email) collate "C") = (lower($1) collate "C") order by name, id limit 20) c`,
  searchName: `select coalesce(json_agg(json_build_object(${CUSTOMER_FIELDS}) order by c.name, c.id), '[]'::json) as body
    from (select * from customer where name >= $1 and name < $1 || chr(1114111) order by name, id limit 20) c`,
  create: `insert into customer (id, kind, name, email, city, status, source_type, collected_at, created_at, updated_at)
    values ($1, 'PRIVATE', $2, $3, $4, 'PROSPECT', 'DATA_SUBJECT', now(), now(), now()) returning json_build_object('id', id) as body`,
} as const;

async function readBody(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const connections = Number(process.env.POOL_SIZE ?? 10);
const pool = new pg.Pool({ connectionString: databaseUrl, max: connections, min: connections, application_name: 'bench-floor' });

async function run(name: keyof typeof STATEMENTS, values: unknown[]): Promise<unknown> {
  const { rows } = await pool.query<{ body: unknown }>({ name, text: STATEMENTS[name], values });
  return rows[0]?.body ?? null;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://floor');
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };
  const handle = async () => {
    const q = url.searchParams;
    switch (url.pathname) {
      case '/health':
        return send(200, { ok: true });
      case '/by-id':
        return send(200, { data: await run('byId', [q.get('id')]) });
      case '/page':
        return send(200, { data: await run('page', [Number(q.get('offset') ?? 0)]) });
      case '/search/phone':
        return send(200, { data: await run('searchPhone', [q.get('q')]) });
      case '/search/email':
        return send(200, { data: await run('searchEmail', [q.get('q')]) });
      case '/search/name':
        return send(200, { data: await run('searchName', [q.get('q')]) });
      case '/create': {
        const body = await readBody(request);
        return send(200, { data: await run('create', [randomUUID(), body.name, body.email, body.city]) });
      }
      default:
        return send(404, { errors: [{ message: `no such endpoint ${url.pathname}` }] });
    }
  };
  handle().catch((error: unknown) => send(500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
const stop = () => {
  server.close();
  void pool.end();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
