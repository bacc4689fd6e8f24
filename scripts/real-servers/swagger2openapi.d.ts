// swagger2openapi ships no types; only the promise form of convertObj is used here.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
  }
  interface ConvertResult {
    openapi: object;
    patches?: number;
  }
  const swagger2openapi: { convertObj(swagger: object, options: ConvertOptions): Promise<ConvertResult> };
  export default swagger2openapi;
}
