import { APPLICATION_DEMO } from '../../src/simulator/application';
import { startTestGateway, type TestGateway } from './gateway';

/** The simulator's demo tokens: an administrator and an agent of account 1. */
export const ADMIN = { 'api-access-token': APPLICATION_DEMO.adminToken };
export const AGENT = { 'api-access-token': APPLICATION_DEMO.agentToken };

/** A gateway with the Application API switched on, in front of `chatwootUrl`. */
export function startApplicationGateway(chatwootUrl: string, env: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway(chatwootUrl, { GATEWAY_APPLICATION_API: 'true', ...env });
}
