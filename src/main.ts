import { run } from './cli';
import { ConfigError } from './config';
import { exitOnSignals } from './lifecycle';

/** `npm start`: run the gateway until SIGTERM or SIGINT, then shut down gracefully (src/lifecycle.ts). */
run(process.env, (line) => console.log(line))
  .then((running) => {
    const { logger } = running.gateway;
    exitOnSignals(running, { logger });
    // A failure nothing caught ends the process; its fatal line is flushed synchronously first (src/observability/logger.ts).
    process.on('uncaughtException', (error: unknown) => {
      logger.fatal({ err: error }, 'uncaught exception, exiting');
      process.exit(1);
    });
  })
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `The gateway could not start: ${String(error)}`);
    process.exit(1);
  });
