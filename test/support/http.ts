/** A raw HTTP answer: status, headers, text, and the body parsed as JSON when it is JSON. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

/** POSTs a body exactly as given (for documents a test builds by hand, too deep or too large for JSON.stringify). */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return read(response);
}

export async function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return read(await fetch(url, { headers }));
}

async function read(response: Response): Promise<RawResponse> {
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** `{"a":{"a":...{"leaf":leaf}}}` nested `depth` times, as JSON text. */
export function deepJson(depth: number, leaf: string): string {
  return `${'{"a":'.repeat(depth)}${JSON.stringify({ leaf })}${'}'.repeat(depth)}`;
}
