/**
 * Hono's JSX keeps the values of `createContext` per render in an `AsyncLocalStorage` when the
 * runtime has one. On Node 20 the first page render then turns on async hooks for the whole
 * process, and from then on every promise and socket of every request calls into them: a kept
 * page or feed answered from memory cost about 80 µs of server CPU instead of about 57 µs
 * (`npm run bench -- feeds`, same run), and every other request paid likewise.
 *
 * Our components are all synchronous, and for synchronous renders Hono's own fallback (a store
 * held only while the render runs) is exact. Hono looks for `AsyncLocalStorage` once, at the
 * first render or context read; the Node service makes that lookup now and lets it find none.
 * Should a component ever await before reading a context, it would get the context's default:
 * keep components synchronous (data is loaded before rendering, in the routes).
 */
import { createContext, useContext } from 'hono/jsx'

export function keepJsxRendersOffAsyncHooks(): void {
  const original = process.getBuiltinModule
  if (typeof original !== 'function') return
  process.getBuiltinModule = ((id: string) =>
    id === 'node:async_hooks' || id === 'async_hooks'
      ? undefined
      : original.call(process, id)) as typeof process.getBuiltinModule
  try {
    // Reading a context outside a render makes Hono look for its storage, once per process.
    useContext(createContext(undefined))
  } finally {
    process.getBuiltinModule = original
  }
}
