import type { SimRouter } from './http';

/**
 * `GET /survey/responses/{uuid}`: Chatwoot serves the survey web page, whose script then loads the conversation's
 * survey. The page shell does not depend on the UUID, so the simulator (like Chatwoot, as far as we know) serves it
 * for any value.
 */
export function registerCsatRoutes(router: SimRouter): void {
  router.on('GET', '/survey/responses/:uuid', () => ({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html><head><title>Rate your conversation</title></head><body><div id="app"></div></body></html>',
  }));
}
