// Sizes: every shipped bundle with its gzip size, and the add-on's Code.js (the file users paste
// into Apps Script by hand, issue 17 #7) as shipped (minified) and readable, with its bytes by source
// (esbuild's metafile: an npm package, or a folder of this repository).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {bundleSizes} from './memory';

export interface BundleSize {
  file: string;
  bytes: number;
  /** gzip -9 of the file: what a download costs; the pasted text is `bytes`. */
  gzipBytes: number;
}

export interface AddOnBuild {
  bytes: number;
  gzipBytes: number;
  bySource: {source: string; bytes: number}[];
}

export interface SizesSection {
  bundles: BundleSize[];
  /** Code.js as `npm run gas:build` writes it (minified) and with LEAD_ROUTING_READABLE=on; null when not built here. */
  addOn: {shipped: AddOnBuild; readable: AddOnBuild} | null;
}

/** Builds Code.js into a temporary folder (apps-script/build.mjs with `readable`), as run.mjs supplies it. */
export type BuildAddOn = (readable: boolean) => Promise<{code: string; bySource: {source: string; bytes: number}[]}>;

export const gzipSize = (data: string | Buffer): number => zlib.gzipSync(data, {level: 9}).length;

export async function runSizes(root: string, buildAddOn: BuildAddOn | null): Promise<SizesSection> {
  const bundles = bundleSizes(root).map(b => ({...b, gzipBytes: gzipSize(fs.readFileSync(path.join(root, b.file)))}));
  let addOn: SizesSection['addOn'] = null;
  if (buildAddOn) {
    const one = async (readable: boolean): Promise<AddOnBuild> => {
      const {code, bySource} = await buildAddOn(readable);
      return {bytes: Buffer.byteLength(code), gzipBytes: gzipSize(code), bySource};
    };
    addOn = {shipped: await one(false), readable: await one(true)};
  }
  return {bundles, addOn};
}
