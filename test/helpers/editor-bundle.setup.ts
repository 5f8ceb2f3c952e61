/**
 * Vitest global setup: the staff editor's script is built from source once per run, so the app
 * under test serves the current code (`npm start` builds it the same way through `npm run build`).
 */
import { buildEditorBundle } from '../../scripts/editor-bundle.js'

export default async function setup() {
  await buildEditorBundle()
}
