// opencc-js ships its dictionaries as ES modules without types: each default-exports one string,
// "traditional simplified[ simplified2 …]|…".
declare module 'opencc-js/dict/*' {
  const table: string;
  export default table;
}
