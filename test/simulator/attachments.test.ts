import { fetch } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { postUpload, type TestFile } from '../support/uploads';

describe('simulator: message attachments through the gateway', () => {
  let sim: Simulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    sim = await startSimulator();
    gateway = await startTestGateway(sim.url);
  });
  afterAll(async () => {
    await gateway.close();
    await sim.close();
  });

  const addr = () => `inboxIdentifier: "${sim.demo.inboxIdentifier}", contactIdentifier: "${sim.demo.contactIdentifier}"`;
  const FIELDS = 'id content messageType attachments { id fileType extension dataUrl thumbUrl fileSize width height }';

  it('stores uploaded files and lists them with the message, each downloadable at its dataUrl', async () => {
    const png: TestFile = { name: 'screenshot.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) };
    const log: TestFile = { name: 'app log.txt', type: 'text/plain', content: Buffer.from('line 1\nline 2\n') };
    const sent = await postUpload(
      gateway.url,
      {
        query: `mutation($input: SendMessageInput!) { sendMessage(${addr()}, displayId: 1, input: $input) { ${FIELDS} } }`,
        variables: { input: { content: 'Here is what I see', attachments: [null, null] } },
      },
      [png, log],
      ['variables.input.attachments.0', 'variables.input.attachments.1'],
    );
    expect(sent.body.errors).toBeUndefined();
    const message = (sent.body.data as { sendMessage: { id: string; attachments: Array<Record<string, unknown>> } }).sendMessage;
    expect(message).toMatchObject({ content: 'Here is what I see', messageType: 'INCOMING' });
    expect(message.attachments).toEqual([
      { id: expect.any(String), fileType: 'image', extension: null, dataUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.+screenshot\.png$/), thumbUrl: expect.any(String), fileSize: 7, width: null, height: null },
      { id: expect.any(String), fileType: 'file', extension: null, dataUrl: expect.stringMatching(/app%20log\.txt$/), thumbUrl: '', fileSize: 14, width: null, height: null },
    ]);

    const listed = await gateway.query<{ conversation: { messages: Array<{ id: string; attachments: unknown[] }> } }>(
      `{ conversation(${addr()}, displayId: 1) { messages { ${FIELDS} } } }`,
    );
    expect(listed.errors).toBeUndefined();
    const again = listed.data!.conversation.messages.find((m) => m.id === message.id);
    expect(again?.attachments).toEqual(message.attachments);

    for (const [index, file] of [png, log].entries()) {
      const download = await fetch(String(message.attachments[index]!.dataUrl));
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(file.type);
      expect(Buffer.from(await download.arrayBuffer()).equals(file.content)).toBe(true);
    }
  });

  it('names the file type by the content type: image, audio, video, else file', async () => {
    const files: TestFile[] = ['image/jpeg', 'audio/ogg', 'video/mp4', 'application/zip'].map((type, i) => ({ name: `f${i}`, type, content: Buffer.from([i]) }));
    const sent = await postUpload(
      gateway.url,
      {
        query: `mutation($input: SendMessageInput!) { sendMessage(${addr()}, displayId: 1, input: $input) { attachments { fileType } } }`,
        variables: { input: { content: '', attachments: [null, null, null, null] } },
      },
      files,
      files.map((_f, i) => `variables.input.attachments.${i}`),
    );
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data).toEqual({ sendMessage: { attachments: [{ fileType: 'image' }, { fileType: 'audio' }, { fileType: 'video' }, { fileType: 'file' }] } });
  });
});
