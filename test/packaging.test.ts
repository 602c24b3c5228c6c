// `npm run dist` must package with electron.builder.yml: checked with electron-builder's own schema
// (no download, nothing built), and for what the app needs from it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const root = new URL('../', import.meta.url)
const config = load(readFileSync(new URL('electron.builder.yml', root), 'utf8')) as Record<string, any>
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
}

describe('packaging', () => {
  it('npm run dist names the config file, which electron-builder would not find by itself', () => {
    expect(pkg.scripts.dist).toMatch(/electron-builder (.* )?--config electron\.builder\.yml/)
  })

  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    // And the schema does refuse a wrong one, so the line above means something.
    await expect(validateConfiguration({ ...config, asarUnpak: [] }, new DebugLogger(false))).rejects.toThrow(/asarUnpak/)
  })

  it('keeps every native module and the dataset worker outside the asar archive', () => {
    const unpacked: string[] = config.asarUnpack
    const nativeModules = Object.keys(pkg.dependencies).filter((name) => {
      try {
        require.resolve(`${name}/binding.gyp`)
        return true
      } catch {
        return false
      }
    })
    expect(nativeModules).toContain('keytar')
    for (const name of nativeModules) expect(unpacked).toContain(`node_modules/${name}/**`)
    expect(unpacked).toContain('out/main/dataset-worker.js')
    expect(unpacked).toContain('out/main/chunks/**')
  })

  it('sets the fuses that close Electron’s back doors, and opens account exports', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    expect(config.asar).toBe(true)
    const extensions = (config.fileAssociations as Array<{ ext: string }>).map((a) => a.ext)
    expect(extensions).toContain('jsonl')
  })
})
