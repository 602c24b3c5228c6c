// Where the dataset worker's code is: the one place that knows how the app is being run.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface WorkerStart {
  /** What to hand to `new Worker()`. */
  script: URL
  /** How it was found, for diagnostics and the benchmark's report. */
  kind: 'built' | 'source'
}

/**
 * Built (out/main/*.js): the bundled `dataset-worker.js` beside the main bundle (or one folder
 * up, when the calling code landed in a shared chunk). From TypeScript sources (vitest, tsx):
 * `worker.ts`, started through a bootstrap that registers tsx first, because Node 20 doesn't
 * apply `--import tsx` from a worker's execArgv to the worker's own entry module.
 */
export function datasetWorkerStart(moduleUrl: string = import.meta.url): WorkerStart {
  if (moduleUrl.endsWith('.ts')) {
    // require.resolve finds the package's CommonJS build; its ESM twin (what `import` would load) sits beside it.
    const tsxApi = createRequire(fileURLToPath(moduleUrl))
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs')
    const tsx = pathToFileURL(tsxApi).href
    const entry = new URL('./worker.ts', moduleUrl).href
    const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)})`
    return { script: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), kind: 'source' }
  }
  const candidates = [new URL('./dataset-worker.js', moduleUrl), new URL('../dataset-worker.js', moduleUrl)]
  const found = candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]
  return { script: unpacked(found), kind: 'built' }
}

/** In the packaged app the worker ships outside the asar archive (electron.builder.yml's asarUnpack). */
function unpacked(url: URL): URL {
  if (!url.pathname.includes('/app.asar/')) return url
  const outside = new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'))
  return existsSync(fileURLToPath(outside)) ? outside : url
}
