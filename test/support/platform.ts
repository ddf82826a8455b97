import { startTestGateway, type TestGateway } from './gateway';

/** A service key the tests' gateways accept (at least 32 characters). */
export const SERVICE_KEY = 'svc-key-for-tests-0123456789abcdef-xyz';
export const SERVICE = { 'x-gateway-service-key': SERVICE_KEY };

/** A gateway with the Platform API on for every Platform field, in front of `chatwootUrl`. */
export function startPlatformGateway(chatwootUrl: string, platformToken: string, env: Record<string, string> = {}): Promise<TestGateway> {
  return startTestGateway(chatwootUrl, {
    GATEWAY_PLATFORM_API: 'true',
    CHATWOOT_PLATFORM_APP_TOKEN: platformToken,
    GATEWAY_SERVICE_KEYS: SERVICE_KEY,
    GATEWAY_PLATFORM_OPERATIONS: '*',
    ...env,
  });
}
