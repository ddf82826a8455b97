import { BulkOperations, type BulkSettings } from './bulk';
import { type ContactSettings, ContactsResource } from './contacts';
import { ConversationsResource } from './conversations';
import { CsatResource } from './csat';
import { type ApiSwitches, OperationExecutor } from './executor';
import { InboxesResource } from './inboxes';
import { MessagesResource } from './messages';
import { ChatwootTransport, type TransportSettings } from './transport';

/**
 * The Chatwoot adapter: one object per gateway, holding the transport and one object per upstream resource.
 * It knows nothing of GraphQL; every method takes the caller's CallContext and returns plain data.
 */
export class ChatwootClient {
  readonly transport: ChatwootTransport;
  readonly contacts: ContactsResource;
  readonly bulk: BulkOperations;
  readonly inboxes: InboxesResource;
  readonly conversations: ConversationsResource;
  readonly messages: MessagesResource;
  readonly csat: CsatResource;
  /** Runs the declared operations of the Application and Platform APIs (src/chatwoot/operations/). */
  readonly operations: OperationExecutor;

  constructor(settings: TransportSettings & BulkSettings & ContactSettings & Partial<ApiSwitches>) {
    this.transport = new ChatwootTransport(settings);
    this.contacts = new ContactsResource(this.transport, settings);
    this.bulk = new BulkOperations(this.transport, this.contacts, settings);
    this.inboxes = new InboxesResource(this.transport);
    this.conversations = new ConversationsResource(this.transport);
    this.messages = new MessagesResource(this.transport);
    this.csat = new CsatResource(this.transport, settings.baseUrl);
    // Deny by default: an API the settings do not switch on is refused.
    this.operations = new OperationExecutor(this.transport, {
      applicationApi: settings.applicationApi === true,
      platformApi: settings.platformApi === true,
    });
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.transport.close();
  }
}
