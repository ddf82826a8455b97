import { createLogger, type Logger } from '../../src/observability/logger';
import type { LogLevel } from '../../src/config';

/** Log lines a test captured, parsed, plus the raw text for "this secret appears nowhere" checks. */
export interface CapturedLogs {
  readonly lines: Array<Record<string, unknown>>;
  /** Every line as written, joined. */
  text(): string;
  clear(): void;
}

/** A logger built by the gateway's own factory (same redaction and serializers) that writes into memory. */
export function captureLogs(level: LogLevel = 'debug'): { logger: Logger; logs: CapturedLogs } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const destination = {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  return {
    logger: createLogger({ level, destination }),
    logs: {
      lines,
      text: () => raw.join(''),
      clear() {
        raw.length = 0;
        lines.length = 0;
      },
    },
  };
}

type UpstreamLine = Record<string, unknown> & { upstream: Record<string, unknown> };

/**
 * Every logged upstream call, in order, one entry each: the calls listed on a GraphQL request's line (each with that
 * line's level and requestId) and the calls logged on lines of their own.
 */
export function upstreamLines(logs: CapturedLogs): UpstreamLine[] {
  return logs.lines.flatMap((line): UpstreamLine[] => {
    if (line.msg === 'upstream call') return [line as UpstreamLine];
    if (line.msg !== 'graphql request' || !Array.isArray(line.upstream)) return [];
    return (line.upstream as Array<Record<string, unknown>>).map((upstream) => ({ level: line.level, requestId: line.requestId, upstream }));
  });
}
