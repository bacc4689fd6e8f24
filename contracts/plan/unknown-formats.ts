/**
 * The formats JSON Schema (2020-12) and OpenAPI define. A value of any other format (`url`,
 * `phone`) cannot be judged by the contract's words alone, so the validator lets it through and
 * the run says so once per format.
 */
const DEFINED = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'binary',
  'password',
]);

/** Every `format` the document's schemas use that JSON Schema and OpenAPI do not define, sorted. */
export function unknownFormats(document: unknown): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const format = (node as { format?: unknown }).format;
    if (typeof format === 'string' && !DEFINED.has(format)) found.add(format);
    for (const value of Object.values(node)) walk(value);
  };
  walk(document);
  return [...found].sort();
}

/** One note per unknown format, for the run's notes. */
export function unknownFormatNotes(document: unknown, specFile: string): string[] {
  return unknownFormats(document).map(
    (format) =>
      `${specFile} uses format "${format}", which JSON Schema and OpenAPI do not define: values of that format are not judged.`,
  );
}
