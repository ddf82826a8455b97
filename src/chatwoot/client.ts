import { BulkOperations, type BulkSettings } from './bulk';
import { ContactsResource } from './contacts';
import { ChatwootTransport, type TransportSettings } from './transport';

/**
 * The Chatwoot adapter: one object per gateway, holding the transport and one object per upstream resource.
 * It knows nothing of GraphQL; every method takes the caller's CallContext and returns plain data.
 */
export class ChatwootClient {
  readonly transport: ChatwootTransport;
  readonly contacts: ContactsResource;
  readonly bulk: BulkOperations;

  constructor(settings: TransportSettings & BulkSettings) {
    this.transport = new ChatwootTransport(settings);
    this.contacts = new ContactsResource(this.transport);
    this.bulk = new BulkOperations(this.transport, this.contacts, settings);
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.transport.close();
  }
}
