// The bundled example dump, imported as text (esbuild's `text` loader, see playground/build.mjs).
declare module '*.yaml' {
  const text: string;
  export default text;
}
