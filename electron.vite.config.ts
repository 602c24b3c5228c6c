import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { withPageCsp } from './src/shared/csp'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The desktop app's main process.
          index: resolve('src/main/index.ts'),
          // The same handlers behind a loopback HTTP host, for plain Chromium.
          web: resolve('src/main/web.ts'),
          // The Kibo emulator on its own.
          emulator: resolve('src/main/emulatorCli.ts'),
          // Parses opened files off the main thread.
          'dataset-worker': resolve('src/main/datasets/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // The renderer's root is src/renderer, so name the project's Svelte config outright.
    plugins: [
      svelte({ configFile: resolve('svelte.config.js') }),
      // The Content-Security-Policy meta tag, from the one policy the browser host also sends.
      { name: 'content-security-policy', transformIndexHtml: { order: 'pre', handler: withPageCsp } },
    ],
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
})
