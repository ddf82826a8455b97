/**
 * The public entry of chatwoot-graphql-gateway: load the configuration, start the gateway, and the error-code
 * catalogue clients switch on. Everything else is internal.
 */
export { loadConfig, ConfigError, type GatewayConfig } from './config';
export { startGateway, GRAPHQL_PATH, type Gateway, type GatewayOptions } from './gateway';
export { ErrorCode, ERROR_CODES } from './errors';
export { startSimulator, DEMO, type Simulator, type DemoData } from './simulator';
export { VERSION } from './version';
export type { IdentityService, ProvenIdentity } from './identity/service';
export type { IdentityRefusal } from './identity/errors';
