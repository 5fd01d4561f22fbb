// Types for scripts/build.mjs (plain JavaScript, so that `npm start` needs no TypeScript loader).
export const BUNDLE_EXTERNAL: string[];
export const BUNDLE_BANNER: string;
export function buildBundle(): Promise<void>;
