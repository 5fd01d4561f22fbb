import { parse as parseYaml } from 'yaml';
import { ImportError } from './errors.ts';

export function readYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ImportError(file, null, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function readJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, null, `invalid JSON: ${(error as Error).message}`);
  }
}

/** Reads a Markdown file's YAML front matter (between the first two `---` lines). */
export function readFrontMatter(text: string, file: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new ImportError(file, null, 'no YAML front matter');
  return readYaml(match[1]!, file);
}
