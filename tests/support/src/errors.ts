/** The `code` of what `action` throws, 'no error' when it does not throw. */
export function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return describeCode(error);
  }
  return 'no error';
}

/** The `code` of what `action` rejects with, 'no error' when it resolves. */
export async function asyncCodeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return describeCode(error);
  }
  return 'no error';
}

function describeCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : `no code: ${String(error)}`;
}
