import { run } from './cli';
import { ConfigError } from './config';

/** `npm start`: run the gateway until SIGTERM or SIGINT. */
run(process.env, (line) => console.log(line))
  .then((running) => {
    const shutdown = (signal: string) => {
      console.log(`${signal} received, shutting down.`);
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Shutdown failed:', error);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  })
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `The gateway could not start: ${String(error)}`);
    process.exit(1);
  });
