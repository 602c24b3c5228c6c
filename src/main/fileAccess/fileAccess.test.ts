import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appErrorOf } from '../../../test/failures'
import { createMemoryStore } from '../profiles'
import { checkTypedOpenPath, checkTypedSavePath, defaultExportFolder, FileGrants, MAX_RECENT_FILES, RecentFiles } from '.'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-access-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('FileGrants', () => {
  it('issues an opaque handle per grant, logs where (never what), and refuses anything else', () => {
    const lines: string[] = []
    const grants = new FileGrants({ log: (line) => lines.push(line) })
    const read = grants.issue('/data/accounts.jsonl', 'open', 'dialog')
    expect(read.handle).toMatch(/^f-[\w-]{24}$/)
    expect(read.handle).not.toContain('accounts')
    expect(read.name).toBe('accounts.jsonl')
    expect(grants.issue('/data/accounts.jsonl', 'open', 'recent files').handle).toBe(read.handle)
    expect(lines).toEqual(['file access: open /data/accounts.jsonl (dialog)'])

    expect(grants.use(read.handle, 'open').path).toBe('/data/accounts.jsonl')
    expect(() => grants.use(read.handle, 'save')).toThrow('accounts.jsonl was chosen to be read, not written.')
    expect(() => grants.use('f-made-up', 'open')).toThrow('That file was not chosen in this session of the app.')
    expect(() => grants.use('/etc/passwd', 'open')).toThrow('That file was not chosen in this session of the app.')
    const write = grants.issue('/data/out.json', 'save', 'typed path')
    expect(() => grants.use(write.handle, 'open')).toThrow('out.json was chosen to be written, not read.')
    expect(lines[1]).toBe('file access: save /data/out.json (typed path)')
  })
})

describe('checkTypedOpenPath', () => {
  it('grants an absolute path to a regular, readable file, through links', async () => {
    const file = join(dir, 'a.jsonl')
    writeFileSync(file, '{}\n')
    symlinkSync(file, join(dir, 'link.jsonl'))
    expect(await checkTypedOpenPath(` ${file} `)).toBe(file)
    expect(await checkTypedOpenPath(join(dir, 'link.jsonl'))).toBe(file)
  })

  it('refuses what is not a regular, readable file, in plain words', async () => {
    mkdirSync(join(dir, 'folder'))
    execFileSync('mkfifo', [join(dir, 'pipe')])
    const cases: [string, RegExp][] = [
      ['a.jsonl', /^“a\.jsonl” is not a full path/],
      ['../etc/passwd', /is not a full path/],
      [join(dir, 'missing.json'), /: there is no such file\.$/],
      [join(dir, 'folder'), /folder is a folder, not a file this app can read\.$/],
      [join(dir, 'pipe'), /pipe is a named pipe, not a file this app can read\.$/],
      ['/dev/null', /^\/dev\/null is a device, not a file/],
      [`${dir}/a\0b`, /a character no file name can hold/],
    ]
    for (const [typed, message] of cases) {
      const error = await appErrorOf(checkTypedOpenPath(typed))
      expect(error.message, typed).toMatch(message)
      expect(error.hint, typed).toBeTruthy()
    }
  })

  it.skipIf(process.getuid?.() === 0)('refuses a file the person cannot read', async () => {
    const file = join(dir, 'private.json')
    writeFileSync(file, '[]')
    chmodSync(file, 0o200)
    expect((await appErrorOf(checkTypedOpenPath(file))).message).toBe(`Could not open ${file}: permission denied.`)
  })
})

describe('checkTypedSavePath', () => {
  it('puts a bare file name in the export folder and accepts a full path into it', async () => {
    const folder = join(dir, 'exports')
    expect(await checkTypedSavePath('accounts.json', folder)).toBe(join(folder, 'accounts.json'))
    expect(await checkTypedSavePath(join(folder, 'b.csv'), folder)).toBe(join(folder, 'b.csv'))
  })

  it('refuses anything outside the export folder, naming it', async () => {
    const folder = join(dir, 'exports')
    mkdirSync(join(folder, 'sub'), { recursive: true })
    for (const typed of [
      join(dir, 'elsewhere.json'),
      '/etc/cron.d/x',
      'sub/x.json',
      '../x.json',
      '..\\x.json',
      join(folder, 'sub', 'x.json'),
    ]) {
      const error = await appErrorOf(checkTypedSavePath(typed, folder))
      expect(error.kind, typed).toBe('invalid-input')
      expect(error.message, typed).toContain(`Files are saved in ${folder}, the folder chosen for exports.`)
      expect(error.hint, typed).toMatch(/--export-folder DIR/)
    }
    for (const typed of ['.', '..', '']) expect((await appErrorOf(checkTypedSavePath(typed, folder))).message).toMatch(/name/)
    expect((await appErrorOf(checkTypedSavePath('sub', folder))).message).toBe(
      `${join(folder, 'sub')} is a folder; it cannot be replaced by an export.`,
    )
  })

  it('defaults to Downloads when there is one, else a folder of its own in home', async () => {
    expect(await defaultExportFolder(dir)).toBe(join(dir, 'Account Inspector exports'))
    mkdirSync(join(dir, 'Downloads'))
    expect(await defaultExportFolder(dir)).toBe(join(dir, 'Downloads'))
  })
})

describe('RecentFiles', () => {
  it('keeps the newest first, once each, at most ten, and survives a damaged list', () => {
    const store = createMemoryStore()
    let tick = 0
    const recent = new RecentFiles(store, () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)))
    for (let i = 0; i < 12; i++) recent.add(`/data/${i}.json`)
    recent.add('/data/5.json')
    const listed = recent.list()
    expect(listed).toHaveLength(MAX_RECENT_FILES)
    expect(listed.slice(0, 3).map((f) => f.name)).toEqual(['5.json', '11.json', '10.json'])
    expect(listed.filter((f) => f.path === '/data/5.json')).toHaveLength(1)
    expect(JSON.stringify(store.store)).not.toMatch(/token|secret/i)
    store.store = { files: 'nope' }
    expect(new RecentFiles(store).list()).toEqual([])
  })
})
