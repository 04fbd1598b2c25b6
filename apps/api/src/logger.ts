import { personalFields, dataMap } from '@register/schema';
import { pino, type Logger } from 'pino';

/**
 * Structured logs that never contain personal data. Redaction paths come from the data map
 * (every personal field of every classified type, wherever it appears in a logged object), plus
 * credentials. Request bodies and GraphQL variables are never logged at all.
 */
export function redactionPaths(): string[] {
  const fields = new Set<string>(['password', 'totpCode', 'token', 'key', 'value']);
  for (const typeName of Object.keys(dataMap)) for (const field of personalFields(typeName)) fields.add(field);
  const paths: string[] = [];
  for (const field of fields) paths.push(field, `*.${field}`, `*.*.${field}`);
  paths.push('req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization', 'variables', '*.variables');
  return paths;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'register-api' },
    redact: { paths: redactionPaths(), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
