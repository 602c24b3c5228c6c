// Focus handling shared by every dialog (through Modal.svelte), and unique ids for their labels.
const focusable =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * Keeps Tab inside a modal dialog, puts focus on its `[data-autofocus]` element (else the first
 * focusable one) and gives focus back to whatever had it before, once the dialog goes away.
 * Shared by every modal of the app: ConfirmDialog, ProfileEditor, CommandPalette.
 */
export function trapFocus(node: HTMLElement) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  const items = () => [...node.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.getClientRects().length > 0)
  const initial = node.querySelector<HTMLElement>('[data-autofocus]') ?? items()[0] ?? node
  initial.focus()

  function keydown(event: KeyboardEvent) {
    if (event.key !== 'Tab' || event.defaultPrevented) return
    const list = items()
    if (list.length === 0) {
      event.preventDefault()
      return
    }
    const first = list[0]
    const last = list[list.length - 1]
    const at = document.activeElement
    if (event.shiftKey && (at === first || !node.contains(at))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (at === last || !node.contains(at))) {
      event.preventDefault()
      first.focus()
    }
  }
  node.addEventListener('keydown', keydown)
  return {
    destroy() {
      node.removeEventListener('keydown', keydown)
      // Only when the opener is still on the page: a deleted row cannot take focus back.
      if (opener && opener.isConnected) queueMicrotask(() => opener.focus())
    },
  }
}

let nextId = 0
/** A unique id per dialog instance, for aria-labelledby. */
export const dialogId = (prefix: string) => `${prefix}-${++nextId}`
