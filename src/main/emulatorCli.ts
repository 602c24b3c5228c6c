// The Kibo emulator on its own: `node out/main/emulator.js --port 0 --accounts 1000 --seed 7`.
// Runs until SIGINT or SIGTERM. Bad arguments exit with status 2.
import { parseCliArgs, usage } from './emulator/cliArgs'
import { DEMO_CLIENT, startEmulator } from './emulator/index'

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2))
  if (!parsed.ok) {
    process.stderr.write(`emulator: ${parsed.message}\n\n${usage}\n`)
    process.exit(2)
  }
  if (parsed.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const emu = await startEmulator(parsed.options)
  const info = { url: emu.url, tenant: emu.tenant, site: emu.site, clientId: DEMO_CLIENT.clientId }
  if (parsed.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`)
  } else {
    process.stdout.write(
      [
        `Kibo emulator listening at ${emu.url}`,
        `  tenant ${emu.tenant}, site ${emu.site}, ${emu.data.accounts.length} accounts, ${emu.data.carts.length} carts`,
        `  demo client id: ${DEMO_CLIENT.clientId} (its secret is DEMO_CLIENT in src/main/emulator/index.ts)`,
        `Press Ctrl+C to stop.`,
        '',
      ].join('\n'),
    )
  }
  let closing = false
  const stop = (): void => {
    if (closing) return
    closing = true
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: could not start: ${(e as Error).message}\n`)
  process.exit(1)
})
