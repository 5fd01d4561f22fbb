// Types for scripts/build.mjs (plain JavaScript, so that `npm start` needs no TypeScript loader).
import type { BuildOptions } from 'esbuild';

export const BUNDLE_EXTERNAL: string[];
export const BUNDLE_BANNER: string;
export const BUNDLE_OPTIONS: BuildOptions & { external: string[] };
export function buildBundle(outdir?: string): Promise<void>;
