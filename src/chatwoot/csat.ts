import { pathSegment } from './paths';
import type { RequestOptions } from './requestOptions';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';
import type { CsatSurveyPageRecord } from './types';

/** The template logs and metrics name the survey page read by, whatever the UUID. */
const SURVEY_TEMPLATE = '/survey/responses/:id';

/**
 * The CSAT survey page (`GET /survey/responses/{conversation_uuid}`): a web page Chatwoot serves so a contact can rate
 * a conversation without the app building its own survey. The gateway checks the page is served and hands back its URL.
 */
export class CsatResource {
  constructor(
    private readonly transport: ChatwootTransport,
    /** Chatwoot's base URL, to build the page's absolute address. */
    private readonly baseUrl: string,
  ) {}

  /** Describes the page read without sending it; the UUID is encoded as one path segment. */
  pageCall(conversationUuid: string, options?: RequestOptions | null): UpstreamCall {
    return {
      method: 'GET',
      path: `/survey/responses/${pathSegment(conversationUuid, 'conversationUuid')}`,
      // Spelled out: pathTemplate() keeps a segment that is a plain lower-case word, and the client chooses this one.
      // `:id` is what pathTemplate() gives for a real UUID.
      pathTemplate: SURVEY_TEMPLATE,
      options,
      expectHtml: true,
    };
  }

  /** Fetches the page (so a missing one fails with Chatwoot's status) and returns where it lives. */
  async getPage(context: CallContext, conversationUuid: string, options?: RequestOptions | null): Promise<CsatSurveyPageRecord> {
    const call = this.pageCall(conversationUuid, options);
    await this.transport.send(context, call);
    return { conversationUuid, url: `${this.baseUrl.replace(/\/+$/, '')}${call.path}` };
  }
}
