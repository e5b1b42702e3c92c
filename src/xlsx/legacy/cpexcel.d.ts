/** SheetJS's code page tables, reached through the package's export map (which moduleResolution "node" does not read). */
declare module "@e965/xlsx/dist/cpexcel.full" {
  const cptable: unknown;
  export default cptable;
}
