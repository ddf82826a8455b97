import { run } from './cli';
import { ConfigError } from './config';
import { exitOnSignals } from './lifecycle';

/** `npm start`: run the gateway until SIGTERM or SIGINT, then shut down gracefully (src/lifecycle.ts). */
run(process.env, (line) => console.log(line))
  .then((running) => {
    exitOnSignals(running, { logger: running.gateway.logger });
  })
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `The gateway could not start: ${String(error)}`);
    process.exit(1);
  });
