import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, whether running from src/ via tsx or from a bundle one level deeper. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The dataset the project ships. */
export const BUNDLED_DATA_DIR = path.join(REPO_ROOT, 'data');
