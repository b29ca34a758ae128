import type { IncomingMessage, ServerResponse } from 'node:http';
import { DashboardError, isDashboardError } from './errors';

/** Request bodies are small JSON objects (a control command, a move); anything bigger is refused. */
export const MAX_BODY_BYTES: number = 16 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** The JSON every failed request gets: `{ error: { code, message, details } }` with its status. */
export function sendError(res: ServerResponse, error: unknown): void {
  const known = isDashboardError(error)
    ? error
    : new DashboardError(
        'DASHBOARD_INTERNAL',
        `internal error: ${(error as Error)?.message ?? String(error)}`,
      );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, known.status, {
    error: { code: known.code, message: known.message, details: known.details },
  });
}

/**
 * A request's JSON body: application/json only (a page of another origin cannot send that without
 * a preflight this server never answers), at most MAX_BODY_BYTES, and valid JSON; 415, 413 or 400
 * otherwise.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return Promise.reject(
      new DashboardError(
        'DASHBOARD_UNSUPPORTED_MEDIA',
        `content-type "${type}": expected application/json`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Answer at once; the rest of the body is read and dropped so the client gets the answer.
      req.off('data', onData);
      req.resume();
      reject(
        new DashboardError(
          'DASHBOARD_TOO_LARGE',
          `request body over ${MAX_BODY_BYTES} bytes; requests here are small JSON objects`,
        ),
      );
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(
          new DashboardError(
            'DASHBOARD_BAD_REQUEST',
            `body is not JSON: ${(error as Error).message}`,
          ),
        );
      }
    });
  });
}
