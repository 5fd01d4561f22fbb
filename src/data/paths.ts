import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceRoot = path.resolve(here, '..', '..');

/** The repository root, whether running from src/ via tsx or compiled into dist/src/ (`npm run build`). */
export const REPO_ROOT = path.basename(sourceRoot) === 'dist' ? path.dirname(sourceRoot) : sourceRoot;

/** The dataset the project ships. */
export const BUNDLED_DATA_DIR = path.join(REPO_ROOT, 'data');
