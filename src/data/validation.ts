import type { z } from 'zod';

/** A problem in one file, naming the file and, where known, the field. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    readonly detail: string,
  ) {
    super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
  }
}

export type FileErrorClass = new (file: string, field: string | null, detail: string) => FileError;

/** Formats a zod issue path against the file's own data, e.g. keps.json [12] (KEP-3836) .milestones.beta */
export function describeIssuePath(issuePath: readonly PropertyKey[], data: unknown): string {
  let label = '';
  let node: unknown = data;
  for (const key of issuePath) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      const record = node as { number?: unknown; version?: unknown } | undefined;
      const name =
        record?.number != null
          ? `KEP-${String(record.number)}`
          : record?.version != null
            ? String(record.version)
            : null;
      label += name ? `[${key}] (${name})` : `[${key}]`;
    } else {
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
      label += `.${String(key)}`;
    }
  }
  return label.replace(/^\./, '') || '(root)';
}

/**
 * Validates `data` with `schema`, or throws `ErrorClass` naming `file` and the first bad field.
 * `at` is where `data` sits inside `root` (the whole file), so the field is named from the file's top.
 */
export function validateWith<T extends z.ZodType>(
  schema: T,
  data: unknown,
  file: string,
  ErrorClass: FileErrorClass,
  { at = [], root = data }: { at?: readonly PropertyKey[]; root?: unknown } = {},
): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ErrorClass(file, describeIssuePath([...at, ...issue.path], root), issue.message);
}
