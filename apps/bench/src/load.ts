/** Load with autocannon: a checked warm-up, then the measured run with every operation's latency. */
import autocannon from 'autocannon';
import { percentile } from './rounds.ts';
import type { Scenario } from './scenarios.ts';

export interface LoadResult {
  operations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  /** Every operation's latency in ms, sorted. */
  latencies: number[];
}

interface Context {
  n: number;
  t0: number;
  previous: unknown;
}

let counter = 0;

function run(
  url: string,
  scenario: Scenario,
  options: { connections: number; seconds: number; headers: Record<string, string>; check: boolean },
): Promise<LoadResult & { problem?: string }> {
  const latencies: number[] = [];
  let problem: string | undefined;
  let failures = 0;
  const last = scenario.steps.length - 1;
  // Bodies are read only where the next step needs them, or in the warm-up where each is checked.
  const needsBody = (index: number) => options.check || index < last;
  // One step and no check: autocannon's own per-response time, without a hook per response.
  const timedByEvent = scenario.steps.length === 1 && !options.check;
  const requests = scenario.steps.map((step, index) => ({
    method: step.method,
    path: step.path(0),
    headers: { ...options.headers, ...(step.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    setupRequest: (request: Record<string, unknown>, context: Context) => {
      if (index === 0) {
        context.n = counter;
        counter += 1;
        context.t0 = performance.now();
      }
      return { ...request, path: step.path(context.n), ...(step.body ? { body: step.body(context.n, context.previous) } : {}) };
    },
    ...(!timedByEvent
      ? {
          onResponse: (status: number, body: string, context: Context) => {
            let parsed: unknown;
            if (needsBody(index)) {
              try {
                parsed = JSON.parse(body);
              } catch {
                parsed = undefined;
              }
            }
            if (options.check) {
              const wrong = status !== 200 ? `HTTP ${status}: ${body.slice(0, 300)}` : step.check(parsed);
              if (wrong) {
                failures += 1;
                problem ??= wrong;
              }
            }
            context.previous = parsed;
            if (index === last) latencies.push(performance.now() - context.t0);
          },
        }
      : {}),
  }));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        pipelining: 1,
        requests: requests as unknown as autocannon.Request[],
        initialContext: { n: 0, t0: 0, previous: undefined },
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        failures += result.non2xx + result.errors + result.timeouts;
        resolve({
          operations: latencies.length,
          seconds,
          perSecond: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          failures,
          latencies,
          ...(problem ? { problem } : {}),
        });
      },
    );
    if (timedByEvent) {
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
      });
    }
  });
}

/** The warm-up: every response checked; a scenario that answers with errors is not measured. */
export async function warmUp(url: string, scenario: Scenario, connections: number, seconds: number, headers: Record<string, string>) {
  const result = await run(url, scenario, { connections, seconds, headers, check: true });
  if (result.problem || result.failures > 0) return result.problem ?? `${result.failures} failed requests`;
  return undefined;
}

export function measure(url: string, scenario: Scenario, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  return run(url, scenario, { connections, seconds, headers, check: false });
}
