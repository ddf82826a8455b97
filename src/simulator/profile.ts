import type { SimRouter } from './http';
import { ACCOUNT_ID, type SimulatorStore } from './store';

/**
 * `GET /api/v1/profile` of the Application API, as far as realtime needs it: the user behind the `api_access_token`
 * header, with its id, pubsub token and accounts (the user partial). 401 with Devise's message otherwise.
 */
export function registerProfileRoutes(router: SimRouter, store: SimulatorStore): void {
  router.on('GET', '/api/v1/profile', (req) => {
    const header = req.headers['api-access-token'] ?? req.headers['api_access_token'];
    const token = Array.isArray(header) ? header[0] : header;
    const agent = store.agents.find((a) => a.accessToken === token);
    if (!agent) return { status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } };
    return {
      status: 200,
      body: {
        id: agent.id,
        name: agent.name,
        available_name: agent.name,
        email: agent.email,
        pubsub_token: agent.pubsubToken,
        role: 'administrator',
        account_id: ACCOUNT_ID,
        accounts: [{ id: ACCOUNT_ID, name: 'Demo account', role: 'administrator', active_at: null }],
      },
    };
  });
}
