import type { ChatwootClient } from '../chatwoot/client';
import type { IdentityProof } from '../chatwoot/contacts';
import type { RequestOptions } from '../chatwoot/requestOptions';
import type { CallContext } from '../chatwoot/transport';
import { ErrorCode } from '../errors';
import type { RealtimeMetrics } from '../observability/realtimeMetrics';
import { type AccountEventRecord, accountResync, toAccountEvent } from './accountEvents';
import type { CableEvent, CableParams } from './actionCable';
import type { BridgeHandle, RealtimeBridge } from './bridge';
import { type ContactScope, contactResync, type ConversationEventRecord, type DropReason, toConversationEvent } from './contactEvents';
import { RealtimeRefusal } from './errors';
import { EventStream } from './eventStream';
import { agentParams, contactParams } from './principals';

export interface RealtimeServiceSettings {
  readonly chatwoot: ChatwootClient;
  readonly bridge: RealtimeBridge;
  readonly metrics: RealtimeMetrics;
  /** GATEWAY_APPLICATION_API: the agent side is refused when off. */
  readonly applicationEnabled: boolean;
  /** Events one subscriber may have waiting before its backlog is replaced by a RESYNC. */
  readonly maxBuffered?: number;
}

/** The contact subscription's arguments, as the resolver passes them. */
export interface ConversationEventsRequest extends ContactScope {
  readonly proof: IdentityProof;
  readonly options?: RequestOptions | null;
}

/**
 * What the Subscription resolvers call: finds the principal (nothing is subscribed upstream before it is known),
 * attaches a stream to the bridge and maps each upstream event for its audience.
 */
export class RealtimeService {
  constructor(private readonly settings: RealtimeServiceSettings) {}

  /** The contact's events, optionally of one conversation. */
  async conversationEvents(call: CallContext, request: ConversationEventsRequest): Promise<AsyncIterableIterator<ConversationEventRecord>> {
    const { inboxIdentifier, contactIdentifier, displayId } = request;
    const scope: ContactScope = { inboxIdentifier, contactIdentifier, displayId };
    const params = await contactParams(this.settings.chatwoot, call, scope, request.proof, request.options);
    return this.attach(params, 'contact', () => contactResync(scope), (event) => toConversationEvent(event, scope));
  }

  /** An agent's events of one account. */
  async accountEvents(call: CallContext, accountId: string): Promise<AsyncIterableIterator<AccountEventRecord>> {
    if (!this.settings.applicationEnabled) {
      throw new RealtimeRefusal(
        'accountEvents is part of the Application API, which this gateway does not serve (GATEWAY_APPLICATION_API=false).',
        ErrorCode.FORBIDDEN,
        'api_disabled',
      );
    }
    const params = await agentParams(this.settings.chatwoot, call, accountId);
    return this.attach(params, 'agent', () => accountResync(params.accountId), (event) => toAccountEvent(event, params.accountId));
  }

  private async attach<T>(
    params: CableParams,
    audience: 'contact' | 'agent',
    resync: () => T,
    map: (event: CableEvent) => T | DropReason,
  ): Promise<EventStream<T>> {
    const { metrics, bridge } = this.settings;
    let handle: BridgeHandle | undefined;
    let closed = false;
    const stream = new EventStream<T>({
      maxBuffered: this.settings.maxBuffered ?? 100,
      overflow: resync,
      onDropped: (count) => metrics.eventsDropped.inc({ reason: 'overflow' }, count),
      onClose: () => {
        closed = true;
        handle?.release();
      },
    });
    handle = await bridge.subscribe(params, {
      onEvent: (event) => {
        const mapped = map(event);
        if (typeof mapped === 'string') {
          metrics.eventsDropped.inc({ reason: mapped });
          return;
        }
        metrics.eventsDelivered.inc({ audience });
        stream.push(mapped);
      },
      onResync: () => stream.push(resync()),
      onEnd: (error) => stream.end(error),
    });
    // Ended while Chatwoot was confirming (shutdown): let go at once.
    if (closed) handle.release();
    return stream;
  }
}
