// A structural check of the SVG documents the CLI writes, for tests (no XML parser dependency).

/** A start, end or empty-element tag with double-quoted attributes. */
const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*="[^"<]*")*)\s*(\/?)>/g;

/** Element names in document order; throws unless the tags nest, close and quote attributes. */
export function svgElements(svg: string): string[] {
  const names: string[] = [];
  const open: string[] = [];
  const text = svg.trim();
  if (!text.startsWith('<svg ') || !text.endsWith('</svg>'))
    throw new Error('not one <svg> element');
  for (const [, close, name, , selfClosing] of text.matchAll(TAG)) {
    if (close) {
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      names.push(name!);
      if (!selfClosing) open.push(name!);
    }
  }
  const stripped = text.replace(TAG, '');
  if (/[<>]/.test(stripped)) throw new Error('a tag that does not parse, or an unescaped < or >');
  if (open.length > 0) throw new Error(`unclosed: ${open.join(', ')}`);
  return names;
}
