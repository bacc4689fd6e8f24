// The memory limiter alone, imported by its file: the package's index also loads its cluster and
// database limiters, which need Node's modules and would weigh on the browser's bundle.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  const RateLimiterMemory: typeof import('rate-limiter-flexible').RateLimiterMemory;
  export default RateLimiterMemory;
}
