/** The server's JSON API, with the access token the page was opened with (if any). */

const token = new URLSearchParams(location.search).get('token');

export function apiUrl(path: string): string {
  if (token === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** An answer the server refused: its code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { error?: { code: string; message: string } };
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body.error?.code ?? 'HTTP',
      body.error?.message ?? response.statusText,
    );
  }
  return body;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(apiUrl(path)));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** An error as the page shows it: the server's code and message, or the browser's. */
export function describeError(error: unknown): string {
  return error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
}
