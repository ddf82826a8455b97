import type { TracingConfig } from '../config';
import type { Tracing } from './tracing';

/**
 * The gateway's tracing when the configuration turns it on, otherwise null. The OpenTelemetry SDK and its exporters
 * (src/observability/tracing.ts) are loaded only then: loading them costs about 45 MB of memory and a noticeable part
 * of start-up, which a gateway that does not trace should not pay.
 */
export function tracingFor(config: TracingConfig): Tracing | null {
  if (!config.enabled) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy (see above)
  const { startTracing } = require('./tracing') as typeof import('./tracing');
  return startTracing(config);
}
