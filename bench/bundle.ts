/**
 * An entry bundled as `npm run build` bundles the bot (scripts/build.mjs), for a bench's fresh processes: the bench
 * measures what production runs. esbuild itself and `external` are left to node_modules.
 */
export async function bundleAsTheBot(
  entry: string,
  outfile: string,
  external: readonly string[] = [],
): Promise<string> {
  const { build } = await import('esbuild');
  const { BUNDLE_OPTIONS } = await import('../scripts/build.mjs');
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [entry],
    outfile,
    external: [...BUNDLE_OPTIONS.external, 'esbuild', ...external],
  });
  return outfile;
}
