/**
 * SVG to PNG in plain WebAssembly (resvg), for the Word report: Word needs a PNG beside each SVG for
 * the versions that cannot draw SVG. No native module and no system fonts: the text is set in Arimo
 * (metrically the same as Arial, which the charts ask for), shipped as an npm package.
 *
 *   const png = await svgToPng(xmrSvgMarkup(chart, { id, title }), { width: 1440 });
 *
 * In a Lambda bundle, keep `@resvg/resvg-wasm` and `@expo-google-fonts/arimo` as node modules (or
 * give `loadAssets` the bytes another way): the .wasm and .ttf files are read from them at run time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);

export interface RasterAssets {
  wasm: Uint8Array;
  fonts: Uint8Array[];
}

const ASSETS = ['@resvg/resvg-wasm/index_bg.wasm', '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf', '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'];

/**
 * The wasm module and the fonts, from node_modules; in a Lambda, from beside the bundle (the stack
 * copies them there: ./beside-bundle.json).
 */
export async function loadAssets(): Promise<RasterAssets> {
  const where = (asset: string) => {
    try {
      return require.resolve(asset);
    } catch {
      return fileURLToPath(new URL(`./${asset.split('/').at(-1)}`, import.meta.url));
    }
  };
  const [wasm, regular, bold] = await Promise.all(ASSETS.map((asset) => readFile(where(asset))));
  return { wasm: wasm!, fonts: [regular!, bold!] };
}

let ready: Promise<Uint8Array[]> | undefined;

/** Starts the wasm module once per process (a second initWasm throws), keeping the fonts for every render. */
function start(assets: () => Promise<RasterAssets>): Promise<Uint8Array[]> {
  ready ??= assets().then(async ({ wasm, fonts }) => {
    await initWasm(wasm);
    return fonts;
  });
  ready.catch(() => (ready = undefined));
  return ready;
}

/** Renders an SVG document to PNG bytes, `width` pixels wide (the height follows the SVG's shape). */
export async function svgToPng(svg: string, options: { width?: number; assets?: () => Promise<RasterAssets> } = {}): Promise<Uint8Array> {
  const fonts = await start(options.assets ?? loadAssets);
  const renderer = new Resvg(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: '#ffffff',
    font: { fontBuffers: fonts, defaultFontFamily: 'Arimo', sansSerifFamily: 'Arimo' },
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
