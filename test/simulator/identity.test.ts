import { SignJWT } from 'jose';
import { startSimulator, type Simulator } from '../../src/simulator';
import { DEMO_IDENTITY, demoIdentityConfig, demoToken } from '../../src/simulator/identity';
import { startTestGateway, type TestGateway } from '../support/gateway';

describe('simulator: the identity-validated inbox accepts the gateway\'s proof', () => {
  let sim: Simulator;
  let gateway: TestGateway;

  beforeEach(async () => {
    sim = await startSimulator();
    gateway = await startTestGateway(sim.url, {}, { identity: demoIdentityConfig(sim.demo) });
  });
  afterEach(async () => {
    await gateway.close();
    await sim.close();
  });

  const readSecureContact = (headers: Record<string, string>) =>
    gateway.query(
      `query { contact(inboxIdentifier: "${sim.demo.secureInboxIdentifier}", contactIdentifier: "${sim.demo.secureContactIdentifier}") { name email } }`,
      {},
      headers,
    );

  it('reads the contact with the demo token alone, which Chatwoot refuses without a proof', async () => {
    const refused = await readSecureContact({});
    expect(refused.data).toEqual({ contact: null });
    expect(refused.errors?.[0]?.message).toMatch(/identity check/);

    const result = await readSecureContact({ authorization: `Bearer ${await demoToken(sim.demo)}` });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ contact: { name: 'Bob Demo', email: 'bob@example.com' } });
  });

  it('creates a contact whose identifier is the token\'s subject and whose name and e-mail come from its claims', async () => {
    const token = await new SignJWT({ email: 'carol@example.com', name: 'Carol Verified' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-3003')
      .setIssuer(DEMO_IDENTITY.issuer)
      .setAudience(DEMO_IDENTITY.audience)
      .setExpirationTime('5m')
      .sign(Buffer.from(DEMO_IDENTITY.secret));
    const created = await gateway.query(
      `mutation { createContact(inboxIdentifier: "${sim.demo.secureInboxIdentifier}", input: {}) { sourceId name email } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(created.errors).toBeUndefined();
    const contact = (created.data as { createContact: { sourceId: string; name: string; email: string } }).createContact;
    expect(contact).toMatchObject({ name: 'Carol Verified', email: 'carol@example.com' });
    expect([...sim.store.contacts.values()].find((c) => c.email === 'carol@example.com')?.identifier).toBe('user-3003');

    // The proof also passes Chatwoot's check on update, which marks the contact verified in this inbox.
    const updated = await gateway.query(
      `mutation { updateContact(inboxIdentifier: "${sim.demo.secureInboxIdentifier}", contactIdentifier: "${contact.sourceId}", input: { name: "Carol V." }) { name } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateContact: { name: 'Carol V.' } });
  });
});
