import { APPLICATION_DEMO } from '../../src/simulator/application';
import { startSimulator, type Simulator } from '../../src/simulator';
import { startTestGateway, type TestGateway } from './gateway';

/** The simulator's demo tokens: an administrator and an agent of account 1. */
export const ADMIN = { 'api-access-token': APPLICATION_DEMO.adminToken };
export const AGENT = { 'api-access-token': APPLICATION_DEMO.agentToken };

/** A gateway with the Application API switched on, in front of `chatwootUrl`. */
export function startApplicationGateway(chatwootUrl: string, env: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway(chatwootUrl, { GATEWAY_APPLICATION_API: 'true', ...env });
}

/** The embedded simulator and an Application API gateway in front of it, started before and closed after a suite. */
export interface SimulatedApplication {
  readonly simulator: Simulator;
  readonly gateway: TestGateway;
}

/** Registers the suite's beforeAll/afterAll that start and close a simulator and its gateway (`env` for the gateway). */
export function useApplicationSimulator(env: Record<string, string> = {}): SimulatedApplication {
  const running: { simulator?: Simulator; gateway?: TestGateway } = {};
  beforeAll(async () => {
    running.simulator = await startSimulator();
    running.gateway = await startApplicationGateway(running.simulator.url, env);
  });
  afterAll(async () => {
    await running.gateway?.close();
    await running.simulator?.close();
  });
  return {
    get simulator() {
      return running.simulator!;
    },
    get gateway() {
      return running.gateway!;
    },
  };
}
